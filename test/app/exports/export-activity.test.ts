import { describe, expect, it } from 'vitest';
import { EXPORT_ACTIVITY_PAGE, exportActivity } from '../../../src/app/exports/export-activity.js';
import {
  type ActivityEntry,
  type ActivityLog,
  type ActivityQuery,
  compareActivity,
} from '../../../src/app/ports/activity-log.js';
import type { SheetCell } from '../../../src/app/ports/sheet.js';
import { asStoreId } from '../../../src/app/ports/store-id.js';
import { aStore, NOW } from '../../builders/store.builder.js';
import { fixedClock } from '../../fakes/clock.js';
import { createInMemoryRepositories } from '../../fakes/in-memory/index.js';

/** `count` sales a minute apart, newest first, as the activity log lists them. */
function sales(count: number): ActivityEntry[] {
  return Array.from(
    { length: count },
    (_, n): ActivityEntry => ({
      kind: 'movement',
      id: n + 1,
      eventId: n + 1,
      at: new Date(NOW.getTime() + n * 60_000),
      item: {
        itemId: 1,
        storeId: asStoreId(1),
        productName: 'Wool Socks',
        variantLabel: 'Size: M',
        sku: 'SOCKS-M',
        bcProductId: 5,
        bcVariantId: 51,
      },
      causeType: 'order_line',
      causeRef: `order:${n + 1}:line:${n + 100}`,
      actor: 'bigcommerce',
      movement: { kind: 'sale', delta: -1, backorderedDelta: 1, stockAfter: -n - 1, backorderedAfter: n + 1 },
    }),
  ).sort(compareActivity);
}

describe('exportActivity', () => {
  async function setup(entries: readonly ActivityEntry[]) {
    const repos = createInMemoryRepositories();
    const store = await aStore(repos, { timezone: 'Europe/Berlin' });
    const asked: ActivityQuery[] = [];
    const activityLog: ActivityLog = {
      async listActivity(_storeId, query) {
        asked.push(query);
        const after = query.after;
        return entries
          .filter((entry) => after === undefined || compareActivity(entry, after) > 0)
          .slice(0, query.limit);
      },
    };
    return { deps: { ...repos, activityLog, clock: fixedClock(NOW) }, store, asked };
  }

  it('reads every entry a page at a time, newest first, with the time in the store’s zone and in words', async () => {
    const { deps, store, asked } = await setup(sales(EXPORT_ACTIVITY_PAGE + 2));
    const exported = await exportActivity(deps, { storeId: store.id, kind: 'movement' });
    if (!exported.ok) throw new Error(exported.code);
    expect(exported.baseName).toBe('backorder-activity-2025-03-10');

    const rows: (readonly SheetCell[])[] = [];
    for await (const row of exported.sheet.rows) rows.push(row);
    expect(rows).toHaveLength(EXPORT_ACTIVITY_PAGE + 2);
    expect(asked).toHaveLength(2);
    expect(asked.every((query) => query.kind === 'movement')).toBe(true);
    // The oldest sale, at 12:00 UTC: 13:00 in Berlin.
    expect(rows.at(-1)).toEqual([
      '2025-03-10 13:00',
      'SOCKS-M',
      'Wool Socks',
      'Size: M',
      'Order #1 sold 1 unit, 1 backordered',
      -1,
      -1,
      1,
      'Order #1',
      'BigCommerce',
    ]);
    expect(new Set(rows.map((row) => row[4])).size).toBe(rows.length);
  });

  it('refuses days that end before they start, before reading anything', async () => {
    const { deps, store, asked } = await setup(sales(1));
    expect(
      await exportActivity(deps, { storeId: store.id, from: '2025-03-10', to: '2025-03-01' }),
    ).toMatchObject({ ok: false, code: 'ACTIVITY.INVALID_DATE_RANGE' });
    expect(asked).toEqual([]);
  });
});
