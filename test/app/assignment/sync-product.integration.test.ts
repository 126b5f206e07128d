import { afterAll, beforeAll, expect, it } from 'vitest';
import { assignProducts } from '../../../src/app/assignment/assign-products.js';
import { ASSIGNMENT_CODES, ASSIGNMENT_WARNINGS } from '../../../src/app/assignment/assignment-codes.js';
import { syncProductFromBigCommerce } from '../../../src/app/assignment/sync-product-from-bigcommerce.js';
import { applyItemEvent } from '../../../src/app/items/apply-item-event.js';
import { deliverOutbox } from '../../../src/app/outbox/deliver-outbox.js';
import { describeEachDatabase } from '../../adapters/db/support/databases.js';
import {
  aConnectedStore,
  type Harness,
  type StoreContext,
  startHarness,
  withSizes,
} from './support/assignment-harness.js';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness.close();
});

/** Assigns a product tracked by variant (S 3, M 0, L 7) and delivers its purchasability. */
async function anAssignedShoe(ctx: StoreContext) {
  const prefix = `SHOE-${ctx.storeHash}-${Math.random().toString(36).slice(2, 8)}`;
  const bcId = ctx.createProduct(withSizes({ S: 3, M: 0, L: 7 }, prefix));
  const result = await assignProducts(ctx.deps, { storeId: ctx.store.id, productIds: [bcId] });
  if (!result.ok || !result.results[0]!.ok) throw new Error(JSON.stringify(result));
  await deliverOutbox(ctx.deps, { storeId: ctx.store.id });
  const product = await ctx.product(bcId);
  const variant = (size: string) => product.variants!.find((v) => v.sku === `${prefix}-${size}`)!;
  const item = async (size: string) =>
    (await ctx.deps.items.findItemByBcIds(ctx.store.id, bcId, variant(size).id))!;
  ctx.writes.reset();
  return { bcId, variant, item };
}

/** What an ERP does: turns tracking on by variant and writes a level (two API calls, as in the control panel). */
async function erpWrites(ctx: StoreContext, bcId: number, variantId: number, level: number) {
  await ctx.erp.updateProducts([{ id: bcId, inventory_tracking: 'variant' }]);
  const result = await ctx.erp.updateVariants([{ id: variantId, inventory_level: level }]);
  expect(result.failures).toEqual([]);
}

const sync = (ctx: StoreContext, bcProductId: number) =>
  syncProductFromBigCommerce(ctx.deps, { storeId: ctx.store.id, bcProductId, cause: 'webhook' });

describeEachDatabase('syncProductFromBigCommerce against the sandbox', (db) => {
  it('takes a level an ERP wrote as stock and turns tracking off again', async () => {
    const ctx = await aConnectedStore(db(), harness);
    const shoe = await anAssignedShoe(ctx);
    expect(await shoe.item('M')).toMatchObject({ stock: 0, status: 'backorder' });
    await erpWrites(ctx, shoe.bcId, shoe.variant('M').id, 9);

    const result = await sync(ctx, shoe.bcId);

    expect(result).toMatchObject({
      ok: true,
      trackingWasOn: true,
      trackingTurnedOff: true,
      stockTaken: [{ bcVariantId: shoe.variant('M').id, from: 0, to: 9 }],
    });
    expect(await shoe.item('M')).toMatchObject({ stock: 9, status: 'in_stock' });
    // S and L kept their levels in BigCommerce: equal to the app's stock, nothing moved.
    expect(await shoe.item('S')).toMatchObject({ stock: 3 });
    const ledger = await db().repos.history.listLedger(ctx.store.id, { itemId: (await shoe.item('M')).id });
    expect(ledger[0]).toMatchObject({ kind: 'sync', delta: 9, causeType: 'bigcommerce_webhook' });
    expect((await ctx.product(shoe.bcId)).inventory_tracking).toBe('none');
  });

  it('ignores echoes: a repeated webhook, and the app’s own writes, change nothing', async () => {
    const ctx = await aConnectedStore(db(), harness);
    const shoe = await anAssignedShoe(ctx);
    // The echo of the assignment's own writes (tracking off, purchasability).
    const echo = await sync(ctx, shoe.bcId);
    expect(echo).toMatchObject({
      ok: true,
      trackingWasOn: false,
      stockTaken: [],
      purchasabilityCorrected: 0,
    });
    expect(ctx.writes.requests()).toBe(0);

    await erpWrites(ctx, shoe.bcId, shoe.variant('M').id, 9);
    expect(await sync(ctx, shoe.bcId)).toMatchObject({ ok: true, stockTaken: [{ to: 9 }] });
    await deliverOutbox(ctx.deps, { storeId: ctx.store.id });
    const m = await shoe.item('M');
    ctx.writes.reset();

    // The same webhook delivered again, and the echoes of the sync's own writes.
    for (let n = 0; n < 3; n++) {
      expect(await sync(ctx, shoe.bcId)).toMatchObject({
        ok: true,
        trackingWasOn: false,
        stockTaken: [],
        purchasabilityCorrected: 0,
      });
    }
    expect(ctx.writes.requests()).toBe(0);
    expect(await shoe.item('M')).toEqual(m);
  });

  it('applies two different ERP writes, even within one second, and each only once', async () => {
    const ctx = await aConnectedStore(db(), harness, { keepTrackingOff: false });
    const shoe = await anAssignedShoe(ctx);
    const m = () => shoe.item('M');

    await erpWrites(ctx, shoe.bcId, shoe.variant('M').id, 9);
    await sync(ctx, shoe.bcId);
    expect(await m()).toMatchObject({ stock: 9 });
    // The setting is off: BigCommerce keeps tracking.
    expect((await ctx.product(shoe.bcId)).inventory_tracking).toBe('variant');

    // The app sells 2; the same webhook arrives again: the ERP's 9 was already taken, the sale stands.
    await applyItemEvent(db().repos, {
      storeId: ctx.store.id,
      itemId: (await m()).id,
      idempotencyKey: 'order:7:line:1:sold',
      cause: { type: 'order_line', ref: '7' },
      actor: 'system',
      now: ctx.clock.now(),
      event: { kind: 'sold', quantity: 2 },
    });
    expect(await sync(ctx, shoe.bcId)).toMatchObject({ ok: true, stockTaken: [] });
    expect(await m()).toMatchObject({ stock: 7 });

    // A second ERP write of another level in the same second still counts …
    await ctx.erp.updateVariants([{ id: shoe.variant('M').id, inventory_level: 4 }]);
    expect(await sync(ctx, shoe.bcId)).toMatchObject({ stockTaken: [{ from: 7, to: 4 }] });
    // … and so does writing 9 again later (a new modification time), after another sale.
    await applyItemEvent(db().repos, {
      storeId: ctx.store.id,
      itemId: (await m()).id,
      idempotencyKey: 'order:8:line:1:sold',
      cause: { type: 'order_line', ref: '8' },
      actor: 'system',
      now: ctx.clock.now(),
      event: { kind: 'sold', quantity: 1 },
    });
    harness.advanceSandbox(2_000);
    await ctx.erp.updateVariants([{ id: shoe.variant('M').id, inventory_level: 9 }]);
    expect(await sync(ctx, shoe.bcId)).toMatchObject({ stockTaken: [{ from: 3, to: 9 }] });
    expect(await m()).toMatchObject({ stock: 9 });
  });

  it('takes the level of a product without variants when someone turns tracking back on', async () => {
    const ctx = await aConnectedStore(db(), harness);
    const bcId = ctx.createProduct({ inventory_tracking: 'product', inventory_level: 5 });
    await assignProducts(ctx.deps, { storeId: ctx.store.id, productIds: [bcId] });
    await deliverOutbox(ctx.deps, { storeId: ctx.store.id });
    // An ERP's absolute inventory adjustment (the Inventory API turns tracking on).
    await ctx.erp.adjustInventoryAbsolute({ items: [{ location_id: 1, product_id: bcId, quantity: 42 }] });
    expect((await ctx.product(bcId)).inventory_tracking).toBe('product');

    const result = await syncProductFromBigCommerce(ctx.deps, {
      storeId: ctx.store.id,
      bcProductId: bcId,
      cause: { kind: 'manual', actor: 'admin:a@b.c' },
    });

    expect(result).toMatchObject({ ok: true, trackingTurnedOff: true, stockTaken: [{ from: 5, to: 42 }] });
    const item = await db().repos.items.findItemByBcIds(ctx.store.id, bcId, null);
    expect(item).toMatchObject({ stock: 42 });
    const ledger = await db().repos.history.listLedger(ctx.store.id, { itemId: item!.id });
    expect(ledger[0]).toMatchObject({ kind: 'sync', causeType: 'bigcommerce_sync', actor: 'admin:a@b.c' });
    expect((await ctx.product(bcId)).inventory_tracking).toBe('none');
  });

  it('sets purchasability someone changed in BigCommerce back to the app’s', async () => {
    const ctx = await aConnectedStore(db(), harness);
    const shoe = await anAssignedShoe(ctx);
    // A person disables variant S and the whole product in the control panel.
    await ctx.erp.updateVariants([{ id: shoe.variant('S').id, purchasing_disabled: true }]);
    await ctx.erp.updateProducts([{ id: shoe.bcId, availability: 'disabled' }]);

    const result = await sync(ctx, shoe.bcId);

    expect(result).toMatchObject({ ok: true, trackingWasOn: false, purchasabilityCorrected: 2 });
    const product = await ctx.product(shoe.bcId);
    expect(product.availability).toBe('available');
    expect(product.variants!.every((v) => !v.purchasing_disabled)).toBe(true);
  });

  it('does not attribute a product-wide level to variants', async () => {
    const ctx = await aConnectedStore(db(), harness);
    const shoe = await anAssignedShoe(ctx);
    await ctx.erp.updateProducts([{ id: shoe.bcId, inventory_tracking: 'product', inventory_level: 30 }]);

    const result = await sync(ctx, shoe.bcId);

    expect(result).toMatchObject({ ok: true, stockTaken: [], trackingTurnedOff: true });
    expect(result.ok && result.warnings).toContain(ASSIGNMENT_WARNINGS.stockNotPerVariant);
    expect(await shoe.item('L')).toMatchObject({ stock: 7 });
  });

  it('refuses a product that is not assigned or no longer exists', async () => {
    const ctx = await aConnectedStore(db(), harness);
    const unassigned = ctx.createProduct({});
    expect(await sync(ctx, unassigned)).toMatchObject({ ok: false, code: ASSIGNMENT_CODES.notAssigned });
    const shoe = await anAssignedShoe(ctx);
    harness.sandbox.state.products.deleteProducts(ctx.storeHash, [shoe.bcId]);
    expect(await sync(ctx, shoe.bcId)).toMatchObject({ ok: false, code: ASSIGNMENT_CODES.productNotFound });
  });
});
