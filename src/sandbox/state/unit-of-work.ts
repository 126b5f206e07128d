import type { StoreEvent, StoreEventBus } from './events.js';
import { done, type Refusal, RefusalAbort, type Result } from './results.js';
import type { SandboxDb } from './sandbox-db.js';

/**
 * One SQLite transaction of the emulated store. Repo internals take a Tx, add the events their change
 * causes, and refuse by throwing RefusalAbort (which rolls everything back). The events are published
 * only once the transaction has committed, so a refused or failed change never fires a webhook.
 */
export interface Tx {
  readonly now: Date;
  readonly events: StoreEvent[];
}

export class UnitOfWork {
  constructor(
    private readonly db: SandboxDb,
    private readonly bus: StoreEventBus,
    private readonly clock: () => Date,
  ) {}

  run<T>(work: (tx: Tx) => T): Result<T> {
    const tx: Tx = { now: this.clock(), events: [] };
    let value: T;
    try {
      value = this.db.transaction(() => work(tx))();
    } catch (error) {
      if (error instanceof RefusalAbort) return error.refusal;
      throw error;
    }
    this.bus.publish(tx.events);
    return done(value);
  }
}

export function abort(refusal: Refusal): never {
  throw new RefusalAbort(refusal);
}

/** BigCommerce's v3 date format: ISO 8601 with seconds and an explicit +00:00 offset. */
export function isoDate(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, '+00:00');
}
