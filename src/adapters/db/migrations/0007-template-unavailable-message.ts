import { type Kysely, sql } from 'kysely';

/**
 * Templates get a fourth storefront text, the **unavailable message**: shown where the add-to-cart
 * button was while an item is unavailable. Empty by default (nothing is shown), as before.
 *
 * The installed default backorder message gains the remaining units as a conditional section, so a
 * shopper sees how many units are left while a threshold is set (and nothing about it when there is
 * none). As in 0006, only templates still holding the exact text installed earlier change; texts the
 * merchant edited are theirs.
 */
const BEFORE = 'On backorder: this item ships when it is back in stock[, expected {back_in_stock_date}].';
const AFTER = `${BEFORE}[ Only {remaining_units} left to backorder.]`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('templates')
    .addColumn('unavailable_message', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await sql`update templates set backorder_message = ${AFTER} where backorder_message = ${BEFORE}`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`update templates set backorder_message = ${BEFORE} where backorder_message = ${AFTER}`.execute(
    db,
  );
  await db.schema.alterTable('templates').dropColumn('unavailable_message').execute();
}
