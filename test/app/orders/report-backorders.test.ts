import { describe, expect, test } from 'vitest';
import { type ApplyEventInput, applyItemEvent } from '../../../src/app/items/apply-item-event.js';
import { exportBackordersReport } from '../../../src/app/orders/export-backorders-report.js';
import { periodInstants } from '../../../src/app/orders/order-period.js';
import {
  backInStockTimes,
  MAX_REPORT_WEEKS,
  OPEN_BACKORDERS_LISTED,
  reportBackorders,
  summariseBackorders,
} from '../../../src/app/orders/report-backorders.js';
import type { ItemRecord } from '../../../src/app/ports/item-repository.js';
import type { BackorderedOrderLine } from '../../../src/app/ports/order-report.js';
import type { Sheet } from '../../../src/app/ports/sheet.js';
import { anAssignedItem } from '../../builders/assignment.builder.js';
import { aStore, NOW } from '../../builders/store.builder.js';
import { fixedClock } from '../../fakes/clock.js';
import { createInMemoryRepositories } from '../../fakes/in-memory/index.js';

let sequence = 0;
function aLine(at: string, backordered: number, order: number, itemId = 1): BackorderedOrderLine {
  sequence += 1;
  return {
    bcOrderId: order,
    bcOrderProductId: sequence,
    itemId,
    sku: `SKU-${itemId}`,
    bcProductId: 100 + itemId,
    bcVariantId: null,
    productName: `Product ${itemId}`,
    optionValues: null,
    quantity: backordered + 1,
    backordered,
    returnedQuantity: 0,
    createdAt: new Date(at),
  };
}

describe('the orders report: backordered units per ISO week of the store', () => {
  test('weeks start on Monday in the store’s time zone, across a daylight-saving change', () => {
    // Berlin moves to summer time on Sunday 30 March 2025.
    const lines = [
      aLine('2025-03-23T23:30:00Z', 1, 1), // Monday 24 March 00:30 in Berlin: week 13
      aLine('2025-03-30T21:59:00Z', 2, 2), // Sunday 30 March 23:59 (summer time): still week 13
      aLine('2025-03-30T22:00:00Z', 4, 3), // Monday 31 March 00:00: week 14
    ];
    const report = summariseBackorders(lines, 'Europe/Berlin', { to: '2025-04-02' });
    expect(report.weeks).toEqual([
      { week: '2025-W13', startsOn: '2025-03-24', backorderedUnits: 3, orders: 2 },
      { week: '2025-W14', startsOn: '2025-03-31', backorderedUnits: 4, orders: 1 },
    ]);
    expect(report).toMatchObject({ backorderedUnits: 7, orders: 3 });
  });

  test('weeks without backorders are in the series, from the period’s first day to its last', () => {
    const report = summariseBackorders([aLine('2025-01-08T12:00:00Z', 2, 10)], 'UTC', {
      from: '2024-12-30',
      to: '2025-01-19', // a Sunday: week 3 is the last
    });
    expect(report.weeks.map((w) => [w.week, w.backorderedUnits])).toEqual([
      ['2025-W01', 0],
      ['2025-W02', 2],
      ['2025-W03', 0],
    ]);
    expect(summariseBackorders([], 'UTC', { to: '2025-01-20' }).weeks).toEqual([]);
  });

  test('totals per item: units and distinct orders, most backordered first', () => {
    const report = summariseBackorders(
      [
        aLine('2025-01-06T12:00:00Z', 1, 20, 1),
        aLine('2025-01-06T12:00:00Z', 1, 20, 1),
        aLine('2025-01-07T12:00:00Z', 5, 21, 2),
      ],
      'UTC',
      { to: '2025-01-07' },
    );
    expect(report.items.map((i) => [i.itemId, i.backorderedUnits, i.orders])).toEqual([
      [2, 5, 1],
      [1, 2, 1],
    ]);
    expect(report.orders).toBe(2);
  });

  test('per item per week: each item’s weeks with backordered units, oldest first, and only those', () => {
    const report = summariseBackorders(
      [
        aLine('2025-01-14T12:00:00Z', 2, 30, 1), // week 3
        aLine('2025-01-06T12:00:00Z', 1, 31, 1), // week 2
        aLine('2025-01-07T12:00:00Z', 3, 31, 1), // week 2, same order
        aLine('2025-01-08T12:00:00Z', 5, 32, 2), // week 2
      ],
      'UTC',
      { from: '2024-12-30', to: '2025-01-26' },
    );
    const weeksOf = (itemId: number) => report.items.find((i) => i.itemId === itemId)!.weeks;
    expect(weeksOf(1)).toEqual([
      { week: '2025-W02', startsOn: '2025-01-06', backorderedUnits: 4, orders: 1 },
      { week: '2025-W03', startsOn: '2025-01-13', backorderedUnits: 2, orders: 1 },
    ]);
    expect(weeksOf(2)).toEqual([
      { week: '2025-W02', startsOn: '2025-01-06', backorderedUnits: 5, orders: 1 },
    ]);
    // The store's weeks still run over the whole period.
    expect(report.weeks).toHaveLength(4);
  });

  test('stops building past the longest period the report accepts', () => {
    const report = summariseBackorders([], 'UTC', { from: '2000-01-03', to: '2025-01-06' });
    expect(report.weeks.length).toBe(MAX_REPORT_WEEKS + 1);
  });
});

describe('a period of store-local dates', () => {
  test('runs from the start of its first day to the start of the day after its last, there', () => {
    expect(periodInstants({ from: '2025-03-10', to: '2025-03-10' }, 'America/Chicago')).toEqual({
      from: new Date('2025-03-10T05:00:00Z'),
      to: new Date('2025-03-11T05:00:00Z'),
    });
    expect(periodInstants({}, 'UTC')).toEqual({});
    expect(periodInstants({ from: '2025-03-11', to: '2025-03-10' }, 'UTC')).toMatchObject({
      ok: false,
      code: 'ORDERS.INVALID_DATE_RANGE',
    });
  });
});

describe('the mean time back in stock', () => {
  const DAY = 86_400_000;
  const episode = (days: number) => ({
    itemId: 1,
    startedAt: new Date('2025-03-01T00:00:00Z'),
    endedAt: new Date(Date.parse('2025-03-01T00:00:00Z') + days * DAY),
  });

  test('is the mean of (end − start) in days, one decimal, with how many episodes it covers', () => {
    expect(backInStockTimes([episode(1), episode(2.5), episode(0.25)])).toEqual({
      averageDays: 1.3, // 3.75 / 3 = 1.25, rounded half up
      episodes: 3,
    });
    expect(backInStockTimes([episode(10 / 24)])).toEqual({ averageDays: 0.4, episodes: 1 });
  });

  test('is null when no episode ended', () => {
    expect(backInStockTimes([])).toEqual({ averageDays: null, episodes: 0 });
  });
});

describe('reportBackorders and exportBackordersReport, on the in-memory storage', () => {
  const HOUR = 3_600_000;
  const at = (hours: number) => new Date(NOW.getTime() + hours * HOUR);
  let keys = 0;

  async function setup() {
    const repos = createInMemoryRepositories();
    const clock = fixedClock(NOW);
    const store = await aStore(repos, { timezone: 'UTC' });
    const apply = async (item: ItemRecord, event: ApplyEventInput['event'], now: Date) => {
      keys += 1;
      const outcome = await applyItemEvent(repos, {
        storeId: store.id,
        itemId: item.id,
        event,
        idempotencyKey: `report-test:${keys}`,
        cause: { type: 'api_request', ref: null },
        actor: 'api-key:abc',
        now,
        ...(event.kind === 'sold'
          ? { orderLine: { bcOrderId: 500 + keys, bcOrderProductId: 9_000 + keys } }
          : {}),
      });
      if (!outcome.applied) throw new Error(JSON.stringify(outcome));
    };
    const deps = { items: repos.items, stores: repos.stores, orderReport: repos.orderReport, clock };
    return { repos, clock, store, apply, deps };
  }

  /** NOW is Monday 10 March 2025, 12:00 UTC (week 11). */
  async function aStory() {
    const env = await setup();
    const { repos, store, apply } = env;
    const rope = await anAssignedItem(repos, store.id, { stock: 1, sku: `ROPE-${keys}` });
    const lamp = await anAssignedItem(repos, store.id, { stock: 0, sku: `LAMP-${keys}` });
    await apply(rope, { kind: 'sold', quantity: 3 }, at(1)); // leaves stock, 2 backordered (week 11)
    await apply(rope, { kind: 'edited', source: 'api', stock: 4 }, at(49)); // back in stock after 2 days
    await apply(rope, { kind: 'sold', quantity: 6 }, at(24 * 7 + 1)); // week 12: 2 backordered, still owed
    await apply(lamp, { kind: 'sold', quantity: 1 }, at(2)); // assigned out of stock at NOW: 1 owed
    await apply(lamp, { kind: 'sold', quantity: 4 }, at(24 * 7 + 2)); // week 12: 5 owed
    env.clock.set(at(24 * 8));
    return { ...env, rope, lamp };
  }

  test('the report has the units still owed now, with their items, and the mean days back in stock', async () => {
    const { deps, store, rope, lamp } = await aStory();
    const result = await reportBackorders(deps, { storeId: store.id, from: '2025-03-10' });
    if (!result.ok) throw new Error(result.code);
    expect(result.to).toBe('2025-03-18');
    expect(result.report.openBackorders).toMatchObject({ backorderedUnits: 7, items: 2 });
    expect(result.report.openBackorders.list.map((o) => [o.sku, o.backordered, o.since])).toEqual([
      [lamp.sku, 5, NOW],
      [rope.sku, 2, at(24 * 7 + 1)],
    ]);
    expect(result.report.backInStock).toEqual({ averageDays: 2, episodes: 1 });
    expect(result.report.items.find((i) => i.sku === rope.sku)!.weeks.map((w) => w.week)).toEqual([
      '2025-W11',
      '2025-W12',
    ]);

    // A period after the episode ended has none; the units owed are now's, whatever the period.
    const later = await reportBackorders(deps, { storeId: store.id, from: '2025-03-13' });
    if (!later.ok) throw new Error(later.code);
    expect(later.report.backInStock).toEqual({ averageDays: null, episodes: 0 });
    expect(later.report.openBackorders.backorderedUnits).toBe(7);

    // One SKU: its own numbers; an unknown SKU: nothing.
    const ofLamp = await reportBackorders(deps, { storeId: store.id, sku: lamp.sku! });
    if (!ofLamp.ok) throw new Error(ofLamp.code);
    expect(ofLamp.report.openBackorders).toMatchObject({ backorderedUnits: 5, items: 1 });
    expect(ofLamp.report.backInStock.episodes).toBe(0);
    const unknown = await reportBackorders(deps, { storeId: store.id, sku: 'NO-SUCH-SKU' });
    if (!unknown.ok) throw new Error(unknown.code);
    expect(unknown.report.openBackorders).toEqual({ backorderedUnits: 0, items: 0, list: [] });
  });

  test('lists at most OPEN_BACKORDERS_LISTED open backorders; the export has them all', async () => {
    const { repos, store, apply, deps } = await setup();
    for (let n = 0; n <= OPEN_BACKORDERS_LISTED; n += 1) {
      const item = await anAssignedItem(repos, store.id, { stock: 0 });
      await apply(item, { kind: 'sold', quantity: 1 }, at(1));
    }
    const result = await reportBackorders(deps, { storeId: store.id });
    if (!result.ok) throw new Error(result.code);
    expect(result.report.openBackorders.items).toBe(OPEN_BACKORDERS_LISTED + 1);
    expect(result.report.openBackorders.list).toHaveLength(OPEN_BACKORDERS_LISTED);

    const exported = await exportBackordersReport(deps, { storeId: store.id });
    if (!exported.ok) throw new Error(exported.code);
    const open = exported.sheets.all.find((sheet) => sheet.name === 'Open backorders')!;
    expect(await rowsOf(open)).toHaveLength(OPEN_BACKORDERS_LISTED + 1);
  });

  test('the export: per item per week first (the CSV’s one table), then every table of the report', async () => {
    const { deps, store, rope, lamp } = await aStory();
    const result = await exportBackordersReport(deps, {
      storeId: store.id,
      from: '2025-03-10',
      to: '2025-03-16',
    });
    if (!result.ok) throw new Error(result.code);
    const { sheets } = result;
    expect(sheets.fileBase).toBe('backorders-report-2025-03-10-to-2025-03-16');
    expect(sheets.all.map((sheet) => sheet.name)).toEqual([
      'Per item per week',
      'Per item',
      'Per week',
      'Open backorders',
      'Summary',
    ]);
    expect(sheets.all[0]).toBe(sheets.itemWeeks);
    expect(sheets.itemWeeks.columns.map((c) => c.header)).toEqual([
      'Week',
      'Week starts',
      'SKU',
      'Product',
      'Variant',
      'Backordered units',
      'Orders',
    ]);
    const rows = await rowsOf(sheets.itemWeeks);
    expect(rows.map((r) => [r[0], r[1], r[2], r[5], r[6]])).toEqual([
      ['2025-W11', '2025-03-10', rope.sku, 2, 1],
      ['2025-W11', '2025-03-10', lamp.sku, 1, 1],
    ]);
    expect(await rowsOf(sheets.all[4]!)).toContainEqual(['Average days to back in stock', 2]);
    const open = await rowsOf(sheets.all[3]!);
    expect(open.map((r) => [r[0], r[3], r[4], r[5]])).toEqual([
      [lamp.sku, 'Backorder', 5, '2025-03-10 12:00'],
      [rope.sku, 'Backorder', 2, '2025-03-17 13:00'],
    ]);

    const refused = await exportBackordersReport(deps, {
      storeId: store.id,
      from: '2025-03-10',
      to: '2025-03-01',
    });
    expect(refused).toMatchObject({ ok: false, code: 'ORDERS.INVALID_DATE_RANGE' });
  });
});

async function rowsOf(sheet: Sheet): Promise<(string | number | null)[][]> {
  const rows: (string | number | null)[][] = [];
  for await (const row of sheet.rows) rows.push([...row]);
  return rows;
}
