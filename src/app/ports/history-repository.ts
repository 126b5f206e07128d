import type { Block, Status } from '../../core/item.js';
import type { CauseType } from './item-transactions.js';
import type { StoreId } from './store-id.js';

/** The append-only history: stock movements (ledger) and status changes (transition log). */
export interface HistoryRepository {
  /** Newest first. */
  listLedger(storeId: StoreId, query?: HistoryQuery): Promise<LedgerEntry[]>;
  /** Newest first. */
  listTransitions(storeId: StoreId, query?: HistoryQuery): Promise<TransitionEntry[]>;
  /**
   * One item's movements and transitions together, newest first: by the change that wrote them (a
   * change's transition before its movement, as it followed from it). Keyset pages with `before`.
   */
  listItemHistory(storeId: StoreId, itemId: number, query?: ItemHistoryQuery): Promise<ItemHistoryEntry[]>;
  /** Σ deltas of an item's ledger: equals its stock (every stock change is a ledger row). */
  ledgerTotals(storeId: StoreId, itemId: number): Promise<{ readonly delta: number; readonly rows: number }>;
}

export interface HistoryQuery {
  readonly itemId?: number;
  /** Keyset pagination: entries older than this id. */
  readonly beforeId?: number;
  /** Default 100. */
  readonly limit?: number;
}

export interface ItemHistoryQuery {
  /** Entries after this one in the order above (the last entry of the previous page). */
  readonly before?: HistoryPosition;
  /** Default 50. */
  readonly limit?: number;
}

/** Where an entry stands in an item's history: its change (item event), its type, its row. */
export interface HistoryPosition {
  readonly eventId: number;
  readonly type: ItemHistoryEntry['type'];
  readonly id: number;
}

export type ItemHistoryEntry =
  | { readonly type: 'movement'; readonly eventId: number; readonly movement: LedgerEntry }
  | { readonly type: 'transition'; readonly eventId: number; readonly transition: TransitionEntry };

/** The order of an item's history, newest first: -1 when `a` comes before `b`. */
export function compareHistoryPositions(a: HistoryPosition, b: HistoryPosition): number {
  if (a.eventId !== b.eventId) return b.eventId - a.eventId;
  if (a.type !== b.type) return a.type === 'transition' ? -1 : 1;
  return b.id - a.id;
}

export function historyPositionOf(entry: ItemHistoryEntry): HistoryPosition {
  return {
    eventId: entry.eventId,
    type: entry.type,
    id: entry.type === 'movement' ? entry.movement.id : entry.transition.id,
  };
}

export interface LedgerEntry {
  readonly id: number;
  readonly storeId: StoreId;
  readonly itemId: number;
  readonly idempotencyKey: string;
  readonly kind: string;
  readonly delta: number;
  readonly backorderedDelta: number;
  readonly stockAfter: number;
  readonly backorderedAfter: number;
  readonly episode: number;
  readonly causeType: CauseType;
  readonly causeRef: string | null;
  readonly actor: string;
  readonly createdAt: Date;
}

export interface TransitionEntry {
  readonly id: number;
  readonly storeId: StoreId;
  readonly itemId: number;
  readonly from: { readonly status: Status | null; readonly block: Block | null };
  readonly to: { readonly status: Status | null; readonly block: Block | null };
  readonly reason: string;
  readonly actor: string;
  readonly causeType: CauseType;
  readonly causeRef: string | null;
  readonly createdAt: Date;
}
