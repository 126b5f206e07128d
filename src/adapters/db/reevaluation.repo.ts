import type { Kysely, Selectable } from 'kysely';
import type {
  NewReevaluation,
  ReevaluationEnd,
  ReevaluationProgress,
  ReevaluationRecord,
  ReevaluationRepository,
} from '../../app/ports/reevaluation-repository.js';
import type { StoreId } from '../../app/ports/store-id.js';
import { fromTimestamp, fromTimestampOrNull, toTimestamp } from './rows.js';
import type { DB, SettingsReevaluationsTable } from './schema.js';

/** ReevaluationRepository on Kysely (table `settings_reevaluations`, migration 0024). */
export class KyselyReevaluationRepository implements ReevaluationRepository {
  constructor(private readonly db: Kysely<DB>) {}

  async create(input: NewReevaluation): Promise<ReevaluationRecord> {
    const row = await this.db
      .insertInto('settings_reevaluations')
      .values({
        store_id: input.storeId,
        switch_condition: input.switchCondition,
        ref: input.ref,
        status: 'running',
        total_items: input.totalItems,
        done_items: 0,
        changed_items: 0,
        cursor: null,
        actor: input.actor,
        created_at: toTimestamp(input.now),
        updated_at: toTimestamp(input.now),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toRecord(row);
  }

  async get(storeId: StoreId, id: number): Promise<ReevaluationRecord | null> {
    const row = await this.db
      .selectFrom('settings_reevaluations')
      .selectAll()
      .where('store_id', '=', storeId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row === undefined ? null : toRecord(row);
  }

  async latest(storeId: StoreId): Promise<ReevaluationRecord | null> {
    const row = await this.db
      .selectFrom('settings_reevaluations')
      .selectAll()
      .where('store_id', '=', storeId)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row === undefined ? null : toRecord(row);
  }

  async advance(storeId: StoreId, id: number, progress: ReevaluationProgress, now: Date): Promise<boolean> {
    const result = await this.db
      .updateTable('settings_reevaluations')
      .set({
        cursor: progress.cursor,
        done_items: progress.doneItems,
        changed_items: progress.changedItems,
        updated_at: toTimestamp(now),
      })
      .where('store_id', '=', storeId)
      .where('id', '=', id)
      .where('status', '=', 'running')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async finish(
    storeId: StoreId,
    id: number,
    status: ReevaluationEnd,
    now: Date,
    error?: string,
  ): Promise<void> {
    await this.db
      .updateTable('settings_reevaluations')
      .set({
        status,
        error: error ?? null,
        updated_at: toTimestamp(now),
        finished_at: toTimestamp(now),
      })
      .where('store_id', '=', storeId)
      .where('id', '=', id)
      .where('status', '=', 'running')
      .execute();
  }
}

function toRecord(row: Selectable<SettingsReevaluationsTable>): ReevaluationRecord {
  return {
    id: Number(row.id),
    storeId: row.store_id,
    switchCondition: row.switch_condition,
    ref: row.ref,
    status: row.status,
    totalItems: row.total_items,
    doneItems: row.done_items,
    changedItems: row.changed_items,
    cursor: row.cursor === null ? null : Number(row.cursor),
    actor: row.actor,
    error: row.error,
    createdAt: fromTimestamp(row.created_at),
    updatedAt: fromTimestamp(row.updated_at),
    finishedAt: fromTimestampOrNull(row.finished_at),
  };
}
