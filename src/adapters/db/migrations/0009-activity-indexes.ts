import type { Kysely } from 'kysely';

/**
 * The Activity screen and Home's recent activity read the ledger and the transition log of a store
 * newest first, by time (then event and row, for a stable keyset): without these, every page scans the
 * store's whole history. The same order per item serves the history of one item (filtered by SKU),
 * which the store-wide index would find only by scanning past every other item's rows.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('ledger_store_created_idx')
    .on('ledger')
    .columns(['store_id', 'created_at', 'event_id', 'id'])
    .execute();
  await db.schema
    .createIndex('transitions_store_created_idx')
    .on('transitions')
    .columns(['store_id', 'created_at', 'event_id', 'id'])
    .execute();
  await db.schema
    .createIndex('ledger_store_item_created_idx')
    .on('ledger')
    .columns(['store_id', 'item_id', 'created_at', 'event_id', 'id'])
    .execute();
  await db.schema
    .createIndex('transitions_store_item_created_idx')
    .on('transitions')
    .columns(['store_id', 'item_id', 'created_at', 'event_id', 'id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('transitions_store_item_created_idx').execute();
  await db.schema.dropIndex('ledger_store_item_created_idx').execute();
  await db.schema.dropIndex('transitions_store_created_idx').execute();
  await db.schema.dropIndex('ledger_store_created_idx').execute();
}
