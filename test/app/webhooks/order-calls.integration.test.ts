import { afterAll, beforeAll, expect, it } from 'vitest';
import { type BigCommerceClient, createStoreOrders } from '../../../src/adapters/bigcommerce/index.js';
import type { Repositories } from '../../../src/adapters/db/repositories.js';
import { OrderPrefetch } from '../../../src/app/orders/order-prefetch.js';
import type { ProcessWebhookDeps } from '../../../src/app/webhooks/process-webhook.js';
import { processWebhook } from '../../../src/app/webhooks/process-webhook.js';
import { describeEachDatabase } from '../../adapters/db/support/databases.js';
import {
  aConnectedStore,
  aSimpleProduct,
  assign,
  createProduct,
  placeOrder,
  receive,
  startWorld,
  TEST_NOW,
  type TestStore,
  type WebhookWorld,
} from './support/webhook-harness.js';

/**
 * BigCommerce calls per order (issue 12): every request the app sends for the order webhooks, counted
 * where BigCommerce counts them (the sandbox's per-store quota), with the staff-note writes (PUT
 * /v2/orders/{id}) counted apart through the client. Prints the figures.
 */
let world: WebhookWorld;
beforeAll(async () => {
  world = await startWorld();
  // One window for the whole file: `requests-left` then tells every request of a store since its start.
  world.sandbox.rateLimiter.configure({ quota: 1_000_000_000, windowMs: 1_000_000_000 });
});
afterAll(async () => {
  await world?.close();
});

const TEMPLATE = {
  name: 'Default',
  buttonText: 'Pre-order',
  backorderMessage: 'On backorder',
  cartMessage: 'Backordered',
  unavailableMessage: '',
  threshold: null,
  incomingStock: 0,
  backInStockDate: null,
  packingSlipMessage: 'Backordered units ship separately.',
};

/** Requests of the store the sandbox has counted so far. */
function requestsOf(store: TestStore): number {
  const headers = world.sandbox.rateLimiter.peek(store.storeHash);
  return Number(headers['x-rate-limit-requests-quota']) - Number(headers['x-rate-limit-requests-left']);
}

/** The store's deps with the app's client counting its staff-note writes. */
function counting(store: TestStore): { deps: ProcessWebhookDeps; writes: () => number } {
  let writes = 0;
  const client = new Proxy(store.client, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (key !== 'updateOrder' || typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        writes += 1;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  }) as BigCommerceClient;
  const storeOrders = createStoreOrders(async () => client);
  // As the composition root wires it: one per process, shared by every webhook job.
  const orderPrefetch = new OrderPrefetch({ ...store.deps, storeOrders });
  return { deps: { ...store.deps, storeOrders, orderPrefetch }, writes: () => writes };
}

async function processAll(
  deps: ProcessWebhookDeps,
  store: TestStore,
  ids: readonly number[],
  workers: number,
) {
  const queue = [...ids];
  const outcomes: string[] = [];
  await Promise.all(
    Array.from({ length: workers }, async () => {
      for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
        outcomes.push(await processWebhook(deps, { storeId: store.storeId, inboxId: id }));
      }
    }),
  );
  return outcomes;
}

async function aStoreWithProducts(repos: Repositories) {
  const store = await aConnectedStore(world, repos);
  const created = await repos.templates.createTemplate(store.storeId, TEMPLATE, TEST_NOW);
  if (!created.ok) throw new Error(created.message);
  const inStock = await createProduct(store, aSimpleProduct());
  await assign(repos, store, inStock, 1_000);
  const backordered = await createProduct(store, aSimpleProduct());
  await assign(repos, store, backordered, 0);
  return { store, inStock, backordered };
}

describeEachDatabase('BigCommerce calls per order', (db) => {
  it('single orders: one read each, plus one staff-note write per order with backordered units', async () => {
    const { repos } = db();
    const { store, inStock, backordered } = await aStoreWithProducts(repos);
    const { deps, writes } = counting(store);
    const figures = { plain: { orders: 0, requests: 0 }, backordered: { orders: 0, requests: 0, writes: 0 } };
    for (let i = 0; i < 20; i++) {
      const withBackorder = i % 2 === 1;
      await placeOrder(store, [{ product_id: (withBackorder ? backordered : inStock).id, quantity: 1 }]);
      const ids = await receive(repos, store, 'store/order/created');
      const [before, writesBefore] = [requestsOf(store), writes()];
      expect(await processAll(deps, store, ids, 1)).toEqual(['processed']);
      const figure = withBackorder ? figures.backordered : figures.plain;
      figure.orders += 1;
      figure.requests += requestsOf(store) - before;
      if (withBackorder) figures.backordered.writes += writes() - writesBefore;
    }
    const plain = figures.plain.requests / figures.plain.orders;
    const withBackorder = figures.backordered.requests / figures.backordered.orders;
    const reads = (figures.backordered.requests - figures.backordered.writes) / figures.backordered.orders;
    console.info(
      `[calls per order] ${db().name} single: ${plain.toFixed(2)} without backorder; ${withBackorder.toFixed(2)} with backorder (${reads.toFixed(2)} reads + ${(figures.backordered.writes / figures.backordered.orders).toFixed(2)} staff-note writes)`,
    );
    expect(plain).toBeLessThanOrEqual(1.05);
    expect(reads).toBeLessThanOrEqual(1.05);
    expect(figures.backordered.writes).toBe(figures.backordered.orders);
  });

  it('a burst of 60 orders waiting together: fewer than one read per order', async () => {
    const { repos } = db();
    const { store, inStock, backordered } = await aStoreWithProducts(repos);
    const { deps, writes } = counting(store);
    const ORDERS = 60;
    for (let i = 0; i < ORDERS; i++) {
      await placeOrder(store, [{ product_id: (i % 3 === 0 ? backordered : inStock).id, quantity: 1 }]);
    }
    const ids = await receive(repos, store, 'store/order/created');
    expect(ids).toHaveLength(ORDERS);
    const before = requestsOf(store);
    const outcomes = await processAll(deps, store, ids, 4);
    expect(outcomes.filter((o) => o === 'processed')).toHaveLength(ORDERS);
    const requests = requestsOf(store) - before;
    const reads = (requests - writes()) / ORDERS;
    console.info(
      `[calls per order] ${db().name} burst of ${ORDERS}: ${(requests / ORDERS).toFixed(2)} requests per order (${reads.toFixed(3)} reads + ${(writes() / ORDERS).toFixed(2)} staff-note writes)`,
    );
    expect(writes()).toBe(ORDERS / 3);
    expect(reads).toBeLessThan(1);
    // Every sale recorded once: stock of the in-stock product down by its 40 orders.
    const item = await repos.items.findItemByBcIds(store.storeId, inStock.id, null);
    expect(item).toMatchObject({ stock: 1_000 - (ORDERS * 2) / 3 });
  });
});
