import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, beforeEach, describe, inject } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../../../src/adapters/db/database.js';
import { migrateToLatest } from '../../../../src/adapters/db/migrate.js';
import type { JobLogger } from '../../../../src/adapters/jobs/index.js';
import { createJobQueue, type JobQueueTuning, PollingJobQueue } from '../../../../src/adapters/jobs/index.js';
import { SqlJobBackend } from '../../../../src/adapters/jobs/sql-job-backend.js';
import type { Clock } from '../../../../src/app/ports/clock.js';
import type { Database } from '../../../../src/config.js';

/** The queue implementations the contract runs against. */
export type QueueKind = 'sqlite' | 'postgres (pg-boss)' | 'postgres (jobs table)';

/** What a test can see of a job in storage, whichever backend holds it. */
export interface StoredJob {
  readonly state: 'queued' | 'running' | 'done' | 'failed';
  readonly lastError: string | null;
}

export interface QueueHarness {
  readonly kind: QueueKind;
  /** A new queue instance (a "process") over this test's storage; stopped (or halted) after the test. */
  queue(tuning?: JobQueueTuning, clock?: Clock): PollingJobQueue;
  inspect(id: string): Promise<StoredJob | null>;
  /** Warnings and errors the queues logged. */
  readonly logged: { level: 'warn' | 'error'; msg: string }[];
}

/** Short intervals so each test takes a second or two; pg-boss counts some of them in whole seconds. */
const FAST: Record<QueueKind, JobQueueTuning> = {
  sqlite: { pollIntervalMs: 25, retryDelayMs: 20, leaseMs: 300, maintenanceIntervalMs: 100 },
  'postgres (jobs table)': { pollIntervalMs: 25, retryDelayMs: 20, leaseMs: 300, maintenanceIntervalMs: 100 },
  // pg-boss: a backoff needs ≥ 1 s of delay, so the contract runs it with plain immediate retries.
  'postgres (pg-boss)': {
    pollIntervalMs: 50,
    retryDelayMs: 0,
    retryBackoff: false,
    expireInSeconds: 1,
    maintenanceIntervalMs: 1000,
  },
};

let schemaSequence = 0;

/**
 * Runs one suite against every queue: SQLite (a temp file, so leases work across connections),
 * pg-boss on this run's PostgreSQL database (a fresh pg-boss schema per test), and the jobs-table
 * runner on PostgreSQL (it is written for any Kysely database). PostgreSQL targets are skipped only
 * when no server is reachable, which CI forbids (REQUIRE_POSTGRES=1).
 */
export function describeEachQueue(title: string, body: (harness: () => QueueHarness) => void): void {
  const postgresUrl = inject('postgresUrl');
  const targets: [QueueKind, boolean][] = [
    ['sqlite', true],
    ['postgres (pg-boss)', postgresUrl !== null],
    ['postgres (jobs table)', postgresUrl !== null],
  ];
  describe.each(targets)(`${title} on %s`, (kind, available) => {
    describe.skipIf(!available)('', () => {
      let handle: DatabaseHandle | undefined;
      let dir: string | undefined;
      let current: QueueHarness | undefined;
      const queues: PollingJobQueue[] = [];
      const schemas: string[] = [];

      beforeAll(async () => {
        let config: Database;
        if (kind === 'sqlite') {
          dir = mkdtempSync(path.join(tmpdir(), 'backorder-jobs-'));
          config = { kind: 'sqlite', file: path.join(dir, 'jobs.sqlite') };
        } else {
          config = { kind: 'postgres', url: postgresUrl! };
        }
        handle = await openDatabase(config, { poolSize: 4 });
        await migrateToLatest(handle.db);
      });

      beforeEach(async () => {
        if (handle === undefined) throw new Error('database not opened yet');
        current = await makeHarness(kind, handle, postgresUrl, queues, schemas);
      });

      afterEach(async () => {
        // A test may leave a handler hanging on purpose (crash tests): halt never waits for it.
        await Promise.all(queues.splice(0).map((q) => q.halt()));
        current = undefined;
      });

      afterAll(async () => {
        if (handle !== undefined) {
          for (const schema of schemas)
            await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(handle.db);
          await handle.destroy();
        }
        if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
      });

      body(() => {
        if (current === undefined) throw new Error('harness not ready yet');
        return current;
      });
    });
  });
}

async function makeHarness(
  kind: QueueKind,
  handle: DatabaseHandle,
  postgresUrl: string | null,
  queues: PollingJobQueue[],
  schemas: string[],
): Promise<QueueHarness> {
  const logged: QueueHarness['logged'] = [];
  const logger: JobLogger = {
    warn: (_obj, msg) => logged.push({ level: 'warn', msg }),
    error: (_obj, msg) => logged.push({ level: 'error', msg }),
  };
  // Each test starts from an empty store of jobs: its own pg-boss schema, or an emptied jobs table.
  schemaSequence += 1;
  const schema = `pgboss_test_${process.pid}_${schemaSequence}`;
  if (kind === 'postgres (pg-boss)') schemas.push(schema);
  if (kind !== 'postgres (pg-boss)') await handle.db.deleteFrom('jobs').execute();

  const queue = (tuning: JobQueueTuning = {}, clock?: Clock): PollingJobQueue => {
    const merged = { ...FAST[kind], ...tuning };
    let q: PollingJobQueue;
    if (kind === 'postgres (jobs table)') {
      // The factory picks pg-boss on PostgreSQL; the jobs-table runner is built by hand here.
      const backend = new SqlJobBackend(handle.db, {
        dialect: 'postgres',
        ...(clock === undefined ? {} : { clock }),
        ...(merged.leaseMs === undefined ? {} : { leaseMs: merged.leaseMs }),
        ...(merged.retryDelayMs === undefined ? {} : { retryDelayMs: merged.retryDelayMs }),
      });
      q = new PollingJobQueue(backend, {
        logger,
        ...(clock === undefined ? {} : { clock }),
        ...(merged.pollIntervalMs === undefined ? {} : { pollIntervalMs: merged.pollIntervalMs }),
        ...(merged.maintenanceIntervalMs === undefined
          ? {}
          : { maintenanceIntervalMs: merged.maintenanceIntervalMs }),
      });
    } else {
      q = createJobQueue({
        dialect: handle.dialect,
        db: handle.db,
        ...(postgresUrl === null ? {} : { postgresUrl }),
        ...(clock === undefined ? {} : { clock }),
        logger,
        tuning: { ...merged, pgBossSchema: schema },
      });
    }
    queues.push(q);
    return q;
  };

  const inspect = async (id: string): Promise<StoredJob | null> => {
    if (kind === 'postgres (pg-boss)') {
      const { rows } = await sql<{ state: string; output: { message?: string } | string | null }>`
        select state, output from ${sql.table(`${schema}.job`)} where id = ${id}::uuid
        union all
        select state, output from ${sql.table(`${schema}.archive`)} where id = ${id}::uuid`.execute(
        handle.db,
      );
      const row = rows[0];
      if (row === undefined) return null;
      const output =
        typeof row.output === 'string' ? (JSON.parse(row.output) as { message?: string }) : row.output;
      const state = (
        {
          created: 'queued',
          retry: 'queued',
          active: 'running',
          completed: 'done',
          failed: 'failed',
        } as const
      )[row.state as 'created'];
      return { state, lastError: row.state === 'completed' ? null : (output?.message ?? null) };
    }
    const row = await handle.db
      .selectFrom('jobs')
      .selectAll()
      .where('id', '=', Number(id))
      .executeTakeFirst();
    if (row === undefined) return null;
    const state = row.done_at
      ? 'done'
      : row.failed_at
        ? 'failed'
        : row.locked_until !== null && new Date(row.locked_until) > new Date()
          ? 'running'
          : 'queued';
    return { state, lastError: row.last_error };
  };

  return {
    kind,
    queue,
    inspect,
    logged,
  };
}

/** Resolves once `check` holds; fails the test with `what` after `timeoutMs`. */
export async function eventually(
  check: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 8000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for: ${what}`);
    await sleep(20);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A promise with its resolver, for handlers that wait for the test. */
export function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}
