import { type Kysely, sql } from 'kysely';

/**
 * The installed default backorder message used to read "…, expected ." when an item has no
 * back-in-stock date. Templates still holding that exact text (never edited by the merchant) get the
 * same sentence with the date as a conditional section, dropped when the date is empty. Edited texts
 * are the merchant's and stay as they are.
 */
const BEFORE = 'On backorder: this item ships when it is back in stock, expected {back_in_stock_date}.';
const AFTER = 'On backorder: this item ships when it is back in stock[, expected {back_in_stock_date}].';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`update templates set backorder_message = ${AFTER} where backorder_message = ${BEFORE}`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`update templates set backorder_message = ${BEFORE} where backorder_message = ${AFTER}`.execute(
    db,
  );
}
