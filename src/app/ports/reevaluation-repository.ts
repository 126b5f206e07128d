import type { StoreId } from './store-id.js';

/**
 * Re-evaluations of a store's items after its switch condition S changed (docs/product.md#settings):
 * one row per change, worked through by the `settings.reevaluate` job in item id order. The job records
 * the last item it looked at (`cursor`), so a re-evaluation that dies part-way resumes after it.
 */
export interface ReevaluationRepository {
  create(input: NewReevaluation): Promise<ReevaluationRecord>;
  get(storeId: StoreId, id: number): Promise<ReevaluationRecord | null>;
  /** The store's newest re-evaluation, if any. */
  latest(storeId: StoreId): Promise<ReevaluationRecord | null>;
  /**
   * Records the items looked at up to `cursor` (an item id) while the re-evaluation still runs.
   * False when it no longer runs (a newer S superseded it): the job stops.
   */
  advance(storeId: StoreId, id: number, progress: ReevaluationProgress, now: Date): Promise<boolean>;
  /** Ends a running re-evaluation (one already ended stays as it is). */
  finish(storeId: StoreId, id: number, status: ReevaluationEnd, now: Date, error?: string): Promise<void>;
}

export type ReevaluationStatus = 'running' | 'done' | 'failed' | 'superseded';
export type ReevaluationEnd = Exclude<ReevaluationStatus, 'running'>;

export interface NewReevaluation {
  readonly storeId: StoreId;
  /** The switch condition the items are re-evaluated under. */
  readonly switchCondition: number;
  /** Names it in the items' idempotency keys and history (`settings:<ref>`). */
  readonly ref: string;
  /** The store's assigned items when it started. */
  readonly totalItems: number;
  readonly actor: string;
  readonly now: Date;
}

export interface ReevaluationProgress {
  /** The id of the last item looked at. */
  readonly cursor: number;
  /** Assigned items looked at so far. */
  readonly doneItems: number;
  /** Items whose status (or block, episode, B, level) changed so far. */
  readonly changedItems: number;
}

export interface ReevaluationRecord {
  readonly id: number;
  readonly storeId: StoreId;
  readonly switchCondition: number;
  readonly ref: string;
  readonly status: ReevaluationStatus;
  readonly totalItems: number;
  readonly doneItems: number;
  readonly changedItems: number;
  /** Null before the first page. */
  readonly cursor: number | null;
  readonly actor: string;
  readonly error: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly finishedAt: Date | null;
}
