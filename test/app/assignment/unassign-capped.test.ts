import { describe, expect, it } from 'vitest';
import { assignProducts } from '../../../src/app/assignment/assign-products.js';
import { unassignProduct } from '../../../src/app/assignment/unassign-product.js';
import { applyItemEvent } from '../../../src/app/items/apply-item-event.js';
import { deliverLevels } from '../../../src/app/outbox/deliver-levels.js';
import { deliverOutbox } from '../../../src/app/outbox/deliver-outbox.js';
import { aCatalogProduct, aSizedProduct } from '../../builders/catalog.builder.js';
import type { ProductSeed } from '../../fakes/bigcommerce/index.js';
import { aStoreOnFakes, type StoreOnFakes } from '../support/store-on-fakes.js';

/**
 * unassignProduct in the cap-at-checkout mode (docs/product.md#modes): BigCommerce's level, the units
 * still sellable while the product was assigned, becomes the item's real on-hand count again —
 * max(0, stock) — by a relative write, and the item holds no capped level any more.
 */
const CAPPED = { settings: { inventoryMode: 'capped' as const }, template: { threshold: 5 } };

async function deliverAll(world: StoreOnFakes): Promise<void> {
  await deliverLevels(world.deps, { storeId: world.storeId });
  await deliverOutbox(world.deps, { storeId: world.storeId });
}

async function anAssigned(world: StoreOnFakes, seed: ProductSeed) {
  const product = world.shop.addProduct(seed);
  const result = await assignProducts(world.deps, { storeId: world.storeId, productIds: [product.id] });
  if (!result.ok || !result.results[0]!.ok) throw new Error(JSON.stringify(result));
  await deliverAll(world);
  return product;
}

/** A sale BigCommerce's checkout took (its level went down) and the app then counted. */
async function sold(world: StoreOnFakes, sku: string, quantity: number, line: number) {
  const item = (await world.repos.items.findItemBySku(world.storeId, sku))!;
  const product = world.shop.product(item.bcProductId)!;
  if (item.bcVariantId === null) {
    world.shop.applyProductChange({ bcProductId: product.id, stockLevel: product.stockLevel - quantity });
  } else {
    const variant = product.variants.find((v) => v.id === item.bcVariantId)!;
    world.shop.applyVariantChange({
      bcProductId: product.id,
      bcVariantId: variant.id,
      stockLevel: (variant.stockLevel ?? 0) - quantity,
    });
  }
  const outcome = await applyItemEvent(world.repos, {
    storeId: world.storeId,
    itemId: item.id,
    idempotencyKey: `order:${line}:line:${line}:sale`,
    cause: { type: 'order_line', ref: String(line) },
    actor: 'system',
    now: world.clock.now(),
    event: { kind: 'sold', quantity },
    orderLine: { bcOrderId: line, bcOrderProductId: line },
  });
  expect(outcome.applied).toBe(true);
}

const adjustLevels = async (world: StoreOnFakes) =>
  (await world.repos.outbox.listPending(world.storeId)).filter((m) => m.kind === 'adjustLevel');

describe('unassignProduct in cap at checkout', () => {
  it('moves BigCommerce’s level back to the stock on hand, relative, and forgets the capped level', async () => {
    const world = await aStoreOnFakes(CAPPED);
    const product = await anAssigned(world, aCatalogProduct({ tracking: 'product', stockLevel: 9 }));
    // 9 in stock + T 5.
    expect(world.shop.product(product.id)?.stockLevel).toBe(14);
    await sold(world, product.sku, 2, 1);
    expect(world.shop.product(product.id)?.stockLevel).toBe(12);

    const result = await unassignProduct(world.deps, { storeId: world.storeId, bcProductId: product.id });

    expect(result.ok && result.items).toEqual([expect.objectContaining({ stock: 7, backordered: 0 })]);
    const [item] = await world.repos.items.listItems(world.storeId, { activeOnly: false });
    expect(item).toMatchObject({ active: false, cappedLevel: null });
    // 7 on hand − the 12 BigCommerce holds: a decrease, in the urgent lane.
    const pending = await adjustLevels(world);
    expect(pending.map((m) => [m.payload.effect, m.urgent])).toEqual([
      [{ kind: 'adjustLevel', delta: -5 }, true],
    ]);
    // A sale BigCommerce takes before the write lands is kept: the write is relative.
    world.shop.applyProductChange({ bcProductId: product.id, stockLevel: 11 });
    await deliverAll(world);
    expect(world.shop.product(product.id)).toMatchObject({ stockLevel: 6, availability: 'disabled' });
    // The write's webhook will be known as the app's own.
    expect(
      await world.repos.levelEchoes.take(
        world.storeId,
        { itemId: item!.id, method: 'relative', value: -5 },
        new Date(0),
      ),
    ).toBe(true);
  });

  it('takes a level whose stock is below zero to 0, variant by variant', async () => {
    const world = await aStoreOnFakes(CAPPED);
    const product = await anAssigned(world, aSizedProduct({ S: 0, M: 4 }, { sku: 'CAPV' }));
    await sold(world, 'CAPV-S', 3, 1); // stock −3, B 3: 2 left to sell
    await deliverAll(world);
    const level = (sku: string) => world.shop.product(product.id)!.variants.find((v) => v.sku === sku)!;
    expect(level('CAPV-S').stockLevel).toBe(2);
    expect(level('CAPV-M').stockLevel).toBe(9);

    expect((await unassignProduct(world.deps, { storeId: world.storeId, bcProductId: product.id })).ok).toBe(
      true,
    );
    await deliverAll(world);

    expect(level('CAPV-S').stockLevel).toBe(0);
    expect(level('CAPV-M').stockLevel).toBe(4);
    expect(world.shop.product(product.id)?.availability).toBe('disabled');
    const items = await world.repos.items.listItems(world.storeId, { activeOnly: false });
    expect(items.map((i) => i.cappedLevel)).toEqual([null, null]);
  });

  it('writes no level for a product deleted in BigCommerce', async () => {
    const world = await aStoreOnFakes(CAPPED);
    const product = await anAssigned(world, aCatalogProduct({ tracking: 'product', stockLevel: 3 }));
    world.shop.deleteProduct(product.id);

    const result = await unassignProduct(world.deps, {
      storeId: world.storeId,
      bcProductId: product.id,
      quiet: true,
    });

    expect(result.ok).toBe(true);
    expect(await adjustLevels(world)).toEqual([]);
    const [item] = await world.repos.items.listItems(world.storeId, { activeOnly: false });
    expect(item?.cappedLevel).toBeNull();
  });

  it('leaves the levels to restoring the original tracking, which writes the stock itself', async () => {
    const world = await aStoreOnFakes(CAPPED);
    const product = await anAssigned(world, aCatalogProduct({ tracking: 'product', stockLevel: 9 }));

    const result = await unassignProduct(world.deps, {
      storeId: world.storeId,
      bcProductId: product.id,
      restoreTracking: true,
    });

    expect(result.ok && result.tracking).toEqual({ restored: 'product', warnings: [] });
    expect(await adjustLevels(world)).toEqual([]);
    await deliverAll(world);
    expect(world.shop.product(product.id)).toMatchObject({ tracking: 'product', stockLevel: 9 });
  });

  it('writes the level back for a product that tracked nothing before, when restoring its tracking', async () => {
    const world = await aStoreOnFakes(CAPPED);
    const product = await anAssigned(world, aCatalogProduct({ stockLevel: 0 }));
    // Untracked before: the assignment turned tracking on and set the level (0 + T 5).
    expect(world.shop.product(product.id)).toMatchObject({ tracking: 'product', stockLevel: 5 });

    const result = await unassignProduct(world.deps, {
      storeId: world.storeId,
      bcProductId: product.id,
      restoreTracking: true,
    });

    expect(result.ok && result.tracking).toEqual({ restored: 'none', warnings: [] });
    await deliverAll(world);
    expect(world.shop.product(product.id)?.stockLevel).toBe(0);
  });
});
