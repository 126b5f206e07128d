import type { StoreId } from './store-id.js';

/**
 * Assignment runs (src/app/assignment): a request to assign a list of products, or every product a
 * catalog filter matches, worked through in chunks by the `assignment.bulk` job. Each product of a run
 * has its own row saying how it ended, with a stable code; progress is counted from those rows.
 * Every method is scoped by store.
 */
export interface AssignmentRunRepository {
  /** Creates a run; with `bcProductIds` its products are listed at once (the run is then resolved). */
  createRun(input: NewAssignmentRun): Promise<AssignmentRunRecord>;
  getRun(storeId: StoreId, runId: number): Promise<AssignmentRunRecord | null>;
  /** Newest first; only runs of the given statuses when `statuses` is set. */
  listRuns(storeId: StoreId, query?: AssignmentRunQuery): Promise<AssignmentRunRecord[]>;
  /** Adds products to the run, in order; products already in it are left as they are. Returns how many were new. */
  addProducts(storeId: StoreId, runId: number, bcProductIds: readonly number[], now: Date): Promise<number>;
  /** Every product of the run is listed (a filter run after its last page). */
  markResolved(storeId: StoreId, runId: number, now: Date): Promise<void>;
  setStatus(
    storeId: StoreId,
    runId: number,
    status: AssignmentRunStatus,
    now: Date,
    error?: string | null,
  ): Promise<void>;
  /** The next products still to work on, in the order they were added. */
  nextPending(storeId: StoreId, runId: number, limit: number): Promise<AssignmentRunProductRecord[]>;
  /** Records how one product of the run ended (only while it is still pending: a replay changes nothing). */
  recordOutcome(
    storeId: StoreId,
    runId: number,
    bcProductId: number,
    outcome: AssignmentRunOutcome,
    now: Date,
  ): Promise<void>;
  progress(storeId: StoreId, runId: number): Promise<AssignmentRunProgress>;
  listProducts(
    storeId: StoreId,
    runId: number,
    query?: AssignmentRunProductQuery,
  ): Promise<AssignmentRunProductRecord[]>;
}

export type AssignmentRunStatus = 'pending' | 'running' | 'done' | 'failed';
export type AssignmentRunProductStatus = 'pending' | 'assigned' | 'skipped' | 'failed';

export interface NewAssignmentRun {
  readonly storeId: StoreId;
  readonly templateId: number | null;
  /** The catalog filter to resolve (JSON-serialisable), or null when `bcProductIds` lists the products. */
  readonly filter: unknown;
  readonly bcProductIds?: readonly number[];
  /** Given with the request: they override the template's stock defaults for every item assigned. */
  readonly stockDefaults?: StockDefaults | null;
  readonly actor: string;
  readonly now: Date;
}

/**
 * Stock defaults asked for with an assignment. A field present overrides the template's value for
 * every item the run assigns (`null` threshold: unlimited; `null` date: none); absent fields keep the
 * template's.
 */
export interface StockDefaults {
  readonly threshold?: number | null;
  readonly incomingStock?: number;
  readonly backInStockDate?: string | null;
}

export interface AssignmentRunQuery {
  readonly statuses?: readonly AssignmentRunStatus[];
  /** Default 20. */
  readonly limit?: number;
}

export interface AssignmentRunRecord {
  readonly id: number;
  readonly storeId: StoreId;
  readonly status: AssignmentRunStatus;
  readonly templateId: number | null;
  readonly filter: unknown;
  readonly stockDefaults: StockDefaults | null;
  readonly resolved: boolean;
  readonly actor: string;
  /** Why the run failed as a whole (e.g. its template was deleted). */
  readonly error: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly finishedAt: Date | null;
}

export interface AssignmentRunOutcome {
  readonly status: Exclude<AssignmentRunProductStatus, 'pending'>;
  readonly code?: string | null;
  readonly message?: string | null;
  readonly productName?: string | null;
  readonly productSku?: string | null;
  readonly itemCount?: number;
  readonly warnings?: readonly string[];
}

export interface AssignmentRunProductRecord {
  readonly id: number;
  readonly runId: number;
  readonly bcProductId: number;
  readonly status: AssignmentRunProductStatus;
  readonly code: string | null;
  readonly message: string | null;
  readonly productName: string | null;
  readonly productSku: string | null;
  readonly itemCount: number;
  readonly warnings: readonly string[];
  readonly updatedAt: Date;
}

export interface AssignmentRunProgress {
  /** Products listed so far (all of them once the run is resolved). */
  readonly total: number;
  readonly pending: number;
  readonly assigned: number;
  readonly skipped: number;
  readonly failed: number;
}

export interface AssignmentRunProductQuery {
  readonly status?: AssignmentRunProductStatus;
  /** Keyset pagination: rows with an id greater than this. */
  readonly afterId?: number;
  /** Default 500. */
  readonly limit?: number;
}
