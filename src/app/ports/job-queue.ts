/**
 * Background work behind one interface: pg-boss on PostgreSQL, a small in-process runner over the
 * `jobs` table on SQLite (the jobs adapter). Delivery is at least once: a handler may run again after
 * a crash or a retry, so every handler is idempotent (it re-reads the truth and uses idempotency keys).
 */
export type JobName =
  /** Process one recorded webhook (inbox id). */
  | 'webhook.process'
  /** Deliver due outbox messages of one store (purchasability writes, coalesced per product). */
  | 'outbox.deliver'
  /** Send the grouped notification email(s) of one store. */
  | 'notifications.flush'
  /** Assign many products of one store, with progress. */
  | 'assignment.bulk'
  /** Apply one import run. */
  | 'import.run'
  /** Apply back-in-stock dates for stores whose local day has started (catches up after downtime). */
  | 'dates.check'
  /** Periodic sweep: re-enqueue work whose job was lost (inbox rows not processed, due outbox rows). */
  | 'maintenance.sweep';

export type JobPayload = Readonly<Record<string, unknown>>;

export interface SendOptions {
  /** At most one queued (not yet started) job with this key; a second send is dropped. */
  readonly singletonKey?: string;
  /** Do not start before this instant. */
  readonly startAfter?: Date;
  /** Attempts after the first failure (default 5), with exponential backoff. */
  readonly retryLimit?: number;
}

export interface JobContext {
  readonly id: string;
  readonly name: JobName;
  /** 1 for the first try. */
  readonly attempt: number;
}

export type JobHandler = (payload: JobPayload, context: JobContext) => Promise<void>;

export interface WorkOptions {
  /** Jobs of this name run at most this many at a time in this process (default 1). */
  readonly concurrency?: number;
}

export interface JobQueue {
  /** Queues a job; resolves with its id, or null when a job with the same singletonKey is already queued. */
  send(name: JobName, payload: JobPayload, options?: SendOptions): Promise<string | null>;
  /** Registers the handler of a job name. Call before start(). */
  work(name: JobName, handler: JobHandler, options?: WorkOptions): void;
  /** Queues `name` every `intervalMs` (one queued at a time across instances). */
  every(name: JobName, intervalMs: number, payload?: JobPayload): void;
  start(): Promise<void>;
  /** Stops taking jobs and waits for running handlers to finish. */
  stop(): Promise<void>;
}
