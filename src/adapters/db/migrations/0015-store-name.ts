import type { Kysely } from 'kysely';

/**
 * Stores remember their name as BigCommerce gives it (store information, read at install), so the
 * merchant's emails can name the store rather than its hash. Null until the next install or open.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('stores').addColumn('name', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('stores').dropColumn('name').execute();
}
