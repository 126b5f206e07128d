import { describe, expect, it } from 'vitest';
import { assignProducts } from '../../../src/app/assignment/assign-products.js';
import { ASSIGNMENT_CODES, ASSIGNMENT_WARNINGS } from '../../../src/app/assignment/assignment-codes.js';
import { syncProductFromBigCommerce } from '../../../src/app/assignment/sync-product-from-bigcommerce.js';
import { applyItemEvent } from '../../../src/app/items/apply-item-event.js';
import { deliverOutbox } from '../../../src/app/outbox/deliver-outbox.js';
import { aCatalogProduct, aSizedProduct } from '../../builders/catalog.builder.js';
import type { ProductSeed } from '../../fakes/bigcommerce/index.js';
import { aStoreOnFakes, type StoreOnFakes, type StoreOptions } from '../support/store-on-fakes.js';

/**
 * syncProductFromBigCommerce on fakes: what someone changed on an assigned product in BigCommerce.
 * Against the sandbox and the databases: sync-product.integration.test.ts.
 */

/** A store with a product assigned through the use case, its purchasability delivered. */
async function anAssigned(seed: ProductSeed, options: StoreOptions = {}) {
  const world = await aStoreOnFakes(options);
  const product = world.shop.addProduct(seed);
  const result = await assignProducts(world.deps, { storeId: world.storeId, productIds: [product.id] });
  if (!result.ok || !result.results[0]!.ok) throw new Error(JSON.stringify(result));
  await deliverOutbox(world.deps, { storeId: world.storeId });
  world.shop.writes.length = 0;
  const item = async (bcVariantId: number | null) =>
    (await world.repos.items.findItemByBcIds(world.storeId, product.id, bcVariantId))!;
  return { world, product, item };
}

const sync = (world: StoreOnFakes, bcProductId: number) =>
  syncProductFromBigCommerce(world.deps, { storeId: world.storeId, bcProductId, cause: 'webhook' });

let sales = 0;
async function sell(world: StoreOnFakes, itemId: number, quantity: number) {
  sales += 1;
  await applyItemEvent(world.repos, {
    storeId: world.storeId,
    itemId,
    idempotencyKey: `order:${sales}:line:1:sold`,
    cause: { type: 'order_line', ref: String(sales) },
    actor: 'system',
    now: world.clock.now(),
    event: { kind: 'sold', quantity },
  });
}

describe('syncProductFromBigCommerce', () => {
  it('takes a level an ERP wrote as stock and turns tracking off again', async () => {
    const { world, product, item } = await anAssigned(aSizedProduct({ S: 3, M: 0, L: 7 }));
    const [, m] = product.variants;
    expect(await item(m!.id)).toMatchObject({ stock: 0, status: 'backorder' });
    world.shop.editProduct(product.id, { tracking: 'variant' });
    world.shop.editVariant(m!.id, { stockLevel: 9 });

    const result = await sync(world, product.id);

    expect(result).toMatchObject({
      ok: true,
      trackingWasOn: true,
      trackingTurnedOff: true,
      stockTaken: [{ bcVariantId: m!.id, from: 0, to: 9 }],
    });
    expect(await item(m!.id)).toMatchObject({ stock: 9, status: 'in_stock' });
    // S and L kept their levels in BigCommerce: equal to the app's stock, nothing moved.
    expect(await item(product.variants[0]!.id)).toMatchObject({ stock: 3 });
    const [ledger] = await world.repos.history.listLedger(world.storeId, { itemId: (await item(m!.id)).id });
    expect(ledger).toMatchObject({ kind: 'sync', delta: 9, causeType: 'bigcommerce_webhook' });
    expect(world.shop.product(product.id)?.tracking).toBe('none');
    // The new stock's purchasability is on its way.
    expect(world.jobs.named('outbox.deliver').length).toBeGreaterThan(0);
  });

  it('ignores echoes: a repeated webhook, and the app’s own writes, change nothing', async () => {
    const { world, product, item } = await anAssigned(aSizedProduct({ S: 3, M: 0, L: 7 }));
    const m = product.variants[1]!;
    // The echo of the assignment's own writes (tracking off, purchasability).
    expect(await sync(world, product.id)).toMatchObject({
      ok: true,
      trackingWasOn: false,
      stockTaken: [],
      purchasabilityCorrected: 0,
    });
    expect(world.shop.writes).toEqual([]);

    world.shop.editProduct(product.id, { tracking: 'variant' });
    world.shop.editVariant(m.id, { stockLevel: 9 });
    expect(await sync(world, product.id)).toMatchObject({ ok: true, stockTaken: [{ to: 9 }] });
    await deliverOutbox(world.deps, { storeId: world.storeId });
    const after = await item(m.id);
    world.shop.writes.length = 0;

    // The same webhook delivered again, and the echoes of the sync's own writes.
    for (let n = 0; n < 3; n++) {
      expect(await sync(world, product.id)).toMatchObject({
        ok: true,
        trackingWasOn: false,
        stockTaken: [],
        purchasabilityCorrected: 0,
      });
    }
    expect(world.shop.writes).toEqual([]);
    expect(await item(m.id)).toEqual(after);
  });

  it('applies two different ERP writes, even within one second, and each only once', async () => {
    const { world, product, item } = await anAssigned(aSizedProduct({ S: 3, M: 0, L: 7 }), {
      settings: { keepTrackingOff: false },
    });
    const m = product.variants[1]!;
    world.shop.editProduct(product.id, { tracking: 'variant' });
    world.shop.editVariant(m.id, { stockLevel: 9 });
    await sync(world, product.id);
    expect(await item(m.id)).toMatchObject({ stock: 9 });
    // The setting is off: BigCommerce keeps tracking.
    expect(world.shop.product(product.id)?.tracking).toBe('variant');

    // The app sells 2; the same webhook arrives again: the ERP's 9 was already taken, the sale stands.
    await sell(world, (await item(m.id)).id, 2);
    expect(await sync(world, product.id)).toMatchObject({ ok: true, stockTaken: [] });
    expect(await item(m.id)).toMatchObject({ stock: 7 });

    // A second ERP write of another level in the same second still counts …
    world.shop.editVariant(m.id, { stockLevel: 4 });
    expect(await sync(world, product.id)).toMatchObject({ stockTaken: [{ from: 7, to: 4 }] });
    // … and so does writing 9 again later (a new modification time), after another sale.
    await sell(world, (await item(m.id)).id, 1);
    world.clock.advance(2_000);
    world.shop.editVariant(m.id, { stockLevel: 9 });
    expect(await sync(world, product.id)).toMatchObject({ stockTaken: [{ from: 3, to: 9 }] });
    expect(await item(m.id)).toMatchObject({ stock: 9 });
  });

  it('takes the level of a product without variants when someone turns tracking back on (a manual sync)', async () => {
    const { world, product, item } = await anAssigned(
      aCatalogProduct({ tracking: 'product', stockLevel: 5 }),
    );
    world.shop.editProduct(product.id, { tracking: 'product', stockLevel: 42 });

    const result = await syncProductFromBigCommerce(world.deps, {
      storeId: world.storeId,
      bcProductId: product.id,
      cause: { kind: 'manual', actor: 'admin:a@b.c' },
    });

    expect(result).toMatchObject({ ok: true, trackingTurnedOff: true, stockTaken: [{ from: 5, to: 42 }] });
    expect(await item(null)).toMatchObject({ stock: 42 });
    const [ledger] = await world.repos.history.listLedger(world.storeId, { itemId: (await item(null)).id });
    expect(ledger).toMatchObject({ kind: 'sync', causeType: 'bigcommerce_sync', actor: 'admin:a@b.c' });
    expect(world.shop.product(product.id)?.tracking).toBe('none');
  });

  it('sets purchasability someone changed in BigCommerce back to the app’s', async () => {
    const { world, product } = await anAssigned(aSizedProduct({ S: 3, M: 0, L: 7 }));
    // A person disables variant S and the whole product in the control panel.
    world.shop.editVariant(product.variants[0]!.id, { purchasable: false });
    world.shop.editProduct(product.id, { availability: 'disabled' });

    const result = await sync(world, product.id);

    expect(result).toMatchObject({ ok: true, trackingWasOn: false, purchasabilityCorrected: 2 });
    const now = world.shop.product(product.id)!;
    expect(now.availability).toBe('available');
    expect(now.variants.every((v) => v.purchasable)).toBe(true);
  });

  it('leaves purchasability alone while the app’s own write of it is on its way', async () => {
    const world = await aStoreOnFakes();
    const product = world.shop.addProduct(aSizedProduct({ S: 0 }));
    await assignProducts(world.deps, { storeId: world.storeId, productIds: [product.id] });
    // The merchant disables the item in the app: its write to BigCommerce waits in the outbox.
    const item = await world.repos.items.findItemByBcIds(world.storeId, product.id, product.variants[0]!.id);
    const disabled = await applyItemEvent(world.repos, {
      storeId: world.storeId,
      itemId: item!.id,
      idempotencyKey: 'test:disable',
      cause: { type: 'admin_action', ref: null },
      actor: 'admin:a@b.c',
      now: world.clock.now(),
      event: { kind: 'disabled' },
    });
    expect(disabled.applied).toBe(true);
    world.shop.writes.length = 0;

    expect(await sync(world, product.id)).toMatchObject({ ok: true, purchasabilityCorrected: 0 });
    expect(world.shop.variantChanges()).toEqual([]);
  });

  it('does not attribute a product-wide level to variants', async () => {
    const { world, product, item } = await anAssigned(aSizedProduct({ S: 3, M: 0, L: 7 }));
    world.shop.editProduct(product.id, { tracking: 'product', stockLevel: 30 });

    const result = await sync(world, product.id);

    expect(result).toMatchObject({ ok: true, stockTaken: [], trackingTurnedOff: true });
    expect(result.ok && result.warnings).toContain(ASSIGNMENT_WARNINGS.stockNotPerVariant);
    expect(await item(product.variants[2]!.id)).toMatchObject({ stock: 7 });
  });

  it('refuses a product that is not assigned or no longer exists', async () => {
    const { world, product } = await anAssigned(aSizedProduct({ S: 3 }));
    const unassigned = world.shop.addProduct(aCatalogProduct());
    expect(await sync(world, unassigned.id)).toMatchObject({ ok: false, code: ASSIGNMENT_CODES.notAssigned });
    world.shop.deleteProduct(product.id);
    expect(await sync(world, product.id)).toMatchObject({
      ok: false,
      code: ASSIGNMENT_CODES.productNotFound,
    });
  });
});
