import { describe, expect, it } from 'vitest';
import { assignProducts } from '../../../src/app/assignment/assign-products.js';
import { ASSIGNMENT_WARNINGS } from '../../../src/app/assignment/assignment-codes.js';
import { unassignProduct } from '../../../src/app/assignment/unassign-product.js';
import { applyItemEvent } from '../../../src/app/items/apply-item-event.js';
import { deliverOutbox } from '../../../src/app/outbox/deliver-outbox.js';
import { aCatalogProduct, aSizedProduct } from '../../builders/catalog.builder.js';
import type { ProductSeed } from '../../fakes/bigcommerce/index.js';
import { aStoreOnFakes, type StoreOnFakes } from '../support/store-on-fakes.js';

/**
 * Issue 9 item 2: a product unassigned and assigned again keeps the stock the app counted, and an
 * unassignment can hand inventory tracking back to BigCommerce with that stock. On fakes; against the
 * sandbox: reassign-product.integration.test.ts.
 */

async function anAssigned(world: StoreOnFakes, seed: ProductSeed) {
  const product = world.shop.addProduct(seed);
  const result = await assignProducts(world.deps, { storeId: world.storeId, productIds: [product.id] });
  if (!result.ok || !result.results[0]!.ok) throw new Error(JSON.stringify(result));
  await deliverOutbox(world.deps, { storeId: world.storeId });
  return { product, productId: result.results[0]!.productId! };
}

async function setStock(world: StoreOnFakes, sku: string, stock: number) {
  const item = await world.repos.items.findItemBySku(world.storeId, sku);
  const outcome = await applyItemEvent(world.repos, {
    storeId: world.storeId,
    itemId: item!.id,
    idempotencyKey: `test:set:${sku}:${stock}`,
    cause: { type: 'api_request', ref: null },
    actor: 'api-key:test',
    now: world.clock.now(),
    event: { kind: 'edited', source: 'api', stock },
  });
  if (!outcome.applied) throw new Error(JSON.stringify(outcome));
}

/** Item notifications recorded after the message `afterId`. */
const notified = async (world: StoreOnFakes, event: string, afterId: number) =>
  (await world.repos.outbox.listPending(world.storeId)).filter(
    (m) =>
      m.id > afterId &&
      m.kind === 'notify' &&
      m.payload.effect.kind === 'notify' &&
      m.payload.effect.event === event,
  );

const lastOutboxId = async (world: StoreOnFakes) =>
  Math.max(0, ...(await world.repos.outbox.listPending(world.storeId)).map((m) => m.id));

describe('assigning a product again', () => {
  it('starts from the stock the app counted when BigCommerce tracks none, and says so', async () => {
    // The case: entered by hand (BigCommerce never tracked it), 20 units, unassigned, back.
    const world = await aStoreOnFakes();
    const { product } = await anAssigned(world, aCatalogProduct({ sku: 'MUG' }));
    await setStock(world, 'MUG', 20);
    await unassignProduct(world.deps, { storeId: world.storeId, bcProductId: product.id });
    await deliverOutbox(world.deps, { storeId: world.storeId });
    const before = await lastOutboxId(world);

    const again = await assignProducts(world.deps, { storeId: world.storeId, productIds: [product.id] });

    expect(again.ok && again.results[0]).toMatchObject({
      ok: true,
      warnings: [ASSIGNMENT_WARNINGS.stockFromLedger],
    });
    const item = await world.repos.items.findItemBySku(world.storeId, 'MUG');
    expect(item).toMatchObject({ active: true, stock: 20, status: 'in_stock', backordered: 0 });
    // No spurious switch to backorder.
    expect(await notified(world, 'backorder_enabled', before)).toEqual([]);
    const [movement] = await world.repos.history.listLedger(world.storeId, { itemId: item!.id });
    expect(movement).toMatchObject({ kind: 'assignment', delta: 20, stockAfter: 20 });
  });

  it('takes each variant’s last stock, negative included', async () => {
    const world = await aStoreOnFakes();
    const { product } = await anAssigned(world, aSizedProduct({ S: 3, M: 4 }, { sku: 'TEE' }));
    await setStock(world, 'TEE-M', -2);
    await unassignProduct(world.deps, { storeId: world.storeId, bcProductId: product.id });
    await deliverOutbox(world.deps, { storeId: world.storeId });

    const again = await assignProducts(world.deps, { storeId: world.storeId, productIds: [product.id] });

    expect(again.ok && again.results[0]).toMatchObject({
      ok: true,
      itemCount: 2,
      warnings: [ASSIGNMENT_WARNINGS.stockFromLedger],
    });
    const stock = async (sku: string) => (await world.repos.items.findItemBySku(world.storeId, sku))?.stock;
    expect([await stock('TEE-S'), await stock('TEE-M')]).toEqual([3, -2]);
  });

  it('copies BigCommerce’s level when BigCommerce tracks the product again', async () => {
    const world = await aStoreOnFakes();
    const { product } = await anAssigned(
      world,
      aCatalogProduct({ sku: 'PAN', tracking: 'product', stockLevel: 4 }),
    );
    await unassignProduct(world.deps, { storeId: world.storeId, bcProductId: product.id });
    world.shop.editProduct(product.id, { tracking: 'product', stockLevel: 11 });

    const again = await assignProducts(world.deps, { storeId: world.storeId, productIds: [product.id] });

    expect(again.ok && again.results[0]).toMatchObject({ ok: true, warnings: [] });
    expect((await world.repos.items.findItemBySku(world.storeId, 'PAN'))?.stock).toBe(11);
  });
});

describe('unassigning with restoreTracking', () => {
  it('hands a product tracked by product back to BigCommerce with the app’s last stock', async () => {
    const world = await aStoreOnFakes();
    const { product } = await anAssigned(
      world,
      aCatalogProduct({ sku: 'LAMP', tracking: 'product', stockLevel: 9 }),
    );
    await setStock(world, 'LAMP', 14);
    world.shop.writes.length = 0;

    const result = await unassignProduct(world.deps, {
      storeId: world.storeId,
      bcProductId: product.id,
      restoreTracking: true,
    });

    expect(result).toMatchObject({ ok: true, tracking: { restored: 'product', warnings: [] } });
    expect(world.shop.productChanges()).toEqual([
      { bcProductId: product.id, tracking: 'product', stockLevel: 14 },
    ]);
    await deliverOutbox(world.deps, { storeId: world.storeId });
    // Purchase stays disabled, as on every unassignment: the merchant enables it when ready.
    expect(world.shop.product(product.id)).toMatchObject({
      tracking: 'product',
      stockLevel: 14,
      availability: 'disabled',
    });

    // Assigned again, BigCommerce's level is the stock (no warning).
    const again = await assignProducts(world.deps, { storeId: world.storeId, productIds: [product.id] });
    expect(again.ok && again.results[0]).toMatchObject({ ok: true, warnings: [] });
    expect((await world.repos.items.findItemBySku(world.storeId, 'LAMP'))?.stock).toBe(14);
  });

  it('writes each variant’s level for a product tracked by variant, a negative stock as 0', async () => {
    const world = await aStoreOnFakes();
    const { product } = await anAssigned(world, aSizedProduct({ S: 3, M: 4 }, { sku: 'SOCK' }));
    await setStock(world, 'SOCK-S', 8);
    await setStock(world, 'SOCK-M', -2);
    world.shop.writes.length = 0;

    const result = await unassignProduct(world.deps, {
      storeId: world.storeId,
      bcProductId: product.id,
      restoreTracking: true,
    });

    expect(result).toMatchObject({ ok: true, tracking: { restored: 'variant', warnings: [] } });
    const back = world.shop.product(product.id)!;
    expect(back.tracking).toBe('variant');
    expect(Object.fromEntries(back.variants.map((v) => [v.sku, v.stockLevel]))).toEqual({
      'SOCK-S': 8,
      'SOCK-M': 0,
    });
  });

  it('writes nothing for a product BigCommerce never tracked, and says so', async () => {
    const world = await aStoreOnFakes();
    const { product } = await anAssigned(world, aCatalogProduct({ sku: 'CUP' }));
    world.shop.writes.length = 0;

    const result = await unassignProduct(world.deps, {
      storeId: world.storeId,
      bcProductId: product.id,
      restoreTracking: true,
    });

    expect(result).toMatchObject({ ok: true, tracking: { restored: 'none', warnings: [] } });
    expect(world.shop.productChanges()).toEqual([]);
  });

  it('leaves tracking off by default', async () => {
    const world = await aStoreOnFakes();
    const { product } = await anAssigned(
      world,
      aCatalogProduct({ sku: 'BOWL', tracking: 'product', stockLevel: 2 }),
    );
    world.shop.writes.length = 0;

    const result = await unassignProduct(world.deps, { storeId: world.storeId, bcProductId: product.id });

    expect(result).toMatchObject({ ok: true, tracking: null });
    await deliverOutbox(world.deps, { storeId: world.storeId });
    // Purchase disabled, the merchant's own per-order maximum (none) given back; tracking untouched.
    expect(world.shop.productChanges()).toEqual([
      { bcProductId: product.id, availability: 'disabled', orderQuantityMaximum: 0 },
    ]);
    expect(world.shop.product(product.id)?.tracking).toBe('none');
  });

  it('warns when BigCommerce refuses the write; the unassignment stands', async () => {
    const world = await aStoreOnFakes();
    const { product } = await anAssigned(
      world,
      aCatalogProduct({ sku: 'VASE', tracking: 'product', stockLevel: 2 }),
    );
    world.shop.refuseWrites({ product: product.id }, 'inventory_level is invalid');

    const result = await unassignProduct(world.deps, {
      storeId: world.storeId,
      bcProductId: product.id,
      restoreTracking: true,
    });

    expect(result).toMatchObject({
      ok: true,
      tracking: { restored: null, warnings: [ASSIGNMENT_WARNINGS.trackingNotRestored] },
    });
    expect((await world.repos.products.findProductByBcId(world.storeId, product.id))?.assigned).toBe(false);
    expect(world.errors.map((e) => e.context)).toEqual([
      `restoring inventory tracking of product ${product.id}`,
    ]);
  });
});

describe('a retried unassignment with restoreTracking', () => {
  it('writes the levels again while BigCommerce tracks nothing, never over levels counted since', async () => {
    const world = await aStoreOnFakes();
    const { product } = await anAssigned(
      world,
      aCatalogProduct({ sku: 'JUG', tracking: 'product', stockLevel: 5 }),
    );
    // The first call unassigned, then died before BigCommerce took the write.
    world.shop.fail({ method: 'updateProducts' });
    await expect(
      unassignProduct(world.deps, { storeId: world.storeId, bcProductId: product.id, restoreTracking: true }),
    ).rejects.toThrow();
    expect(world.shop.product(product.id)?.tracking).toBe('none');

    const retry = await unassignProduct(world.deps, {
      storeId: world.storeId,
      bcProductId: product.id,
      restoreTracking: true,
    });
    expect(retry).toMatchObject({ ok: false, code: 'ASSIGNMENT.NOT_ASSIGNED' });
    expect(world.shop.product(product.id)).toMatchObject({ tracking: 'product', stockLevel: 5 });

    // Later BigCommerce counts on (a sale there); a stray retry leaves its level alone.
    world.shop.editProduct(product.id, { stockLevel: 2 });
    await unassignProduct(world.deps, {
      storeId: world.storeId,
      bcProductId: product.id,
      restoreTracking: true,
    });
    expect(world.shop.product(product.id)).toMatchObject({ tracking: 'product', stockLevel: 2 });
  });
});
