import { expect, test } from 'vitest';
import { applyItemEvent } from '../../../src/app/items/apply-item-event.js';
import { anAssignedItem } from '../../builders/assignment.builder.js';
import { aStore, NOW } from '../../builders/store.builder.js';
import { describeEachDatabase } from './support/databases.js';

const SALES = 200;

describeEachDatabase('Item changes under concurrency', (db) => {
  test(`${SALES} concurrent sales of one item leave stock and B exactly right`, async () => {
    const { repos } = db();
    const store = await aStore(repos, { switchCondition: 0 });
    const item = await anAssignedItem(repos, store.id, { stock: 50 });

    const outcomes = await Promise.all(
      Array.from({ length: SALES }, (_, n) =>
        applyItemEvent(repos, {
          storeId: store.id,
          itemId: item.id,
          event: { kind: 'sold', quantity: 1 },
          idempotencyKey: `order:${n}:line:1:sold`,
          cause: { type: 'order_line', ref: String(n) },
          actor: 'bigcommerce',
          now: NOW,
          orderLine: { bcOrderId: n, bcOrderProductId: 100_000 + n },
        }),
      ),
    );

    expect(outcomes.filter((o) => o.applied)).toHaveLength(SALES);
    expect(await repos.items.getItem(store.id, item.id)).toMatchObject({
      stock: 50 - SALES,
      backordered: SALES - 50,
      status: 'backorder',
    });
    const sales = await repos.history.listLedger(store.id, { itemId: item.id, limit: 1000 });
    expect(sales.filter((r) => r.kind === 'sale')).toHaveLength(SALES);
    expect(await repos.history.ledgerTotals(store.id, item.id)).toEqual({
      delta: 50 - SALES,
      rows: SALES + 1,
    });
    // Each sale saw the stock the previous one left: stock_after runs through every value once.
    expect(sales.map((r) => r.stockAfter).sort((a, b) => a - b)).toEqual(
      Array.from({ length: SALES + 1 }, (_, n) => 50 - SALES + n),
    );
    const backorderedPerLine = await Promise.all(
      Array.from({ length: SALES }, (_, n) => repos.orderLines.findOrderLine(store.id, 100_000 + n)),
    );
    expect(backorderedPerLine.reduce((sum, line) => sum + line!.backordered, 0)).toBe(SALES - 50);
  });

  test('the same change delivered many times at once is applied exactly once', async () => {
    const { repos } = db();
    const store = await aStore(repos, { switchCondition: 0 });
    const item = await anAssignedItem(repos, store.id, { stock: 5 });
    const sale = {
      storeId: store.id,
      itemId: item.id,
      event: { kind: 'sold', quantity: 2 } as const,
      idempotencyKey: 'order:77:line:1:sold',
      cause: { type: 'order_line', ref: '77' } as const,
      actor: 'bigcommerce',
      now: NOW,
    };

    const outcomes = await Promise.all(Array.from({ length: 20 }, () => applyItemEvent(repos, sale)));

    expect(outcomes.filter((o) => o.applied)).toHaveLength(1);
    expect(outcomes.filter((o) => !o.applied && o.duplicate)).toHaveLength(19);
    expect(await repos.items.getItem(store.id, item.id)).toMatchObject({ stock: 3 });
  });

  test('one key used at once on two different items is applied to one of them only', async () => {
    const { repos } = db();
    const store = await aStore(repos, { switchCondition: 0 });
    const items = [
      await anAssignedItem(repos, store.id, { stock: 5 }),
      await anAssignedItem(repos, store.id, { stock: 5 }),
    ];

    const outcomes = await Promise.all(
      items.flatMap((item) =>
        Array.from({ length: 5 }, () =>
          applyItemEvent(repos, {
            storeId: store.id,
            itemId: item.id,
            event: { kind: 'sold', quantity: 1 },
            idempotencyKey: 'shared-key',
            cause: { type: 'api_request', ref: null },
            actor: 'api-key:abc',
            now: NOW,
          }),
        ),
      ),
    );

    expect(outcomes.filter((o) => o.applied)).toHaveLength(1);
    const stocks = await Promise.all(
      items.map(async (i) => (await repos.items.getItem(store.id, i.id))!.stock),
    );
    expect(stocks.sort()).toEqual([4, 5]);
  });
});
