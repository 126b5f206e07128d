import type { CatalogEchoes } from '../../../src/app/ports/catalog-echoes.js';
import type { StoreId } from '../../../src/app/ports/store-id.js';
import { checkStore, type InMemoryDatabase, toTimestamp } from './database.js';

/** CatalogEchoes in memory, as KyselyCatalogEchoes (src/adapters/db/catalog-echoes.repo.ts). */
export class InMemoryCatalogEchoes implements CatalogEchoes {
  constructor(private readonly db: InMemoryDatabase) {}

  expect(storeId: StoreId, bcProductIds: readonly number[], at: Date): Promise<void> {
    return this.db.execute(() => {
      if (bcProductIds.length > 0) checkStore(this.db, storeId, 'catalog_echoes');
      for (const bcProductId of bcProductIds) {
        this.db.catalogEchoes.insert({
          id: this.db.catalogEchoes.nextId(),
          storeId,
          bcProductId,
          createdAt: toTimestamp(at),
        });
      }
    });
  }

  take(storeId: StoreId, bcProductId: number, since: Date): Promise<boolean> {
    return this.db.execute(() => {
      const from = toTimestamp(since);
      const row = this.db.catalogEchoes
        .filter((e) => e.storeId === storeId && e.bcProductId === bcProductId && e.createdAt >= from)
        .sort((a, b) => a.id - b.id)[0];
      if (row === undefined) return false;
      this.db.catalogEchoes.delete(row);
      return true;
    });
  }

  forgetOlderThan(storeId: StoreId, before: Date): Promise<number> {
    return this.db.execute(() => {
      const limit = toTimestamp(before);
      const old = this.db.catalogEchoes.filter((e) => e.storeId === storeId && e.createdAt < limit);
      for (const row of old) this.db.catalogEchoes.delete(row);
      return old.length;
    });
  }
}
