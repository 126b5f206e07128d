import type { Kysely } from 'kysely';
import { columnTypes, dialectOf } from './column-types.js';

/**
 * How the app runs each store's stock (docs/product.md#modes): `emulated` (tracking off in BigCommerce,
 * stock kept in the app — every store until now), `capped` (tracking on, BigCommerce holds the units
 * still sellable, so checkout refuses what would pass the threshold) or `native` (BigCommerce's own
 * backorders, beta). And what the app last learnt of the store's native backorders: null until checked.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(dialectOf(db));
  await db.schema
    .alterTable('settings')
    .addColumn('inventory_mode', 'text', (c) => c.notNull().defaultTo('emulated'))
    .execute();
  await db.schema.alterTable('stores').addColumn('native_backorders', t.bool).execute();
  await db.schema.alterTable('stores').addColumn('native_backorders_checked_at', t.timestamp).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('stores').dropColumn('native_backorders_checked_at').execute();
  await db.schema.alterTable('stores').dropColumn('native_backorders').execute();
  await db.schema.alterTable('settings').dropColumn('inventory_mode').execute();
}
