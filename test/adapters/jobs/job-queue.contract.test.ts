import { expect, test } from 'vitest';
import { currentCallPriority } from '../../../src/adapters/call-priority.js';
import type { Clock } from '../../../src/app/ports/clock.js';
import type { CallPriority, JobContext, JobPayload } from '../../../src/app/ports/job-queue.js';
import { describeEachQueue, eventually, gate, sleep } from './support/job-queues.js';

interface Run {
  readonly payload: JobPayload;
  readonly context: JobContext;
  readonly at: number;
}

describeEachQueue('JobQueue', (harness) => {
  test('runs a job with its payload, once, and records it done', async () => {
    const { queue, inspect } = harness();
    const runs: Run[] = [];
    const q = queue();
    q.work('outbox.deliver', async (payload, context) => {
      runs.push({ payload, context, at: Date.now() });
    });
    await q.start();

    const id = await q.send('outbox.deliver', { storeId: 7, note: 'héllo' });

    expect(id).not.toBeNull();
    await eventually(() => runs.length === 1, 'the job ran');
    expect(runs[0]!.payload).toEqual({ storeId: 7, note: 'héllo' });
    expect(runs[0]!.context).toEqual({ id, name: 'outbox.deliver', attempt: 1 });
    await eventually(async () => (await inspect(id!))?.state === 'done', 'the job is recorded done');
    await sleep(200);
    expect(runs).toHaveLength(1);
  });

  test('runs each handler at the call priority it was registered with (normal when none)', async () => {
    const { queue } = harness();
    const seen = new Map<string, CallPriority>();
    const q = queue();
    q.work(
      'outbox.urgent',
      async () => {
        // After an await too: the priority follows the handler's own work.
        await sleep(1);
        seen.set('outbox.urgent', currentCallPriority());
      },
      { callPriority: 'urgent' },
    );
    q.work('assignment.bulk', async () => void seen.set('assignment.bulk', currentCallPriority()), {
      callPriority: 'bulk',
    });
    q.work('outbox.deliver', async () => void seen.set('outbox.deliver', currentCallPriority()));
    await q.start();

    await q.send('outbox.urgent', { storeId: 1 });
    await q.send('assignment.bulk', { storeId: 1, runId: 2 });
    await q.send('outbox.deliver', { storeId: 1 });

    await eventually(() => seen.size === 3, 'the three jobs ran');
    expect(Object.fromEntries(seen)).toEqual({
      'outbox.urgent': 'urgent',
      'assignment.bulk': 'bulk',
      'outbox.deliver': 'normal',
    });
    expect(currentCallPriority()).toBe('normal');
  });

  test('retries a failing handler until it succeeds, counting attempts', async () => {
    const { queue, inspect } = harness();
    const attempts: number[] = [];
    const q = queue();
    q.work('webhook.process', async (_payload, context) => {
      attempts.push(context.attempt);
      if (context.attempt < 3) throw new Error(`BigCommerce is down (attempt ${context.attempt})`);
    });
    await q.start();

    const id = await q.send('webhook.process', { storeId: 1, inboxId: 2 }, { retryLimit: 3 });

    await eventually(async () => (await inspect(id!))?.state === 'done', 'the job succeeded');
    expect(attempts).toEqual([1, 2, 3]);
  });

  test('gives up after retryLimit retries and keeps the failed job with its last error', async () => {
    const { queue, inspect } = harness();
    const attempts: number[] = [];
    const q = queue();
    q.work('assignment.bulk', async (_payload, context) => {
      attempts.push(context.attempt);
      throw new Error(`row 3 is broken (attempt ${context.attempt})`);
    });
    await q.start();

    const id = await q.send('assignment.bulk', { storeId: 1, runId: 9 }, { retryLimit: 2 });

    await eventually(async () => (await inspect(id!))?.state === 'failed', 'the job failed for good');
    const stored = await inspect(id!);
    expect(stored?.lastError).toContain('row 3 is broken (attempt 3)');
    await sleep(300);
    expect(attempts).toEqual([1, 2, 3]);
  });

  test('a singleton key allows one job waiting to start; once it runs, the next send queues again', async () => {
    const { queue } = harness();
    const release = gate();
    const runs: JobPayload[] = [];
    const q = queue();
    q.work('outbox.deliver', async (payload) => {
      runs.push(payload);
      await release.promise;
    });

    const first = await q.send('outbox.deliver', { storeId: 3, n: 1 }, { singletonKey: 'outbox:3' });
    const duplicate = await q.send('outbox.deliver', { storeId: 3, n: 2 }, { singletonKey: 'outbox:3' });
    const otherKey = await q.send('outbox.deliver', { storeId: 4, n: 3 }, { singletonKey: 'outbox:4' });
    expect(first).not.toBeNull();
    expect(duplicate).toBeNull();
    expect(otherKey).not.toBeNull();

    await q.start();
    await eventually(() => runs.length === 1, 'the first job started');
    // Work that arrives while a delivery runs must not be swallowed by the running job.
    const next = await q.send('outbox.deliver', { storeId: 3, n: 4 }, { singletonKey: 'outbox:3' });
    const nextDuplicate = await q.send('outbox.deliver', { storeId: 3, n: 5 }, { singletonKey: 'outbox:3' });
    expect(next).not.toBeNull();
    expect(nextDuplicate).toBeNull();

    release.open();
    await eventually(() => runs.length === 3, 'all three distinct jobs ran');
    expect(runs.map((p) => p.n).sort()).toEqual([1, 3, 4]);
  });

  test('startAfter delays a job until that instant', async () => {
    const { queue } = harness();
    const runs: Run[] = [];
    const q = queue();
    q.work('notifications.flush', async (payload, context) => {
      runs.push({ payload, context, at: Date.now() });
    });
    await q.start();

    const startAfter = new Date(Date.now() + 1200);
    await q.send('notifications.flush', { storeId: 5 }, { startAfter });

    await sleep(600);
    expect(runs).toHaveLength(0);
    await eventually(() => runs.length === 1, 'the delayed job ran');
    // PostgreSQL's clock decides for pg-boss; allow a little skew between the two clocks.
    expect(runs[0]!.at).toBeGreaterThanOrEqual(startAfter.getTime() - 50);
  });

  test('a job due by the app clock runs at once, even when that clock is a day ahead of the database', async () => {
    const { queue } = harness();
    const dayAhead: Clock = { now: () => new Date(Date.now() + 86_400_000) };
    const runs: Run[] = [];
    const q = queue({}, dayAhead);
    q.work('notifications.flush', async (payload, context) => {
      runs.push({ payload, context, at: Date.now() });
    });
    await q.start();
    // Due in 300 ms by the app's clock: an absolute time handed to pg-boss would wait a day.
    await q.send(
      'notifications.flush',
      { storeId: 6 },
      { startAfter: new Date(dayAhead.now().getTime() + 300) },
    );
    await eventually(() => runs.length === 1, 'the job ran within the test, not a day later');
  });

  test('runs a job again after its process crashed mid-run (at least once)', async () => {
    const { queue, inspect } = harness();
    const crashed = queue();
    let started = false;
    crashed.work('assignment.bulk', async () => {
      started = true;
      await new Promise(() => {}); // never finishes: the process dies first
    });
    await crashed.start();
    const id = await crashed.send('assignment.bulk', { storeId: 2, runId: 11 });
    await eventually(() => started, 'the first process started the job');
    await crashed.halt();

    const survivor = queue();
    const rerun: Run[] = [];
    survivor.work('assignment.bulk', async (payload, context) => {
      rerun.push({ payload, context, at: Date.now() });
    });
    await survivor.start();

    await eventually(() => rerun.length === 1, 'another process ran the abandoned job', 10_000);
    expect(rerun[0]!.payload).toEqual({ storeId: 2, runId: 11 });
    expect(rerun[0]!.context).toMatchObject({ id, attempt: 2 });
    await eventually(async () => (await inspect(id!))?.state === 'done', 'the rerun completed');
  });

  test('a running job is not taken by another process while its owner is alive', async () => {
    const { queue, inspect } = harness();
    // A lease of 600 ms renewed every 200 ms (SQLite); 5 s before pg-boss takes a job for dead.
    const owner = queue({ leaseMs: 600, expireInSeconds: 5 });
    const done = gate();
    const ownerRuns: number[] = [];
    owner.work('assignment.bulk', async (_payload, context) => {
      ownerRuns.push(context.attempt);
      await done.promise;
    });
    await owner.start();
    const id = await owner.send('assignment.bulk', { storeId: 2, runId: 12 });
    await eventually(() => ownerRuns.length === 1, 'the owner started the job');

    const other = queue({ leaseMs: 600, expireInSeconds: 5 });
    const otherRuns: number[] = [];
    other.work('assignment.bulk', async (_payload, context) => {
      otherRuns.push(context.attempt);
    });
    await other.start();
    // Twice the lease: without renewals the other process would have taken it.
    await sleep(1200);
    done.open();
    await eventually(async () => (await inspect(id!))?.state === 'done', 'the owner completed it');
    expect(ownerRuns).toEqual([1]);
    expect(otherRuns).toEqual([]);
  });

  test("each instance counts the jobs it completed, not another's and not failed attempts", async () => {
    const { queue, inspect } = harness();
    const instances = [queue(), queue()];
    const ranBy: number[] = [];
    for (const [index, q] of instances.entries()) {
      q.work('webhook.process', async (payload, context) => {
        // The first attempt of inbox entry 0 fails: its retry is the one that counts.
        if (payload.inboxId === 0 && context.attempt === 1) throw new Error('BigCommerce is down');
        ranBy.push(index);
      });
    }
    await Promise.all(instances.map((q) => q.start()));

    const ids = await Promise.all(
      Array.from({ length: 6 }, (_, inboxId) =>
        instances[inboxId % 2]!.send('webhook.process', { storeId: 1, inboxId }, { retryLimit: 2 }),
      ),
    );
    for (const id of ids) {
      await eventually(async () => (await inspect(id!))?.state === 'done', 'every job done');
    }
    const counts = instances.map((q) => q.completedCount('webhook.process'));
    expect(counts).toEqual([0, 1].map((index) => ranBy.filter((i) => i === index).length));
    expect(counts[0]! + counts[1]!).toBe(6);
    expect(instances.map((q) => q.completedCount())).toEqual(counts);
    expect(instances.map((q) => q.completedCount('outbox.deliver'))).toEqual([0, 0]);
  });

  test('stop() waits for running handlers, and their jobs are recorded done', async () => {
    const { queue, inspect } = harness();
    const q = queue();
    let finished = false;
    let started = false;
    q.work('assignment.bulk', async () => {
      started = true;
      await sleep(400);
      finished = true;
    });
    await q.start();
    const id = await q.send('assignment.bulk', { storeId: 1, runId: 1 });
    await eventually(() => started, 'the handler started');

    await q.stop();

    expect(finished).toBe(true);
    expect((await inspect(id!))?.state).toBe('done');
  });

  test('runs at most `concurrency` handlers of a name at once', async () => {
    const { queue } = harness();
    const q = queue();
    let running = 0;
    let peak = 0;
    let done = 0;
    q.work(
      'webhook.process',
      async () => {
        running += 1;
        peak = Math.max(peak, running);
        await sleep(250);
        running -= 1;
        done += 1;
      },
      { concurrency: 2 },
    );
    for (let i = 0; i < 5; i += 1) await q.send('webhook.process', { storeId: 1, inboxId: i });
    await q.start();

    await eventually(() => done === 5, 'all jobs ran');
    expect(peak).toBe(2);
  });

  test('every() queues a job repeatedly', async () => {
    const { queue } = harness();
    const q = queue();
    const runs: Run[] = [];
    q.work('maintenance.sweep', async (payload, context) => {
      runs.push({ payload, context, at: Date.now() });
    });
    q.every('maintenance.sweep', 300, { reason: 'tick' });
    await q.start();

    await eventually(() => runs.length >= 3, 'three periodic runs', 10_000);
    expect(runs[0]!.payload).toEqual({ reason: 'tick' });
    expect(new Set(runs.map((r) => r.context.id)).size).toBe(runs.length);
  });

  test('every() on two instances queues one job per interval, not one each', async () => {
    const { queue } = harness();
    let runs = 0;
    const instances = [queue(), queue()];
    for (const q of instances) {
      q.work('dates.check', async () => {
        runs += 1;
      });
      q.every('dates.check', 1000);
    }
    const started = Date.now();
    await Promise.all(instances.map((q) => q.start()));

    await sleep(2200);
    await Promise.all(instances.map((q) => q.stop()));
    // 2.2 s (+ start-up) touch at most 4 one-second slots; each instance queuing its own would be 6 to 8.
    const slots = Math.ceil((Date.now() - started) / 1000) + 1;
    expect(runs).toBeGreaterThanOrEqual(2);
    expect(runs).toBeLessThanOrEqual(slots);
  });
});
