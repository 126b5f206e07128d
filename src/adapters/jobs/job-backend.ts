import type { JobName, JobPayload } from '../../app/ports/job-queue.js';

/**
 * Where jobs are stored: the `jobs` table (sql-job-backend.ts) or pg-boss (pg-boss-job-backend.ts).
 * The polling runner (polling-job-queue.ts) is the same over both, so concurrency, waking, stopping
 * and `every` behave alike whichever database the app runs on.
 */
export interface JobBackend {
  /** Prepares storage for these names (pg-boss creates its queues); called by start(). */
  start(names: readonly JobName[]): Promise<void>;
  enqueue(name: JobName, payload: JobPayload, options: EnqueueOptions): Promise<string | null>;
  /** Takes up to `limit` due jobs of `name` for this process; another process can no longer take them. */
  claim(name: JobName, limit: number): Promise<ClaimedJob[]>;
  complete(job: ClaimedJob): Promise<void>;
  /** Records the failure: the job is retried later (with backoff) or, out of attempts, kept as failed. */
  fail(job: ClaimedJob, error: unknown): Promise<void>;
  /**
   * Extends the lease of a running job. Present when the backend leases jobs for a short time and
   * expects a heartbeat (so a long job is not taken for dead); `heartbeatMs` says how often.
   */
  renew?(job: ClaimedJob): Promise<boolean>;
  readonly heartbeatMs?: number;
  /** Housekeeping (failing jobs whose process died on their last attempt, deleting old done jobs). */
  maintain?(): Promise<void>;
  /** Releases connections. Called by stop() once no handler runs any more. */
  close(): Promise<void>;
}

export interface EnqueueOptions {
  readonly singletonKey?: string;
  readonly startAfter?: Date;
  /**
   * `startAfter` as a delay from the app's clock now (0 when due). A backend that schedules by another
   * clock (pg-boss: PostgreSQL's) uses this, so clock skew between app and database never delays a job.
   */
  readonly delayMs?: number;
  /** Retries after the first failure. */
  readonly retryLimit: number;
  /** For `every`: one job per time slot of this length (with the singleton key), across instances. */
  readonly slotMs?: number;
}

export interface ClaimedJob {
  readonly id: string;
  readonly name: JobName;
  readonly payload: JobPayload;
  /** 1 for the first try. */
  readonly attempt: number;
}

/** Pino-compatible (Fastify's `app.log` fits). */
export interface JobLogger {
  error(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  info?(obj: object, msg: string): void;
}

/** Writes warnings and errors to stderr when no logger is given: job failures are never silent. */
export const stderrLogger: JobLogger = {
  error: (obj, msg) => process.stderr.write(`[jobs] ${msg} ${safeJson(obj)}\n`),
  warn: (obj, msg) => process.stderr.write(`[jobs] ${msg} ${safeJson(obj)}\n`),
};

function safeJson(value: object): string {
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

const MAX_ERROR_LENGTH = 4000;

/** What is stored of a handler's error: its stack (or message), bounded. */
export function describeError(error: unknown): string {
  const text = error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
  return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH)}…` : text;
}
