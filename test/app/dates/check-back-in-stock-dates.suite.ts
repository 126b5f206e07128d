import { expect, test } from 'vitest';
import {
  type CheckBackInStockDatesDeps,
  checkBackInStockDates,
  DateCheckFailedError,
} from '../../../src/app/dates/check-back-in-stock-dates.js';
import { applyItemEvent } from '../../../src/app/items/apply-item-event.js';
import type { ItemEventReads } from '../../../src/app/ports/item-transactions.js';
import type { StoreId } from '../../../src/app/ports/store-id.js';
import type { StoreRecord } from '../../../src/app/ports/store-repository.js';
import type { TestDatabase } from '../../adapters/db/support/storage-targets.js';
import { anAssignedItem } from '../../builders/assignment.builder.js';
import { aStore, NOW } from '../../builders/store.builder.js';
import { fixedClock } from '../../fakes/clock.js';
import { RecordingJobQueue } from '../../fakes/job-queue.js';

/**
 * The use case over real storage, limited to the test's own stores: the PostgreSQL database is
 * shared with other test files running at the same time, whose stores this must not touch.
 */
function setUp(
  db: TestDatabase,
  stores: readonly StoreRecord[],
  at: Date,
): {
  deps: CheckBackInStockDatesDeps;
  clock: ReturnType<typeof fixedClock>;
  jobs: RecordingJobQueue;
  errors: string[];
} {
  const mine = new Set(stores.map((s) => s.id));
  const clock = fixedClock(at);
  const jobs = new RecordingJobQueue();
  const errors: string[] = [];
  const deps: CheckBackInStockDatesDeps = {
    stores: {
      listInstalledStores: async () =>
        (await db.repos.stores.listInstalledStores()).filter((s) => mine.has(s.id)),
    },
    items: db.repos.items,
    itemTransactions: db.repos.itemTransactions,
    dateChecks: db.repos.dateChecks,
    jobs,
    clock,
    reportError: (error, context) => errors.push(`${context}: ${String(error)}`),
  };
  return { deps, clock, jobs, errors };
}

async function dayEvents(db: TestDatabase, storeId: StoreId) {
  const rows = (await db.stored.journal(storeId)).filter((e) => e.kind === 'dayStarted');
  return rows.map((e) => ({
    item_id: e.itemId,
    idempotency_key: e.idempotencyKey,
    kind: e.kind,
    cause_type: e.causeType,
    cause_ref: e.causeRef,
    actor: e.actor,
  }));
}

const at = (iso: string) => new Date(iso);

/**
 * Run by check-back-in-stock-dates.test.ts on the in-memory storage (the unit tier) and by
 * check-back-in-stock-dates.integration.test.ts on SQLite and PostgreSQL.
 */
export function backInStockDatesSuite(db: () => TestDatabase): void {
  test("a date starts at midnight in the store's zone, not in UTC", async () => {
    const chicago = await aStore(db().repos, { timezone: 'America/Chicago' });
    const tokyo = await aStore(db().repos, { timezone: 'Asia/Tokyo' });
    // Out of stock, selling as backorders until 2025-03-20 (store-local).
    const inChicago = await anAssignedItem(db().repos, chicago.id, {
      stock: 0,
      backInStockDate: '2025-03-20',
    });
    const inTokyo = await anAssignedItem(db().repos, tokyo.id, { stock: 0, backInStockDate: '2025-03-20' });
    expect(inChicago.status).toBe('backorder');

    const beforeCheck = new Set((await db().repos.outbox.listPending(tokyo.id)).map((m) => m.id));
    // 2025-03-19 15:00 UTC: already the 20th in Tokyo (UTC+9), still the 19th in Chicago (UTC-5) and in UTC.
    const first = setUp(db(), [chicago, tokyo], at('2025-03-19T15:00:00Z'));
    const summary = await checkBackInStockDates(first.deps);
    expect(summary.checked).toEqual(
      expect.arrayContaining([
        { storeId: tokyo.id, today: '2025-03-20', applied: 1, blocked: 1, duplicates: 0, refused: 0 },
        { storeId: chicago.id, today: '2025-03-19', applied: 0, blocked: 0, duplicates: 0, refused: 0 },
      ]),
    );
    expect(await db().repos.items.getItem(tokyo.id, inTokyo.id)).toMatchObject({
      block: 'date',
      status: 'unavailable',
    });
    expect(await db().repos.items.getItem(chicago.id, inChicago.id)).toMatchObject({
      block: null,
      status: 'backorder',
    });
    // The purchasability write and the email wait in the outbox; their jobs are queued for Tokyo only.
    expect(first.jobs.sent).toEqual([
      {
        name: 'outbox.urgent',
        payload: { storeId: tokyo.id },
        options: { singletonKey: `outbox.urgent:${tokyo.id}` },
      },
      {
        name: 'outbox.deliver',
        payload: { storeId: tokyo.id },
        options: { singletonKey: `outbox.deliver:${tokyo.id}` },
      },
      {
        name: 'notifications.flush',
        payload: { storeId: tokyo.id },
        options: { singletonKey: `notifications.flush:${tokyo.id}` },
      },
    ]);
    const written = (await db().repos.outbox.listPending(tokyo.id)).filter((m) => !beforeCheck.has(m.id));
    expect(written.map((m) => m.kind).sort()).toEqual(['notify', 'setPurchasable']);

    // 2025-03-20 04:59 UTC is 23:59 on the 19th in Chicago: already checked for that day, nothing to do.
    const lateEvening = setUp(db(), [chicago, tokyo], at('2025-03-20T04:59:00Z'));
    expect((await checkBackInStockDates(lateEvening.deps)).checked).toEqual([]);
    // 05:00 UTC is midnight in Chicago: the 20th begins there.
    const midnight = setUp(db(), [chicago, tokyo], at('2025-03-20T05:00:00Z'));
    const atMidnight = await checkBackInStockDates(midnight.deps);
    expect(atMidnight.checked).toEqual([
      { storeId: chicago.id, today: '2025-03-20', applied: 1, blocked: 1, duplicates: 0, refused: 0 },
    ]);
    expect(await db().repos.items.getItem(chicago.id, inChicago.id)).toMatchObject({
      block: 'date',
      status: 'unavailable',
    });
    expect(await dayEvents(db(), chicago.id)).toEqual([
      {
        item_id: inChicago.id,
        idempotency_key: `day:2025-03-20:item:${inChicago.id}`,
        kind: 'dayStarted',
        cause_type: 'scheduler',
        cause_ref: 'day:2025-03-20',
        actor: 'system',
      },
    ]);
  });

  test('runs once per store and local day', async () => {
    const store = await aStore(db().repos, { timezone: 'Europe/Paris' });
    const item = await anAssignedItem(db().repos, store.id, { stock: 0, backInStockDate: '2025-04-02' });

    const morning = setUp(db(), [store], at('2025-04-02T06:00:00Z'));
    expect((await checkBackInStockDates(morning.deps)).checked).toHaveLength(1);
    const evening = setUp(db(), [store], at('2025-04-02T20:00:00Z'));
    expect((await checkBackInStockDates(evening.deps)).checked).toEqual([]);
    expect(evening.jobs.sent).toEqual([]);
    expect(await dayEvents(db(), store.id)).toHaveLength(1);
    expect((await db().repos.dateChecks.listCheckedThrough()).get(store.id)).toBe('2025-04-02');
    expect((await db().repos.items.getItem(store.id, item.id))?.block).toBe('date');

    // The next local day is checked again (nothing left to block: no second event for the item).
    const nextDay = setUp(db(), [store], at('2025-04-03T06:00:00Z'));
    expect((await checkBackInStockDates(nextDay.deps)).checked).toEqual([
      { storeId: store.id, today: '2025-04-03', applied: 0, blocked: 0, duplicates: 0, refused: 0 },
    ]);
    expect(await dayEvents(db(), store.id)).toHaveLength(1);
  });

  test('catches up after two days down: dates passed meanwhile are applied on the first run', async () => {
    const store = await aStore(db().repos, { timezone: 'America/New_York' });
    const due20 = await anAssignedItem(db().repos, store.id, { stock: 0, backInStockDate: '2025-05-20' });
    const due21 = await anAssignedItem(db().repos, store.id, { stock: 3, backInStockDate: '2025-05-21' });
    const later = await anAssignedItem(db().repos, store.id, { stock: 0, backInStockDate: '2025-05-23' });

    // Last run on the 19th (local), then the app is down on the 20th and 21st.
    await checkBackInStockDates(setUp(db(), [store], at('2025-05-19T16:00:00Z')).deps);
    expect((await db().repos.dateChecks.listCheckedThrough()).get(store.id)).toBe('2025-05-19');

    const back = setUp(db(), [store], at('2025-05-22T13:00:00Z'));
    const summary = await checkBackInStockDates(back.deps);

    expect(summary.checked).toEqual([
      { storeId: store.id, today: '2025-05-22', applied: 2, blocked: 2, duplicates: 0, refused: 0 },
    ]);
    expect(await db().repos.items.getItem(store.id, due20.id)).toMatchObject({
      block: 'date',
      status: 'unavailable',
    });
    // In stock: the date block waits for stock to run out, the shopper still sees it in stock.
    expect(await db().repos.items.getItem(store.id, due21.id)).toMatchObject({
      block: 'date',
      status: 'in_stock',
    });
    expect(await db().repos.items.getItem(store.id, later.id)).toMatchObject({
      block: null,
      status: 'backorder',
    });
    expect((await dayEvents(db(), store.id)).map((e) => e.idempotency_key)).toEqual([
      `day:2025-05-22:item:${due20.id}`,
      `day:2025-05-22:item:${due21.id}`,
    ]);
    expect(back.jobs.sent.map((s) => s.name)).toContain('outbox.deliver');
  });

  test('leaves manually disabled and already date-blocked items alone', async () => {
    const store = await aStore(db().repos, { timezone: 'UTC' });
    const manual = await anAssignedItem(db().repos, store.id, { stock: 0, backInStockDate: '2025-06-01' });
    const disabled = await applyItemEvent(db().repos, {
      storeId: store.id,
      itemId: manual.id,
      event: { kind: 'disabled' },
      idempotencyKey: `test:disable:${manual.id}`,
      cause: { type: 'admin_action', ref: null },
      actor: 'admin:merchant@example.com',
      now: NOW,
    });
    expect(disabled.applied && disabled.item.block).toBe('manual');
    // Assigned with a date already reached: date-blocked from the start.
    const alreadyBlocked = await anAssignedItem(db().repos, store.id, {
      stock: 0,
      backInStockDate: '2025-03-01',
    });
    expect(alreadyBlocked.block).toBe('date');

    const run = setUp(db(), [store], at('2025-06-05T12:00:00Z'));
    const summary = await checkBackInStockDates(run.deps);

    expect(summary.checked).toEqual([
      { storeId: store.id, today: '2025-06-05', applied: 0, blocked: 0, duplicates: 0, refused: 0 },
    ]);
    expect(await db().repos.items.getItem(store.id, manual.id)).toMatchObject({
      block: 'manual',
      status: 'unavailable',
    });
    expect(await dayEvents(db(), store.id)).toEqual([]);
    expect(run.jobs.sent).toEqual([]);
  });

  test('works through the items page by page', async () => {
    const store = await aStore(db().repos, { timezone: 'UTC' });
    const items = [];
    for (let i = 0; i < 5; i += 1) {
      items.push(
        await anAssignedItem(db().repos, store.id, { stock: 0, backInStockDate: `2025-07-0${i + 1}` }),
      );
    }
    const run = setUp(db(), [store], at('2025-07-10T00:00:00Z'));
    const summary = await checkBackInStockDates(run.deps, { pageSize: 2 });

    expect(summary.checked[0]).toMatchObject({ applied: 5, blocked: 5 });
    for (const item of items) expect((await db().repos.items.getItem(store.id, item.id))?.block).toBe('date');
  });

  test('a run that fails half-way delivers what it changed, and the retry finishes the rest', async () => {
    const store = await aStore(db().repos, { timezone: 'UTC' });
    const first = await anAssignedItem(db().repos, store.id, { stock: 0, backInStockDate: '2025-08-01' });
    const second = await anAssignedItem(db().repos, store.id, { stock: 0, backInStockDate: '2025-08-01' });
    const run = setUp(db(), [store], at('2025-08-01T09:00:00Z'));
    let outage = true;
    const items = db().repos.items;
    const transactions = db().repos.itemTransactions;
    run.deps = {
      ...run.deps,
      itemTransactions: {
        run: (storeId, work) =>
          transactions.run(storeId, (tx) =>
            work(
              Object.assign(Object.create(tx), {
                lockItemForEvent: async (itemId: number, reads: ItemEventReads) => {
                  if (itemId === second.id && outage) throw new Error('connection reset');
                  return tx.lockItemForEvent(itemId, reads);
                },
              }),
            ),
          ),
      },
    };

    await expect(checkBackInStockDates(run.deps)).rejects.toBeInstanceOf(DateCheckFailedError);
    expect((await items.getItem(store.id, first.id))?.block).toBe('date');
    expect((await items.getItem(store.id, second.id))?.block).toBeNull();
    expect(run.jobs.sent.map((s) => s.name).sort()).toEqual([
      'notifications.flush',
      'outbox.deliver',
      'outbox.urgent',
    ]);
    expect((await db().repos.dateChecks.listCheckedThrough()).get(store.id)).toBeNull();

    outage = false;
    const retry = await checkBackInStockDates(run.deps);
    expect(retry.checked).toEqual([
      { storeId: store.id, today: '2025-08-01', applied: 1, blocked: 1, duplicates: 0, refused: 0 },
    ]);
    expect((await items.getItem(store.id, second.id))?.block).toBe('date');
    expect(await dayEvents(db(), store.id)).toHaveLength(2);
    expect((await db().repos.dateChecks.listCheckedThrough()).get(store.id)).toBe('2025-08-01');
  });

  test('the same day applied twice at once (two runs racing) changes each item once', async () => {
    const store = await aStore(db().repos, { timezone: 'UTC' });
    const item = await anAssignedItem(db().repos, store.id, { stock: 0, backInStockDate: '2025-08-10' });
    const one = setUp(db(), [store], at('2025-08-10T09:00:00Z'));
    const two = setUp(db(), [store], at('2025-08-10T09:00:00Z'));
    // The second run read the progress and the item before the first changed them.
    const staleProgress = await db().repos.dateChecks.listCheckedThrough();
    const staleItems = await db().repos.items.listItems(store.id, {
      backInStockDateOnOrBefore: '2025-08-10',
    });
    await checkBackInStockDates(one.deps);
    const dateChecks = db().repos.dateChecks;
    two.deps = {
      ...two.deps,
      items: {
        listItems: async () => staleItems,
        getItem: (storeId, itemId) => db().repos.items.getItem(storeId, itemId),
      },
      dateChecks: {
        listCheckedThrough: async () => staleProgress,
        markCheckedThrough: (storeId, date) => dateChecks.markCheckedThrough(storeId, date),
      },
    };
    const summary = await checkBackInStockDates(two.deps);

    expect(summary.checked).toEqual([
      { storeId: store.id, today: '2025-08-10', applied: 0, blocked: 0, duplicates: 1, refused: 0 },
    ]);
    expect(await dayEvents(db(), store.id)).toHaveLength(1);
    expect((await db().repos.items.getItem(store.id, item.id))?.block).toBe('date');
  });

  test('a queue outage is reported, not fatal: the changes are kept and the sweep delivers them', async () => {
    const store = await aStore(db().repos, { timezone: 'UTC' });
    const item = await anAssignedItem(db().repos, store.id, { stock: 0, backInStockDate: '2025-08-20' });
    const run = setUp(db(), [store], at('2025-08-20T09:00:00Z'));
    run.jobs.failNext = 2;

    const summary = await checkBackInStockDates(run.deps);

    expect(summary.checked[0]).toMatchObject({ applied: 1, blocked: 1 });
    expect(run.errors).toHaveLength(2);
    expect((await db().repos.items.getItem(store.id, item.id))?.block).toBe('date');
    expect(await db().repos.outbox.storesWithDueMessages(at('2025-08-20T09:00:00Z'), 100_000)).toContain(
      store.id,
    );
    expect((await db().repos.dateChecks.listCheckedThrough()).get(store.id)).toBe('2025-08-20');
  });

  test('a store that cannot be checked does not hold up the others', async () => {
    const broken = await aStore(db().repos, { timezone: 'UTC' });
    await db().repos.stores.updateProfile(broken.id, { timezone: 'Mars/Olympus_Mons' }, NOW);
    const fine = await aStore(db().repos, { timezone: 'UTC' });
    const item = await anAssignedItem(db().repos, fine.id, { stock: 0, backInStockDate: '2025-09-01' });
    const run = setUp(db(), [broken, fine], at('2025-09-02T00:00:00Z'));

    const failure = await checkBackInStockDates(run.deps).catch((e: unknown) => e);

    expect(failure).toBeInstanceOf(DateCheckFailedError);
    expect((failure as DateCheckFailedError).storeIds).toEqual([broken.id]);
    expect((failure as DateCheckFailedError).code).toBe('DATES.CHECK_FAILED');
    expect(run.errors).toHaveLength(1);
    expect((await db().repos.items.getItem(fine.id, item.id))?.block).toBe('date');
    expect((await db().repos.dateChecks.listCheckedThrough()).get(fine.id)).toBe('2025-09-02');
  });
}
