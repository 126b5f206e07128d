import { expect, it } from 'vitest';
import type { StoreProduct } from '../../../src/app/ports/store-catalog.js';
import { StoreNotConnectedError } from '../../../src/app/ports/store-not-connected.js';
import { aCatalogProduct, aSizedProduct } from '../../builders/catalog.builder.js';
import { describeEachStore } from './support/store-targets.js';

/**
 * StoreInventory's contract: what the cap-at-checkout mode relies on (src/app/outbox/deliver-levels.ts,
 * the assignment's absolute levels), held on the real adapter over the sandbox's Inventory API and on the
 * in-memory fake alike (test/adapters/bigcommerce/support/store-targets.ts). Levels are read back as the
 * catalog shows them (the default location).
 */
const variantOf = (product: StoreProduct, sku: string) => {
  const variant = product.variants.find((v) => v.sku === sku);
  if (variant === undefined) throw new Error(`no variant ${sku}`);
  return variant;
};

describeEachStore('StoreInventory', (target) => {
  it('moves the levels of a product and of a variant by relative changes', async () => {
    const shop = await target().aStore();
    const { inventory, catalog } = target();
    const simple = await shop.product(aCatalogProduct({ tracking: 'product', stockLevel: 5 }));
    const sized = await shop.product(aSizedProduct({ S: 2, M: 0 }, { sku: `INV-${simple.id}` }));
    const small = variantOf(sized, `INV-${simple.id}-S`);
    const medium = variantOf(sized, `INV-${simple.id}-M`);

    const refusals = await inventory.adjustLevels(shop.storeId, [
      { bcProductId: simple.id, bcVariantId: null, delta: 20 },
      { bcProductId: sized.id, bcVariantId: small.id, delta: -2 },
      { bcProductId: sized.id, bcVariantId: medium.id, delta: 7 },
    ]);

    expect(refusals).toEqual([]);
    expect((await catalog.getProduct(shop.storeId, simple.id))?.stockLevel).toBe(25);
    const after = (await catalog.getProduct(shop.storeId, sized.id))!;
    expect(variantOf(after, small.sku!).stockLevel).toBe(0);
    expect(variantOf(after, medium.sku!).stockLevel).toBe(7);
  });

  it('refuses a decrease the level cannot take (below 0), and writes the other items', async () => {
    const shop = await target().aStore();
    const { inventory, catalog } = target();
    const short = await shop.product(aCatalogProduct({ tracking: 'product', stockLevel: 1 }));
    const other = await shop.product(aCatalogProduct({ tracking: 'product', stockLevel: 4 }));

    const refusals = await inventory.adjustLevels(shop.storeId, [
      { bcProductId: short.id, bcVariantId: null, delta: -3 },
      { bcProductId: other.id, bcVariantId: null, delta: -4 },
    ]);

    expect(refusals).toEqual([
      { bcProductId: short.id, bcVariantId: null, belowZero: true, reason: expect.any(String) },
    ]);
    expect((await catalog.getProduct(shop.storeId, short.id))?.stockLevel).toBe(1);
    expect((await catalog.getProduct(shop.storeId, other.id))?.stockLevel).toBe(0);
  });

  it('refuses an increase of a product that counts no level, without calling it below 0', async () => {
    const shop = await target().aStore();
    const untracked = await shop.product(aCatalogProduct({ tracking: 'none' }));

    expect(
      await target().inventory.adjustLevels(shop.storeId, [
        { bcProductId: untracked.id, bcVariantId: null, delta: 3 },
      ]),
    ).toEqual([
      { bcProductId: untracked.id, bcVariantId: null, belowZero: false, reason: expect.any(String) },
    ]);
  });

  it('sets levels, turning tracking on for a product that tracked none', async () => {
    const shop = await target().aStore();
    const { inventory, catalog } = target();
    const untracked = await shop.product(aCatalogProduct({ tracking: 'none' }));
    const sized = await shop.product(
      aSizedProduct({ S: 0, M: 0 }, { sku: `SET-${untracked.id}`, tracking: 'none' }),
    );
    const small = variantOf(sized, `SET-${untracked.id}-S`);
    const tracked = await shop.product(aCatalogProduct({ tracking: 'product', stockLevel: 9 }));

    const refusals = await inventory.setLevels(shop.storeId, [
      { bcProductId: untracked.id, bcVariantId: null, level: 12 },
      { bcProductId: sized.id, bcVariantId: small.id, level: 4 },
      { bcProductId: tracked.id, bcVariantId: null, level: 0 },
    ]);

    expect(refusals).toEqual([]);
    expect(await catalog.getProduct(shop.storeId, untracked.id)).toMatchObject({
      tracking: 'product',
      stockLevel: 12,
    });
    const sizedAfter = (await catalog.getProduct(shop.storeId, sized.id))!;
    expect(sizedAfter.tracking).toBe('variant');
    expect(variantOf(sizedAfter, small.sku!).stockLevel).toBe(4);
    expect((await catalog.getProduct(shop.storeId, tracked.id))?.stockLevel).toBe(0);
  });

  it('throws on an outage, and StoreNotConnectedError for a store the app left', async () => {
    const shop = await target().aStore();
    const product = await shop.product(aCatalogProduct({ tracking: 'product', stockLevel: 5 }));
    const change = { bcProductId: product.id, bcVariantId: null, delta: -1 };
    await expect(
      shop.duringOutage(() => target().inventory.adjustLevels(shop.storeId, [change])),
    ).rejects.toThrow();
    expect((await target().catalog.getProduct(shop.storeId, product.id))?.stockLevel).toBe(5);

    await shop.disconnect();
    await expect(target().inventory.adjustLevels(shop.storeId, [change])).rejects.toBeInstanceOf(
      StoreNotConnectedError,
    );
    await expect(
      target().inventory.setLevels(shop.storeId, [{ ...change, level: 1 }]),
    ).rejects.toBeInstanceOf(StoreNotConnectedError);
  });
});
