import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { type Clock, systemClock } from '../../app/ports/clock.js';
import type { JobName, JobPayload } from '../../app/ports/job-queue.js';
import type { Dialect } from '../db/database.js';
import type { DB } from '../db/schema.js';
import { type ClaimedJob, describeError, type EnqueueOptions, type JobBackend } from './job-backend.js';

export interface SqlJobBackendOptions {
  readonly dialect: Dialect;
  readonly clock?: Clock;
  /**
   * How long a claimed job is hidden from other processes. The running process renews it every
   * third of this; a process that dies stops renewing, and its job runs again once this has passed.
   */
  readonly leaseMs?: number;
  /** First retry delay; doubled per further attempt (exponential backoff), capped. */
  readonly retryDelayMs?: number;
  readonly maxRetryDelayMs?: number;
  /** Done jobs are deleted after this (default one day); failed jobs are kept longer, to be looked at. */
  readonly doneRetentionMs?: number;
  readonly failedRetentionMs?: number;
  /** Recorded in `locked_by`; one per queue instance. */
  readonly instanceId?: string;
}

interface SqlClaimedJob extends ClaimedJob {
  readonly rowId: number;
  readonly maxAttempts: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Jobs in the app's own `jobs` table, through Kysely: the embedded (SQLite) deployment's queue.
 * Written for any Kysely database (on PostgreSQL claims skip rows another instance has locked).
 * A claim is one UPDATE of due rows: it takes a lease (`locked_until`, `locked_by`) and counts the
 * attempt, so two processes never take the same job while its lease runs.
 */
export class SqlJobBackend implements JobBackend {
  readonly heartbeatMs: number;
  readonly #db: Kysely<DB>;
  readonly #dialect: Dialect;
  readonly #clock: Clock;
  readonly #leaseMs: number;
  readonly #retryDelayMs: number;
  readonly #maxRetryDelayMs: number;
  readonly #doneRetentionMs: number;
  readonly #failedRetentionMs: number;
  readonly #instanceId: string;

  constructor(db: Kysely<DB>, options: SqlJobBackendOptions) {
    this.#db = db;
    this.#dialect = options.dialect;
    this.#clock = options.clock ?? systemClock;
    this.#leaseMs = options.leaseMs ?? 60_000;
    this.#retryDelayMs = options.retryDelayMs ?? 1000;
    this.#maxRetryDelayMs = options.maxRetryDelayMs ?? 60 * 60 * 1000;
    this.#doneRetentionMs = options.doneRetentionMs ?? DAY_MS;
    this.#failedRetentionMs = options.failedRetentionMs ?? 30 * DAY_MS;
    this.#instanceId = options.instanceId ?? randomUUID();
    this.heartbeatMs = Math.max(10, Math.floor(this.#leaseMs / 3));
  }

  async start(): Promise<void> {
    // The table comes with the app's migrations.
  }

  async close(): Promise<void> {
    // The database belongs to the app, which closes it.
  }

  async enqueue(name: JobName, payload: JobPayload, options: EnqueueOptions): Promise<string | null> {
    const now = this.#clock.now();
    const runAt = options.startAfter !== undefined && options.startAfter > now ? options.startAfter : now;
    const slot =
      options.slotMs === undefined
        ? null
        : new Date(Math.floor(now.getTime() / options.slotMs) * options.slotMs).toISOString();
    // A singleton or slot already taken is a unique violation: nothing is inserted, null is returned.
    const row = await this.#db
      .insertInto('jobs')
      .values({
        queue: name,
        payload: JSON.stringify(payload),
        run_at: runAt.toISOString(),
        max_attempts: options.retryLimit + 1,
        singleton_key: options.singletonKey ?? null,
        singleton_on: slot,
        created_at: now.toISOString(),
      })
      .onConflict((oc) => oc.doNothing())
      .returning('id')
      .executeTakeFirst();
    return row === undefined ? null : String(row.id);
  }

  async claim(name: JobName, limit: number): Promise<ClaimedJob[]> {
    const now = this.#clock.now();
    const nowText = now.toISOString();
    const leaseUntil = new Date(now.getTime() + this.#leaseMs).toISOString();
    const due = this.#db
      .selectFrom('jobs')
      .select('id')
      .where('queue', '=', name)
      .where('done_at', 'is', null)
      .where('failed_at', 'is', null)
      .where('run_at', '<=', nowText)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', nowText)]))
      .where((eb) => eb('attempts', '<', eb.ref('max_attempts')))
      .orderBy('run_at')
      .orderBy('id')
      .limit(limit);
    // Most polls find nothing: a read first, so an idle queue never takes SQLite's write lock.
    if ((await due.limit(1).executeTakeFirst()) === undefined) return [];
    // The due rows are picked once, in a materialized CTE: as a plain `IN (subquery)`, PostgreSQL may
    // run the SKIP LOCKED subquery more than once and so claim more than `limit` jobs.
    const rows = await this.#db
      .with(
        (cte) => cte('due').materialized(),
        () => due.$if(this.#dialect === 'postgres', (q) => q.forUpdate().skipLocked()),
      )
      .updateTable('jobs')
      .set((eb) => ({
        attempts: eb('attempts', '+', 1),
        locked_until: leaseUntil,
        locked_by: this.#instanceId,
      }))
      .where('id', 'in', (eb) => eb.selectFrom('due').select('due.id'))
      // Checked again on the row being updated (PostgreSQL re-reads a row another claim just changed).
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', nowText)]))
      .where('done_at', 'is', null)
      .where('failed_at', 'is', null)
      .returning(['id', 'queue', 'payload', 'attempts', 'max_attempts', 'run_at'])
      .execute();
    return rows
      .sort((a, b) => (a.run_at === b.run_at ? a.id - b.id : String(a.run_at) < String(b.run_at) ? -1 : 1))
      .map(
        (row): SqlClaimedJob => ({
          id: String(row.id),
          rowId: row.id,
          name: row.queue as JobName,
          payload: parsePayload(row.payload),
          attempt: row.attempts,
          maxAttempts: row.max_attempts,
        }),
      );
  }

  async complete(job: ClaimedJob): Promise<void> {
    const now = this.#clock.now().toISOString();
    await this.#ownRow(job as SqlClaimedJob)
      .set({ done_at: now, locked_until: null, locked_by: null, last_error: null })
      .execute();
  }

  async fail(job: ClaimedJob, error: unknown): Promise<void> {
    const claimed = job as SqlClaimedJob;
    const now = this.#clock.now();
    const lastError = describeError(error);
    const released = { locked_until: null, locked_by: null, last_error: lastError };
    if (claimed.attempt < claimed.maxAttempts) {
      const runAt = new Date(now.getTime() + this.retryDelayFor(claimed.attempt)).toISOString();
      await this.#ownRow(claimed)
        .set({ ...released, run_at: runAt })
        .execute();
    } else {
      await this.#ownRow(claimed)
        .set({ ...released, failed_at: now.toISOString() })
        .execute();
    }
  }

  async renew(job: ClaimedJob): Promise<boolean> {
    const leaseUntil = new Date(this.#clock.now().getTime() + this.#leaseMs).toISOString();
    const result = await this.#ownRow(job as SqlClaimedJob)
      .set({ locked_until: leaseUntil })
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async maintain(): Promise<void> {
    const now = this.#clock.now();
    const nowText = now.toISOString();
    // The process running a job's last attempt died: no one will retry it, so it is failed, visibly.
    await this.#db
      .updateTable('jobs')
      .set({
        failed_at: nowText,
        locked_until: null,
        locked_by: null,
        last_error: 'The process running the last attempt stopped before it finished (lease expired).',
      })
      .where('done_at', 'is', null)
      .where('failed_at', 'is', null)
      .where('locked_until', '<=', nowText)
      .where((eb) => eb('attempts', '>=', eb.ref('max_attempts')))
      .execute();
    await this.#db
      .deleteFrom('jobs')
      .where('done_at', '<', new Date(now.getTime() - this.#doneRetentionMs).toISOString())
      .execute();
    await this.#db
      .deleteFrom('jobs')
      .where('failed_at', '<', new Date(now.getTime() - this.#failedRetentionMs).toISOString())
      .execute();
  }

  /** Delay before the attempt after `attempt` (1-based): base · 2^(attempt−1), capped. */
  retryDelayFor(attempt: number): number {
    return Math.min(this.#maxRetryDelayMs, this.#retryDelayMs * 2 ** (attempt - 1));
  }

  /**
   * The job's row while this process still holds it: same lease owner, same attempt, not finished.
   * A process whose lease expired and was taken over cannot overwrite the new attempt's outcome.
   */
  #ownRow(job: SqlClaimedJob) {
    return this.#db
      .updateTable('jobs')
      .where('id', '=', job.rowId)
      .where('locked_by', '=', this.#instanceId)
      .where('attempts', '=', job.attempt)
      .where('done_at', 'is', null)
      .where('failed_at', 'is', null);
  }
}

/** JSON text as stored by the app's connections; an object from a connection that parses JSON itself. */
function parsePayload(value: unknown): JobPayload {
  const parsed: unknown = typeof value === 'string' ? JSON.parse(value) : value;
  return parsed !== null && typeof parsed === 'object' ? (parsed as JobPayload) : {};
}
