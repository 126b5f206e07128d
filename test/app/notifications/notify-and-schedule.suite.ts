import { expect, test } from 'vitest';
import { notificationsFlushJob } from '../../../src/app/notifications/notifications-flush.job.js';
import { NOTIFY_REFUSALS, notify } from '../../../src/app/notifications/notify.js';
import { scheduleFlushesForPendingStores } from '../../../src/app/notifications/schedule-flush.js';
import { asStoreId } from '../../../src/app/ports/store-id.js';
import type { TestDatabase } from '../../adapters/db/support/storage-targets.js';
import { anAssignedItem } from '../../builders/assignment.builder.js';
import { NOW } from '../../builders/store.builder.js';
import { fixedClock } from '../../fakes/clock.js';
import { RecordingJobQueue } from '../../fakes/job-queue.js';
import { RecordingMailer } from '../../fakes/mailer.js';
import {
  aNotifiedStore,
  anUnassignedPayload,
  aRecipient,
  flushDeps,
  WINDOW_MS,
} from './support/notifications.support.js';

const context = { id: '1', name: 'notifications.flush' as const, attempt: 1 };

/**
 * Run by notify-and-schedule.test.ts on the in-memory storage (the unit tier) and by
 * notify-and-schedule.integration.test.ts on SQLite and PostgreSQL.
 */
export function notifyAndScheduleSuite(db: () => TestDatabase): void {
  test('bad input is refused with a code and records nothing', async () => {
    const { repos } = db();
    const store = await aNotifiedStore(repos);
    const deps = { notifications: repos.notifications, clock: fixedClock(NOW) };

    const badPayload = await notify(deps, {
      storeId: store.id,
      event: 'unassigned',
      dedupeKey: 'k',
      payload: anUnassignedPayload({
        items: [{ ...anUnassignedPayload().items[0]!, backInStockDate: '1 April' }],
      }),
    });
    expect(badPayload).toMatchObject({ ok: false, code: NOTIFY_REFUSALS.invalidPayload });
    expect(badPayload.ok ? '' : badPayload.message).toContain('items.0.backInStockDate');

    const badEvent = await notify(deps, {
      storeId: store.id,
      event: 'backorder_enabled',
      dedupeKey: 'k',
      payload: {},
    } as never);
    expect(badEvent).toMatchObject({ ok: false, code: NOTIFY_REFUSALS.invalidEvent });

    const badKey = await notify(deps, {
      storeId: store.id,
      event: 'assigned',
      dedupeKey: '',
      payload: { products: [{ bcProductId: 1, name: 'A', itemCount: 1 }] },
    });
    expect(badKey).toMatchObject({ ok: false, code: NOTIFY_REFUSALS.invalidDedupeKey });

    const noStore = await notify(deps, {
      storeId: asStoreId(987_654_321),
      event: 'assigned',
      dedupeKey: 'k',
      payload: { products: [{ bcProductId: 1, name: 'A', itemCount: 1 }] },
    });
    expect(noStore).toMatchObject({ ok: false, code: NOTIFY_REFUSALS.storeNotFound });

    expect(await repos.notifications.listNotifications(store.id)).toEqual([]);
  });

  test('the same dedupe key under two events is two notifications; import errors are capped', async () => {
    const { repos } = db();
    const store = await aNotifiedStore(repos);
    const deps = { notifications: repos.notifications, clock: fixedClock(NOW) };
    await notify(deps, {
      storeId: store.id,
      event: 'assigned',
      dedupeKey: 'run:1',
      payload: { products: [{ bcProductId: 1, name: 'A', itemCount: 1 }] },
    });
    const errors = Array.from({ length: 80 }, (_, i) => ({
      line: i + 2,
      column: 'sku',
      reason: 'unknown SKU',
    }));
    await notify(deps, {
      storeId: store.id,
      event: 'import_finished',
      dedupeKey: 'run:1',
      payload: {
        runId: 1,
        fileName: 'f.csv',
        status: 'done',
        totalRows: 80,
        appliedRows: 0,
        errorRows: 80,
        errors,
      },
    });
    const rows = await repos.notifications.listNotifications(store.id);
    expect(rows.map((r) => r.dedupeKey)).toEqual(['assigned:run:1', 'import_finished:run:1']);
    expect((rows[1]!.payload as { errors: unknown[] }).errors).toHaveLength(50);
  });

  test('notify queues one flush for the end of the window', async () => {
    const { repos } = db();
    const store = await aNotifiedStore(repos);
    const jobs = new RecordingJobQueue();
    const { sent } = jobs;
    const clock = fixedClock(NOW);
    await notify(
      { notifications: repos.notifications, clock, jobs, notificationWindowMs: WINDOW_MS },
      { storeId: store.id, event: 'unassigned', dedupeKey: 'u:1', payload: anUnassignedPayload() },
    );
    expect(sent).toEqual([
      {
        name: 'notifications.flush',
        payload: { storeId: store.id },
        options: {
          singletonKey: `notifications.flush:${store.id}`,
          startAfter: new Date(NOW.getTime() + WINDOW_MS),
        },
      },
    ]);
  });

  test('the job sends when due, and re-queues itself for the due time when run early', async () => {
    const { repos } = db();
    const to = aRecipient();
    const store = await aNotifiedStore(repos, { recipients: [to] });
    await anAssignedItem(repos, store.id, { stock: 0 }); // an item effect at NOW
    const jobs = new RecordingJobQueue();
    const { sent } = jobs;
    const clock = fixedClock(NOW);
    const mailer = new RecordingMailer();
    const { handler } = notificationsFlushJob({ ...flushDeps(repos, clock, mailer), jobs });

    // Queued at once by the change (requestDelivery), so it runs before the window ended.
    await handler({ storeId: store.id }, context);
    expect(mailer.to(to)).toHaveLength(0);
    expect(sent).toEqual([
      {
        name: 'notifications.flush',
        payload: { storeId: store.id },
        options: {
          singletonKey: `notifications.flush:${store.id}`,
          startAfter: new Date(NOW.getTime() + WINDOW_MS),
        },
      },
    ]);

    clock.set(new Date(NOW.getTime() + WINDOW_MS));
    await handler({ storeId: store.id }, context);
    expect(mailer.to(to)).toHaveLength(1);
    expect(sent).toHaveLength(1);

    await expect(handler({ store: 'x' }, context)).rejects.toMatchObject({
      code: 'JOB.INVALID_PAYLOAD',
      message: expect.stringMatching(/notifications\.flush.*storeId/),
    });
  });

  test('the sweep queues a flush for each store with notifications waiting, item effects included', async () => {
    const { repos } = db();
    const waiting = await aNotifiedStore(repos);
    const idle = await aNotifiedStore(repos);
    const recorded = await aNotifiedStore(repos);
    await anAssignedItem(repos, waiting.id, { stock: 0 }); // still in the outbox
    await anAssignedItem(repos, idle.id, { stock: 50 }); // in stock: no notification
    await notify(
      { notifications: repos.notifications, clock: fixedClock(NOW) },
      { storeId: recorded.id, event: 'unassigned', dedupeKey: 'u:1', payload: anUnassignedPayload() },
    );
    const jobs = new RecordingJobQueue();
    const { sent } = jobs;
    const later = new Date(NOW.getTime() + 10 * WINDOW_MS);

    await scheduleFlushesForPendingStores(
      {
        notifications: repos.notifications,
        jobs,
        clock: fixedClock(later),
        notificationWindowMs: WINDOW_MS,
      },
      2,
    ); // small pages: the sweep pages through every store

    const stores = sent.map((s) => s.payload.storeId);
    expect(stores).toContain(waiting.id);
    expect(stores).toContain(recorded.id);
    expect(new Set(stores).size).toBe(stores.length);
    expect(stores).not.toContain(idle.id);
    expect(sent.find((s) => s.payload.storeId === waiting.id)!.options!.startAfter).toEqual(later);
  });
}
