import type { Kysely } from 'kysely';
import type { CatalogEchoes } from '../../app/ports/catalog-echoes.js';
import type { StoreId } from '../../app/ports/store-id.js';
import type { Dialect } from './migrations/column-types.js';
import { toTimestamp } from './rows.js';
import type { DB } from './schema.js';

/** CatalogEchoes on Kysely (table `catalog_echoes`, migration 0025). */
export class KyselyCatalogEchoes implements CatalogEchoes {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly dialect: Dialect,
  ) {}

  async expect(storeId: StoreId, bcProductIds: readonly number[], at: Date): Promise<void> {
    if (bcProductIds.length === 0) return;
    const createdAt = toTimestamp(at);
    // In slices: SQLite allows at most 32,766 bound parameters per statement.
    for (let i = 0; i < bcProductIds.length; i += 1_000) {
      await this.db
        .insertInto('catalog_echoes')
        .values(
          bcProductIds
            .slice(i, i + 1_000)
            .map((id) => ({ store_id: storeId, bc_product_id: id, created_at: createdAt })),
        )
        .execute();
    }
  }

  async take(storeId: StoreId, bcProductId: number, since: Date): Promise<boolean> {
    // One DELETE of one matching row: two webhooks take two rows, never one twice (on PostgreSQL the
    // candidate row is locked, and a concurrent taker skips it).
    const taken = await this.db
      .deleteFrom('catalog_echoes')
      .where('store_id', '=', storeId)
      .where('id', '=', (eb) =>
        eb
          .selectFrom('catalog_echoes')
          .select('id')
          .where('store_id', '=', storeId)
          .where('bc_product_id', '=', bcProductId)
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
      .deleteFrom('catalog_echoes')
      .where('store_id', '=', storeId)
      .where('created_at', '<', toTimestamp(before))
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
