import { type Kysely, sql } from 'kysely';
import { columnTypes, dialectOf } from './column-types.js';

/**
 * Mode moves (docs/product.md#moving-between-modes): one row per move of a store's assigned items from
 * one inventory mode to another. The move works through the store's assigned products in id order and
 * records the last one done (`cursor`), so a move that dies part-way resumes after it; each product's
 * conversion is made of absolute writes, harmless to repeat.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(dialectOf(db));
  await db.schema
    .createTable('mode_moves')
    .addColumn('id', t.id, t.identity)
    .addColumn('store_id', t.ref, (c) => c.notNull().references('stores.id').onDelete('cascade'))
    .addColumn('from_mode', 'text', (c) => c.notNull())
    .addColumn('to_mode', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('total_products', 'integer', (c) => c.notNull())
    .addColumn('done_products', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('cursor', t.ref)
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('error', 'text')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addColumn('finished_at', t.timestamp)
    .addCheckConstraint('mode_moves_status_check', sql`status in ('running', 'done', 'failed')`)
    .execute();
  await db.schema.createIndex('mode_moves_by_store').on('mode_moves').columns(['store_id', 'id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('mode_moves').execute();
}
