import type { StoreId } from '../../../src/app/ports/store-id.js';
import type { InboxEntry, IncomingWebhook, WebhookInbox } from '../../../src/app/ports/webhook-inbox.js';
import {
  byId,
  checkStore,
  fromJson,
  type InMemoryDatabase,
  toDate,
  toDateOrNull,
  toJson,
  toTimestamp,
  type WebhookInboxRow,
} from './database.js';

export class InMemoryWebhookInbox implements WebhookInbox {
  constructor(private readonly db: InMemoryDatabase) {}

  record(
    storeId: StoreId,
    webhook: IncomingWebhook,
  ): Promise<{ readonly duplicate: boolean; readonly id: number }> {
    return this.db.execute(() => {
      // Insert-or-nothing: a hash the store has already recorded is a duplicate.
      const existing = this.db.webhookInbox.find(
        (w) => w.storeId === storeId && w.eventHash === webhook.eventHash,
      );
      if (existing !== undefined) return { duplicate: true, id: existing.id };
      checkStore(this.db, storeId, 'webhook_inbox');
      const row = this.db.webhookInbox.insert({
        id: this.db.webhookInbox.nextId(),
        storeId,
        eventHash: webhook.eventHash,
        scope: webhook.scope,
        payload: toJson(webhook.payload),
        receivedAt: toTimestamp(webhook.receivedAt),
        processedAt: null,
        attempts: 0,
        lastError: null,
      });
      return { duplicate: false, id: row.id };
    });
  }

  get(storeId: StoreId, id: number): Promise<InboxEntry | null> {
    return this.db.execute(() => {
      const row = this.find(storeId, id);
      return row === undefined ? null : toInboxEntry(row);
    });
  }

  listPending(storeId: StoreId, limit = 100): Promise<InboxEntry[]> {
    return this.db.execute(() =>
      this.db.webhookInbox
        .filter((w) => w.storeId === storeId && w.processedAt === null)
        .sort(byId)
        .slice(0, limit)
        .map(toInboxEntry),
    );
  }

  markProcessed(storeId: StoreId, id: number, now: Date): Promise<void> {
    return this.db.execute(() => {
      const row = this.find(storeId, id);
      if (row === undefined) return;
      this.db.webhookInbox.update(row, {
        processedAt: toTimestamp(now),
        attempts: row.attempts + 1,
        lastError: null,
      });
    });
  }

  markFailed(storeId: StoreId, id: number, error: string): Promise<void> {
    return this.db.execute(() => {
      const row = this.find(storeId, id);
      if (row === undefined) return;
      this.db.webhookInbox.update(row, { attempts: row.attempts + 1, lastError: error });
    });
  }

  private find(storeId: StoreId, id: number): WebhookInboxRow | undefined {
    return this.db.webhookInbox.find((w) => w.storeId === storeId && w.id === id);
  }
}

function toInboxEntry(row: WebhookInboxRow): InboxEntry {
  return {
    id: row.id,
    storeId: row.storeId,
    eventHash: row.eventHash,
    scope: row.scope,
    payload: fromJson<unknown>(row.payload),
    receivedAt: toDate(row.receivedAt),
    processedAt: toDateOrNull(row.processedAt),
    attempts: row.attempts,
    lastError: row.lastError,
  };
}
