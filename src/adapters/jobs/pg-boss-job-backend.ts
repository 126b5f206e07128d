import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import pg from 'pg';
import PgBoss from 'pg-boss';
import type { JobName, JobPayload } from '../../app/ports/job-queue.js';
import {
  type ClaimedJob,
  describeError,
  type EnqueueOptions,
  type JobBackend,
  type JobLogger,
} from './job-backend.js';

export interface PgBossJobBackendOptions {
  readonly connectionString: string;
  readonly logger: JobLogger;
  /** pg-boss's tables live in this schema of the app's database (default `pgboss`). */
  readonly schema?: string;
  /**
   * pg-boss's own connection pool (default 8): every webhook receipt sends a job through it while the
   * runner claims and completes jobs, so 4 made receipts wait under a storm (issue 12.8).
   */
  readonly poolSize?: number;
  /**
   * A job still active after this is taken for dead (its process crashed) and retried. pg-boss has no
   * heartbeat, so this is also the longest a handler may run (default 15 minutes).
   */
  readonly expireInSeconds?: number;
  /** First retry delay in seconds; with backoff it doubles per attempt, with jitter (pg-boss's). */
  readonly retryDelaySeconds?: number;
  readonly retryBackoff?: boolean;
  /** How often pg-boss expires dead jobs and archives finished ones (default 60 s). */
  readonly maintenanceIntervalSeconds?: number;
}

/**
 * Jobs in pg-boss (PostgreSQL): the hosted deployment's queue. pg-boss stores, claims (SKIP LOCKED),
 * retries with backoff, expires jobs whose process died, and archives; the polling runner fetches and
 * completes through its API. Every queue uses pg-boss's `short` policy: at most one job per singleton
 * key waiting to start, which is what the JobQueue port promises.
 */
export class PgBossJobBackend implements JobBackend {
  readonly #boss: PgBoss;
  readonly #connectionString: string;
  readonly #schema: string;
  readonly #logger: JobLogger;
  readonly #expireInSeconds: number;
  readonly #retryDelaySeconds: number;
  readonly #retryBackoff: boolean;
  readonly #queues = new Map<string, Promise<void>>();
  #started: Promise<void> | null = null;
  #closed = false;

  constructor(options: PgBossJobBackendOptions) {
    this.#logger = options.logger;
    this.#connectionString = options.connectionString;
    this.#schema = options.schema ?? 'pgboss';
    this.#expireInSeconds = options.expireInSeconds ?? 15 * 60;
    this.#retryBackoff = options.retryBackoff ?? true;
    this.#retryDelaySeconds = options.retryDelaySeconds ?? 1;
    this.#boss = new PgBoss({
      connectionString: options.connectionString,
      schema: this.#schema,
      max: options.poolSize ?? 8,
      application_name: 'backorder-jobs',
      // Periodic jobs come from the runner's `every`, not from pg-boss's cron.
      schedule: false,
      supervise: true,
      migrate: true,
      maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 60,
    });
    this.#boss.on('error', (error) => this.#logger.error({ err: error }, 'pg-boss reported an error'));
  }

  async start(names: readonly JobName[]): Promise<void> {
    const sorted = [...names].sort();
    await this.#ready();
    const existing = new Set((await this.#boss.getQueues()).map((queue) => queue.name));
    const createAll = async () => {
      for (const name of sorted) await this.#queue(name);
    };
    if (sorted.every((name) => existing.has(name))) return createAll();
    // Creating a queue makes a partition of pg-boss's job table, and two instances doing so at once
    // deadlock (PostgreSQL finds it only after its deadlock_timeout, a second each time): instances
    // starting together on a new database, or with a new job, create the queues one instance at a time.
    await this.#whileHoldingQueueCreation(createAll);
  }

  /** Runs `work` holding a session advisory lock of this pg-boss schema, on a connection of its own. */
  async #whileHoldingQueueCreation(work: () => Promise<void>): Promise<void> {
    const client = new pg.Client({
      connectionString: this.#connectionString,
      application_name: 'backorder-jobs-setup',
    });
    await client.connect();
    try {
      const key = `backorder:pg-boss-queues:${this.#schema}`;
      await client.query('SELECT pg_advisory_lock(hashtext($1))', [key]);
      try {
        await work();
      } finally {
        await client.query('SELECT pg_advisory_unlock(hashtext($1))', [key]);
      }
    } finally {
      await client.end();
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#started === null) return;
    await this.#started.catch(() => undefined);
    // Nothing runs under pg-boss's own workers (the runner fetches), so there is nothing to wait for.
    await this.#boss.stop({ graceful: false, close: true, wait: true });
  }

  async enqueue(name: JobName, payload: JobPayload, options: EnqueueOptions): Promise<string | null> {
    await this.#queue(name);
    const id = randomUUID();
    return this.#boss.send(name, payload, {
      id,
      // The `short` policy counts jobs without a key as sharing one key: give each its own.
      singletonKey: options.singletonKey ?? `job:${id}`,
      retryLimit: options.retryLimit,
      retryDelay: this.#retryDelaySeconds,
      retryBackoff: this.#retryBackoff,
      // A delay in seconds, which pg-boss adds to PostgreSQL's now: an absolute time from the app's clock
      // would be compared with the database's, and any skew between the two would delay the job.
      ...(options.delayMs === undefined ? {} : { startAfter: Math.ceil(options.delayMs / 1000) }),
      // The slot is computed by PostgreSQL's clock, the same for every instance; pg-boss counts seconds.
      ...(options.slotMs === undefined
        ? {}
        : { singletonSeconds: Math.max(1, Math.round(options.slotMs / 1000)) }),
    });
  }

  async claim(name: JobName, limit: number): Promise<ClaimedJob[]> {
    await this.#queue(name);
    const jobs = await this.#boss.fetch<JobPayload>(name, { batchSize: limit, includeMetadata: true });
    return jobs.map((job) => ({
      id: job.id,
      name,
      payload: job.data ?? {},
      attempt: job.retryCount + 1,
    }));
  }

  async complete(job: ClaimedJob): Promise<void> {
    await this.#boss.complete(job.name, job.id);
  }

  async fail(job: ClaimedJob, error: unknown): Promise<void> {
    await this.#boss.fail(job.name, job.id, { message: describeError(error) });
  }

  #ready(): Promise<void> {
    if (this.#closed) return Promise.reject(new Error('The job queue is stopped'));
    this.#started ??= this.#boss.start().then(
      () => undefined,
      (error: unknown) => {
        // Let a later call try again (the database may come back).
        this.#started = null;
        throw error;
      },
    );
    return this.#started;
  }

  /** pg-boss 10 needs a queue created before jobs are sent to it; done once per name and process. */
  #queue(name: JobName): Promise<void> {
    let ready = this.#queues.get(name);
    if (ready === undefined) {
      ready = this.#ready()
        .then(() => this.#createQueue(name))
        .catch((error: unknown) => {
          this.#queues.delete(name);
          throw error;
        });
      this.#queues.set(name, ready);
    }
    return ready;
  }

  async #createQueue(name: JobName): Promise<void> {
    const options = { name, policy: 'short' as const, expireInSeconds: this.#expireInSeconds };
    for (let attempt = 1; ; attempt += 1) {
      try {
        const existing = await this.#boss.getQueue(name);
        if (existing === null) {
          await this.#boss.createQueue(name, options);
        } else if (
          existing.policy !== options.policy ||
          existing.expireInSeconds !== options.expireInSeconds
        ) {
          // A queue made by an older version of the app: bring it to today's settings.
          await this.#boss.updateQueue(name, options);
        }
        return;
      } catch (error) {
        // Two instances creating the same queue (a partition of pg-boss's job table) at once can
        // deadlock; PostgreSQL aborts one, which finds the queue made when it tries again.
        if (attempt >= 5 || !isTransient(error)) throw error;
        await delay(50 * attempt + Math.random() * 100);
      }
    }
  }
}

const TRANSIENT_CODES = new Set(['40P01', '40001', '23505', '42P07']);

function isTransient(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && TRANSIENT_CODES.has(code);
}
