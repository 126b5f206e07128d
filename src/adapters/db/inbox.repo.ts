import type { Kysely, Selectable } from 'kysely';
import type { StoreId } from '../../app/ports/store-id.js';
import type { InboxEntry, IncomingWebhook, WebhookInbox } from '../../app/ports/webhook-inbox.js';
import { fromJson, fromTimestamp, fromTimestampOrNull, toJson, toTimestamp } from './rows.js';
import type { DB, WebhookInboxTable } from './schema.js';

export class KyselyWebhookInbox implements WebhookInbox {
  constructor(private readonly db: Kysely<DB>) {}

  async record(storeId: StoreId, webhook: IncomingWebhook): Promise<{ duplicate: boolean; id: number }> {
    // Insert-or-nothing in one statement: two deliveries of one webhook racing cannot both be "new".
    const inserted = await this.db
      .insertInto('webhook_inbox')
      .values({
        store_id: storeId,
        event_hash: webhook.eventHash,
        scope: webhook.scope,
        payload: toJson(webhook.payload),
        received_at: toTimestamp(webhook.receivedAt),
      })
      .onConflict((oc) => oc.columns(['store_id', 'event_hash']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (inserted !== undefined) return { duplicate: false, id: inserted.id };
    const existing = await this.db
      .selectFrom('webhook_inbox')
      .select('id')
      .where('store_id', '=', storeId)
      .where('event_hash', '=', webhook.eventHash)
      .executeTakeFirstOrThrow();
    return { duplicate: true, id: existing.id };
  }

  async get(storeId: StoreId, id: number): Promise<InboxEntry | null> {
    const row = await this.db
      .selectFrom('webhook_inbox')
      .selectAll()
      .where('store_id', '=', storeId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row === undefined ? null : toInboxEntry(row);
  }

  async listPending(storeId: StoreId, limit = 100): Promise<InboxEntry[]> {
    const rows = await this.db
      .selectFrom('webhook_inbox')
      .selectAll()
      .where('store_id', '=', storeId)
      .where('processed_at', 'is', null)
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map(toInboxEntry);
  }

  async markProcessed(storeId: StoreId, id: number, now: Date): Promise<void> {
    await this.db
      .updateTable('webhook_inbox')
      .set((eb) => ({ processed_at: toTimestamp(now), attempts: eb('attempts', '+', 1), last_error: null }))
      .where('store_id', '=', storeId)
      .where('id', '=', id)
      .execute();
  }

  async markFailed(storeId: StoreId, id: number, error: string): Promise<void> {
    await this.db
      .updateTable('webhook_inbox')
      .set((eb) => ({ attempts: eb('attempts', '+', 1), last_error: error }))
      .where('store_id', '=', storeId)
      .where('id', '=', id)
      .execute();
  }
}

function toInboxEntry(row: Selectable<WebhookInboxTable>): InboxEntry {
  return {
    id: row.id,
    storeId: row.store_id,
    eventHash: row.event_hash,
    scope: row.scope,
    payload: fromJson<unknown>(row.payload),
    receivedAt: fromTimestamp(row.received_at),
    processedAt: fromTimestampOrNull(row.processed_at),
    attempts: row.attempts,
    lastError: row.last_error,
  };
}
