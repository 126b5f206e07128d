import type {
  Lease,
  NewNotification,
  NotificationBatch,
  NotificationEventName,
  NotificationOutcome,
  NotificationQuery,
  NotificationRecord,
  NotificationRepository,
  OpenBatchOptions,
  RecordNotificationOutcome,
} from '../../../src/app/ports/notification-repository.js';
import type { EffectPayload } from '../../../src/app/ports/outbox.js';
import type { StoreId } from '../../../src/app/ports/store-id.js';
import {
  byId,
  check,
  compareText,
  fromJson,
  type InMemoryDatabase,
  type NotificationRow,
  type Timestamp,
  toDate,
  toDateOrNull,
  toJson,
  toTimestamp,
} from './database.js';

/** Outbox messages moved per transaction, as the Kysely adapter moves them. */
const ABSORB_CHUNK = 500;

export class InMemoryNotificationRepository implements NotificationRepository {
  constructor(private readonly db: InMemoryDatabase) {}

  record(input: NewNotification): Promise<RecordNotificationOutcome> {
    return this.db.execute((): RecordNotificationOutcome => {
      if (this.db.stores.find((s) => s.id === input.storeId) === undefined) {
        return { recorded: false, reason: 'store_not_found' };
      }
      const existing = this.byDedupeKey(input.storeId, input.dedupeKey);
      if (existing !== undefined) return { recorded: false, reason: 'duplicate', id: existing.id };
      const row = this.insert({
        storeId: input.storeId,
        event: input.event,
        itemId: input.itemId ?? null,
        payload: toJson(input.payload),
        dedupeKey: input.dedupeKey,
        createdAt: toTimestamp(input.now),
      });
      return { recorded: true, id: row.id };
    });
  }

  async absorbItemEffects(storeId: StoreId, now: Date): Promise<number> {
    let moved = 0;
    for (;;) {
      const count = await this.db.execute(() => this.absorbChunk(storeId, now));
      moved += count;
      if (count < ABSORB_CHUNK) return moved;
    }
  }

  private absorbChunk(storeId: StoreId, now: Date): number {
    const at = toTimestamp(now);
    const messages = this.db.outbox
      .filter(
        (m) =>
          m.storeId === storeId &&
          m.kind === 'notify' &&
          m.deliveredAt === null &&
          compareText(m.availableAt, at) <= 0,
      )
      .sort(byId)
      .slice(0, ABSORB_CHUNK);
    for (const m of messages) {
      const payload = fromJson<EffectPayload>(m.payload);
      if (payload.effect?.kind !== 'notify') {
        throw new Error(`Outbox message ${m.id} of kind notify carries a ${payload.effect?.kind} effect`);
      }
      // The message id keys it: moving the same message again records nothing.
      const dedupeKey = `outbox:${m.id}`;
      if (this.byDedupeKey(storeId, dedupeKey) !== undefined) continue;
      this.insert({
        storeId,
        event: payload.effect.event,
        itemId: payload.itemId,
        payload: m.payload,
        dedupeKey,
        // When the change happened, not when it was moved: the grouping window starts then.
        createdAt: m.createdAt,
      });
    }
    for (const m of messages) this.db.outbox.update(m, { deliveredAt: at, lastError: null });
    return messages.length;
  }

  oldestUnbatchedAt(storeId: StoreId): Promise<Date | null> {
    return this.db.execute(() =>
      oldest(
        this.db.notifications
          .filter((n) => n.storeId === storeId && n.sentAt === null && n.batchKey === null)
          .map((n) => n.createdAt),
      ),
    );
  }

  pendingSince(storeId: StoreId): Promise<Date | null> {
    return this.db.execute(() =>
      oldest([
        ...this.db.notifications
          .filter((n) => n.storeId === storeId && n.sentAt === null)
          .map((n) => n.createdAt),
        ...this.db.outbox
          .filter((m) => m.storeId === storeId && m.kind === 'notify' && m.deliveredAt === null)
          .map((m) => m.createdAt),
      ]),
    );
  }

  claimUnfinishedBatch(storeId: StoreId, lease: Lease): Promise<NotificationBatch | null> {
    return this.db.execute((): NotificationBatch | null => {
      const now = toTimestamp(lease.now);
      const leaseOver = (n: NotificationRow) =>
        n.claimedUntil === null || compareText(n.claimedUntil, now) <= 0;
      const first = this.db.notifications
        .filter((n) => n.storeId === storeId && n.sentAt === null && n.batchKey !== null && leaseOver(n))
        .sort(byId)[0];
      if (first?.batchKey == null) return null;
      const rows = this.db.notifications
        .filter(
          (n) => n.storeId === storeId && n.batchKey === first.batchKey && n.sentAt === null && leaseOver(n),
        )
        .map((n) => this.db.notifications.update(n, { claimedUntil: toTimestamp(lease.leaseUntil) }));
      if (rows.length === 0) return null;
      return { key: first.batchKey, notifications: rows.sort(byId).map(toRecord) };
    });
  }

  openBatch(storeId: StoreId, options: OpenBatchOptions): Promise<NotificationBatch | null> {
    return this.db.execute((): NotificationBatch | null => {
      const pending = this.db.notifications
        .filter((n) => n.storeId === storeId && n.sentAt === null && n.batchKey === null)
        .sort(byId)
        .slice(0, options.limit);
      if (pending.length === 0) return null;
      const key = options.keyFor(pending.map((n) => n.id));
      const rows = pending.map((n) =>
        this.db.notifications.update(n, { batchKey: key, claimedUntil: toTimestamp(options.leaseUntil) }),
      );
      return { key, notifications: rows.sort(byId).map(toRecord) };
    });
  }

  complete(storeId: StoreId, ids: readonly number[], outcome: NotificationOutcome, now: Date): Promise<void> {
    return this.db.execute(() => {
      const wanted = new Set(ids);
      for (const n of this.db.notifications.filter(
        (n) => n.storeId === storeId && wanted.has(n.id) && n.sentAt === null,
      )) {
        this.db.notifications.update(n, { sentAt: toTimestamp(now), outcome, claimedUntil: null });
      }
    });
  }

  recordFailure(storeId: StoreId, batchKey: string, error: string): Promise<number> {
    return this.db.execute(() => {
      const rows = this.db.notifications
        .filter((n) => n.storeId === storeId && n.batchKey === batchKey && n.sentAt === null)
        .map((n) =>
          this.db.notifications.update(n, { attempts: n.attempts + 1, lastError: error, claimedUntil: null }),
        );
      return Math.max(0, ...rows.map((r) => r.attempts));
    });
  }

  storesWithPending(
    options: { readonly afterStoreId?: StoreId; readonly limit?: number } = {},
  ): Promise<StoreId[]> {
    return this.db.execute(() => {
      const limit = options.limit ?? 100;
      const after = options.afterStoreId ?? 0;
      // Across stores on purpose: the sweep's entry point. Everything after it is per store.
      const firstStores = (ids: StoreId[]) => [...new Set(ids)].sort((a, b) => a - b).slice(0, limit);
      const notifications = firstStores(
        this.db.notifications.filter((n) => n.sentAt === null && n.storeId > after).map((n) => n.storeId),
      );
      const effects = firstStores(
        this.db.outbox
          .filter((m) => m.kind === 'notify' && m.deliveredAt === null && m.storeId > after)
          .map((m) => m.storeId),
      );
      return firstStores([...notifications, ...effects]);
    });
  }

  listNotifications(storeId: StoreId, query: NotificationQuery = {}): Promise<NotificationRecord[]> {
    return this.db.execute(() =>
      this.db.notifications
        .filter((n) => n.storeId === storeId && (query.pendingOnly !== true || n.sentAt === null))
        .sort(byId)
        .slice(0, query.limit ?? 500)
        .map(toRecord),
    );
  }

  private byDedupeKey(storeId: StoreId, dedupeKey: string): NotificationRow | undefined {
    return this.db.notifications.find((n) => n.storeId === storeId && n.dedupeKey === dedupeKey);
  }

  private insert(
    values: Pick<NotificationRow, 'storeId' | 'event' | 'itemId' | 'payload' | 'dedupeKey' | 'createdAt'>,
  ) {
    check(
      values.itemId === null ||
        this.db.items.find((i) => i.storeId === values.storeId && i.id === values.itemId) !== undefined,
      'notifications_item_fk',
      `No item ${values.itemId} in store ${values.storeId}`,
    );
    return this.db.notifications.insert({
      id: this.db.notifications.nextId(),
      ...values,
      attempts: 0,
      lastError: null,
      sentAt: null,
      batchKey: null,
      claimedUntil: null,
      outcome: null,
    });
  }
}

function oldest(timestamps: readonly Timestamp[]): Date | null {
  const first = [...timestamps].sort(compareText)[0];
  return first === undefined ? null : toDate(first);
}

function toRecord(row: NotificationRow): NotificationRecord {
  return {
    id: row.id,
    storeId: row.storeId,
    event: row.event as NotificationEventName,
    itemId: row.itemId,
    payload: fromJson<unknown>(row.payload),
    dedupeKey: row.dedupeKey,
    attempts: row.attempts,
    lastError: row.lastError,
    batchKey: row.batchKey,
    claimedUntil: toDateOrNull(row.claimedUntil),
    outcome: row.outcome as NotificationOutcome | null,
    createdAt: toDate(row.createdAt),
    sentAt: toDateOrNull(row.sentAt),
  };
}
