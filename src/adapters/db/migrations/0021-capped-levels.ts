import { type Kysely, sql } from 'kysely';
import { columnTypes, dialectOf } from './column-types.js';

/**
 * The cap-at-checkout mode (docs/product.md#modes):
 * - `items.capped_level`: the inventory level BigCommerce holds for the item as far as the app knows
 *   (the units still sellable after the changes it has processed); each change writes BigCommerce the
 *   difference to the new sellable units, never an absolute level that could overwrite a sale
 *   BigCommerce made meanwhile.
 * - `level_echoes`: the relative adjustments the app sent, so that the inventory webhook each one causes
 *   is recognised as the app's own and not taken as someone else's stock movement.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(dialectOf(db));
  await db.schema.alterTable('items').addColumn('capped_level', 'integer').execute();
  await db.schema
    .createTable('level_echoes')
    .addColumn('id', t.id, t.identity)
    .addColumn('store_id', t.ref, (c) => c.notNull().references('stores.id').onDelete('cascade'))
    .addColumn('item_id', t.ref, (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull().check(sql`method in ('relative', 'absolute')`))
    .addColumn('value', 'integer', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('level_echoes_by_item')
    .on('level_echoes')
    .columns(['store_id', 'item_id', 'method', 'value'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('level_echoes').execute();
  await db.schema.alterTable('items').dropColumn('capped_level').execute();
}
