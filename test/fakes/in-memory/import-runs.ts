import type {
  ChunkOutcome,
  ImportProblemRecord,
  ImportProblemWrite,
  ImportRowRecord,
  ImportRowWrite,
  ImportRunRecord,
  ImportRunRepository,
  ImportRunStatus,
  ImportSummary,
  NewImportRun,
  ValidationResult,
} from '../../../src/app/ports/import-run-repository.js';
import type { StoreId } from '../../../src/app/ports/store-id.js';
import {
  check,
  checkStore,
  fromJson,
  type ImportProblemRow,
  type ImportRowRow,
  type ImportRunRow,
  type InMemoryDatabase,
  toDate,
  toDateOrNull,
  toJson,
  toTimestamp,
} from './database.js';

/** The ImportRunRepository port in memory, query by query as src/adapters/db/import-run.repo.ts. */
export class InMemoryImportRunRepository implements ImportRunRepository {
  constructor(private readonly db: InMemoryDatabase) {}

  createRun(input: NewImportRun): Promise<ImportRunRecord> {
    return this.db.execute(() => {
      checkStore(this.db, input.storeId, 'import_runs');
      const now = toTimestamp(input.now);
      return toRunRecord(
        this.db.importRuns.insert({
          id: this.db.importRuns.nextId(),
          storeId: input.storeId,
          status: 'validating',
          fileName: input.fileName,
          actor: input.actor,
          format: input.format,
          encoding: input.encoding,
          fileHash: input.fileHash,
          requestKey: input.requestKey,
          totalRows: 0,
          validRows: 0,
          errorRows: 0,
          unchangedRows: 0,
          appliedRows: 0,
          summary: null,
          applyValidRows: null,
          createdAt: now,
          updatedAt: now,
          appliedAt: null,
          finishedAt: null,
        }),
      );
    });
  }

  addRows(storeId: StoreId, runId: number, rows: readonly ImportRowWrite[]): Promise<void> {
    return this.db.execute(() => {
      if (rows.length === 0) return;
      this.checkRun(storeId, runId, 'import_rows_run_fk');
      const lines = new Set(
        this.db.importRows.filter((r) => r.storeId === storeId && r.runId === runId).map((r) => r.line),
      );
      for (const row of rows) {
        check(!lines.has(row.line), 'import_rows_run_line_key', `Line ${row.line} staged twice`);
        lines.add(row.line);
        this.db.importRows.insert({
          id: this.db.importRows.nextId(),
          storeId,
          runId,
          line: row.line,
          sku: row.sku,
          itemId: row.itemId,
          stock: row.stock ?? null,
          stockGiven: row.stock !== undefined,
          threshold: row.threshold ?? null,
          thresholdGiven: row.threshold !== undefined,
          incoming: row.incomingStock ?? null,
          incomingGiven: row.incomingStock !== undefined,
          backInStockDate: row.backInStockDate ?? null,
          backInStockDateGiven: row.backInStockDate !== undefined,
          outcome: 'pending',
          appliedAt: null,
        });
      }
    });
  }

  addProblems(storeId: StoreId, runId: number, problems: readonly ImportProblemWrite[]): Promise<void> {
    return this.db.execute(() => this.insertProblems(storeId, runId, problems));
  }

  finishValidation(
    storeId: StoreId,
    runId: number,
    result: ValidationResult,
    now: Date,
  ): Promise<ImportRunRecord | null> {
    return this.db.execute(() => {
      const row = this.run(storeId, runId);
      if (row === undefined || row.status !== 'validating') return null;
      return toRunRecord(
        this.db.importRuns.update(row, {
          status: 'validated',
          totalRows: result.totalRows,
          validRows: result.validRows,
          errorRows: result.errorRows,
          unchangedRows: result.unchangedRows,
          summary: toJson(result.summary),
          updatedAt: toTimestamp(now),
        }),
      );
    });
  }

  deleteRun(storeId: StoreId, runId: number): Promise<void> {
    return this.db.execute(() => {
      const mine = (r: { storeId: StoreId; runId: number }) => r.storeId === storeId && r.runId === runId;
      for (const p of this.db.importProblems.filter(mine)) this.db.importProblems.delete(p);
      for (const r of this.db.importRows.filter(mine)) this.db.importRows.delete(r);
      const run = this.run(storeId, runId);
      if (run !== undefined) this.db.importRuns.delete(run);
    });
  }

  getRun(storeId: StoreId, runId: number): Promise<ImportRunRecord | null> {
    return this.db.execute(() => {
      const row = this.run(storeId, runId);
      return row === undefined ? null : toRunRecord(row);
    });
  }

  findByRequestKey(storeId: StoreId, requestKey: string): Promise<ImportRunRecord | null> {
    return this.db.execute(() => {
      const rows = this.db.importRuns.filter((r) => r.storeId === storeId && r.requestKey === requestKey);
      const row = rows[rows.length - 1];
      return row === undefined ? null : toRunRecord(row);
    });
  }

  findByFileHash(
    storeId: StoreId,
    fileHash: string,
    statuses: readonly ImportRunStatus[],
    exceptRunId?: number,
  ): Promise<ImportRunRecord | null> {
    return this.db.execute(() => {
      const rows = this.db.importRuns.filter(
        (r) =>
          r.storeId === storeId &&
          r.fileHash === fileHash &&
          statuses.includes(r.status) &&
          r.id !== exceptRunId,
      );
      const row = rows[rows.length - 1];
      return row === undefined ? null : toRunRecord(row);
    });
  }

  listRuns(
    storeId: StoreId,
    query: { readonly beforeId?: number; readonly limit?: number } = {},
  ): Promise<ImportRunRecord[]> {
    return this.db.execute(() =>
      this.db.importRuns
        .filter(
          (r) =>
            r.storeId === storeId &&
            r.status !== 'validating' &&
            (query.beforeId === undefined || r.id < query.beforeId),
        )
        .sort((a, b) => b.id - a.id)
        .slice(0, query.limit ?? 20)
        .map(toRunRecord),
    );
  }

  listProblems(
    storeId: StoreId,
    runId: number,
    query: { readonly offset?: number; readonly limit?: number } = {},
  ): Promise<ImportProblemRecord[]> {
    return this.db.execute(() => {
      const offset = query.offset ?? 0;
      return this.db.importProblems
        .filter((p) => p.storeId === storeId && p.runId === runId)
        .sort((a, b) => a.line - b.line || a.id - b.id)
        .slice(offset, offset + (query.limit ?? 100))
        .map(toProblemRecord);
    });
  }

  startApplying(storeId: StoreId, runId: number, applyValidRows: boolean, now: Date): Promise<boolean> {
    return this.db.execute(() => {
      const row = this.run(storeId, runId);
      if (row === undefined || row.status !== 'validated') return false;
      this.db.importRuns.update(row, {
        status: 'applying',
        applyValidRows,
        appliedAt: toTimestamp(now),
        updatedAt: toTimestamp(now),
      });
      return true;
    });
  }

  nextPendingRows(storeId: StoreId, runId: number, limit: number): Promise<ImportRowRecord[]> {
    return this.db.execute(() =>
      this.db.importRows
        .filter((r) => r.storeId === storeId && r.runId === runId && r.outcome === 'pending')
        .sort((a, b) => a.line - b.line)
        .slice(0, limit)
        .map(toRowRecord),
    );
  }

  recordChunk(storeId: StoreId, runId: number, chunk: ChunkOutcome, now: Date): Promise<void> {
    return this.db.execute(() => {
      const at = toTimestamp(now);
      const outcomes = new Map(chunk.rows.map((r) => [r.line, r.outcome]));
      let worked = 0;
      const refusedNow = new Set<number>();
      for (const row of this.db.importRows.filter(
        (r) => r.storeId === storeId && r.runId === runId && r.outcome === 'pending' && outcomes.has(r.line),
      )) {
        const outcome = outcomes.get(row.line)!;
        this.db.importRows.update(row, { outcome, appliedAt: at });
        worked += 1;
        if (outcome === 'refused') refusedNow.add(row.line);
      }
      // Only the rows this call moved out of pending: a chunk recorded twice adds nothing.
      this.insertProblems(
        storeId,
        runId,
        chunk.problems.filter((p) => refusedNow.has(p.line)),
      );
      const run = this.run(storeId, runId);
      if (run === undefined) return;
      this.db.importRuns.update(run, {
        appliedRows: run.appliedRows + worked,
        validRows: run.validRows - refusedNow.size,
        errorRows: run.errorRows + refusedNow.size,
        updatedAt: at,
      });
    });
  }

  finishRun(storeId: StoreId, runId: number, status: 'done' | 'failed', now: Date): Promise<void> {
    return this.db.execute(() => {
      const row = this.run(storeId, runId);
      if (row === undefined || row.status !== 'applying') return;
      this.db.importRuns.update(row, {
        status,
        finishedAt: toTimestamp(now),
        updatedAt: toTimestamp(now),
      });
    });
  }

  listStaleApplying(before: Date, limit: number): Promise<{ storeId: StoreId; runId: number }[]> {
    return this.db.execute(() =>
      this.db.importRuns
        .filter((r) => r.status === 'applying' && r.updatedAt < toTimestamp(before))
        .sort((a, b) => (a.updatedAt < b.updatedAt ? -1 : a.updatedAt > b.updatedAt ? 1 : 0))
        .slice(0, limit)
        .map((r) => ({ storeId: r.storeId, runId: r.id })),
    );
  }

  private run(storeId: StoreId, runId: number): ImportRunRow | undefined {
    return this.db.importRuns.find((r) => r.storeId === storeId && r.id === runId);
  }

  private checkRun(storeId: StoreId, runId: number, constraint: string): void {
    check(this.run(storeId, runId) !== undefined, constraint, `No import run ${runId} in store ${storeId}`);
  }

  private insertProblems(storeId: StoreId, runId: number, problems: readonly ImportProblemWrite[]): void {
    if (problems.length === 0) return;
    this.checkRun(storeId, runId, 'import_problems_run_fk');
    for (const p of problems) {
      this.db.importProblems.insert({
        id: this.db.importProblems.nextId(),
        storeId,
        runId,
        line: p.line,
        column: p.column,
        sku: p.sku,
        value: p.value,
        code: p.code,
        message: p.message,
      });
    }
  }
}

function toRunRecord(row: ImportRunRow): ImportRunRecord {
  return {
    id: row.id,
    storeId: row.storeId,
    status: row.status,
    fileName: row.fileName,
    format: row.format,
    encoding: row.encoding,
    fileHash: row.fileHash,
    requestKey: row.requestKey,
    actor: row.actor,
    totalRows: row.totalRows,
    validRows: row.validRows,
    errorRows: row.errorRows,
    unchangedRows: row.unchangedRows,
    appliedRows: row.appliedRows,
    summary: row.summary === null ? null : fromJson<ImportSummary>(row.summary),
    applyValidRows: row.applyValidRows,
    createdAt: toDate(row.createdAt),
    updatedAt: toDate(row.updatedAt),
    appliedAt: toDateOrNull(row.appliedAt),
    finishedAt: toDateOrNull(row.finishedAt),
  };
}

function toRowRecord(row: ImportRowRow): ImportRowRecord {
  return {
    line: row.line,
    sku: row.sku,
    itemId: row.itemId,
    ...(row.stockGiven ? { stock: row.stock ?? 0 } : {}),
    ...(row.thresholdGiven ? { threshold: row.threshold } : {}),
    ...(row.incomingGiven ? { incomingStock: row.incoming ?? 0 } : {}),
    ...(row.backInStockDateGiven ? { backInStockDate: row.backInStockDate } : {}),
    outcome: row.outcome,
  };
}

function toProblemRecord(row: ImportProblemRow): ImportProblemRecord {
  return {
    id: row.id,
    line: row.line,
    column: row.column,
    sku: row.sku,
    value: row.value,
    code: row.code,
    message: row.message,
  };
}
