import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../../src/adapters/db/database.js';
import { migrateToLatest } from '../../../src/adapters/db/migrate.js';
import { SqlJobBackend, type SqlJobBackendOptions } from '../../../src/adapters/jobs/sql-job-backend.js';
import { fixedClock } from '../../fakes/clock.js';

/**
 * The jobs-table backend on its own, with a fixed clock, for what the contract suite can only
 * observe through timing: backoff delays, leases, housekeeping and periodic slots.
 * (SQLite only: the PostgreSQL jobs table belongs to the contract suite, which empties it per test.)
 */
describe('SqlJobBackend (jobs table, fixed clock)', () => {
  let dir: string;
  let handle: DatabaseHandle;
  const start = new Date('2026-03-01T10:00:00.000Z');
  let clock: ReturnType<typeof fixedClock>;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'backorder-sql-jobs-'));
    handle = await openDatabase({ kind: 'sqlite', file: path.join(dir, 'jobs.sqlite') });
    await migrateToLatest(handle.db);
  });
  afterAll(async () => {
    await handle.destroy();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    await handle.db.deleteFrom('jobs').execute();
    clock = fixedClock(start);
  });

  const backend = (options: Partial<SqlJobBackendOptions> = {}) =>
    new SqlJobBackend(handle.db, {
      dialect: 'sqlite',
      clock,
      leaseMs: 30_000,
      retryDelayMs: 1000,
      ...options,
    });
  const row = (id: string) =>
    handle.db.selectFrom('jobs').selectAll().where('id', '=', Number(id)).executeTakeFirstOrThrow();

  test('retries with exponential backoff, then keeps the job as failed with its last error', async () => {
    const jobs = backend();
    const id = await jobs.enqueue('outbox.deliver', { storeId: 1 }, { retryLimit: 3 });
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      const [job] = await jobs.claim('outbox.deliver', 1);
      expect(job).toMatchObject({ id, attempt, payload: { storeId: 1 } });
      await jobs.fail(job!, new Error(`timeout ${attempt}`));
      const after = await row(id!);
      if (after.failed_at !== null) break;
      const delay = new Date(after.run_at).getTime() - clock.now().getTime();
      delays.push(delay);
      clock.advance(delay - 1);
      expect(await jobs.claim('outbox.deliver', 1)).toEqual([]); // not before its time
      clock.advance(1);
    }
    expect(delays).toEqual([1000, 2000, 4000]);
    const failed = await row(id!);
    expect(failed.failed_at).toBe(clock.now().toISOString());
    expect(failed.last_error).toContain('timeout 4');
    expect(failed.attempts).toBe(4);
    expect(await jobs.claim('outbox.deliver', 1)).toEqual([]);
  });

  test('the backoff is capped', () => {
    const jobs = backend({ retryDelayMs: 1000, maxRetryDelayMs: 5000 });
    expect([1, 2, 3, 4, 10].map((n) => jobs.retryDelayFor(n))).toEqual([1000, 2000, 4000, 5000, 5000]);
  });

  test('a leased job is hidden from other processes until its lease expires, then taken over', async () => {
    const first = backend({ instanceId: 'first' });
    const second = backend({ instanceId: 'second' });
    const id = await first.enqueue('assignment.bulk', { storeId: 1, runId: 1 }, { retryLimit: 5 });
    const [mine] = await first.claim('assignment.bulk', 5);
    expect(mine?.attempt).toBe(1);

    clock.advance(29_999);
    expect(await second.claim('assignment.bulk', 5)).toEqual([]);
    clock.advance(2);
    const [taken] = await second.claim('assignment.bulk', 5);
    expect(taken).toMatchObject({ id, attempt: 2 });

    // The first process wakes up late: its outcome must not overwrite the running retry.
    await first.complete(mine!);
    await first.fail(mine!, new Error('late'));
    expect(await row(id!)).toMatchObject({
      done_at: null,
      failed_at: null,
      locked_by: 'second',
      attempts: 2,
    });
    expect(await first.renew(mine!)).toBe(false);

    await second.complete(taken!);
    expect((await row(id!)).done_at).toBe(clock.now().toISOString());
  });

  test('renewing the lease keeps a long job with its process', async () => {
    const owner = backend({ instanceId: 'owner' });
    const other = backend({ instanceId: 'other' });
    await owner.enqueue('assignment.bulk', { storeId: 1, runId: 2 }, { retryLimit: 5 });
    const [job] = await owner.claim('assignment.bulk', 1);
    for (let i = 0; i < 5; i += 1) {
      clock.advance(owner.heartbeatMs);
      expect(await owner.renew(job!)).toBe(true);
      expect(await other.claim('assignment.bulk', 1)).toEqual([]);
    }
  });

  test('housekeeping fails a job whose last attempt died, and deletes old done jobs only', async () => {
    const jobs = backend({ doneRetentionMs: 60_000, failedRetentionMs: 600_000 });
    const dead = await jobs.enqueue('webhook.process', { storeId: 1, inboxId: 1 }, { retryLimit: 0 });
    const done = await jobs.enqueue('webhook.process', { storeId: 1, inboxId: 2 }, { retryLimit: 0 });
    const claimed = await jobs.claim('webhook.process', 2);
    await jobs.complete(claimed.find((j) => j.id === done)!);

    clock.advance(30_001); // the dead job's lease is over
    await jobs.maintain();
    const failed = await row(dead!);
    expect(failed.failed_at).toBe(clock.now().toISOString());
    expect(failed.last_error).toMatch(/lease expired/);
    // Done 30 s ago, within its retention: kept as it was.
    expect(await row(done!)).toMatchObject({ done_at: start.toISOString(), failed_at: null });

    clock.advance(60_000); // the done job is past its retention; the failed one is not
    await jobs.maintain();
    const left = await handle.db.selectFrom('jobs').select('id').execute();
    expect(left.map((r) => String(r.id))).toEqual([dead]);
  });

  test('startAfter: not claimable before that instant', async () => {
    const jobs = backend();
    await jobs.enqueue(
      'notifications.flush',
      { storeId: 1 },
      { retryLimit: 0, startAfter: new Date(start.getTime() + 5000) },
    );
    expect(await jobs.claim('notifications.flush', 1)).toEqual([]);
    clock.advance(5000);
    expect(await jobs.claim('notifications.flush', 1)).toHaveLength(1);
  });

  test('a periodic slot takes one job for ever, even after that job ran; the next slot takes another', async () => {
    const jobs = backend();
    const slot = { singletonKey: 'every', slotMs: 60_000, retryLimit: 0 };
    const first = await jobs.enqueue('maintenance.sweep', {}, slot);
    expect(first).not.toBeNull();
    const [job] = await jobs.claim('maintenance.sweep', 1);
    await jobs.complete(job!);
    clock.advance(59_000);
    expect(await jobs.enqueue('maintenance.sweep', {}, slot)).toBeNull();
    clock.advance(1000);
    expect(await jobs.enqueue('maintenance.sweep', {}, slot)).not.toBeNull();
  });

  test('claims the oldest due jobs first and never more than asked', async () => {
    const jobs = backend();
    const ids: (string | null)[] = [];
    for (let i = 0; i < 4; i += 1) {
      ids.push(await jobs.enqueue('outbox.deliver', { storeId: i }, { retryLimit: 0 }));
      clock.advance(1);
    }
    const claimed = await jobs.claim('outbox.deliver', 3);
    expect(claimed.map((j) => j.id)).toEqual(ids.slice(0, 3));
    expect(await jobs.claim('dates.check', 3)).toEqual([]);
  });
});
