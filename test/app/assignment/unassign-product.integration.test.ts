import { afterAll, beforeAll, expect, it } from 'vitest';
import { assignProducts } from '../../../src/app/assignment/assign-products.js';
import { ASSIGNMENT_CODES, ASSIGNMENT_WARNINGS } from '../../../src/app/assignment/assignment-codes.js';
import { unassignProduct } from '../../../src/app/assignment/unassign-product.js';
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

async function assigned(ctx: StoreContext, bcId: number) {
  const result = await assignProducts(ctx.deps, { storeId: ctx.store.id, productIds: [bcId] });
  if (!result.ok || !result.results[0]!.ok) throw new Error(`assignment failed: ${JSON.stringify(result)}`);
  await deliverOutbox(ctx.deps, { storeId: ctx.store.id });
  return result.results[0]!.productId!;
}

describeEachDatabase('unassignProduct against the sandbox', (db) => {
  it('disables purchase in BigCommerce, emails the stock data, keeps the history, and can assign again', async () => {
    const ctx = await aConnectedStore(db(), harness);
    const bcId = ctx.createProduct({
      name: 'Jacket',
      ...withSizes({ S: 3, M: 1, L: 7 }, `JKT-${ctx.storeHash}`),
    });
    const productId = await assigned(ctx, bcId);
    const m = await db().repos.items.findItemBySku(ctx.store.id, `JKT-${ctx.storeHash}-M`);
    // Two sold: one from stock, one backordered.
    const sold = await applyItemEvent(db().repos, {
      storeId: ctx.store.id,
      itemId: m!.id,
      idempotencyKey: 'order:1:line:1:sold',
      cause: { type: 'order_line', ref: '1' },
      actor: 'system',
      now: ctx.clock.now(),
      event: { kind: 'sold', quantity: 2 },
    });
    expect(sold.applied && sold.item).toMatchObject({ stock: -1, backordered: 1, status: 'backorder' });

    const result = await unassignProduct(ctx.deps, {
      storeId: ctx.store.id,
      bcProductId: bcId,
      actor: 'admin:a@b.c',
    });

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const row = (size: string) => result.items.find((i) => i.sku === `JKT-${ctx.storeHash}-${size}`);
    expect(row('M')).toMatchObject({
      stock: -1,
      backordered: 1,
      threshold: 5,
      incoming: 12,
      backInStockDate: '2099-01-31',
    });
    expect(row('S')).toMatchObject({ stock: 3, backordered: 0 });
    expect(row('L')).toMatchObject({ stock: 7 });

    // The app stopped tracking; history is kept.
    const items = await db().repos.items.listItems(ctx.store.id, { productId, activeOnly: false });
    expect(items.every((i) => !i.active && i.status === null)).toBe(true);
    const ledger = await db().repos.history.listLedger(ctx.store.id, { itemId: m!.id });
    expect(ledger.map((l) => l.kind)).toEqual(['unassignment', 'sale', 'assignment']);
    const transitions = await db().repos.history.listTransitions(ctx.store.id, { itemId: m!.id });
    expect(transitions[0]).toMatchObject({
      to: { status: null },
      reason: 'unassigned',
      actor: 'admin:a@b.c',
    });

    // BigCommerce: purchase disabled for the whole product, once the outbox is delivered.
    expect(ctx.jobs.named('outbox.deliver').length).toBeGreaterThan(0);
    await deliverOutbox(ctx.deps, { storeId: ctx.store.id });
    const product = await ctx.product(bcId);
    expect(product.availability).toBe('disabled');
    expect(product.inventory_tracking).toBe('none');

    // The CSV's data, with the variants named as the merchant knows them.
    const notes = (await db().repos.notifications.listNotifications(ctx.store.id)).filter(
      (n) => n.event === 'unassigned',
    );
    expect(notes).toHaveLength(1);
    expect(notes[0]!.payload).toMatchObject({
      product: { bcProductId: bcId, name: 'Jacket' },
      items: expect.arrayContaining([
        expect.objectContaining({
          variant: 'Size: M',
          stock: -1,
          backordered: 1,
          sku: `JKT-${ctx.storeHash}-M`,
        }),
      ]),
    });

    // Unassigning again is refused and sends nothing more.
    expect(await unassignProduct(ctx.deps, { storeId: ctx.store.id, bcProductId: bcId })).toMatchObject({
      ok: false,
      code: ASSIGNMENT_CODES.notAssigned,
    });
    const after = (await db().repos.notifications.listNotifications(ctx.store.id)).filter(
      (n) => n.event === 'unassigned',
    );
    expect(after).toHaveLength(1);

    // Assigned again: the same items carry on, the product is purchasable again.
    const again = await assignProducts(ctx.deps, { storeId: ctx.store.id, productIds: [bcId] });
    // BigCommerce no longer counts its stock (the app turned tracking off): each item starts from the
    // stock the app counted when it was unassigned.
    expect(again.ok && again.results[0]).toMatchObject({
      ok: true,
      itemCount: 3,
      warnings: [ASSIGNMENT_WARNINGS.stockFromLedger],
    });
    const reassigned = await db().repos.items.listItems(ctx.store.id, { productId });
    expect(reassigned.map((i) => i.id).sort()).toEqual(items.map((i) => i.id).sort());
    expect(reassigned.every((i) => i.active)).toBe(true);
    expect(reassigned.map((i) => i.stock)).toEqual([3, -1, 7]);
    const record = await db().repos.products.getProduct(ctx.store.id, productId);
    // What BigCommerce had before the app ever touched the product.
    expect(record?.originalSettings).toMatchObject({
      inventory_tracking: 'variant',
      availability: 'available',
    });
    await deliverOutbox(ctx.deps, { storeId: ctx.store.id });
    const back = await ctx.product(bcId);
    expect(back.availability).toBe('available');
    expect(back.variants!.every((v) => !v.purchasing_disabled)).toBe(true);
  });

  it('disables a product without variants through its availability', async () => {
    const ctx = await aConnectedStore(db(), harness);
    const bcId = ctx.createProduct({ inventory_tracking: 'product', inventory_level: 9 });
    await assigned(ctx, bcId);
    expect((await ctx.product(bcId)).availability).toBe('available');

    const result = await unassignProduct(ctx.deps, { storeId: ctx.store.id, bcProductId: bcId });

    expect(result.ok && result.items).toEqual([
      expect.objectContaining({ bcVariantId: null, variant: null, stock: 9, backordered: 0 }),
    ]);
    await deliverOutbox(ctx.deps, { storeId: ctx.store.id });
    expect((await ctx.product(bcId)).availability).toBe('disabled');
  });

  it('quietly unassigns a product deleted in BigCommerce: no BigCommerce write, no email', async () => {
    const ctx = await aConnectedStore(db(), harness);
    const bcId = ctx.createProduct({ inventory_tracking: 'product', inventory_level: 2 });
    const productId = await assigned(ctx, bcId);
    const deleted = harness.sandbox.state.products.deleteProducts(ctx.storeHash, [bcId]);
    expect(deleted.ok).toBe(true);
    ctx.writes.reset();

    const result = await unassignProduct(ctx.deps, { storeId: ctx.store.id, bcProductId: bcId, quiet: true });

    expect(result).toMatchObject({ ok: true, productId });
    expect(await db().repos.products.getProduct(ctx.store.id, productId)).toMatchObject({ assigned: false });
    const pending = await db().repos.outbox.listPending(ctx.store.id);
    expect(pending.filter((m) => m.kind === 'setPurchasable')).toEqual([]);
    await deliverOutbox(ctx.deps, { storeId: ctx.store.id });
    expect(ctx.writes.requests()).toBe(0);
    const notes = await db().repos.notifications.listNotifications(ctx.store.id);
    expect(notes.filter((n) => n.event === 'unassigned')).toEqual([]);
  });

  it('refuses a product that was never assigned', async () => {
    const ctx = await aConnectedStore(db(), harness);
    const bcId = ctx.createProduct({});
    expect(await unassignProduct(ctx.deps, { storeId: ctx.store.id, bcProductId: bcId })).toMatchObject({
      ok: false,
      code: ASSIGNMENT_CODES.notAssigned,
    });
    expect(ctx.writes.requests()).toBe(0);
  });
});
