import type { LocalDate, Status } from '../../core/item.js';
import type { StoreId } from './store-id.js';

/**
 * Import runs (src/app/imports): an uploaded stock file, its dry run, and how it is applied. A run's
 * valid rows are staged with the values each asks to change; its problems (bad cells, unknown SKUs,
 * rows the rules refuse) are kept by line. Every method is scoped by store.
 */
export interface ImportRunRepository {
  /** A run being validated (`validating`): its rows and problems are added as the file is read. */
  createRun(input: NewImportRun): Promise<ImportRunRecord>;
  /** Stages valid rows (in batches: a file may hold 200,000). */
  addRows(storeId: StoreId, runId: number, rows: readonly ImportRowWrite[]): Promise<void>;
  addProblems(storeId: StoreId, runId: number, problems: readonly ImportProblemWrite[]): Promise<void>;
  /** The dry run is over: its counts and summary, status `validated`. */
  finishValidation(
    storeId: StoreId,
    runId: number,
    result: ValidationResult,
    now: Date,
  ): Promise<ImportRunRecord | null>;
  /** Forgets a run with its rows and problems (an upload refused as a whole stores nothing). */
  deleteRun(storeId: StoreId, runId: number): Promise<void>;

  getRun(storeId: StoreId, runId: number): Promise<ImportRunRecord | null>;
  /** The run uploaded with this client Idempotency-Key, if any. */
  findByRequestKey(storeId: StoreId, requestKey: string): Promise<ImportRunRecord | null>;
  /** The newest run of a file with this hash in one of `statuses`, other than `exceptRunId`. */
  findByFileHash(
    storeId: StoreId,
    fileHash: string,
    statuses: readonly ImportRunStatus[],
    exceptRunId?: number,
  ): Promise<ImportRunRecord | null>;
  /** Newest first; `beforeId` continues a page. */
  listRuns(
    storeId: StoreId,
    query?: { readonly beforeId?: number; readonly limit?: number },
  ): Promise<ImportRunRecord[]>;
  /** Problems by line (then as found), from `offset`. */
  listProblems(
    storeId: StoreId,
    runId: number,
    query?: { readonly offset?: number; readonly limit?: number },
  ): Promise<ImportProblemRecord[]>;

  /**
   * `validated` → `applying`, with the merchant's choice; false (nothing changed) when the run was not
   * `validated` any more (another request started it first).
   */
  startApplying(storeId: StoreId, runId: number, applyValidRows: boolean, now: Date): Promise<boolean>;
  /** The next rows still to apply, in line order. */
  nextPendingRows(storeId: StoreId, runId: number, limit: number): Promise<ImportRowRecord[]>;
  /**
   * Records how a chunk's rows ended, together: each row's outcome (only rows still pending: a chunk
   * recorded again changes nothing), the problems of the rows refused now, and the run's progress.
   */
  recordChunk(storeId: StoreId, runId: number, chunk: ChunkOutcome, now: Date): Promise<void>;
  /** `applying` → `done` or `failed` (finished_at set). */
  finishRun(storeId: StoreId, runId: number, status: 'done' | 'failed', now: Date): Promise<void>;
  /**
   * Runs of any store left `applying` with no progress since `before` (their job was lost): the
   * maintenance sweep queues them again.
   */
  listStaleApplying(before: Date, limit: number): Promise<{ storeId: StoreId; runId: number }[]>;
}

export type ImportRunStatus = 'validating' | 'validated' | 'applying' | 'done' | 'failed';
export type ImportRowOutcome = 'pending' | 'applied' | 'refused' | 'unchanged';

export interface NewImportRun {
  readonly storeId: StoreId;
  readonly fileName: string;
  readonly format: 'csv' | 'xlsx';
  readonly encoding: string | null;
  readonly fileHash: string;
  readonly requestKey: string | null;
  readonly actor: string;
  readonly now: Date;
}

/** What the dry run found. */
export interface ValidationResult {
  readonly totalRows: number;
  readonly validRows: number;
  /** Rows with at least one problem. */
  readonly errorRows: number;
  /** Valid rows that would change nothing. */
  readonly unchangedRows: number;
  readonly summary: ImportSummary;
}

export interface ImportSummary {
  /** Valid rows whose value differs from the item's, per field. */
  readonly changes: {
    readonly stock: number;
    readonly threshold: number;
    readonly incomingStock: number;
    readonly backInStockDate: number;
  };
  /** The status changes the rules would make, counted per (from, to). */
  readonly statusChanges: readonly { readonly from: Status; readonly to: Status; readonly items: number }[];
}

export interface ImportRunRecord {
  readonly id: number;
  readonly storeId: StoreId;
  readonly status: ImportRunStatus;
  readonly fileName: string;
  readonly format: 'csv' | 'xlsx' | null;
  readonly encoding: string | null;
  readonly fileHash: string | null;
  readonly requestKey: string | null;
  readonly actor: string;
  readonly totalRows: number;
  readonly validRows: number;
  readonly errorRows: number;
  readonly unchangedRows: number;
  /** Rows worked through by the apply (applied, found applied before, unchanged or refused now). */
  readonly appliedRows: number;
  readonly summary: ImportSummary | null;
  readonly applyValidRows: boolean | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly appliedAt: Date | null;
  readonly finishedAt: Date | null;
}

/** A valid row: the item it names and what it asks to change (absent: the file leaves it as it is). */
export interface ImportRowWrite {
  readonly line: number;
  readonly sku: string;
  readonly itemId: number;
  readonly stock?: number;
  readonly threshold?: number | null;
  readonly incomingStock?: number;
  readonly backInStockDate?: LocalDate | null;
}

export interface ImportRowRecord extends ImportRowWrite {
  readonly outcome: ImportRowOutcome;
}

export interface ImportProblemWrite {
  readonly line: number;
  readonly column: string | null;
  readonly sku: string | null;
  readonly value: string | null;
  readonly code: string;
  readonly message: string;
}

export interface ImportProblemRecord extends ImportProblemWrite {
  readonly id: number;
}

export interface ChunkOutcome {
  readonly rows: readonly { readonly line: number; readonly outcome: Exclude<ImportRowOutcome, 'pending'> }[];
  readonly problems: readonly ImportProblemWrite[];
}
