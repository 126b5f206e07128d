import { describe, expect, test } from 'vitest';
import { periodInstants } from '../../../src/app/orders/order-period.js';
import { MAX_REPORT_WEEKS, summariseBackorders } from '../../../src/app/orders/report-backorders.js';
import type { BackorderedOrderLine } from '../../../src/app/ports/order-report.js';

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
