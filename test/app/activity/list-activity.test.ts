import { describe, expect, it } from 'vitest';
import { orderIdOfCause } from '../../../src/app/activity/activity-cause.js';
import { ACTIVITY_REFUSALS, listActivity } from '../../../src/app/activity/list-activity.js';
import { orderLineRef } from '../../../src/app/orders/record-order-sales.js';
import type { ActivityQuery } from '../../../src/app/ports/activity-log.js';
import { asStoreId } from '../../../src/app/ports/store-id.js';
import { aStore } from '../../builders/store.builder.js';
import { createInMemoryRepositories } from '../../fakes/in-memory/index.js';

describe('listActivity', () => {
  /** The ports, with the activity log replaced by one that records what it was asked. */
  async function setup(timezone = 'America/Chicago') {
    const repos = createInMemoryRepositories();
    const store = await aStore(repos, { timezone });
    const asked: ActivityQuery[] = [];
    const deps = {
      settings: repos.settings,
      activityLog: {
        listActivity: async (_storeId: unknown, query: ActivityQuery) => {
          asked.push(query);
          return repos.activityLog.listActivity(store.id, query);
        },
      },
    };
    return { deps, store, asked };
  }

  it('turns store-local days into the instants they start and end at', async () => {
    const { deps, store, asked } = await setup('America/Chicago');
    const page = await listActivity(deps, {
      storeId: store.id,
      from: '2025-03-08',
      to: '2025-03-10',
      limit: 5,
    });
    expect(page).toEqual({ ok: true, entries: [], next: null });
    // Daylight saving begins on Mar 9 in Chicago: Mar 8 starts at UTC−6, Mar 11 at UTC−5.
    expect(asked[0]).toEqual({
      since: new Date('2025-03-08T06:00:00.000Z'),
      until: new Date('2025-03-11T05:00:00.000Z'),
      limit: 6,
    });
  });

  it('refuses a range that ends before it starts, and a date that is not one', async () => {
    const { deps, store, asked } = await setup();
    expect(
      await listActivity(deps, { storeId: store.id, from: '2025-03-11', to: '2025-03-10', limit: 5 }),
    ).toMatchObject({ ok: false, code: ACTIVITY_REFUSALS.invalidDateRange });
    expect(await listActivity(deps, { storeId: store.id, to: '2025-02-30', limit: 5 })).toMatchObject({
      ok: false,
      code: ACTIVITY_REFUSALS.invalidDate,
    });
    expect(asked).toEqual([]);
    // One day is a range too.
    expect(
      await listActivity(deps, { storeId: store.id, from: '2025-03-10', to: '2025-03-10', limit: 5 }),
    ).toMatchObject({
      ok: true,
    });
  });

  it('needs the store only for dates', async () => {
    const { deps } = await setup();
    expect(await listActivity(deps, { storeId: asStoreId(999_999), limit: 5 })).toMatchObject({ ok: true });
    expect(
      await listActivity(deps, { storeId: asStoreId(999_999), from: '2025-03-10', limit: 5 }),
    ).toMatchObject({
      ok: false,
      code: 'STORE.NOT_FOUND',
    });
  });
});

describe('orderIdOfCause', () => {
  it('reads the order of an order line’s ref, and nothing else', () => {
    expect(orderIdOfCause({ causeType: 'order_line', causeRef: orderLineRef(123, 456) })).toBe(123);
    expect(orderIdOfCause({ causeType: 'order_line', causeRef: '456' })).toBeNull();
    expect(orderIdOfCause({ causeType: 'order_line', causeRef: null })).toBeNull();
    expect(orderIdOfCause({ causeType: 'api_request', causeRef: orderLineRef(1, 2) })).toBeNull();
  });
});
