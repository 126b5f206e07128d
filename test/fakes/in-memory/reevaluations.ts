import type {
  NewReevaluation,
  ReevaluationEnd,
  ReevaluationProgress,
  ReevaluationRecord,
  ReevaluationRepository,
} from '../../../src/app/ports/reevaluation-repository.js';
import type { StoreId } from '../../../src/app/ports/store-id.js';
import { checkStore, type InMemoryDatabase } from './database.js';

/** ReevaluationRepository in memory, as KyselyReevaluationRepository (src/adapters/db/reevaluation.repo.ts). */
export class InMemoryReevaluationRepository implements ReevaluationRepository {
  constructor(private readonly db: InMemoryDatabase) {}

  create(input: NewReevaluation): Promise<ReevaluationRecord> {
    return this.db.execute(() => {
      checkStore(this.db, input.storeId, 'settings_reevaluations');
      return this.db.reevaluations.insert({
        id: this.db.reevaluations.nextId(),
        storeId: input.storeId,
        switchCondition: input.switchCondition,
        ref: input.ref,
        status: 'running',
        totalItems: input.totalItems,
        doneItems: 0,
        changedItems: 0,
        cursor: null,
        actor: input.actor,
        error: null,
        createdAt: input.now,
        updatedAt: input.now,
        finishedAt: null,
      });
    });
  }

  get(storeId: StoreId, id: number): Promise<ReevaluationRecord | null> {
    return this.db.execute(
      () => this.db.reevaluations.find((r) => r.storeId === storeId && r.id === id) ?? null,
    );
  }

  latest(storeId: StoreId): Promise<ReevaluationRecord | null> {
    return this.db.execute(
      () => this.db.reevaluations.filter((r) => r.storeId === storeId).sort((a, b) => b.id - a.id)[0] ?? null,
    );
  }

  advance(storeId: StoreId, id: number, progress: ReevaluationProgress, now: Date): Promise<boolean> {
    return this.db.execute(() => {
      const row = this.db.reevaluations.find((r) => r.storeId === storeId && r.id === id);
      if (row === undefined || row.status !== 'running') return false;
      this.db.reevaluations.update(row, { ...row, ...progress, updatedAt: now });
      return true;
    });
  }

  finish(storeId: StoreId, id: number, status: ReevaluationEnd, now: Date, error?: string): Promise<void> {
    return this.db.execute(() => {
      const row = this.db.reevaluations.find((r) => r.storeId === storeId && r.id === id);
      if (row === undefined || row.status !== 'running') return;
      this.db.reevaluations.update(row, {
        ...row,
        status,
        error: error ?? null,
        updatedAt: now,
        finishedAt: now,
      });
    });
  }
}
