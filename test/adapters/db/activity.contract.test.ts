import { expect, it } from 'vitest';
import { type ApplyEventInput, applyItemEvent } from '../../../src/app/items/apply-item-event.js';
import { assignProductItems } from '../../../src/app/items/assign-product-items.js';
import { orderLineRef } from '../../../src/app/orders/record-order-sales.js';
import type { ActivityEntry, ActivityQuery } from '../../../src/app/ports/activity-log.js';
import type { ItemRecord } from '../../../src/app/ports/item-repository.js';
import type { StoreId } from '../../../src/app/ports/store-id.js';
import { anAssignment } from '../../builders/assignment.builder.js';
import { aStore, NOW } from '../../builders/store.builder.js';
import { describeEachDatabase, type TestDatabase } from './support/databases.js';

const HOUR = 3_600_000;
const at = (hours: number) => new Date(NOW.getTime() + hours * HOUR);
let keySequence = 0;

/**
 * The read ports of Home and Activity (ActivityLog, StoreDashboard) on every storage target, over
 * history written by the real item pipeline.
 */
describeEachDatabase('ActivityLog and StoreDashboard', (db) => {
  /** A product "Trail Jacket" with sizes M (stock 2, threshold 1) and L (stock 5, a date), assigned at NOW. */
  async function aJacket(storeId: StoreId, overrides: { dateL?: string | null } = {}) {
    const assignment = anAssignment(storeId, {
      now: NOW,
      items: [
        {
          stock: 2,
          threshold: 1,
          optionValues: [{ optionId: 1, valueId: 10, name: 'Size', label: 'M' }],
        },
        {
          stock: 5,
          backInStockDate: overrides.dateL === undefined ? '2025-03-12' : overrides.dateL,
          optionValues: [{ optionId: 1, valueId: 11, name: 'Size', label: 'L' }],
        },
      ],
    });
    const outcome = await assignProductItems(db().repos, {
      ...assignment,
      product: { ...assignment.product, name: 'Trail Jacket' },
    });
    if (!outcome.applied) throw new Error('assignment failed');
    const [m, l] = outcome.items.map((i) => i.item) as [ItemRecord, ItemRecord];
    return { product: outcome.product, m, l };
  }

  async function apply(item: ItemRecord, input: Partial<ApplyEventInput> & Pick<ApplyEventInput, 'event'>) {
    keySequence += 1;
    const outcome = await applyItemEvent(db().repos, {
      storeId: item.storeId,
      itemId: item.id,
      idempotencyKey: `activity-test:${keySequence}`,
      cause: { type: 'api_request', ref: `request-${keySequence}` },
      actor: 'api-key:abc',
      now: NOW,
      ...input,
    });
    if (!outcome.applied) throw new Error(`refused: ${JSON.stringify(outcome)}`);
    return outcome.item;
  }

  /** The jacket's story: assigned at NOW; M sold 3 at +1h (threshold block); L set to 0 at +2h. */
  async function aStory(target: TestDatabase = db()) {
    const store = await aStore(target.repos);
    const { product, m, l } = await aJacket(store.id);
    await apply(m, {
      event: { kind: 'sold', quantity: 3 },
      cause: { type: 'order_line', ref: orderLineRef(123, 456) },
      actor: 'bigcommerce',
      now: at(1),
      orderLine: { bcOrderId: 123, bcOrderProductId: 456 },
    });
    await apply(l, { event: { kind: 'edited', source: 'api', stock: 0 }, now: at(2) });
    return { store, product, m, l };
  }

  const list = (storeId: StoreId, query: Partial<ActivityQuery> = {}) =>
    db().repos.activityLog.listActivity(storeId, { limit: 100, ...query });
  const summary = (entries: readonly ActivityEntry[]) =>
    entries.map((e) =>
      e.kind === 'movement'
        ? `${e.item.sku} ${e.movement.kind} ${e.movement.delta}`
        : `${e.item.sku} ${e.transition.from.status}→${e.transition.to.status} ${e.transition.reason}`,
    );

  it('merges movements and transitions newest first, the transition above the movement it followed from', async () => {
    const { store, product, m, l } = await aStory();
    const entries = await list(store.id);
    expect(summary(entries)).toEqual([
      `${l.sku} in_stock→backorder api_edit`,
      `${l.sku} set -5`,
      `${m.sku} in_stock→unavailable threshold_reached`,
      `${m.sku} sale -3`,
      // The two items of one assignment: the later event first.
      `${l.sku} null→in_stock assigned`,
      `${l.sku} assignment 5`,
      `${m.sku} null→in_stock assigned`,
      `${m.sku} assignment 2`,
    ]);
    const saleEntry = entries[3]!;
    expect(saleEntry).toEqual({
      kind: 'movement',
      id: expect.any(Number),
      eventId: expect.any(Number),
      at: at(1),
      item: {
        itemId: m.id,
        storeId: store.id,
        productName: 'Trail Jacket',
        variantLabel: 'Size: M',
        sku: m.sku,
        bcProductId: product.bcProductId,
        bcVariantId: m.bcVariantId,
      },
      causeType: 'order_line',
      causeRef: 'order:123:line:456',
      actor: 'bigcommerce',
      movement: { kind: 'sale', delta: -3, backorderedDelta: 1, stockAfter: -1, backorderedAfter: 1 },
    });
    expect(entries[2]).toMatchObject({
      kind: 'transition',
      eventId: saleEntry.eventId,
      transition: {
        from: { status: 'in_stock', block: null },
        to: { status: 'unavailable', block: 'threshold' },
        reason: 'threshold_reached',
      },
    });
  });

  it('filters by kind, SKU, BigCommerce product, cause and time', async () => {
    const { store, product, m, l } = await aStory();
    expect(summary(await list(store.id, { kind: 'transition' }))).toEqual([
      `${l.sku} in_stock→backorder api_edit`,
      `${m.sku} in_stock→unavailable threshold_reached`,
      `${l.sku} null→in_stock assigned`,
      `${m.sku} null→in_stock assigned`,
    ]);
    expect(summary(await list(store.id, { kind: 'movement', sku: m.sku! }))).toEqual([
      `${m.sku} sale -3`,
      `${m.sku} assignment 2`,
    ]);
    expect(await list(store.id, { bcProductId: product.bcProductId })).toHaveLength(8);
    expect(await list(store.id, { bcProductId: product.bcProductId + 999_999 })).toEqual([]);
    expect(summary(await list(store.id, { causeType: 'order_line' }))).toEqual([
      `${m.sku} in_stock→unavailable threshold_reached`,
      `${m.sku} sale -3`,
    ]);
    // since is included, until is not.
    expect(summary(await list(store.id, { since: at(1), until: at(2) }))).toEqual([
      `${m.sku} in_stock→unavailable threshold_reached`,
      `${m.sku} sale -3`,
    ]);
    expect(await list(store.id, { sku: 'NO-SUCH-SKU' })).toEqual([]);
  });

  it('pages by position without skipping or repeating an entry', async () => {
    const { store } = await aStory();
    const all = await list(store.id);
    for (const limit of [1, 2, 3]) {
      const seen: ActivityEntry[] = [];
      let page = await list(store.id, { limit });
      while (page.length > 0) {
        seen.push(...page);
        const last = page.at(-1)!;
        page = await list(store.id, {
          limit,
          after: { at: last.at, eventId: last.eventId, kind: last.kind, id: last.id },
        });
      }
      expect(seen).toEqual(all);
    }
    const transitionsOnly = await list(store.id, { kind: 'transition', limit: 1 });
    const rest = await list(store.id, {
      kind: 'transition',
      after: { ...transitionsOnly[0]!, kind: 'transition' },
    });
    expect(rest).toHaveLength(3);
  });

  it('keeps each store’s history to itself', async () => {
    const mine = await aStory();
    const theirs = await aStory();
    const entries = await list(mine.store.id);
    expect(entries.every((e) => e.item.storeId === mine.store.id)).toBe(true);
    // Their SKU or product never reaches into my store.
    expect(await list(mine.store.id, { bcProductId: theirs.product.bcProductId })).toEqual([]);
    expect(await list(mine.store.id, { sku: theirs.m.sku! })).toEqual([]);
  });

  it('counts assigned items by status and block, lists the blocked ones and the dates due', async () => {
    const { store, m, l } = await aStory();
    const other = await aJacket(store.id, { dateL: '2025-03-20' });
    await apply(other.m, { event: { kind: 'disabled' }, now: at(3) });
    const dashboard = db().repos.dashboard;

    expect(await dashboard.countItems(store.id)).toEqual({
      assigned: 4,
      // A manual block on an item in stock: it stays in stock until it runs out.
      byStatus: { in_stock: 2, backorder: 1, unavailable: 1 },
      byBlock: { threshold: 1, date: 0, manual: 1 },
    });
    const blocked = await dashboard.listBlockedItems(store.id, { blocks: ['threshold', 'date'], limit: 10 });
    expect(blocked.total).toBe(1);
    expect(blocked.items).toEqual([
      {
        label: expect.objectContaining({
          itemId: m.id,
          productName: 'Trail Jacket',
          variantLabel: 'Size: M',
        }),
        stock: -1,
        threshold: 1,
        backordered: 1,
        incoming: 0,
        backInStockDate: null,
        status: 'unavailable',
        block: 'threshold',
        updatedAt: at(1),
      },
    ]);
    // Most recently changed first, capped, with the total.
    const anyBlock = await dashboard.listBlockedItems(store.id, {
      blocks: ['threshold', 'date', 'manual'],
      limit: 1,
    });
    expect(anyBlock.total).toBe(2);
    expect(anyBlock.items.map((i) => i.label.itemId)).toEqual([other.m.id]);

    const due = await dashboard.listItemsDueBetween(store.id, {
      from: '2025-03-11',
      to: '2025-03-17',
      limit: 10,
    });
    expect(due).toEqual({
      total: 1,
      items: [
        expect.objectContaining({
          label: expect.objectContaining({ itemId: l.id }),
          backInStockDate: '2025-03-12',
        }),
      ],
    });
    const wider = await dashboard.listItemsDueBetween(store.id, {
      from: '2025-03-12',
      to: '2025-03-20',
      limit: 1,
    });
    expect(wider.total).toBe(2);
    expect(wider.items.map((i) => i.backInStockDate)).toEqual(['2025-03-12']);
    expect(
      (await dashboard.listItemsDueBetween(store.id, { from: '2025-03-13', to: '2025-03-19', limit: 10 }))
        .total,
    ).toBe(0);
  });

  it('leaves unassigned items and other stores out of the dashboard', async () => {
    const { store } = await aStory();
    const empty = await aStore(db().repos);
    const dashboard = db().repos.dashboard;
    expect(await dashboard.countItems(empty.id)).toEqual({
      assigned: 0,
      byStatus: { in_stock: 0, backorder: 0, unavailable: 0 },
      byBlock: { threshold: 0, date: 0, manual: 0 },
    });
    expect(await dashboard.listBlockedItems(empty.id, { blocks: ['threshold'], limit: 10 })).toEqual({
      items: [],
      total: 0,
    });
    expect(
      await dashboard.listItemsDueBetween(empty.id, { from: '2025-01-01', to: '2025-12-31', limit: 10 }),
    ).toEqual({ items: [], total: 0 });

    const gone = await aJacket(store.id);
    await apply(gone.m, { event: { kind: 'unassigned' }, now: at(4) });
    await apply(gone.l, { event: { kind: 'unassigned' }, now: at(4) });
    expect((await dashboard.countItems(store.id)).assigned).toBe(2);
    // Their history stays readable in the activity.
    expect(
      summary(await db().repos.activityLog.listActivity(store.id, { sku: gone.m.sku!, limit: 1 })),
    ).toEqual([`${gone.m.sku} in_stock→null unassigned`]);
  });
});
