import type { Block, Status } from '../../core/item.js';
import type { CauseType } from './item-transactions.js';
import type { StoreId } from './store-id.js';

/** The append-only history: stock movements (ledger) and status changes (transition log). */
export interface HistoryRepository {
  /** Newest first. */
  listLedger(storeId: StoreId, query?: HistoryQuery): Promise<LedgerEntry[]>;
  /** Newest first. */
  listTransitions(storeId: StoreId, query?: HistoryQuery): Promise<TransitionEntry[]>;
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
