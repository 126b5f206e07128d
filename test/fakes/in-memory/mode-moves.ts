import type {
  ModeMoveRecord,
  ModeMoveRepository,
  NewModeMove,
} from '../../../src/app/ports/mode-move-repository.js';
import type { StoreId } from '../../../src/app/ports/store-id.js';
import { checkStore, type InMemoryDatabase } from './database.js';

/** ModeMoveRepository in memory, as KyselyModeMoveRepository (src/adapters/db/mode-move.repo.ts). */
export class InMemoryModeMoveRepository implements ModeMoveRepository {
  constructor(private readonly db: InMemoryDatabase) {}

  create(input: NewModeMove): Promise<ModeMoveRecord> {
    return this.db.execute(() => {
      checkStore(this.db, input.storeId, 'mode_moves');
      return this.db.modeMoves.insert({
        id: this.db.modeMoves.nextId(),
        storeId: input.storeId,
        from: input.from,
        to: input.to,
        status: 'running',
        totalProducts: input.totalProducts,
        doneProducts: 0,
        cursor: null,
        actor: input.actor,
        error: null,
        createdAt: input.now,
        finishedAt: null,
      });
    });
  }

  get(storeId: StoreId, id: number): Promise<ModeMoveRecord | null> {
    return this.db.execute(() => this.db.modeMoves.find((m) => m.storeId === storeId && m.id === id) ?? null);
  }

  latest(storeId: StoreId): Promise<ModeMoveRecord | null> {
    return this.db.execute(
      () => this.db.modeMoves.filter((m) => m.storeId === storeId).sort((a, b) => b.id - a.id)[0] ?? null,
    );
  }

  advance(storeId: StoreId, id: number, cursor: number, done: number): Promise<void> {
    return this.db.execute(() => {
      const row = this.db.modeMoves.find((m) => m.storeId === storeId && m.id === id);
      if (row !== undefined) this.db.modeMoves.update(row, { ...row, cursor, doneProducts: done });
    });
  }

  finish(storeId: StoreId, id: number, status: 'done' | 'failed', now: Date, error?: string): Promise<void> {
    return this.db.execute(() => {
      const row = this.db.modeMoves.find((m) => m.storeId === storeId && m.id === id);
      if (row !== undefined)
        this.db.modeMoves.update(row, { ...row, status, finishedAt: now, error: error ?? null });
    });
  }
}
