import { type ExpressionBuilder, type Kysely, type Selectable, sql } from 'kysely';
import {
  compareHistoryPositions,
  type HistoryPosition,
  type HistoryQuery,
  type HistoryRepository,
  historyPositionOf,
  type ItemHistoryEntry,
  type ItemHistoryQuery,
  type LedgerEntry,
  type TransitionEntry,
} from '../../app/ports/history-repository.js';
import type { CauseType } from '../../app/ports/item-transactions.js';
import type { StoreId } from '../../app/ports/store-id.js';
import type { Block, Status } from '../../core/item.js';
import { fromTimestamp } from './rows.js';
import type { DB, LedgerTable, TransitionsTable } from './schema.js';

export class KyselyHistoryRepository implements HistoryRepository {
  constructor(private readonly db: Kysely<DB>) {}

  async listLedger(storeId: StoreId, query: HistoryQuery = {}): Promise<LedgerEntry[]> {
    const rows = await this.db
      .selectFrom('ledger')
      .selectAll()
      .where('store_id', '=', storeId)
      .$if(query.itemId !== undefined, (q) => q.where('item_id', '=', query.itemId!))
      .$if(query.beforeId !== undefined, (q) => q.where('id', '<', query.beforeId!))
      .orderBy('id', 'desc')
      .limit(query.limit ?? 100)
      .execute();
    return rows.map(toLedgerEntry);
  }

  async listTransitions(storeId: StoreId, query: HistoryQuery = {}): Promise<TransitionEntry[]> {
    const rows = await this.db
      .selectFrom('transitions')
      .selectAll()
      .where('store_id', '=', storeId)
      .$if(query.itemId !== undefined, (q) => q.where('item_id', '=', query.itemId!))
      .$if(query.beforeId !== undefined, (q) => q.where('id', '<', query.beforeId!))
      .orderBy('id', 'desc')
      .limit(query.limit ?? 100)
      .execute();
    return rows.map(toTransitionEntry);
  }

  async listItemHistory(
    storeId: StoreId,
    itemId: number,
    query: ItemHistoryQuery = {},
  ): Promise<ItemHistoryEntry[]> {
    const limit = query.limit ?? 50;
    const before = query.before;
    // Each table gives at most a page of what follows `before`; merged, the first `limit` are the page.
    const [ledger, transitions] = await Promise.all([
      this.db
        .selectFrom('ledger')
        .selectAll()
        .where('store_id', '=', storeId)
        .where('item_id', '=', itemId)
        .$if(before !== undefined, (q) => q.where((eb) => afterMovement(eb, before!)))
        .orderBy('event_id', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute(),
      this.db
        .selectFrom('transitions')
        .selectAll()
        .where('store_id', '=', storeId)
        .where('item_id', '=', itemId)
        .$if(before !== undefined, (q) => q.where((eb) => afterTransition(eb, before!)))
        .orderBy('event_id', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute(),
    ]);
    const entries: ItemHistoryEntry[] = [
      ...ledger.map((row) => ({
        type: 'movement' as const,
        eventId: row.event_id,
        movement: toLedgerEntry(row),
      })),
      ...transitions.map((row) => ({
        type: 'transition' as const,
        eventId: row.event_id,
        transition: toTransitionEntry(row),
      })),
    ];
    return entries
      .sort((a, b) => compareHistoryPositions(historyPositionOf(a), historyPositionOf(b)))
      .slice(0, limit);
  }

  async ledgerTotals(storeId: StoreId, itemId: number): Promise<{ delta: number; rows: number }> {
    const row = await this.db
      .selectFrom('ledger')
      .select([sql<number>`coalesce(sum(delta), 0)`.as('delta'), sql<number>`count(*)`.as('rows')])
      .where('store_id', '=', storeId)
      .where('item_id', '=', itemId)
      .executeTakeFirstOrThrow();
    return { delta: Number(row.delta), rows: Number(row.rows) };
  }
}

/** Movements that come after `before` in an item's history: older changes, or its own change's rest. */
function afterMovement(eb: ExpressionBuilder<DB, 'ledger'>, before: HistoryPosition) {
  return eb.or([
    eb('event_id', '<', before.eventId),
    before.type === 'transition'
      ? eb('event_id', '=', before.eventId)
      : eb.and([eb('event_id', '=', before.eventId), eb('id', '<', before.id)]),
  ]);
}

/** Transitions that come after `before` in an item's history (a change's transition precedes its movement). */
function afterTransition(eb: ExpressionBuilder<DB, 'transitions'>, before: HistoryPosition) {
  return eb.or([
    eb('event_id', '<', before.eventId),
    ...(before.type === 'transition'
      ? [eb.and([eb('event_id', '=', before.eventId), eb('id', '<', before.id)])]
      : []),
  ]);
}

function toLedgerEntry(row: Selectable<LedgerTable>): LedgerEntry {
  return {
    id: row.id,
    storeId: row.store_id,
    itemId: row.item_id,
    idempotencyKey: row.idempotency_key,
    kind: row.kind,
    delta: row.delta,
    backorderedDelta: row.backordered_delta,
    stockAfter: row.stock_after,
    backorderedAfter: row.backordered_after,
    episode: row.episode,
    causeType: row.cause_type as CauseType,
    causeRef: row.cause_ref,
    actor: row.actor,
    createdAt: fromTimestamp(row.created_at),
  };
}

function toTransitionEntry(row: Selectable<TransitionsTable>): TransitionEntry {
  return {
    id: row.id,
    storeId: row.store_id,
    itemId: row.item_id,
    from: { status: row.from_status as Status | null, block: row.from_block as Block | null },
    to: { status: row.to_status as Status | null, block: row.to_block as Block | null },
    reason: row.reason,
    actor: row.actor,
    causeType: row.cause_type as CauseType,
    causeRef: row.cause_ref,
    createdAt: fromTimestamp(row.created_at),
  };
}
