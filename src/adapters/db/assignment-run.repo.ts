import { type Kysely, type Selectable, sql } from 'kysely';
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
} from '../../app/ports/assignment-run-repository.js';
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
import type { AssignmentRunItemsTable, AssignmentRunsTable, DB } from './schema.js';

/** Rows per INSERT: keeps statements well under SQLite's and PostgreSQL's parameter limits. */
const INSERT_CHUNK = 500;

export class KyselyAssignmentRunRepository implements AssignmentRunRepository {
  constructor(private readonly db: Kysely<DB>) {}

  async createRun(input: NewAssignmentRun): Promise<AssignmentRunRecord> {
    const now = toTimestamp(input.now);
    return this.db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('assignment_runs')
        .values({
          store_id: input.storeId,
          status: 'pending',
          template_id: input.templateId,
          filter: input.filter === null || input.filter === undefined ? null : toJson(input.filter),
          stock_defaults:
            input.stockDefaults === null || input.stockDefaults === undefined
              ? null
              : toJson(input.stockDefaults),
          resolved: toBool(input.bcProductIds !== undefined),
          actor: input.actor,
          error: null,
          created_at: now,
          updated_at: now,
          finished_at: null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      if (input.bcProductIds !== undefined) {
        await insertProducts(trx, input.storeId, row.id, input.bcProductIds, now);
      }
      return toRunRecord(row);
    });
  }

  async getRun(storeId: StoreId, runId: number): Promise<AssignmentRunRecord | null> {
    const row = await this.db
      .selectFrom('assignment_runs')
      .selectAll()
      .where('store_id', '=', storeId)
      .where('id', '=', runId)
      .executeTakeFirst();
    return row === undefined ? null : toRunRecord(row);
  }

  async listRuns(storeId: StoreId, query: AssignmentRunQuery = {}): Promise<AssignmentRunRecord[]> {
    const { statuses } = query;
    const rows = await this.db
      .selectFrom('assignment_runs')
      .selectAll()
      .where('store_id', '=', storeId)
      .$if(statuses !== undefined, (q) =>
        statuses!.length === 0 ? q.where(sql<boolean>`1 = 0`) : q.where('status', 'in', statuses!),
      )
      .orderBy('id', 'desc')
      .limit(query.limit ?? 20)
      .execute();
    return rows.map(toRunRecord);
  }

  async addProducts(
    storeId: StoreId,
    runId: number,
    bcProductIds: readonly number[],
    now: Date,
  ): Promise<number> {
    return insertProducts(this.db, storeId, runId, bcProductIds, toTimestamp(now));
  }

  async markResolved(storeId: StoreId, runId: number, now: Date): Promise<void> {
    await this.db
      .updateTable('assignment_runs')
      .set({ resolved: toBool(true), updated_at: toTimestamp(now) })
      .where('store_id', '=', storeId)
      .where('id', '=', runId)
      .execute();
  }

  async setStatus(
    storeId: StoreId,
    runId: number,
    status: AssignmentRunStatus,
    now: Date,
    error: string | null = null,
  ): Promise<void> {
    const finished = status === 'done' || status === 'failed';
    await this.db
      .updateTable('assignment_runs')
      .set({
        status,
        error,
        updated_at: toTimestamp(now),
        ...(finished ? { finished_at: toTimestamp(now) } : {}),
      })
      .where('store_id', '=', storeId)
      .where('id', '=', runId)
      .execute();
  }

  async nextPending(storeId: StoreId, runId: number, limit: number): Promise<AssignmentRunProductRecord[]> {
    return this.listProducts(storeId, runId, { status: 'pending', limit });
  }

  async recordOutcome(
    storeId: StoreId,
    runId: number,
    bcProductId: number,
    outcome: AssignmentRunOutcome,
    now: Date,
  ): Promise<void> {
    await this.db
      .updateTable('assignment_run_items')
      .set({
        status: outcome.status,
        code: outcome.code ?? null,
        message: outcome.message ?? null,
        product_name: outcome.productName ?? null,
        product_sku: outcome.productSku ?? null,
        item_count: outcome.itemCount ?? 0,
        warnings: toJson(outcome.warnings ?? []),
        updated_at: toTimestamp(now),
      })
      .where('store_id', '=', storeId)
      .where('run_id', '=', runId)
      .where('bc_product_id', '=', bcProductId)
      .where('status', '=', 'pending')
      .execute();
  }

  async progress(storeId: StoreId, runId: number): Promise<AssignmentRunProgress> {
    const rows = await this.db
      .selectFrom('assignment_run_items')
      .select((eb) => ['status', eb.fn.countAll<number | string>().as('count')])
      .where('store_id', '=', storeId)
      .where('run_id', '=', runId)
      .groupBy('status')
      .execute();
    const counts = { pending: 0, assigned: 0, skipped: 0, failed: 0 };
    for (const row of rows) counts[row.status] = Number(row.count);
    return {
      total: counts.pending + counts.assigned + counts.skipped + counts.failed,
      ...counts,
    };
  }

  async listProducts(
    storeId: StoreId,
    runId: number,
    query: AssignmentRunProductQuery = {},
  ): Promise<AssignmentRunProductRecord[]> {
    const rows = await this.db
      .selectFrom('assignment_run_items')
      .selectAll()
      .where('store_id', '=', storeId)
      .where('run_id', '=', runId)
      .$if(query.status !== undefined, (q) => q.where('status', '=', query.status!))
      .$if(query.afterId !== undefined, (q) => q.where('id', '>', query.afterId!))
      .orderBy('id')
      .limit(query.limit ?? 500)
      .execute();
    return rows.map(toProductRecord);
  }
}

async function insertProducts(
  db: Kysely<DB>,
  storeId: StoreId,
  runId: number,
  bcProductIds: readonly number[],
  now: string,
): Promise<number> {
  let added = 0;
  const unique = [...new Set(bcProductIds)];
  for (let i = 0; i < unique.length; i += INSERT_CHUNK) {
    const chunk = unique.slice(i, i + INSERT_CHUNK);
    const result = await db
      .insertInto('assignment_run_items')
      .values(
        chunk.map((bcProductId) => ({
          store_id: storeId,
          run_id: runId,
          bc_product_id: bcProductId,
          status: 'pending' as const,
          updated_at: now,
        })),
      )
      // A filter run resumed after a crash lists some products again: they stay as they were.
      .onConflict((oc) => oc.columns(['store_id', 'run_id', 'bc_product_id']).doNothing())
      .executeTakeFirst();
    added += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  return added;
}

function toRunRecord(row: Selectable<AssignmentRunsTable>): AssignmentRunRecord {
  return {
    id: row.id,
    storeId: row.store_id,
    status: row.status,
    templateId: row.template_id,
    filter: row.filter === null ? null : fromJson<unknown>(row.filter),
    stockDefaults: row.stock_defaults === null ? null : fromJson<StockDefaults>(row.stock_defaults),
    resolved: fromBool(row.resolved),
    actor: row.actor,
    error: row.error,
    createdAt: fromTimestamp(row.created_at),
    updatedAt: fromTimestamp(row.updated_at),
    finishedAt: fromTimestampOrNull(row.finished_at),
  };
}

function toProductRecord(row: Selectable<AssignmentRunItemsTable>): AssignmentRunProductRecord {
  return {
    id: row.id,
    runId: row.run_id,
    bcProductId: row.bc_product_id,
    status: row.status,
    code: row.code,
    message: row.message,
    productName: row.product_name,
    productSku: row.product_sku,
    itemCount: row.item_count,
    warnings: fromJson<string[]>(row.warnings),
    updatedAt: fromTimestamp(row.updated_at),
  };
}
