import type {
  AssignmentRunOutcome,
  AssignmentRunProductQuery,
  AssignmentRunProductRecord,
  AssignmentRunProgress,
  AssignmentRunQuery,
  AssignmentRunRecord,
  AssignmentRunRepository,
  AssignmentRunStatus,
  NewAssignmentRun,
  StockDefaults,
} from '../../../src/app/ports/assignment-run-repository.js';
import type { StoreId } from '../../../src/app/ports/store-id.js';
import {
  type AssignmentRunItemRow,
  type AssignmentRunRow,
  byId,
  byIdDescending,
  check,
  checkStore,
  fromJson,
  type InMemoryDatabase,
  type Timestamp,
  toDate,
  toDateOrNull,
  toJson,
  toTimestamp,
} from './database.js';

const STATUSES: readonly AssignmentRunStatus[] = ['pending', 'running', 'done', 'failed'];

export class InMemoryAssignmentRunRepository implements AssignmentRunRepository {
  constructor(private readonly db: InMemoryDatabase) {}

  createRun(input: NewAssignmentRun): Promise<AssignmentRunRecord> {
    return this.db.execute(() => {
      const now = toTimestamp(input.now);
      checkStore(this.db, input.storeId, 'assignment_runs');
      const row = this.db.assignmentRuns.insert({
        id: this.db.assignmentRuns.nextId(),
        storeId: input.storeId,
        status: 'pending',
        templateId: input.templateId,
        filter: input.filter === null || input.filter === undefined ? null : toJson(input.filter),
        stockDefaults:
          input.stockDefaults === null || input.stockDefaults === undefined
            ? null
            : toJson(input.stockDefaults),
        resolved: input.bcProductIds !== undefined,
        actor: input.actor,
        error: null,
        createdAt: now,
        updatedAt: now,
        finishedAt: null,
      });
      if (input.bcProductIds !== undefined) {
        this.insertProducts(input.storeId, row.id, input.bcProductIds, now);
      }
      return toRunRecord(row);
    });
  }

  getRun(storeId: StoreId, runId: number): Promise<AssignmentRunRecord | null> {
    return this.db.execute(() => {
      const row = this.run(storeId, runId);
      return row === undefined ? null : toRunRecord(row);
    });
  }

  listRuns(storeId: StoreId, query: AssignmentRunQuery = {}): Promise<AssignmentRunRecord[]> {
    return this.db.execute(() =>
      this.db.assignmentRuns
        .filter(
          (r) => r.storeId === storeId && (query.statuses === undefined || query.statuses.includes(r.status)),
        )
        .sort(byIdDescending)
        .slice(0, query.limit ?? 20)
        .map(toRunRecord),
    );
  }

  addProducts(storeId: StoreId, runId: number, bcProductIds: readonly number[], now: Date): Promise<number> {
    return this.db.execute(() => this.insertProducts(storeId, runId, bcProductIds, toTimestamp(now)));
  }

  markResolved(storeId: StoreId, runId: number, now: Date): Promise<void> {
    return this.db.execute(() => {
      const row = this.run(storeId, runId);
      if (row !== undefined)
        this.db.assignmentRuns.update(row, { resolved: true, updatedAt: toTimestamp(now) });
    });
  }

  setStatus(
    storeId: StoreId,
    runId: number,
    status: AssignmentRunStatus,
    now: Date,
    error: string | null = null,
  ): Promise<void> {
    return this.db.execute(() => {
      const row = this.run(storeId, runId);
      if (row === undefined) return;
      check(STATUSES.includes(status), 'assignment_runs_status_check', `No run status ${status}`);
      const finished = status === 'done' || status === 'failed';
      this.db.assignmentRuns.update(row, {
        status,
        error,
        updatedAt: toTimestamp(now),
        ...(finished ? { finishedAt: toTimestamp(now) } : {}),
      });
    });
  }

  nextPending(storeId: StoreId, runId: number, limit: number): Promise<AssignmentRunProductRecord[]> {
    return this.listProducts(storeId, runId, { status: 'pending', limit });
  }

  recordOutcome(
    storeId: StoreId,
    runId: number,
    bcProductId: number,
    outcome: AssignmentRunOutcome,
    now: Date,
  ): Promise<void> {
    return this.db.execute(() => {
      // Only while pending: a replayed outcome changes nothing.
      const row = this.db.assignmentRunItems.find(
        (p) =>
          p.storeId === storeId &&
          p.runId === runId &&
          p.bcProductId === bcProductId &&
          p.status === 'pending',
      );
      if (row === undefined) return;
      this.db.assignmentRunItems.update(row, {
        status: outcome.status,
        code: outcome.code ?? null,
        message: outcome.message ?? null,
        productName: outcome.productName ?? null,
        productSku: outcome.productSku ?? null,
        itemCount: outcome.itemCount ?? 0,
        warnings: toJson(outcome.warnings ?? []),
        updatedAt: toTimestamp(now),
      });
    });
  }

  progress(storeId: StoreId, runId: number): Promise<AssignmentRunProgress> {
    return this.db.execute(() => {
      const counts = { pending: 0, assigned: 0, skipped: 0, failed: 0 };
      for (const p of this.db.assignmentRunItems.filter((p) => p.storeId === storeId && p.runId === runId)) {
        counts[p.status] += 1;
      }
      return { total: counts.pending + counts.assigned + counts.skipped + counts.failed, ...counts };
    });
  }

  listProducts(
    storeId: StoreId,
    runId: number,
    query: AssignmentRunProductQuery = {},
  ): Promise<AssignmentRunProductRecord[]> {
    return this.db.execute(() =>
      this.db.assignmentRunItems
        .filter(
          (p) =>
            p.storeId === storeId &&
            p.runId === runId &&
            (query.status === undefined || p.status === query.status) &&
            (query.afterId === undefined || p.id > query.afterId),
        )
        .sort(byId)
        .slice(0, query.limit ?? 500)
        .map(toProductRecord),
    );
  }

  private run(storeId: StoreId, runId: number): AssignmentRunRow | undefined {
    return this.db.assignmentRuns.find((r) => r.storeId === storeId && r.id === runId);
  }

  /** Adds the products not in the run yet, in order; the run must be the store's (foreign key). */
  private insertProducts(
    storeId: StoreId,
    runId: number,
    bcProductIds: readonly number[],
    now: Timestamp,
  ): number {
    const unique = [...new Set(bcProductIds)];
    if (unique.length === 0) return 0;
    check(
      this.run(storeId, runId) !== undefined,
      'assignment_run_items_run_fk',
      `No run ${runId} in store ${storeId}`,
    );
    let added = 0;
    for (const bcProductId of unique) {
      // A filter run resumed after a crash lists some products again: they stay as they were.
      if (
        this.db.assignmentRunItems.find(
          (p) => p.storeId === storeId && p.runId === runId && p.bcProductId === bcProductId,
        ) !== undefined
      ) {
        continue;
      }
      this.db.assignmentRunItems.insert({
        id: this.db.assignmentRunItems.nextId(),
        storeId,
        runId,
        bcProductId,
        status: 'pending',
        code: null,
        message: null,
        productName: null,
        productSku: null,
        itemCount: 0,
        warnings: '[]',
        updatedAt: now,
      });
      added += 1;
    }
    return added;
  }
}

function toRunRecord(row: AssignmentRunRow): AssignmentRunRecord {
  return {
    id: row.id,
    storeId: row.storeId,
    status: row.status,
    templateId: row.templateId,
    filter: row.filter === null ? null : fromJson<unknown>(row.filter),
    stockDefaults: row.stockDefaults === null ? null : fromJson<StockDefaults>(row.stockDefaults),
    resolved: row.resolved,
    actor: row.actor,
    error: row.error,
    createdAt: toDate(row.createdAt),
    updatedAt: toDate(row.updatedAt),
    finishedAt: toDateOrNull(row.finishedAt),
  };
}

function toProductRecord(row: AssignmentRunItemRow): AssignmentRunProductRecord {
  return {
    id: row.id,
    runId: row.runId,
    bcProductId: row.bcProductId,
    status: row.status,
    code: row.code,
    message: row.message,
    productName: row.productName,
    productSku: row.productSku,
    itemCount: row.itemCount,
    warnings: fromJson<string[]>(row.warnings),
    updatedAt: toDate(row.updatedAt),
  };
}
