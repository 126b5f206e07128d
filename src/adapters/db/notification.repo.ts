import type { Kysely, Selectable, Transaction } from 'kysely';
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
} from '../../app/ports/notification-repository.js';
import type { EffectPayload } from '../../app/ports/outbox.js';
import type { StoreId } from '../../app/ports/store-id.js';
import type { Dialect } from './database.js';
import { fromJson, fromTimestamp, fromTimestampOrNull, toJson, toTimestamp } from './rows.js';
import type { DB, NotificationsTable } from './schema.js';

/** Outbox messages moved per transaction (keeps every insert well under both databases' parameter limits). */
const ABSORB_CHUNK = 500;
/** Ids per `in (…)` list. */
const ID_CHUNK = 1000;

export class KyselyNotificationRepository implements NotificationRepository {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly dialect: Dialect,
  ) {}

  async record(input: NewNotification): Promise<RecordNotificationOutcome> {
    const store = await this.db
      .selectFrom('stores')
      .select('id')
      .where('id', '=', input.storeId)
      .executeTakeFirst();
    if (store === undefined) return { recorded: false, reason: 'store_not_found' };
    const inserted = await this.db
      .insertInto('notifications')
      .values({
        store_id: input.storeId,
        event: input.event,
        item_id: input.itemId ?? null,
        payload: toJson(input.payload),
        dedupe_key: input.dedupeKey,
        created_at: toTimestamp(input.now),
      })
      .onConflict((oc) => oc.columns(['store_id', 'dedupe_key']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (inserted !== undefined) return { recorded: true, id: inserted.id };
    const existing = await this.db
      .selectFrom('notifications')
      .select('id')
      .where('store_id', '=', input.storeId)
      .where('dedupe_key', '=', input.dedupeKey)
      .executeTakeFirstOrThrow();
    return { recorded: false, reason: 'duplicate', id: existing.id };
  }

  async absorbItemEffects(storeId: StoreId, now: Date): Promise<number> {
    let moved = 0;
    for (;;) {
      const count = await this.db.transaction().execute((trx) => this.absorbChunk(trx, storeId, now));
      moved += count;
      if (count < ABSORB_CHUNK) return moved;
    }
  }

  private async absorbChunk(trx: Transaction<DB>, storeId: StoreId, now: Date): Promise<number> {
    const messages = await trx
      .selectFrom('outbox')
      .select(['id', 'payload', 'created_at'])
      .where('store_id', '=', storeId)
      .where('kind', '=', 'notify')
      .where('delivered_at', 'is', null)
      .where('available_at', '<=', toTimestamp(now))
      .orderBy('id')
      .limit(ABSORB_CHUNK)
      .$if(this.dialect === 'postgres', (q) => q.forUpdate().skipLocked())
      .execute();
    if (messages.length === 0) return 0;
    await trx
      .insertInto('notifications')
      .values(
        messages.map((m) => {
          const payload = fromJson<EffectPayload>(m.payload);
          if (payload.effect?.kind !== 'notify') {
            throw new Error(`Outbox message ${m.id} of kind notify carries a ${payload.effect?.kind} effect`);
          }
          return {
            store_id: storeId,
            event: payload.effect.event,
            item_id: payload.itemId,
            payload: m.payload,
            // The message id keys it: moving the same message again records nothing.
            dedupe_key: `outbox:${m.id}`,
            // When the change happened, not when it was moved: the grouping window starts then.
            created_at: m.created_at,
          };
        }),
      )
      .onConflict((oc) => oc.columns(['store_id', 'dedupe_key']).doNothing())
      .execute();
    await trx
      .updateTable('outbox')
      .set({ delivered_at: toTimestamp(now), last_error: null })
      .where('store_id', '=', storeId)
      .where(
        'id',
        'in',
        messages.map((m) => m.id),
      )
      .execute();
    return messages.length;
  }

  async oldestUnbatchedAt(storeId: StoreId): Promise<Date | null> {
    const row = await this.db
      .selectFrom('notifications')
      .select((eb) => eb.fn.min('created_at').as('oldest'))
      .where('store_id', '=', storeId)
      .where('sent_at', 'is', null)
      .where('batch_key', 'is', null)
      .executeTakeFirst();
    return toDateOrNull(row?.oldest);
  }

  async pendingSince(storeId: StoreId): Promise<Date | null> {
    const [notification, effect] = await Promise.all([
      this.db
        .selectFrom('notifications')
        .select((eb) => eb.fn.min('created_at').as('oldest'))
        .where('store_id', '=', storeId)
        .where('sent_at', 'is', null)
        .executeTakeFirst(),
      this.db
        .selectFrom('outbox')
        .select((eb) => eb.fn.min('created_at').as('oldest'))
        .where('store_id', '=', storeId)
        .where('kind', '=', 'notify')
        .where('delivered_at', 'is', null)
        .executeTakeFirst(),
    ]);
    const dates = [toDateOrNull(notification?.oldest), toDateOrNull(effect?.oldest)].filter(
      (d): d is Date => d !== null,
    );
    return dates.length === 0 ? null : new Date(Math.min(...dates.map((d) => d.getTime())));
  }

  claimUnfinishedBatch(storeId: StoreId, lease: Lease): Promise<NotificationBatch | null> {
    const now = toTimestamp(lease.now);
    return this.db.transaction().execute(async (trx) => {
      const first = await trx
        .selectFrom('notifications')
        .select('batch_key')
        .where('store_id', '=', storeId)
        .where('sent_at', 'is', null)
        .where('batch_key', 'is not', null)
        .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<=', now)]))
        .orderBy('id')
        .limit(1)
        .executeTakeFirst();
      if (first?.batch_key == null) return null;
      // The lease condition is checked again by the UPDATE: of two workers racing for the same email
      // (PostgreSQL), the second finds it leased and gets nothing.
      const rows = await trx
        .updateTable('notifications')
        .set({ claimed_until: toTimestamp(lease.leaseUntil) })
        .where('store_id', '=', storeId)
        .where('batch_key', '=', first.batch_key)
        .where('sent_at', 'is', null)
        .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<=', now)]))
        .returningAll()
        .execute();
      if (rows.length === 0) return null;
      return { key: first.batch_key, notifications: rows.sort((a, b) => a.id - b.id).map(toRecord) };
    });
  }

  openBatch(storeId: StoreId, options: OpenBatchOptions): Promise<NotificationBatch | null> {
    return this.db.transaction().execute(async (trx) => {
      // SKIP LOCKED: two workers opening emails at once (PostgreSQL) take different rows, never the same.
      const pending = await trx
        .selectFrom('notifications')
        .select('id')
        .where('store_id', '=', storeId)
        .where('sent_at', 'is', null)
        .where('batch_key', 'is', null)
        .orderBy('id')
        .limit(options.limit)
        .$if(this.dialect === 'postgres', (q) => q.forUpdate().skipLocked())
        .execute();
      if (pending.length === 0) return null;
      const ids = pending.map((r) => r.id);
      const key = options.keyFor(ids);
      const rows = await trx
        .updateTable('notifications')
        .set({ batch_key: key, claimed_until: toTimestamp(options.leaseUntil) })
        .where('store_id', '=', storeId)
        .where('id', 'in', ids)
        .where('batch_key', 'is', null)
        .returningAll()
        .execute();
      return { key, notifications: rows.sort((a, b) => a.id - b.id).map(toRecord) };
    });
  }

  async complete(
    storeId: StoreId,
    ids: readonly number[],
    outcome: NotificationOutcome,
    now: Date,
  ): Promise<void> {
    for (let i = 0; i < ids.length; i += ID_CHUNK) {
      await this.db
        .updateTable('notifications')
        .set({ sent_at: toTimestamp(now), outcome, claimed_until: null })
        .where('store_id', '=', storeId)
        .where('id', 'in', ids.slice(i, i + ID_CHUNK))
        .where('sent_at', 'is', null)
        .execute();
    }
  }

  async recordFailure(storeId: StoreId, batchKey: string, error: string): Promise<number> {
    const rows = await this.db
      .updateTable('notifications')
      .set((eb) => ({ attempts: eb('attempts', '+', 1), last_error: error, claimed_until: null }))
      .where('store_id', '=', storeId)
      .where('batch_key', '=', batchKey)
      .where('sent_at', 'is', null)
      .returning('attempts')
      .execute();
    return Math.max(0, ...rows.map((r) => r.attempts));
  }

  async storesWithPending(options: { afterStoreId?: StoreId; limit?: number } = {}): Promise<StoreId[]> {
    const limit = options.limit ?? 100;
    const after = options.afterStoreId ?? (0 as StoreId);
    // Across stores on purpose: the sweep's entry point. Everything after it is per store.
    const [notifications, effects] = await Promise.all([
      this.db
        .selectFrom('notifications')
        .select('store_id')
        .distinct()
        .where('sent_at', 'is', null)
        .where('store_id', '>', after)
        .orderBy('store_id')
        .limit(limit)
        .execute(),
      this.db
        .selectFrom('outbox')
        .select('store_id')
        .distinct()
        .where('kind', '=', 'notify')
        .where('delivered_at', 'is', null)
        .where('store_id', '>', after)
        .orderBy('store_id')
        .limit(limit)
        .execute(),
    ]);
    const ids = new Set([...notifications, ...effects].map((r) => r.store_id));
    return [...ids].sort((a, b) => a - b).slice(0, limit);
  }

  async listNotifications(storeId: StoreId, query: NotificationQuery = {}): Promise<NotificationRecord[]> {
    const rows = await this.db
      .selectFrom('notifications')
      .selectAll()
      .where('store_id', '=', storeId)
      .$if(query.pendingOnly === true, (q) => q.where('sent_at', 'is', null))
      .orderBy('id')
      .limit(query.limit ?? 500)
      .execute();
    return rows.map(toRecord);
  }
}

function toDateOrNull(value: unknown): Date | null {
  return typeof value === 'string' ? fromTimestamp(value) : null;
}

function toRecord(row: Selectable<NotificationsTable>): NotificationRecord {
  return {
    id: row.id,
    storeId: row.store_id,
    event: row.event as NotificationEventName,
    itemId: row.item_id,
    payload: fromJson<unknown>(row.payload),
    dedupeKey: row.dedupe_key,
    attempts: row.attempts,
    lastError: row.last_error,
    batchKey: row.batch_key,
    claimedUntil: fromTimestampOrNull(row.claimed_until),
    outcome: row.outcome as NotificationOutcome | null,
    createdAt: fromTimestamp(row.created_at),
    sentAt: fromTimestampOrNull(row.sent_at),
  };
}
