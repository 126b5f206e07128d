import type { Kysely, Selectable } from 'kysely';
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
} from '../../app/ports/import-run-repository.js';
import type { StoreId } from '../../app/ports/store-id.js';
import {
  fromBool,
  fromJson,
  fromTimestamp,
  fromTimestampOrNull,
  toBool,
  toJson,
  toTimestamp,
} from './rows.js';
import type { DB, ImportProblemsTable, ImportRowsTable, ImportRunsTable } from './schema.js';

/**
 * Rows per INSERT: 16 columns × 1,000 rows stays under SQLite's 32,766 bound parameters and
 * PostgreSQL's 65,535, and a 100,000-row file is staged in 100 statements.
 */
const ROWS_PER_INSERT = 1_000;
const PROBLEMS_PER_INSERT = 2_000;

export class KyselyImportRunRepository implements ImportRunRepository {
  constructor(private readonly db: Kysely<DB>) {}

  async createRun(input: NewImportRun): Promise<ImportRunRecord> {
    const now = toTimestamp(input.now);
    const row = await this.db
      .insertInto('import_runs')
      .values({
        store_id: input.storeId,
        status: 'validating',
        file_name: input.fileName,
        actor: input.actor,
        format: input.format,
        encoding: input.encoding,
        file_hash: input.fileHash,
        request_key: input.requestKey,
        summary: null,
        apply_valid_rows: null,
        applied_at: null,
        created_at: now,
        updated_at: now,
        finished_at: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toRunRecord(row);
  }

  async addRows(storeId: StoreId, runId: number, rows: readonly ImportRowWrite[]): Promise<void> {
    for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
      await this.db
        .insertInto('import_rows')
        .values(rows.slice(i, i + ROWS_PER_INSERT).map((row) => toRowValues(storeId, runId, row)))
        .execute();
    }
  }

  async addProblems(storeId: StoreId, runId: number, problems: readonly ImportProblemWrite[]): Promise<void> {
    await insertProblems(this.db, storeId, runId, problems);
  }

  async finishValidation(
    storeId: StoreId,
    runId: number,
    result: ValidationResult,
    now: Date,
  ): Promise<ImportRunRecord | null> {
    const row = await this.db
      .updateTable('import_runs')
      .set({
        status: 'validated',
        total_rows: result.totalRows,
        valid_rows: result.validRows,
        error_rows: result.errorRows,
        unchanged_rows: result.unchangedRows,
        summary: toJson(result.summary),
        updated_at: toTimestamp(now),
      })
      .where('store_id', '=', storeId)
      .where('id', '=', runId)
      .where('status', '=', 'validating')
      .returningAll()
      .executeTakeFirst();
    return row === undefined ? null : toRunRecord(row);
  }

  async deleteRun(storeId: StoreId, runId: number): Promise<void> {
    // Children first: SQLite enforces the cascade only with foreign keys switched on.
    await this.db.transaction().execute(async (trx) => {
      await trx
        .deleteFrom('import_problems')
        .where('store_id', '=', storeId)
        .where('run_id', '=', runId)
        .execute();
      await trx
        .deleteFrom('import_rows')
        .where('store_id', '=', storeId)
        .where('run_id', '=', runId)
        .execute();
      await trx.deleteFrom('import_runs').where('store_id', '=', storeId).where('id', '=', runId).execute();
    });
  }

  async getRun(storeId: StoreId, runId: number): Promise<ImportRunRecord | null> {
    const row = await this.db
      .selectFrom('import_runs')
      .selectAll()
      .where('store_id', '=', storeId)
      .where('id', '=', runId)
      .executeTakeFirst();
    return row === undefined ? null : toRunRecord(row);
  }

  async findByRequestKey(storeId: StoreId, requestKey: string): Promise<ImportRunRecord | null> {
    const row = await this.db
      .selectFrom('import_runs')
      .selectAll()
      .where('store_id', '=', storeId)
      .where('request_key', '=', requestKey)
      .orderBy('id', 'desc')
      .executeTakeFirst();
    return row === undefined ? null : toRunRecord(row);
  }

  async findByFileHash(
    storeId: StoreId,
    fileHash: string,
    statuses: readonly ImportRunStatus[],
    exceptRunId?: number,
  ): Promise<ImportRunRecord | null> {
    if (statuses.length === 0) return null;
    const row = await this.db
      .selectFrom('import_runs')
      .selectAll()
      .where('store_id', '=', storeId)
      .where('file_hash', '=', fileHash)
      .where('status', 'in', statuses)
      .$if(exceptRunId !== undefined, (q) => q.where('id', '<>', exceptRunId!))
      .orderBy('id', 'desc')
      .executeTakeFirst();
    return row === undefined ? null : toRunRecord(row);
  }

  async listRuns(
    storeId: StoreId,
    query: { readonly beforeId?: number; readonly limit?: number } = {},
  ): Promise<ImportRunRecord[]> {
    const rows = await this.db
      .selectFrom('import_runs')
      .selectAll()
      .where('store_id', '=', storeId)
      // A run still being read is not a run yet.
      .where('status', '<>', 'validating')
      .$if(query.beforeId !== undefined, (q) => q.where('id', '<', query.beforeId!))
      .orderBy('id', 'desc')
      .limit(query.limit ?? 20)
      .execute();
    return rows.map(toRunRecord);
  }

  async listProblems(
    storeId: StoreId,
    runId: number,
    query: { readonly offset?: number; readonly limit?: number } = {},
  ): Promise<ImportProblemRecord[]> {
    const rows = await this.db
      .selectFrom('import_problems')
      .selectAll()
      .where('store_id', '=', storeId)
      .where('run_id', '=', runId)
      .orderBy('line')
      .orderBy('id')
      .limit(query.limit ?? 100)
      .offset(query.offset ?? 0)
      .execute();
    return rows.map(toProblemRecord);
  }

  async startApplying(storeId: StoreId, runId: number, applyValidRows: boolean, now: Date): Promise<boolean> {
    const result = await this.db
      .updateTable('import_runs')
      .set({
        status: 'applying',
        apply_valid_rows: toBool(applyValidRows),
        applied_at: toTimestamp(now),
        updated_at: toTimestamp(now),
      })
      .where('store_id', '=', storeId)
      .where('id', '=', runId)
      .where('status', '=', 'validated')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async nextPendingRows(storeId: StoreId, runId: number, limit: number): Promise<ImportRowRecord[]> {
    const rows = await this.db
      .selectFrom('import_rows')
      .selectAll()
      .where('store_id', '=', storeId)
      .where('run_id', '=', runId)
      .where('outcome', '=', 'pending')
      .orderBy('line')
      .limit(limit)
      .execute();
    return rows.map(toRowRecord);
  }

  async recordChunk(storeId: StoreId, runId: number, chunk: ChunkOutcome, now: Date): Promise<void> {
    const at = toTimestamp(now);
    await this.db.transaction().execute(async (trx) => {
      const done = new Map<string, number[]>();
      for (const row of chunk.rows) done.set(row.outcome, [...(done.get(row.outcome) ?? []), row.line]);
      let worked = 0;
      let refused: number[] = [];
      for (const [outcome, lines] of done) {
        const updated = await trx
          .updateTable('import_rows')
          .set({ outcome: outcome as ImportRowRecord['outcome'], applied_at: at })
          .where('store_id', '=', storeId)
          .where('run_id', '=', runId)
          .where('line', 'in', lines)
          .where('outcome', '=', 'pending')
          .returning('line')
          .execute();
        worked += updated.length;
        if (outcome === 'refused') refused = updated.map((r) => r.line);
      }
      // Only the rows this call moved out of pending: a chunk recorded twice adds nothing.
      const refusedNow = new Set(refused);
      await insertProblems(
        trx,
        storeId,
        runId,
        chunk.problems.filter((p) => refusedNow.has(p.line)),
      );
      await trx
        .updateTable('import_runs')
        .set((eb) => ({
          applied_rows: eb('applied_rows', '+', worked),
          valid_rows: eb('valid_rows', '-', refusedNow.size),
          error_rows: eb('error_rows', '+', refusedNow.size),
          updated_at: at,
        }))
        .where('store_id', '=', storeId)
        .where('id', '=', runId)
        .execute();
    });
  }

  async finishRun(storeId: StoreId, runId: number, status: 'done' | 'failed', now: Date): Promise<void> {
    await this.db
      .updateTable('import_runs')
      .set({ status, finished_at: toTimestamp(now), updated_at: toTimestamp(now) })
      .where('store_id', '=', storeId)
      .where('id', '=', runId)
      .where('status', '=', 'applying')
      .execute();
  }

  async listStaleApplying(before: Date, limit: number): Promise<{ storeId: StoreId; runId: number }[]> {
    const rows = await this.db
      .selectFrom('import_runs')
      .select(['store_id', 'id'])
      .where('status', '=', 'applying')
      .where('updated_at', '<', toTimestamp(before))
      .orderBy('updated_at')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ storeId: r.store_id, runId: r.id }));
  }
}

async function insertProblems(
  db: Kysely<DB>,
  storeId: StoreId,
  runId: number,
  problems: readonly ImportProblemWrite[],
): Promise<void> {
  for (let i = 0; i < problems.length; i += PROBLEMS_PER_INSERT) {
    await db
      .insertInto('import_problems')
      .values(
        problems.slice(i, i + PROBLEMS_PER_INSERT).map((p) => ({
          store_id: storeId,
          run_id: runId,
          line: p.line,
          column_name: p.column,
          sku: p.sku,
          value: p.value,
          code: p.code,
          message: p.message,
        })),
      )
      .execute();
  }
}

function toRowValues(storeId: StoreId, runId: number, row: ImportRowWrite) {
  return {
    store_id: storeId,
    run_id: runId,
    line: row.line,
    sku: row.sku,
    item_id: row.itemId,
    stock: row.stock ?? null,
    stock_given: toBool(row.stock !== undefined),
    threshold: row.threshold ?? null,
    threshold_given: toBool(row.threshold !== undefined),
    incoming: row.incomingStock ?? null,
    incoming_given: toBool(row.incomingStock !== undefined),
    back_in_stock_date: row.backInStockDate ?? null,
    back_in_stock_date_given: toBool(row.backInStockDate !== undefined),
    applied_at: null,
  };
}

function toRowRecord(row: Selectable<ImportRowsTable>): ImportRowRecord {
  return {
    line: row.line,
    sku: row.sku,
    itemId: row.item_id,
    ...(fromBool(row.stock_given) ? { stock: row.stock ?? 0 } : {}),
    ...(fromBool(row.threshold_given) ? { threshold: row.threshold } : {}),
    ...(fromBool(row.incoming_given) ? { incomingStock: row.incoming ?? 0 } : {}),
    ...(fromBool(row.back_in_stock_date_given) ? { backInStockDate: row.back_in_stock_date } : {}),
    outcome: row.outcome,
  };
}

function toProblemRecord(row: Selectable<ImportProblemsTable>): ImportProblemRecord {
  return {
    id: row.id,
    line: row.line,
    column: row.column_name,
    sku: row.sku,
    value: row.value,
    code: row.code,
    message: row.message,
  };
}

function toRunRecord(row: Selectable<ImportRunsTable>): ImportRunRecord {
  return {
    id: row.id,
    storeId: row.store_id,
    status: row.status === 'pending' ? 'validating' : row.status,
    fileName: row.file_name,
    format: row.format,
    encoding: row.encoding,
    fileHash: row.file_hash,
    requestKey: row.request_key,
    actor: row.actor,
    totalRows: row.total_rows,
    validRows: row.valid_rows,
    errorRows: row.error_rows,
    unchangedRows: row.unchanged_rows,
    appliedRows: row.applied_rows,
    summary: row.summary === null ? null : fromJson<ImportSummary>(row.summary),
    applyValidRows: row.apply_valid_rows === null ? null : fromBool(row.apply_valid_rows),
    createdAt: fromTimestamp(row.created_at),
    updatedAt: fromTimestamp(row.updated_at),
    appliedAt: fromTimestampOrNull(row.applied_at),
    finishedAt: fromTimestampOrNull(row.finished_at),
  };
}
