import { type Kysely, sql } from 'kysely';
import { columnTypes, dialectOf } from './column-types.js';

/**
 * Re-evaluations of a store's items after its switch condition changed (docs/product.md#settings):
 * one row per change, worked by the `settings.reevaluate` job in item id order. It records the last
 * item looked at (`cursor`), so a job that dies part-way resumes after it; each item's change carries
 * its own idempotency key, so repeating a page writes nothing twice.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(dialectOf(db));
  await db.schema
    .createTable('settings_reevaluations')
    .addColumn('id', t.id, t.identity)
    .addColumn('store_id', t.ref, (c) => c.notNull().references('stores.id').onDelete('cascade'))
    .addColumn('switch_condition', 'integer', (c) => c.notNull())
    .addColumn('ref', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('total_items', 'integer', (c) => c.notNull())
    .addColumn('done_items', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('changed_items', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('cursor', t.ref)
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('error', 'text')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addColumn('finished_at', t.timestamp)
    .addCheckConstraint(
      'settings_reevaluations_status_check',
      sql`status in ('running', 'done', 'failed', 'superseded')`,
    )
    .execute();
  await db.schema
    .createIndex('settings_reevaluations_by_store')
    .on('settings_reevaluations')
    .columns(['store_id', 'id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('settings_reevaluations').execute();
}
