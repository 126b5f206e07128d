import type { Kysely, Selectable } from 'kysely';
import type {
  ClaimOptions,
  EffectPayload,
  Outbox,
  OutboxKind,
  OutboxMessage,
} from '../../app/ports/outbox.js';
import type { StoreId } from '../../app/ports/store-id.js';
import type { Dialect } from './database.js';
import { fromJson, fromTimestamp, fromTimestampOrNull, toBool, toTimestamp } from './rows.js';
import type { DB, OutboxTable } from './schema.js';

/**
 * The outbox. Messages are written by the item pipeline (src/app/items) in the transaction of the change that caused
 * them; this repository hands them to the delivery worker.
 */
export class KyselyOutbox implements Outbox {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly dialect: Dialect,
  ) {}

  async storesWithDueMessages(now: Date, limit = 100): Promise<StoreId[]> {
    // Across stores on purpose: the worker's entry point. Everything after it is per store.
    const rows = await this.db
      .selectFrom('outbox')
      .select('store_id')
      .distinct()
      .where('delivered_at', 'is', null)
      .where('available_at', '<=', toTimestamp(now))
      .orderBy('store_id')
      .limit(limit)
      .execute();
    return rows.map((r) => r.store_id);
  }

  async claim(storeId: StoreId, options: ClaimOptions): Promise<OutboxMessage[]> {
    // One UPDATE … RETURNING: claiming is atomic. On PostgreSQL, SKIP LOCKED lets several instances
    // claim different messages at once; SQLite runs one writer at a time anyway. The due ids are a
    // MATERIALIZED CTE: as a plain `IN (SELECT … LIMIT n FOR UPDATE SKIP LOCKED)` PostgreSQL may run
    // the subquery more than once and claim more than `limit` rows.
    const rows = await this.db
      .with(
        (cte) => cte('due').materialized(),
        (db) =>
          db
            .selectFrom('outbox')
            .select('id')
            .where('store_id', '=', storeId)
            .where('delivered_at', 'is', null)
            .where('available_at', '<=', toTimestamp(options.now))
            .$if(options.kind !== undefined, (q) => q.where('kind', '=', options.kind!))
            .$if(options.urgentOnly === true, (q) => q.where('urgent', '=', toBool(true)))
            .orderBy('urgent', 'desc')
            .orderBy('id')
            .limit(options.limit ?? 100)
            .$if(this.dialect === 'postgres', (q) => q.forUpdate().skipLocked()),
      )
      .updateTable('outbox')
      .set((eb) => ({ available_at: toTimestamp(options.leaseUntil), attempts: eb('attempts', '+', 1) }))
      .where('store_id', '=', storeId)
      .where('id', 'in', (eb) => eb.selectFrom('due').select('due.id'))
      .returningAll()
      .execute();
    return rows.map(toOutboxMessage).sort((a, b) => Number(b.urgent) - Number(a.urgent) || a.id - b.id);
  }

  async markDelivered(storeId: StoreId, ids: readonly number[], now: Date): Promise<void> {
    if (ids.length === 0) return;
    await this.db
      .updateTable('outbox')
      .set({ delivered_at: toTimestamp(now), last_error: null })
      .where('store_id', '=', storeId)
      .where('id', 'in', [...ids])
      .execute();
  }

  async markFailed(storeId: StoreId, id: number, error: string, retryAt: Date): Promise<void> {
    await this.db
      .updateTable('outbox')
      .set({ last_error: error, available_at: toTimestamp(retryAt) })
      .where('store_id', '=', storeId)
      .where('id', '=', id)
      .where('delivered_at', 'is', null)
      .execute();
  }

  async listPending(storeId: StoreId, limit = 100, afterId = 0): Promise<OutboxMessage[]> {
    const rows = await this.db
      .selectFrom('outbox')
      .selectAll()
      .where('store_id', '=', storeId)
      .where('delivered_at', 'is', null)
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map(toOutboxMessage);
  }
}

function toOutboxMessage(row: Selectable<OutboxTable>): OutboxMessage {
  return {
    id: row.id,
    storeId: row.store_id,
    kind: row.kind as OutboxKind,
    coalesceKey: row.coalesce_key,
    payload: fromJson<EffectPayload>(row.payload),
    urgent: Boolean(row.urgent),
    availableAt: fromTimestamp(row.available_at),
    attempts: row.attempts,
    deliveredAt: fromTimestampOrNull(row.delivered_at),
    lastError: row.last_error,
    createdAt: fromTimestamp(row.created_at),
  };
}
