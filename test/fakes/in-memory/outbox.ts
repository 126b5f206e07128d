import type {
  ClaimOptions,
  EffectPayload,
  Outbox,
  OutboxKind,
  OutboxMessage,
} from '../../../src/app/ports/outbox.js';
import type { StoreId } from '../../../src/app/ports/store-id.js';
import {
  byId,
  compareText,
  fromJson,
  type InMemoryDatabase,
  type OutboxRow,
  toDate,
  toDateOrNull,
  toTimestamp,
} from './database.js';

/** The outbox; its messages are written by the item transactions, in the change that caused them. */
export class InMemoryOutbox implements Outbox {
  constructor(private readonly db: InMemoryDatabase) {}

  storesWithDueMessages(now: Date, limit = 100): Promise<StoreId[]> {
    return this.db.execute(() => {
      const at = toTimestamp(now);
      const stores = new Set(
        this.db.outbox
          .rows()
          .filter((m) => m.deliveredAt === null && compareText(m.availableAt, at) <= 0)
          .map((m) => m.storeId),
      );
      return [...stores].sort((a, b) => a - b).slice(0, limit);
    });
  }

  claim(storeId: StoreId, options: ClaimOptions): Promise<OutboxMessage[]> {
    return this.db.execute(() => {
      const now = toTimestamp(options.now);
      const due = this.db.outbox
        .filter(
          (m) =>
            m.storeId === storeId &&
            m.deliveredAt === null &&
            compareText(m.availableAt, now) <= 0 &&
            (options.kind === undefined || m.kind === options.kind) &&
            (options.urgentOnly !== true || m.urgent),
        )
        .sort((a, b) => Number(b.urgent) - Number(a.urgent) || byId(a, b))
        .slice(0, options.limit ?? 100);
      // Leased until `leaseUntil`: hidden from other workers until then.
      return due
        .map((m) =>
          this.db.outbox.update(m, {
            availableAt: toTimestamp(options.leaseUntil),
            attempts: m.attempts + 1,
          }),
        )
        .map(toOutboxMessage);
    });
  }

  markDelivered(storeId: StoreId, ids: readonly number[], now: Date): Promise<void> {
    return this.db.execute(() => {
      if (ids.length === 0) return;
      const wanted = new Set(ids);
      for (const m of this.db.outbox.filter((m) => m.storeId === storeId && wanted.has(m.id))) {
        this.db.outbox.update(m, { deliveredAt: toTimestamp(now), lastError: null });
      }
    });
  }

  markFailed(storeId: StoreId, id: number, error: string, retryAt: Date): Promise<void> {
    return this.db.execute(() => {
      const row = this.db.outbox.find((m) => m.storeId === storeId && m.id === id && m.deliveredAt === null);
      if (row !== undefined)
        this.db.outbox.update(row, { lastError: error, availableAt: toTimestamp(retryAt) });
    });
  }

  listPending(storeId: StoreId, limit = 100, afterId = 0): Promise<OutboxMessage[]> {
    return this.db.execute(() =>
      this.db.outbox
        .filter((m) => m.storeId === storeId && m.deliveredAt === null && m.id > afterId)
        .sort(byId)
        .slice(0, limit)
        .map(toOutboxMessage),
    );
  }
}

function toOutboxMessage(row: OutboxRow): OutboxMessage {
  return {
    id: row.id,
    storeId: row.storeId,
    kind: row.kind as OutboxKind,
    coalesceKey: row.coalesceKey,
    payload: fromJson<EffectPayload>(row.payload),
    urgent: row.urgent,
    availableAt: toDate(row.availableAt),
    attempts: row.attempts,
    deliveredAt: toDateOrNull(row.deliveredAt),
    lastError: row.lastError,
    createdAt: toDate(row.createdAt),
  };
}
