import { describe, expect, it } from 'vitest';
import { EXPORT_ORDERS_PAGE, exportOrders } from '../../../src/app/exports/export-orders.js';
import { applyItemEvent } from '../../../src/app/items/apply-item-event.js';
import type { ItemRecord } from '../../../src/app/ports/item-repository.js';
import type { BackorderedOrdersQuery, OrderReport } from '../../../src/app/ports/order-report.js';
import type { SheetCell } from '../../../src/app/ports/sheet.js';
import { anAssignedItem } from '../../builders/assignment.builder.js';
import { aStore, NOW } from '../../builders/store.builder.js';
import { fixedClock } from '../../fakes/clock.js';
import { createInMemoryRepositories } from '../../fakes/in-memory/index.js';

describe('exportOrders', () => {
  async function setup() {
    const repos = createInMemoryRepositories();
    const store = await aStore(repos);
    const asked: BackorderedOrdersQuery[] = [];
    const orderReport: OrderReport = {
      ...repos.orderReport,
      listBackorderedOrders: (storeId, query) => {
        asked.push(query ?? {});
        return repos.orderReport.listBackorderedOrders(storeId, query);
      },
    };
    const deps = { ...repos, orderReport, clock: fixedClock(NOW) };
    let line = 0;
    const apply = async (item: ItemRecord, order: number, event: 'sold' | 'returned', quantity: number) => {
      line += event === 'sold' ? 1 : 0;
      const recorded = await repos.orderLines.listOrderLines(store.id, order);
      const outcome = await applyItemEvent(repos, {
        storeId: store.id,
        itemId: item.id,
        idempotencyKey: `order:${order}:${event}:${line}`,
        cause: { type: 'order_line', ref: null },
        actor: 'bigcommerce',
        now: NOW,
        event:
          event === 'sold'
            ? { kind: 'sold', quantity }
            : {
                kind: 'returned',
                quantity,
                backordered: recorded[0]!.backordered,
                episode: recorded[0]!.episode,
              },
        orderLine: {
          bcOrderId: order,
          bcOrderProductId: event === 'sold' ? order * 10 + line : recorded[0]!.bcOrderProductId,
          customerName: `Customer ${order}`,
        },
      });
      if (!outcome.applied) throw new Error(JSON.stringify(outcome));
    };
    return { repos, store, deps, asked, apply };
  }

  it('reads every order a page at a time as the rows are read, newest first', async () => {
    const { repos, store, deps, asked, apply } = await setup();
    const item = await anAssignedItem(repos, store.id, { stock: 0 });
    for (let order = 1; order <= EXPORT_ORDERS_PAGE + 1; order += 1) await apply(item, order, 'sold', 1);

    const exported = await exportOrders(deps, { storeId: store.id });
    if (!exported.ok) throw new Error(exported.code);
    expect(exported.baseName).toBe('backorder-orders-2025-03-10');
    // The first page is read before any row, to answer a refused filter as a refusal.
    expect(asked).toHaveLength(1);
    const rows: (readonly SheetCell[])[] = [];
    for await (const row of exported.sheet.rows) rows.push(row);
    expect(asked).toHaveLength(2);
    expect(rows.map((row) => row[0])).toEqual(
      Array.from({ length: EXPORT_ORDERS_PAGE + 1 }, (_, i) => EXPORT_ORDERS_PAGE + 1 - i),
    );
    expect(rows[0]).toEqual([
      EXPORT_ORDERS_PAGE + 1,
      '2025-03-10',
      `Customer ${EXPORT_ORDERS_PAGE + 1}`,
      expect.any(String),
      null,
      item.sku,
      1,
      1,
    ]);
  });

  it('leaves out a line given back entirely, and the order when nothing of it is owed', async () => {
    const { repos, store, deps, apply } = await setup();
    const item = await anAssignedItem(repos, store.id, { stock: 0 });
    const other = await anAssignedItem(repos, store.id, { stock: 0 });
    await apply(item, 1, 'sold', 2);
    await apply(other, 1, 'sold', 1);
    await apply(other, 2, 'sold', 1);
    await apply(other, 2, 'returned', 1);

    const exported = await exportOrders(deps, { storeId: store.id });
    if (!exported.ok) throw new Error(exported.code);
    const rows: (readonly SheetCell[])[] = [];
    for await (const row of exported.sheet.rows) rows.push(row);
    expect(rows.map((row) => [row[0], row[5], row[6]])).toEqual([
      [1, item.sku, 2],
      [1, other.sku, 1],
    ]);
  });

  it('refuses a period that ends before it starts, before reading anything', async () => {
    const { store, deps, asked } = await setup();
    expect(
      await exportOrders(deps, { storeId: store.id, from: '2025-03-10', to: '2025-03-01' }),
    ).toMatchObject({
      ok: false,
      code: 'ORDERS.INVALID_DATE_RANGE',
    });
    expect(asked).toEqual([]);
  });
});
