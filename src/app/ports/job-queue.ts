/**
 * Background work behind one interface: pg-boss on PostgreSQL, a small in-process runner over the
 * `jobs` table on SQLite (the jobs adapter). Delivery is at least once: a handler may run again after
 * a crash or a retry, so every handler is idempotent (it re-reads the truth and uses idempotency keys).
 * The jobs themselves — names, payloads, singleton keys — are listed in src/app/jobs/job-catalogue.ts.
 */
import type { JobName } from '../jobs/job-catalogue.js';
import type { CallPriority } from './call-priority.js';

export type { CallPriority, JobName };

/**
 * A job's payload as the queue stores it. Use cases send through `enqueue` and handlers are made with
 * `defineJob` (src/app/jobs), which type and check it against the job catalogue.
 */
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
  /** The priority of the store calls its handler makes (default `normal`). */
  readonly callPriority?: CallPriority;
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
