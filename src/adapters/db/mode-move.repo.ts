import type { Kysely, Selectable } from 'kysely';
import type {
  ModeMoveRecord,
  ModeMoveRepository,
  NewModeMove,
} from '../../app/ports/mode-move-repository.js';
import { isInventoryMode } from '../../app/ports/settings-repository.js';
import type { StoreId } from '../../app/ports/store-id.js';
import { fromTimestamp, fromTimestampOrNull, toTimestamp } from './rows.js';
import type { DB, ModeMovesTable } from './schema.js';

/** ModeMoveRepository on Kysely (table `mode_moves`, migration 0023). */
export class KyselyModeMoveRepository implements ModeMoveRepository {
  constructor(private readonly db: Kysely<DB>) {}

  async create(input: NewModeMove): Promise<ModeMoveRecord> {
    const row = await this.db
      .insertInto('mode_moves')
      .values({
        store_id: input.storeId,
        from_mode: input.from,
        to_mode: input.to,
        status: 'running',
        total_products: input.totalProducts,
        done_products: 0,
        cursor: null,
        actor: input.actor,
        created_at: toTimestamp(input.now),
        updated_at: toTimestamp(input.now),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toRecord(row);
  }

  async get(storeId: StoreId, id: number): Promise<ModeMoveRecord | null> {
    const row = await this.db
      .selectFrom('mode_moves')
      .selectAll()
      .where('store_id', '=', storeId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row === undefined ? null : toRecord(row);
  }

  async latest(storeId: StoreId): Promise<ModeMoveRecord | null> {
    const row = await this.db
      .selectFrom('mode_moves')
      .selectAll()
      .where('store_id', '=', storeId)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row === undefined ? null : toRecord(row);
  }

  async advance(storeId: StoreId, id: number, cursor: number, done: number, now: Date): Promise<void> {
    await this.db
      .updateTable('mode_moves')
      .set({ cursor, done_products: done, updated_at: toTimestamp(now) })
      .where('store_id', '=', storeId)
      .where('id', '=', id)
      .execute();
  }

  async finish(
    storeId: StoreId,
    id: number,
    status: 'done' | 'failed',
    now: Date,
    error?: string,
  ): Promise<void> {
    await this.db
      .updateTable('mode_moves')
      .set({
        status,
        error: error ?? null,
        updated_at: toTimestamp(now),
        finished_at: toTimestamp(now),
      })
      .where('store_id', '=', storeId)
      .where('id', '=', id)
      .execute();
  }
}

function toRecord(row: Selectable<ModeMovesTable>): ModeMoveRecord {
  return {
    id: Number(row.id),
    storeId: row.store_id,
    from: isInventoryMode(row.from_mode) ? row.from_mode : 'emulated',
    to: isInventoryMode(row.to_mode) ? row.to_mode : 'emulated',
    status: row.status,
    totalProducts: row.total_products,
    doneProducts: row.done_products,
    cursor: row.cursor === null ? null : Number(row.cursor),
    actor: row.actor,
    error: row.error,
    createdAt: fromTimestamp(row.created_at),
    finishedAt: fromTimestampOrNull(row.finished_at),
  };
}
