import type { LevelEcho, LevelEchoes } from '../../../src/app/ports/level-echoes.js';
import type { StoreId } from '../../../src/app/ports/store-id.js';
import { checkStore, type InMemoryDatabase, toTimestamp } from './database.js';

/** LevelEchoes in memory, as KyselyLevelEchoes (src/adapters/db/level-echoes.repo.ts). */
export class InMemoryLevelEchoes implements LevelEchoes {
  constructor(private readonly db: InMemoryDatabase) {}

  expect(storeId: StoreId, changes: readonly LevelEcho[], at: Date): Promise<void> {
    return this.db.execute(() => {
      if (changes.length > 0) checkStore(this.db, storeId, 'level_echoes');
      for (const change of changes) {
        this.db.levelEchoes.insert({
          id: this.db.levelEchoes.nextId(),
          storeId,
          itemId: change.itemId,
          method: change.method,
          value: change.value,
          createdAt: toTimestamp(at),
        });
      }
    });
  }

  take(storeId: StoreId, echo: LevelEcho, since: Date): Promise<boolean> {
    return this.db.execute(() => {
      const from = toTimestamp(since);
      const row = this.db.levelEchoes
        .filter(
          (e) =>
            e.storeId === storeId &&
            e.itemId === echo.itemId &&
            e.method === echo.method &&
            e.value === echo.value &&
            e.createdAt >= from,
        )
        .sort((a, b) => a.id - b.id)[0];
      if (row === undefined) return false;
      this.db.levelEchoes.delete(row);
      return true;
    });
  }

  forgetOlderThan(storeId: StoreId, before: Date): Promise<number> {
    return this.db.execute(() => {
      const limit = toTimestamp(before);
      const old = this.db.levelEchoes.filter((e) => e.storeId === storeId && e.createdAt < limit);
      for (const row of old) this.db.levelEchoes.delete(row);
      return old.length;
    });
  }
}
