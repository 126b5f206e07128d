import type { Kysely } from 'kysely';
import type { Clock } from '../../app/ports/clock.js';
import type { Dialect } from '../db/database.js';
import type { DB } from '../db/schema.js';
import { type JobLogger, stderrLogger } from './job-backend.js';
import { PgBossJobBackend } from './pg-boss-job-backend.js';
import { PollingJobQueue } from './polling-job-queue.js';
import { SqlJobBackend } from './sql-job-backend.js';

export interface CreateJobQueueInput {
  readonly dialect: Dialect;
  /** The app's database: the `jobs` table on SQLite. */
  readonly db: Kysely<DB>;
  /** Required on PostgreSQL: pg-boss opens its own small pool to this database (schema `pgboss`). */
  readonly postgresUrl?: string;
  readonly clock?: Clock;
  readonly logger?: JobLogger;
  readonly tuning?: JobQueueTuning;
}

/** Defaults suit production; tests shorten them. */
export interface JobQueueTuning {
  /** How often each process looks for due jobs when not woken by a send of its own (default 1 s; 2 s on PostgreSQL). */
  readonly pollIntervalMs?: number;
  /** First retry delay (default 1 s), doubled per attempt. pg-boss counts whole seconds (≥ 1 with backoff). */
  readonly retryDelayMs?: number;
  /** Exponential backoff between retries (default true). */
  readonly retryBackoff?: boolean;
  /** SQLite: lease of a running job, renewed while it runs; a crashed process's job runs again after it (default 60 s). */
  readonly leaseMs?: number;
  /** PostgreSQL: a job active longer is taken for dead and retried; also the longest a handler may run (default 15 min). */
  readonly expireInSeconds?: number;
  /** Housekeeping: dead jobs, old finished jobs (default 60 s). */
  readonly maintenanceIntervalMs?: number;
  /** PostgreSQL: pg-boss's schema (default `pgboss`). */
  readonly pgBossSchema?: string;
}

/**
 * The app's job queue for its database: a small runner over the `jobs` table on SQLite, pg-boss on
 * PostgreSQL, both behind the JobQueue port and the same polling runner.
 */
export function createJobQueue(input: CreateJobQueueInput): PollingJobQueue {
  const tuning = input.tuning ?? {};
  const logger = input.logger ?? stderrLogger;
  const retryDelayMs = tuning.retryDelayMs ?? 1000;
  const retryBackoff = tuning.retryBackoff ?? true;
  const maintenanceIntervalMs = tuning.maintenanceIntervalMs ?? 60_000;
  if (input.dialect === 'postgres') {
    if (input.postgresUrl === undefined) {
      throw new Error('createJobQueue: a PostgreSQL database needs postgresUrl for pg-boss');
    }
    const backend = new PgBossJobBackend({
      connectionString: input.postgresUrl,
      logger,
      retryDelaySeconds: Math.round(retryDelayMs / 1000),
      retryBackoff,
      maintenanceIntervalSeconds: Math.max(1, Math.round(maintenanceIntervalMs / 1000)),
      ...(tuning.expireInSeconds === undefined ? {} : { expireInSeconds: tuning.expireInSeconds }),
      ...(tuning.pgBossSchema === undefined ? {} : { schema: tuning.pgBossSchema }),
    });
    // pg-boss maintains itself (its own timer); the runner only polls.
    return new PollingJobQueue(backend, {
      logger,
      pollIntervalMs: tuning.pollIntervalMs ?? 2000,
      ...(input.clock === undefined ? {} : { clock: input.clock }),
    });
  }
  const backend = new SqlJobBackend(input.db, {
    dialect: input.dialect,
    retryDelayMs,
    // Without backoff every retry waits the first delay: the cap is the delay itself.
    ...(retryBackoff ? {} : { maxRetryDelayMs: retryDelayMs }),
    ...(tuning.leaseMs === undefined ? {} : { leaseMs: tuning.leaseMs }),
    ...(input.clock === undefined ? {} : { clock: input.clock }),
  });
  return new PollingJobQueue(backend, {
    logger,
    pollIntervalMs: tuning.pollIntervalMs ?? 1000,
    maintenanceIntervalMs,
    ...(input.clock === undefined ? {} : { clock: input.clock }),
  });
}
