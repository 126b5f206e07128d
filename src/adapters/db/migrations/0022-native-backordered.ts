import type { Kysely } from 'kysely';

/**
 * BigCommerce's native backorders mode (docs/product.md#modes): `items.native_backordered` is the item's
 * "Qty Backordered" in BigCommerce as far as the app knows (what it read at assignment, plus what each
 * order backordered there, minus what the app gave back). The backorder limit the app writes is counted
 * from it: BigCommerce allows backorders while its quantity backordered is below the limit.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('items').addColumn('native_backordered', 'integer').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('items').dropColumn('native_backordered').execute();
}
