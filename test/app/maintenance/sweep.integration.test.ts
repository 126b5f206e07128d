import { sql } from 'kysely';
import { afterEach, expect, inject, test } from 'vitest';
import { createJobQueue, type PollingJobQueue } from '../../../src/adapters/jobs/index.js';
import { importApplyKey, outboxDeliverKey, webhookProcessKey } from '../../../src/app/jobs/keys.js';
import { type SweepDeps, sweep } from '../../../src/app/maintenance/sweep.js';
import type { StoreId } from '../../../src/app/ports/store-id.js';
import type { StoreRecord } from '../../../src/app/ports/store-repository.js';
import { describeEachSqlDatabase, type SqlTestDatabase } from '../../adapters/db/support/databases.js';
import { anAssignedItem } from '../../builders/assignment.builder.js';
import { aStore, NOW } from '../../builders/store.builder.js';
import { fixedClock } from '../../fakes/clock.js';

const LATER = new Date(NOW.getTime() + 10 * 60_000);
const minutesBefore = (at: Date, minutes: number) => new Date(at.getTime() - minutes * 60_000);

let webhookSequence = 0;
const queues: { queue: PollingJobQueue; drop: () => Promise<void> }[] = [];

afterEach(async () => {
  for (const { queue, drop } of queues.splice(0)) {
    await queue.stop();
    await drop();
  }
});

/**
 * A real job queue (not started: the test looks at what gets queued), so the singleton keys are the
 * queue's own. On PostgreSQL, pg-boss in a schema of this test's own.
 */
function realQueue(db: SqlTestDatabase): PollingJobQueue {
  const schema = `pgboss_sweep_${process.pid}_${queues.length}_${Date.now()}`;
  const postgresUrl = inject('postgresUrl');
  const queue = createJobQueue({
    dialect: db.handle.dialect,
    db: db.handle.db,
    ...(postgresUrl === null ? {} : { postgresUrl }),
    logger: { warn: () => {}, error: () => {} },
    tuning: { pgBossSchema: schema },
  });
  queues.push({
    queue,
    drop: async () => {
      if (db.name === 'postgres')
        await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(db.handle.db);
      else await db.handle.db.deleteFrom('jobs').execute();
    },
  });
  return queue;
}

/** The sweep over real storage, limited to the test's stores (other test files share PostgreSQL). */
function sweepDeps(
  db: SqlTestDatabase,
  stores: readonly StoreRecord[],
  queue: PollingJobQueue,
  at: Date,
): SweepDeps {
  const mine = new Set(stores.map((s) => s.id));
  return {
    stores: {
      listInstalledStores: async () =>
        (await db.repos.stores.listInstalledStores()).filter((s) => mine.has(s.id)),
    },
    inbox: db.repos.inbox,
    outbox: {
      storesWithDueMessages: async (now) =>
        (await db.repos.outbox.storesWithDueMessages(now, 100_000)).filter((id) => mine.has(id)),
    },
    jobs: queue,
    clock: fixedClock(at),
  };
}

async function aWebhook(db: SqlTestDatabase, storeId: StoreId, receivedAt: Date) {
  webhookSequence += 1;
  const { id } = await db.repos.inbox.record(storeId, {
    eventHash: `hash-${process.pid}-${webhookSequence}`,
    scope: 'store/order/created',
    payload: { data: { type: 'order', id: webhookSequence } },
    receivedAt,
  });
  return id;
}

// SQL only: the sweep is tested with the real job queue (its singleton keys decide what gets queued),
// and the queue keeps its jobs in the database (the jobs table on SQLite, pg-boss on PostgreSQL).
describeEachSqlDatabase('Sweep', (db) => {
  test('re-queues webhooks left unprocessed, once, leaving recent, processed and hopeless ones alone', async () => {
    const store = await aStore(db().repos);
    const lost = await aWebhook(db(), store.id, minutesBefore(LATER, 5));
    const recent = await aWebhook(db(), store.id, minutesBefore(LATER, 1));
    const processed = await aWebhook(db(), store.id, minutesBefore(LATER, 6));
    await db().repos.inbox.markProcessed(store.id, processed, minutesBefore(LATER, 6));
    const hopeless = await aWebhook(db(), store.id, minutesBefore(LATER, 7));
    for (let i = 0; i < 3; i += 1) await db().repos.inbox.markFailed(store.id, hopeless, 'order 42 is gone');
    const queue = realQueue(db());
    const deps = sweepDeps(db(), [store], queue, LATER);

    const first = await sweep(deps, { webhookStaleAfterMs: 2 * 60_000, maxWebhookAttempts: 3 });
    expect(first).toMatchObject({ webhooksQueued: 1, webhooksGivenUp: 1 });
    // Sweeping again (or receive-webhook having queued it with the same key) adds nothing.
    const again = await sweep(deps, { webhookStaleAfterMs: 2 * 60_000, maxWebhookAttempts: 3 });
    expect(again).toMatchObject({ webhooksQueued: 0, webhooksGivenUp: 1 });
    expect(
      await queue.send(
        'webhook.process',
        { storeId: store.id, inboxId: lost },
        { singletonKey: webhookProcessKey(store.id, lost) },
      ),
    ).toBeNull();
    // The recent one was not queued by the sweep: its own key is still free.
    expect(
      await queue.send(
        'webhook.process',
        { storeId: store.id, inboxId: recent },
        { singletonKey: webhookProcessKey(store.id, recent) },
      ),
    ).not.toBeNull();
  });

  test('queues outbox delivery for installed stores with due messages, one job per store', async () => {
    const store = await aStore(db().repos);
    const gone = await aStore(db().repos);
    const quiet = await aStore(db().repos);
    await anAssignedItem(db().repos, store.id, { stock: 0 });
    await anAssignedItem(db().repos, store.id, { stock: 5 });
    await anAssignedItem(db().repos, gone.id, { stock: 0 });
    await db().repos.stores.markUninstalled(gone.id, NOW);
    expect((await db().repos.outbox.listPending(store.id)).length).toBeGreaterThan(1);
    const queue = realQueue(db());
    const deps = sweepDeps(db(), [store, gone, quiet], queue, LATER);

    expect(await sweep(deps)).toMatchObject({ outboxStoresQueued: 1, webhooksQueued: 0 });
    expect(await sweep(deps)).toMatchObject({ outboxStoresQueued: 0 });
    expect(
      await queue.send('outbox.deliver', { storeId: store.id }, { singletonKey: outboxDeliverKey(store.id) }),
    ).toBeNull();
    expect(
      await queue.send('outbox.deliver', { storeId: gone.id }, { singletonKey: outboxDeliverKey(gone.id) }),
    ).not.toBeNull();
  });

  test('re-queues import runs left applying without progress, once, when wired', async () => {
    const store = await aStore(db().repos);
    const runs = db().repos.importRuns;
    const aRun = async (appliedAt: Date) => {
      const run = await runs.createRun({
        storeId: store.id,
        fileName: 'stock.csv',
        format: 'csv',
        encoding: 'utf-8',
        fileHash: `${appliedAt.getTime()}`,
        requestKey: null,
        actor: 'api-key:abc',
        now: NOW,
      });
      const summary = {
        changes: { stock: 0, threshold: 0, incomingStock: 0, backInStockDate: 0 },
        statusChanges: [],
      };
      await runs.finishValidation(
        store.id,
        run.id,
        { totalRows: 0, validRows: 0, errorRows: 0, unchangedRows: 0, summary },
        NOW,
      );
      await runs.startApplying(store.id, run.id, false, appliedAt);
      return run.id;
    };
    const lost = await aRun(minutesBefore(LATER, 5));
    const working = await aRun(minutesBefore(LATER, 1));
    const queue = realQueue(db());
    const mine = {
      listStaleApplying: async (before: Date, limit: number) =>
        (await runs.listStaleApplying(before, limit)).filter((r) => r.storeId === store.id),
    };
    const deps = { ...sweepDeps(db(), [store], queue, LATER), importRuns: mine };

    expect(await sweep(deps)).toMatchObject({ importRunsQueued: 1 });
    expect(await sweep(deps)).toMatchObject({ importRunsQueued: 0 });
    expect(
      await queue.send(
        'import.apply',
        { storeId: store.id, runId: lost },
        { singletonKey: importApplyKey(store.id, lost) },
      ),
    ).toBeNull();
    expect(
      await queue.send(
        'import.apply',
        { storeId: store.id, runId: working },
        { singletonKey: importApplyKey(store.id, working) },
      ),
    ).not.toBeNull();
  });

  test('messages not yet due are left to their own time', async () => {
    const store = await aStore(db().repos);
    await anAssignedItem(db().repos, store.id, { stock: 0 });
    const queue = realQueue(db());

    const summary = await sweep(sweepDeps(db(), [store], queue, minutesBefore(NOW, 1)));

    expect(summary.outboxStoresQueued).toBe(0);
  });

  test('forgets the expired signed requests of each installed store, when wired', async () => {
    const store = await aStore(db().repos);
    const used = db().repos.usedSignedRequests;
    await used.markUsed(store.id, 'expired-jti', minutesBefore(LATER, 1), minutesBefore(LATER, 60));
    await used.markUsed(store.id, 'valid-jti', new Date(LATER.getTime() + 60_000), minutesBefore(LATER, 1));
    const deps: SweepDeps = { ...sweepDeps(db(), [store], realQueue(db()), LATER), usedSignedRequests: used };

    expect(await sweep(deps)).toMatchObject({ signedRequestsForgotten: 1 });
    // The expired one may be used again (it no longer verifies anyway); the valid one may not.
    expect(await used.markUsed(store.id, 'expired-jti', LATER, LATER)).toBe(true);
    expect(await used.markUsed(store.id, 'valid-jti', LATER, LATER)).toBe(false);
  });

  test('runs the notification sweep when wired, and one failing part does not stop the others', async () => {
    const store = await aStore(db().repos);
    await aWebhook(db(), store.id, minutesBefore(LATER, 5));
    await anAssignedItem(db().repos, store.id, { stock: 0 });
    const queue = realQueue(db());
    const reported: string[] = [];
    const deps: SweepDeps = {
      ...sweepDeps(db(), [store], queue, LATER),
      flushPendingNotifications: async () => 3,
      reportError: (_error, context) => reported.push(context),
    };
    expect(await sweep(deps)).toEqual({
      webhooksQueued: 1,
      webhooksGivenUp: 0,
      outboxStoresQueued: 1,
      notificationStoresQueued: 3,
    });

    const broken: SweepDeps = {
      ...deps,
      outbox: {
        storesWithDueMessages: async () => {
          throw new Error('outbox unreachable');
        },
      },
      flushPendingNotifications: async () => 2,
    };
    await aWebhook(db(), store.id, minutesBefore(LATER, 4));
    const failure = await sweep(broken).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(AggregateError);
    expect(reported).toEqual(['sweeping the outbox']);
    // The webhook part of the failed sweep still ran: the second lost webhook is already queued.
    expect(await sweep({ ...deps, reportError: () => {} })).toMatchObject({ webhooksQueued: 0 });
  });
});
