import type { Kysely } from 'kysely';

/**
 * How many enabled inventory locations the store had when the app last checked its inventory
 * features (with `native_backorders`, migration 0019): the app manages the default location only, and
 * the Settings screen says so to stores with more. Null until checked, or when the store does not let
 * the app list its locations.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('stores').addColumn('locations', 'integer').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('stores').dropColumn('locations').execute();
}
