import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Repositories } from '../../../src/adapters/db/repositories.js';
import { processWebhook } from '../../../src/app/webhooks/process-webhook.js';
import { describeEachDatabase } from '../../adapters/db/support/databases.js';
import {
  aConnectedStore,
  aSimpleProduct,
  aSizedProduct,
  assign,
  createProduct,
  receive,
  startWorld,
  type TestStore,
  type WebhookWorld,
} from './support/webhook-harness.js';

let world: WebhookWorld;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(async () => {
  await world?.close();
});

const LOCATION = 1;

/** Feeds the store's pending events of `scope` to the inbox and processes them in order. */
async function deliver(repos: Repositories, store: TestStore, scope: string) {
  const ids = await receive(repos, store, scope);
  expect(ids.length).toBeGreaterThan(0);
  const outcomes = [];
  for (const inboxId of ids)
    outcomes.push(await processWebhook(store.deps, { storeId: store.storeId, inboxId }));
  return outcomes;
}

async function tracking(store: TestStore, productId: number): Promise<string> {
  return (await store.merchant.getProduct(productId, { include: [] })).inventory_tracking;
}

describeEachDatabase('product webhooks', (db) => {
  it('an ERP writing a level of an assigned product: the level becomes stock, tracking goes off again, the echo changes nothing', async () => {
    const { repos } = db();
    const store = await aConnectedStore(world, repos);
    const product = await createProduct(store, aSimpleProduct());
    const [item] = await assign(repos, store, product, 2);

    // The ERP turns tracking on and writes its count.
    await store.merchant.updateProducts([{ id: product.id, inventory_tracking: 'product' }]);
    await store.merchant.adjustInventoryAbsolute({
      items: [{ location_id: LOCATION, product_id: product.id, quantity: 7 }],
    });
    expect(await deliver(repos, store, 'store/product/inventory/updated')).toEqual(['processed']);

    expect(await repos.items.getItem(store.storeId, item!.id)).toMatchObject({
      stock: 7,
      status: 'in_stock',
    });
    const [sync] = await repos.history.listLedger(store.storeId, { itemId: item!.id });
    expect(sync).toMatchObject({ kind: 'sync', delta: 5, causeType: 'bigcommerce_webhook' });
    expect(await tracking(store, product.id)).toBe('none');

    // The ERP's own product/updated and the echo of the app turning tracking off: nothing more to take.
    const totals = await repos.history.ledgerTotals(store.storeId, item!.id);
    const outcomes = await deliver(repos, store, 'store/product/updated');
    expect(outcomes.every((o) => o === 'processed')).toBe(true);
    expect(await repos.history.ledgerTotals(store.storeId, item!.id)).toEqual(totals);
    expect(await tracking(store, product.id)).toBe('none');
  });

  it('a SKU level written for a variant product is taken per variant', async () => {
    const { repos } = db();
    const store = await aConnectedStore(world, repos);
    const sized = await createProduct(store, aSizedProduct(['S', 'M']));
    const variant = (size: string) => sized.variants!.find((v) => v.sku.endsWith(`-${size}`))!;
    const items = await assign(repos, store, sized, { [variant('S').sku]: 3, [variant('M').sku]: 0 });
    const itemOf = (size: string) => items.find((i) => i.bcVariantId === variant(size).id)!;

    await store.merchant.updateProducts([{ id: sized.id, inventory_tracking: 'variant' }]);
    await store.merchant.adjustInventoryAbsolute({
      items: [
        { location_id: LOCATION, variant_id: variant('S').id, quantity: 3 },
        { location_id: LOCATION, variant_id: variant('M').id, quantity: 4 },
      ],
    });
    const outcomes = await deliver(repos, store, 'store/sku/inventory/updated');
    expect(outcomes.every((o) => o === 'processed')).toBe(true);

    expect(await repos.items.getItem(store.storeId, itemOf('S').id)).toMatchObject({ stock: 3 });
    expect(await repos.items.getItem(store.storeId, itemOf('M').id)).toMatchObject({ stock: 4 });
    expect(await repos.history.ledgerTotals(store.storeId, itemOf('M').id)).toEqual({ delta: 4, rows: 1 });
    expect(await tracking(store, sized.id)).toBe('none');
  });

  it('changes to products the app does not track are ignored', async () => {
    const { repos } = db();
    const store = await aConnectedStore(world, repos);
    const product = await createProduct(
      store,
      aSimpleProduct({ inventory_tracking: 'product', inventory_level: 3 }),
    );
    await store.merchant.adjustInventoryAbsolute({
      items: [{ location_id: LOCATION, product_id: product.id, quantity: 9 }],
    });
    expect(await deliver(repos, store, 'store/product/inventory/updated')).toEqual(['processed']);
    expect(await repos.products.findProductByBcId(store.storeId, product.id)).toBeNull();
    // No write to BigCommerce: the merchant's product keeps its tracking.
    expect(await tracking(store, product.id)).toBe('product');
    expect(store.events.filter((e) => e.scope === 'store/product/updated')).toEqual([]);
  });

  it('an assigned product deleted in BigCommerce is unassigned quietly, history kept, once', async () => {
    const { repos } = db();
    const store = await aConnectedStore(world, repos);
    const product = await createProduct(store, aSimpleProduct());
    const [item] = await assign(repos, store, product, 3);

    await store.merchant.request({ method: 'DELETE', api: 'v3', path: `/catalog/products/${product.id}` });
    const [inboxId] = await receive(repos, store, 'store/product/deleted');
    expect(await processWebhook(store.deps, { storeId: store.storeId, inboxId: inboxId! })).toBe('processed');

    expect(await repos.products.findProductByBcId(store.storeId, product.id)).toMatchObject({
      assigned: false,
    });
    expect(await repos.items.getItem(store.storeId, item!.id)).toMatchObject({ active: false, status: null });
    const ledger = await repos.history.listLedger(store.storeId, { itemId: item!.id });
    expect(ledger.map((row) => row.kind)).toEqual(['unassignment', 'assignment']);
    // Quiet: no email, and no purchasability write left for a product that is gone.
    expect(await repos.notifications.listNotifications(store.storeId)).toEqual([]);
    expect(await repos.outbox.listPending(store.storeId)).toEqual([]);

    expect(await processWebhook(store.deps, { storeId: store.storeId, inboxId: inboxId! })).toBe(
      'already_processed',
    );
    // The same deletion reported again under another hash finds nothing left to do.
    const again = await repos.inbox.record(store.storeId, {
      eventHash: 'redelivered-with-another-hash',
      scope: 'store/product/deleted',
      payload: { scope: 'store/product/deleted', data: { type: 'product', id: product.id } },
      receivedAt: new Date(),
    });
    expect(await processWebhook(store.deps, { storeId: store.storeId, inboxId: again.id })).toBe('processed');
    expect(await repos.history.listLedger(store.storeId, { itemId: item!.id })).toEqual(ledger);
  });
});
