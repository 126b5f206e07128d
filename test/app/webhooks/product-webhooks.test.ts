import { describe, expect, it } from 'vitest';
import { processWebhook } from '../../../src/app/webhooks/process-webhook.js';
import { aCatalogProduct, aSizedProduct } from '../../builders/catalog.builder.js';
import {
  productDeleted,
  productInventoryUpdated,
  productUpdated,
  skuInventoryUpdated,
} from '../../builders/webhook.builder.js';
import { aStoreOnFakes, assigned, deliver, receive, type StoreOnFakes } from '../support/store-on-fakes.js';

/**
 * The product webhooks on fakes: a change in BigCommerce re-syncs an assigned product, a deletion
 * unassigns it quietly. Against the sandbox and the databases: product-webhooks.integration.test.ts.
 */
const later = (world: StoreOnFakes) => {
  world.clock.advance(1_000);
  return { at: world.clock.now() };
};

describe('store/product/updated and the inventory webhooks', () => {
  it('an ERP writing the level of an assigned product: the level becomes stock, tracking goes off again, the echo changes nothing', async () => {
    const world = await aStoreOnFakes();
    const product = world.shop.addProduct(aCatalogProduct());
    const [item] = await assigned(world, product, 2);

    // The ERP turns tracking on and writes its count.
    world.shop.editProduct(product.id, { tracking: 'product', stockLevel: 7 });
    expect(await deliver(world, productInventoryUpdated(product.id))).toBe('processed');

    expect(await world.repos.items.getItem(world.storeId, item!.id)).toMatchObject({
      stock: 7,
      status: 'in_stock',
    });
    const [sync] = await world.repos.history.listLedger(world.storeId, { itemId: item!.id });
    expect(sync).toMatchObject({
      kind: 'sync',
      delta: 5,
      causeType: 'bigcommerce_webhook',
      actor: 'bigcommerce',
    });
    expect(world.shop.product(product.id)?.tracking).toBe('none');
    expect(world.shop.productChanges()).toEqual([{ bcProductId: product.id, tracking: 'none' }]);

    // The ERP's own product/updated and the echo of the app turning tracking off: nothing more to take.
    const totals = await world.repos.history.ledgerTotals(world.storeId, item!.id);
    expect(await deliver(world, productUpdated(product.id, later(world)))).toBe('processed');
    expect(await deliver(world, productUpdated(product.id, later(world)))).toBe('processed');
    expect(await world.repos.history.ledgerTotals(world.storeId, item!.id)).toEqual(totals);
    expect(world.shop.productChanges()).toHaveLength(1);
  });

  it('a SKU level written for a variant product is taken per variant', async () => {
    const world = await aStoreOnFakes();
    const sized = world.shop.addProduct(aSizedProduct({ S: 0, M: 0 }, { sku: 'TEE', tracking: 'none' }));
    const items = await assigned(world, sized, { 'TEE-S': 3, 'TEE-M': 0 });
    const [s, m] = sized.variants;

    world.shop.editProduct(sized.id, { tracking: 'variant' });
    world.shop.editVariant(s!.id, { stockLevel: 3 });
    world.shop.editVariant(m!.id, { stockLevel: 4 });
    expect(await deliver(world, skuInventoryUpdated(sized.id, m!.id))).toBe('processed');

    const itemOf = (variantId: number) => items.find((i) => i.bcVariantId === variantId)!;
    expect(await world.repos.items.getItem(world.storeId, itemOf(s!.id).id)).toMatchObject({ stock: 3 });
    expect(await world.repos.items.getItem(world.storeId, itemOf(m!.id).id)).toMatchObject({ stock: 4 });
    expect(await world.repos.history.ledgerTotals(world.storeId, itemOf(m!.id).id)).toEqual({
      delta: 4,
      rows: 1,
    });
    expect(world.shop.product(sized.id)?.tracking).toBe('none');
  });

  it('changes to products the app does not track are none of its business: nothing is read or written', async () => {
    const world = await aStoreOnFakes();
    const product = world.shop.addProduct(aCatalogProduct({ tracking: 'product', stockLevel: 3 }));
    world.shop.editProduct(product.id, { stockLevel: 9 });

    expect(await deliver(world, productInventoryUpdated(product.id))).toBe('processed');

    expect(await world.repos.products.findProductByBcId(world.storeId, product.id)).toBeNull();
    expect(world.shop.calls).toEqual([]);
    expect(world.shop.product(product.id)?.tracking).toBe('product');
  });
});

describe('store/product/deleted', () => {
  it('unassigns an assigned product quietly, history kept, once', async () => {
    const world = await aStoreOnFakes();
    const product = world.shop.addProduct(aCatalogProduct());
    const [item] = await assigned(world, product, 3);
    world.shop.deleteProduct(product.id);

    const inboxId = (await receive(world, productDeleted(product.id)))!;
    expect(await processWebhook(world.deps, { storeId: world.storeId, inboxId })).toBe('processed');

    expect(await world.repos.products.findProductByBcId(world.storeId, product.id)).toMatchObject({
      assigned: false,
    });
    expect(await world.repos.items.getItem(world.storeId, item!.id)).toMatchObject({
      active: false,
      status: null,
    });
    const ledger = await world.repos.history.listLedger(world.storeId, { itemId: item!.id });
    expect(ledger.map((row) => row.kind)).toEqual(['unassignment', 'assignment']);
    // Quiet: no email, and no purchasability write left for a product that is gone.
    expect(await world.repos.notifications.listNotifications(world.storeId)).toEqual([]);
    expect(await world.repos.outbox.listPending(world.storeId)).toEqual([]);
    expect(world.shop.writes).toEqual([]);

    expect(await processWebhook(world.deps, { storeId: world.storeId, inboxId })).toBe('already_processed');
    // The same deletion reported again (another event) finds nothing left to do.
    expect(await deliver(world, productDeleted(product.id, later(world)))).toBe('processed');
    expect(await world.repos.history.listLedger(world.storeId, { itemId: item!.id })).toEqual(ledger);
  });

  it('leaves a product the app never had alone', async () => {
    const world = await aStoreOnFakes();
    expect(await deliver(world, productDeleted(987_654))).toBe('processed');
    expect(world.shop.calls).toEqual([]);
    expect(await world.repos.products.findProductByBcId(world.storeId, 987_654)).toBeNull();
  });
});
