import { describe, expect, it } from 'vitest';
import { bestRange, OrderPrefetch } from '../../../src/app/orders/order-prefetch.js';
import { aCatalogProduct, anOrder } from '../../builders/catalog.builder.js';
import { orderCreated, orderStatusUpdated } from '../../builders/webhook.builder.js';
import { aStoreOnFakes, receive, type StoreOnFakes } from '../support/store-on-fakes.js';

/** OrderPrefetch on the fakes: when it reads ahead, what it hands out, and for how long. */
async function withWaitingOrders(world: StoreOnFakes, count: number): Promise<number[]> {
  const product = world.shop.addProduct(aCatalogProduct());
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    const order = world.shop.addOrder(anOrder([{ bcProductId: product.id, quantity: 1 }]));
    await receive(world, orderCreated(order.id));
    ids.push(order.id);
  }
  return ids;
}

describe('OrderPrefetch', () => {
  it('an order whose webhook waits alone is read alone, in one call', async () => {
    const world = await aStoreOnFakes();
    const [id] = await withWaitingOrders(world, 1);
    const prefetch = new OrderPrefetch(world.deps);
    world.shop.calls.length = 0;
    expect(await prefetch.readCreatedOrder(world.storeId, id!)).toMatchObject({
      id,
      lines: [{ quantity: 1 }],
    });
    expect(world.shop.calls).toEqual(['getOrderWithLines']);
  });

  it('orders waiting together are read in one list, each handed out once to its own processing', async () => {
    const world = await aStoreOnFakes();
    const ids = await withWaitingOrders(world, 5);
    const prefetch = new OrderPrefetch(world.deps);
    world.shop.calls.length = 0;
    for (const id of ids) {
      expect(await prefetch.readCreatedOrder(world.storeId, id)).toMatchObject({
        id,
        lines: [{ quantity: 1 }],
      });
    }
    expect(world.shop.calls).toEqual(['listOrdersWithLines']);
    expect(prefetch.kept(world.storeId)).toBe(0);
    // Taken once: a second processing of the same order (a retry) reads BigCommerce again.
    expect(await prefetch.readCreatedOrder(world.storeId, ids[0]!)).toMatchObject({ id: ids[0] });
    expect(world.shop.calls.at(-1)).toMatch(/^(getOrderWithLines|listOrdersWithLines)$/);
  });

  it('jobs of one store running together share one read ahead', async () => {
    const world = await aStoreOnFakes();
    const ids = await withWaitingOrders(world, 8);
    const prefetch = new OrderPrefetch(world.deps);
    world.shop.calls.length = 0;
    const read = await Promise.all(ids.map((id) => prefetch.readCreatedOrder(world.storeId, id)));
    expect(read.map((order) => order?.id)).toEqual(ids);
    expect(world.shop.calls).toEqual(['listOrdersWithLines']);
  });

  it('an order read ahead and left waiting longer than maxAgeMs is read again', async () => {
    const world = await aStoreOnFakes();
    const [first, second] = await withWaitingOrders(world, 2);
    const prefetch = new OrderPrefetch(world.deps, { maxAgeMs: 1_000 });
    await prefetch.readCreatedOrder(world.storeId, first!);
    expect(prefetch.kept(world.storeId)).toBe(1);
    world.shop.readOrder(second!)!.staffNotes = 'Edited by the merchant.';
    world.clock.advance(1_001);
    world.shop.calls.length = 0;
    expect(await prefetch.readCreatedOrder(world.storeId, second!)).toMatchObject({
      staffNotes: 'Edited by the merchant.',
    });
    expect(world.shop.calls).toHaveLength(1);
  });

  it('only orders of waiting created webhooks are kept; other webhooks and processed orders are not', async () => {
    const world = await aStoreOnFakes();
    const product = world.shop.addProduct(aCatalogProduct());
    const done = world.shop.addOrder(anOrder([{ bcProductId: product.id, quantity: 1 }]));
    const statusOnly = world.shop.addOrder(anOrder([{ bcProductId: product.id, quantity: 1 }]));
    await receive(world, orderStatusUpdated(statusOnly.id, 'pending', 'cancelled'));
    const [a, b] = await withWaitingOrders(world, 2);
    const prefetch = new OrderPrefetch(world.deps);
    await prefetch.readCreatedOrder(world.storeId, a!);
    // Only b waits for its processing; `done` and `statusOnly` fell in the range but were not kept.
    expect(prefetch.kept(world.storeId)).toBe(1);
    expect(done.id).toBeLessThan(a!);
    world.shop.calls.length = 0;
    expect(await prefetch.readCreatedOrder(world.storeId, b!)).toMatchObject({ id: b });
    expect(world.shop.calls).toEqual([]);
  });

  it('bestRange: the window of 250 ids around the order holding the most waiting orders', () => {
    expect(bestRange(new Set([10]), 10)).toBeNull();
    expect(bestRange(new Set([10, 11, 12]), 10)).toEqual({ minId: 10, maxId: 12 });
    expect(bestRange(new Set([1, 100, 300, 301, 302]), 300)).toEqual({ minId: 100, maxId: 302 });
    expect(bestRange(new Set([5, 300, 301, 302, 303]), 260)).toEqual({ minId: 260, maxId: 303 });
    expect(bestRange(new Set([1_000]), 10)).toBeNull();
  });
});
