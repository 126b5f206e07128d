import {
  compareHistoryPositions,
  type HistoryQuery,
  type HistoryRepository,
  historyPositionOf,
  type ItemHistoryEntry,
  type ItemHistoryQuery,
  type LedgerEntry,
  type TransitionEntry,
} from '../../../src/app/ports/history-repository.js';
import type { CauseType } from '../../../src/app/ports/item-transactions.js';
import type { StoreId } from '../../../src/app/ports/store-id.js';
import type { Block, Status } from '../../../src/core/item.js';
import {
  byIdDescending,
  type InMemoryDatabase,
  type LedgerRow,
  type TransitionRow,
  toDate,
} from './database.js';

export class InMemoryHistoryRepository implements HistoryRepository {
  constructor(private readonly db: InMemoryDatabase) {}

  listLedger(storeId: StoreId, query: HistoryQuery = {}): Promise<LedgerEntry[]> {
    return this.db.execute(() =>
      this.db.ledger
        .filter((r) => r.storeId === storeId && matches(r, query))
        .sort(byIdDescending)
        .slice(0, query.limit ?? 100)
        .map(toLedgerEntry),
    );
  }

  listTransitions(storeId: StoreId, query: HistoryQuery = {}): Promise<TransitionEntry[]> {
    return this.db.execute(() =>
      this.db.transitions
        .filter((r) => r.storeId === storeId && matches(r, query))
        .sort(byIdDescending)
        .slice(0, query.limit ?? 100)
        .map(toTransitionEntry),
    );
  }

  listItemHistory(
    storeId: StoreId,
    itemId: number,
    query: ItemHistoryQuery = {},
  ): Promise<ItemHistoryEntry[]> {
    return this.db.execute(() => {
      const entries: ItemHistoryEntry[] = [
        ...this.db.ledger
          .filter((r) => r.storeId === storeId && r.itemId === itemId)
          .map((r) => ({ type: 'movement' as const, eventId: r.eventId, movement: toLedgerEntry(r) })),
        ...this.db.transitions
          .filter((r) => r.storeId === storeId && r.itemId === itemId)
          .map((r) => ({
            type: 'transition' as const,
            eventId: r.eventId,
            transition: toTransitionEntry(r),
          })),
      ];
      const before = query.before;
      return entries
        .filter((e) => before === undefined || compareHistoryPositions(before, historyPositionOf(e)) < 0)
        .sort((a, b) => compareHistoryPositions(historyPositionOf(a), historyPositionOf(b)))
        .slice(0, query.limit ?? 50);
    });
  }

  ledgerTotals(storeId: StoreId, itemId: number): Promise<{ readonly delta: number; readonly rows: number }> {
    return this.db.execute(() => {
      const rows = this.db.ledger.filter((r) => r.storeId === storeId && r.itemId === itemId);
      return { delta: rows.reduce((sum, r) => sum + r.delta, 0), rows: rows.length };
    });
  }
}

function matches(row: { readonly id: number; readonly itemId: number }, query: HistoryQuery): boolean {
  return (
    (query.itemId === undefined || row.itemId === query.itemId) &&
    (query.beforeId === undefined || row.id < query.beforeId)
  );
}

function toLedgerEntry(row: LedgerRow): LedgerEntry {
  return {
    id: row.id,
    storeId: row.storeId,
    itemId: row.itemId,
    idempotencyKey: row.idempotencyKey,
    kind: row.kind,
    delta: row.delta,
    backorderedDelta: row.backorderedDelta,
    stockAfter: row.stockAfter,
    backorderedAfter: row.backorderedAfter,
    episode: row.episode,
    causeType: row.causeType as CauseType,
    causeRef: row.causeRef,
    actor: row.actor,
    createdAt: toDate(row.createdAt),
  };
}

function toTransitionEntry(row: TransitionRow): TransitionEntry {
  return {
    id: row.id,
    storeId: row.storeId,
    itemId: row.itemId,
    from: { status: row.fromStatus as Status | null, block: row.fromBlock as Block | null },
    to: { status: row.toStatus as Status | null, block: row.toBlock as Block | null },
    reason: row.reason,
    actor: row.actor,
    causeType: row.causeType as CauseType,
    causeRef: row.causeRef,
    createdAt: toDate(row.createdAt),
  };
}
