import type { Kysely } from 'kysely';
import { columnTypes, dialectOf } from './column-types.js';

/**
 * `catalog_echoes` (issue 12): the product writes the app sent to BigCommerce, so that the
 * `store/product/updated` webhook each one causes is recognised as the app's own and not re-read.
 * Short-lived rows: taken by their webhook, or forgotten after the echo window.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(dialectOf(db));
  await db.schema
    .createTable('catalog_echoes')
    .addColumn('id', t.id, t.identity)
    .addColumn('store_id', t.ref, (c) => c.notNull().references('stores.id').onDelete('cascade'))
    .addColumn('bc_product_id', 'integer', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('catalog_echoes_by_product')
    .on('catalog_echoes')
    .columns(['store_id', 'bc_product_id', 'created_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('catalog_echoes').execute();
}
