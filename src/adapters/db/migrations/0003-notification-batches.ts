import { type Kysely, sql } from 'kysely';
import { columnTypes, dialectOf } from './column-types.js';

/**
 * Grouped notification emails. A flush gathers a store's pending notifications into one email and
 * stamps them with its key (`batch_key`, also the email's dedupe key, hence its Message-ID) before
 * sending, so a flush that dies after sending resends the *same* email rather than a regrouped one.
 * `claimed_until` is the lease of the worker sending it; `outcome` says how a done row ended
 * (sent, or dropped because the event is switched off / there are no recipients / sending kept failing).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(dialectOf(db));
  await db.schema.alterTable('notifications').addColumn('batch_key', 'text').execute();
  await db.schema.alterTable('notifications').addColumn('claimed_until', t.timestamp).execute();
  await db.schema.alterTable('notifications').addColumn('outcome', 'text').execute();
  await db.schema
    .createIndex('notifications_store_batch_idx')
    .on('notifications')
    .columns(['store_id', 'batch_key'])
    .where(sql<boolean>`sent_at is null and batch_key is not null`)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('notifications_store_batch_idx').execute();
  for (const column of ['outcome', 'claimed_until', 'batch_key']) {
    await db.schema.alterTable('notifications').dropColumn(column).execute();
  }
}
