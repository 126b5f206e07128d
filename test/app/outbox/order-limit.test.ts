import { describe, expect, it } from 'vitest';
import { assignProducts } from '../../../src/app/assignment/assign-products.js';
import { unassignProduct } from '../../../src/app/assignment/unassign-product.js';
import { deliverOutbox } from '../../../src/app/outbox/deliver-outbox.js';
import { orderQuantityMaximumFor } from '../../../src/app/outbox/purchasability.js';
import { aCatalogProduct, aSizedProduct } from '../../builders/catalog.builder.js';
import type { ProductSeed } from '../../fakes/bigcommerce/in-memory-store.js';
import { adminChange, aStoreOnFakes, assigned, type StoreOnFakes } from '../support/store-on-fakes.js';

/**
 * Issue 9.1: while a product without variants is in backorder with a threshold, the app keeps its
 * per-order maximum (`order_quantity_maximum`) at the units left to backorder (T − B), and gives the
 * merchant's own value back when the item leaves backorder or the product is unassigned. On fakes;
 * through the sandbox: test/e2e/order-limit.test.ts.
 */
/** A product of the store, assigned through the catalog (its own settings recorded), T = 5, delivered. */
async function anAssignedProduct(world: StoreOnFakes, seed: ProductSeed) {
  const product = world.shop.addProduct(seed);
  expect(
    await assignProducts(world.deps, { storeId: world.storeId, productIds: [product.id] }),
  ).toMatchObject({
    ok: true,
  });
  await deliverOutbox(world.deps, { storeId: world.storeId });
  const item = (await world.repos.items.findItemByBcIds(world.storeId, product.id, null))!;
  return { product, item };
}

const maximumOf = (world: StoreOnFakes, bcProductId: number) =>
  world.shop.product(bcProductId)?.orderQuantityMaximum;

describe('the per-order maximum of a product in backorder with a threshold (issue 9.1)', () => {
  it('is the units left to backorder, lowered with each sale, and the merchant’s own again once backorder ends', async () => {
    const world = await aStoreOnFakes({ template: { threshold: 5 } });
    const { product, item } = await anAssignedProduct(
      world,
      aCatalogProduct({ tracking: 'product', stockLevel: 0, orderQuantityMaximum: 50 }),
    );
    expect(world.shop.product(product.id)).toMatchObject({
      availability: 'available',
      orderQuantityMaximum: 5,
    });

    await adminChange(world, item.id, { kind: 'sold', quantity: 2 });
    const [limit] = (await world.repos.outbox.listPending(world.storeId)).filter(
      (m) => m.kind === 'setPurchasable',
    );
    // A lower maximum narrows what one order can take: it goes out in the urgent lane.
    expect(limit).toMatchObject({ urgent: true, payload: { reason: 'order limit' } });
    expect(await deliverOutbox(world.deps, { storeId: world.storeId, urgentOnly: true })).toMatchObject({
      delivered: 1,
      writes: 1,
    });
    expect(maximumOf(world, product.id)).toBe(3);

    // B reaches T: purchase disabled, and the merchant's maximum back in the same write.
    await adminChange(world, item.id, { kind: 'sold', quantity: 3 });
    await deliverOutbox(world.deps, { storeId: world.storeId, urgentOnly: true });
    expect(world.shop.product(product.id)).toMatchObject({
      availability: 'disabled',
      orderQuantityMaximum: 50,
    });

    // Stock arrives: the episode ends, the item is in stock, nothing capped.
    await adminChange(world, item.id, { kind: 'edited', source: 'admin', stock: 10 });
    await deliverOutbox(world.deps, { storeId: world.storeId });
    expect(world.shop.product(product.id)).toMatchObject({
      availability: 'available',
      orderQuantityMaximum: 50,
    });
    // (The first write is assignment's: inventory tracking off and the maximum, in one write.)
    expect(world.shop.productChanges().map((c) => c.orderQuantityMaximum)).toEqual([5, 3, 50, 50]);
  });

  it('keeps the merchant’s own maximum when it is lower than the units left', async () => {
    const world = await aStoreOnFakes({ template: { threshold: 5 } });
    const { product, item } = await anAssignedProduct(
      world,
      aCatalogProduct({ tracking: 'product', stockLevel: 0, orderQuantityMaximum: 2 }),
    );
    expect(maximumOf(world, product.id)).toBe(2);
    await adminChange(world, item.id, { kind: 'sold', quantity: 2 });
    await deliverOutbox(world.deps, { storeId: world.storeId });
    expect(maximumOf(world, product.id)).toBe(2);
    await adminChange(world, item.id, { kind: 'sold', quantity: 2 });
    await deliverOutbox(world.deps, { storeId: world.storeId });
    expect(maximumOf(world, product.id)).toBe(1);
  });

  it('follows a threshold changed in the app, and is lifted when the threshold is removed', async () => {
    const world = await aStoreOnFakes({ template: { threshold: 5 } });
    const { product, item } = await anAssignedProduct(
      world,
      aCatalogProduct({ tracking: 'product', stockLevel: 0 }),
    );
    expect(maximumOf(world, product.id)).toBe(5);
    await adminChange(world, item.id, { kind: 'edited', source: 'admin', threshold: 8 });
    await deliverOutbox(world.deps, { storeId: world.storeId });
    expect(maximumOf(world, product.id)).toBe(8);
    await adminChange(world, item.id, { kind: 'edited', source: 'admin', threshold: null });
    await deliverOutbox(world.deps, { storeId: world.storeId });
    // The merchant had none: 0 is "no limit" in BigCommerce.
    expect(maximumOf(world, product.id)).toBe(0);
  });

  it('gives the merchant’s own maximum back when the product is unassigned', async () => {
    const world = await aStoreOnFakes({ template: { threshold: 5 } });
    const { product } = await anAssignedProduct(
      world,
      aCatalogProduct({ tracking: 'product', stockLevel: 0, orderQuantityMaximum: 40 }),
    );
    expect(maximumOf(world, product.id)).toBe(5);

    await unassignProduct(world.deps, { storeId: world.storeId, bcProductId: product.id });
    await deliverOutbox(world.deps, { storeId: world.storeId });

    expect(world.shop.product(product.id)).toMatchObject({
      availability: 'disabled',
      orderQuantityMaximum: 40,
    });
  });

  it('leaves the maximum alone where the app does not keep it: variants, and products whose own value it never recorded', async () => {
    const world = await aStoreOnFakes({ template: { threshold: 5 } });
    const sized = await anAssignedProduct(world, aSizedProduct({ S: 0 }, { orderQuantityMaximum: 7 }));
    expect(maximumOf(world, sized.product.id)).toBe(7);
    expect(world.shop.productChanges().some((c) => c.orderQuantityMaximum !== undefined)).toBe(false);

    // Assigned by an earlier version: its original settings hold no per-order maximum.
    const old = world.shop.addProduct(aCatalogProduct({ orderQuantityMaximum: 9 }));
    const [item] = await assigned(world, old, 0, { threshold: 5 });
    await deliverOutbox(world.deps, { storeId: world.storeId });
    world.shop.writes.length = 0;
    await adminChange(world, item!.id, { kind: 'sold', quantity: 1 });
    expect(await deliverOutbox(world.deps, { storeId: world.storeId })).toMatchObject({
      claimed: 1,
      delivered: 1,
      writes: 0,
    });
    expect(maximumOf(world, old.id)).toBe(9);
  });
});

describe('orderQuantityMaximumFor', () => {
  const inBackorder = { bcVariantId: null, active: true, status: 'backorder' as const };
  it.each([
    [{ ...inBackorder, threshold: 10, backordered: 4 }, 0, 6],
    [{ ...inBackorder, threshold: 10, backordered: 4 }, 3, 3],
    [{ ...inBackorder, threshold: 10, backordered: 4 }, 20, 6],
    // Never 0 while capped: BigCommerce reads 0 as "no limit".
    [{ ...inBackorder, threshold: 10, backordered: 12 }, 0, 1],
    [{ ...inBackorder, threshold: null, backordered: 4 }, 20, 20],
    [{ ...inBackorder, status: 'in_stock' as const, threshold: 10, backordered: 0 }, 20, 20],
    [{ ...inBackorder, status: 'unavailable' as const, threshold: 10, backordered: 10 }, 0, 0],
    [{ ...inBackorder, bcVariantId: 7, threshold: 10, backordered: 4 }, 0, 0],
  ])('%o with the merchant’s %d → %d', (item, merchant, expected) => {
    expect(orderQuantityMaximumFor(item, merchant)).toBe(expected);
  });
});
