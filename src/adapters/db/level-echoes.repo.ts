import type { Kysely } from 'kysely';
import type { LevelEcho, LevelEchoes } from '../../app/ports/level-echoes.js';
import type { StoreId } from '../../app/ports/store-id.js';
import type { Dialect } from './migrations/column-types.js';
import { toTimestamp } from './rows.js';
import type { DB } from './schema.js';

/** LevelEchoes on Kysely (table `level_echoes`, migration 0021). */
export class KyselyLevelEchoes implements LevelEchoes {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly dialect: Dialect,
  ) {}

  async expect(storeId: StoreId, changes: readonly LevelEcho[], at: Date): Promise<void> {
    if (changes.length === 0) return;
    await this.db
      .insertInto('level_echoes')
      .values(
        changes.map((c) => ({
          store_id: storeId,
          item_id: c.itemId,
          method: c.method,
          value: c.value,
          created_at: toTimestamp(at),
        })),
      )
      .execute();
  }

  async take(storeId: StoreId, echo: LevelEcho, since: Date): Promise<boolean> {
    // One DELETE of one matching row: two webhooks with the same value take two rows, never one twice
    // (on PostgreSQL the candidate row is locked, and a concurrent taker skips it).
    const taken = await this.db
      .deleteFrom('level_echoes')
      .where('store_id', '=', storeId)
      .where('id', '=', (eb) =>
        eb
          .selectFrom('level_echoes')
          .select('id')
          .where('store_id', '=', storeId)
          .where('item_id', '=', echo.itemId)
          .where('method', '=', echo.method)
          .where('value', '=', echo.value)
          .where('created_at', '>=', toTimestamp(since))
          .orderBy('id')
          .limit(1)
          .$if(this.dialect === 'postgres', (q) => q.forUpdate().skipLocked()),
      )
      .returning('id')
      .executeTakeFirst();
    return taken !== undefined;
  }

  async forgetOlderThan(storeId: StoreId, before: Date): Promise<number> {
    const result = await this.db
      .deleteFrom('level_echoes')
      .where('store_id', '=', storeId)
      .where('created_at', '<', toTimestamp(before))
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
