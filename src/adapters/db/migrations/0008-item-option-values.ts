import type { Kysely } from 'kysely';
import { columnTypes, dialectOf } from './column-types.js';

/**
 * Items remember the option values that make their variant (`[{optionId, valueId}]`, BigCommerce's ids),
 * so the storefront script can tell which item a shopper's option choice is from the product form
 * itself (`attribute[optionId]=valueId`), on any theme. Null for items assigned before: their next
 * assignment records them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(dialectOf(db));
  await db.schema.alterTable('items').addColumn('option_values', t.json).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('items').dropColumn('option_values').execute();
}
