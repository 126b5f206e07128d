import { describe, expect, it } from 'vitest';
import { assignProducts } from '../../../src/app/assignment/assign-products.js';
import { ASSIGNMENT_CODES, ASSIGNMENT_WARNINGS } from '../../../src/app/assignment/assignment-codes.js';
import { unassignProduct } from '../../../src/app/assignment/unassign-product.js';
import { applyItemEvent } from '../../../src/app/items/apply-item-event.js';
import { deliverOutbox } from '../../../src/app/outbox/deliver-outbox.js';
import { aCatalogProduct, aSizedProduct } from '../../builders/catalog.builder.js';
import type { ProductSeed } from '../../fakes/bigcommerce/index.js';
import { aStoreOnFakes, type StoreOnFakes } from '../support/store-on-fakes.js';

/**
 * unassignProduct on fakes. Against the sandbox and the databases: unassign-product.integration.test.ts.
 */
const TEMPLATE = { threshold: 5, incomingStock: 12, backInStockDate: '2099-01-31' };

/** Adds the product, assigns it through the use case and delivers its purchasability. */
async function anAssigned(world: StoreOnFakes, seed: ProductSeed) {
  const product = world.shop.addProduct(seed);
  const result = await assignProducts(world.deps, { storeId: world.storeId, productIds: [product.id] });
  if (!result.ok || !result.results[0]!.ok) throw new Error(JSON.stringify(result));
  await deliverOutbox(world.deps, { storeId: world.storeId });
  world.shop.writes.length = 0;
  return { product, productId: result.results[0]!.productId! };
}

describe('unassignProduct', () => {
  it('disables purchase in BigCommerce, emails the stock data, keeps the history, and can assign again', async () => {
    const world = await aStoreOnFakes({ template: TEMPLATE });
    const { product, productId } = await anAssigned(
      world,
      aSizedProduct({ S: 3, M: 1, L: 7 }, { name: 'Jacket', sku: 'JKT' }),
    );
    const m = await world.repos.items.findItemBySku(world.storeId, 'JKT-M');
    // Two sold: one from stock, one backordered.
    await applyItemEvent(world.repos, {
      storeId: world.storeId,
      itemId: m!.id,
      idempotencyKey: 'order:1:line:1:sold',
      cause: { type: 'order_line', ref: '1' },
      actor: 'system',
      now: world.clock.now(),
      event: { kind: 'sold', quantity: 2 },
    });

    const result = await unassignProduct(world.deps, {
      storeId: world.storeId,
      bcProductId: product.id,
      actor: 'admin:a@b.c',
    });

    if (!result.ok) throw new Error(result.message);
    const row = (sku: string) => result.items.find((i) => i.sku === sku);
    expect(row('JKT-M')).toMatchObject({
      stock: -1,
      backordered: 1,
      threshold: 5,
      incoming: 12,
      backInStockDate: '2099-01-31',
    });
    expect(row('JKT-S')).toMatchObject({ stock: 3, backordered: 0 });
    expect(row('JKT-L')).toMatchObject({ stock: 7 });

    // The app stopped tracking; the history is kept.
    const items = await world.repos.items.listItems(world.storeId, { productId, activeOnly: false });
    expect(items.every((i) => !i.active && i.status === null)).toBe(true);
    const ledger = await world.repos.history.listLedger(world.storeId, { itemId: m!.id });
    expect(ledger.map((l) => l.kind)).toEqual(['unassignment', 'sale', 'assignment']);
    const [transition] = await world.repos.history.listTransitions(world.storeId, { itemId: m!.id });
    expect(transition).toMatchObject({ to: { status: null }, reason: 'unassigned', actor: 'admin:a@b.c' });

    // BigCommerce: purchase disabled for the whole product, once the outbox is delivered.
    expect(world.jobs.named('outbox.deliver').length).toBeGreaterThan(0);
    await deliverOutbox(world.deps, { storeId: world.storeId });
    // …and the merchant's own per-order maximum (none) comes back.
    expect(world.shop.productChanges()).toEqual([
      { bcProductId: product.id, availability: 'disabled', orderQuantityMaximum: 0 },
    ]);
    expect(world.shop.product(product.id)).toMatchObject({ availability: 'disabled', tracking: 'none' });

    // The CSV's data, with the variants named as the merchant knows them.
    const unassigned = async () =>
      (await world.repos.notifications.listNotifications(world.storeId)).filter(
        (n) => n.event === 'unassigned',
      );
    const notes = await unassigned();
    expect(notes).toHaveLength(1);
    expect(notes[0]!.payload).toMatchObject({
      product: { bcProductId: product.id, name: 'Jacket', sku: 'JKT' },
      items: expect.arrayContaining([
        expect.objectContaining({ variant: 'Size: M', stock: -1, backordered: 1, sku: 'JKT-M' }),
      ]),
    });

    // Unassigning again is refused and sends nothing more.
    expect(
      await unassignProduct(world.deps, { storeId: world.storeId, bcProductId: product.id }),
    ).toMatchObject({
      ok: false,
      code: ASSIGNMENT_CODES.notAssigned,
    });
    expect(await unassigned()).toHaveLength(1);

    // Assigned again: the same items carry on, the product is purchasable again.
    const again = await assignProducts(world.deps, { storeId: world.storeId, productIds: [product.id] });
    // BigCommerce no longer counts its stock (the app turned tracking off): each item starts from the
    // stock the app counted when it was unassigned.
    expect(again.ok && again.results[0]).toMatchObject({
      ok: true,
      itemCount: 3,
      warnings: [ASSIGNMENT_WARNINGS.stockFromLedger],
    });
    const reassigned = await world.repos.items.listItems(world.storeId, { productId });
    expect(reassigned.map((i) => i.id).sort()).toEqual(items.map((i) => i.id).sort());
    expect(reassigned.every((i) => i.active)).toBe(true);
    expect(Object.fromEntries(reassigned.map((i) => [i.sku, i.stock]))).toEqual({
      'JKT-S': 3,
      'JKT-M': -1,
      'JKT-L': 7,
    });
    // What BigCommerce had before the app ever touched the product.
    expect((await world.repos.products.getProduct(world.storeId, productId))?.originalSettings).toMatchObject(
      {
        inventory_tracking: 'variant',
        availability: 'available',
      },
    );
    await deliverOutbox(world.deps, { storeId: world.storeId });
    const back = world.shop.product(product.id)!;
    expect(back.availability).toBe('available');
    expect(back.variants.every((v) => v.purchasable)).toBe(true);
  });

  it('disables a product without variants through its availability', async () => {
    const world = await aStoreOnFakes();
    const { product } = await anAssigned(world, aCatalogProduct({ tracking: 'product', stockLevel: 9 }));
    expect(world.shop.product(product.id)?.availability).toBe('available');

    const result = await unassignProduct(world.deps, { storeId: world.storeId, bcProductId: product.id });

    expect(result.ok && result.items).toEqual([
      expect.objectContaining({ bcVariantId: null, variant: null, stock: 9, backordered: 0 }),
    ]);
    await deliverOutbox(world.deps, { storeId: world.storeId });
    expect(world.shop.product(product.id)?.availability).toBe('disabled');
  });

  it('emails the stock data without variant names when BigCommerce cannot be read for them', async () => {
    const world = await aStoreOnFakes();
    const { product } = await anAssigned(world, aSizedProduct({ S: 1 }, { sku: 'CAP' }));
    world.shop.fail({ method: 'getProduct' });

    const result = await unassignProduct(world.deps, { storeId: world.storeId, bcProductId: product.id });

    expect(result.ok && result.items).toEqual([expect.objectContaining({ sku: 'CAP-S', variant: null })]);
    expect(world.errors.map((e) => e.context)).toEqual([`reading variant names of product ${product.id}`]);
  });

  it('quietly unassigns a product deleted in BigCommerce: no BigCommerce write, no email', async () => {
    const world = await aStoreOnFakes();
    const { product, productId } = await anAssigned(
      world,
      aCatalogProduct({ tracking: 'product', stockLevel: 2 }),
    );
    world.shop.deleteProduct(product.id);

    const result = await unassignProduct(world.deps, {
      storeId: world.storeId,
      bcProductId: product.id,
      quiet: true,
    });

    expect(result).toMatchObject({ ok: true, productId });
    expect(await world.repos.products.getProduct(world.storeId, productId)).toMatchObject({
      assigned: false,
    });
    const pending = await world.repos.outbox.listPending(world.storeId);
    expect(pending.filter((m) => m.kind === 'setPurchasable')).toEqual([]);
    await deliverOutbox(world.deps, { storeId: world.storeId });
    expect(world.shop.writes).toEqual([]);
    const notes = await world.repos.notifications.listNotifications(world.storeId);
    expect(notes.filter((n) => n.event === 'unassigned')).toEqual([]);
  });

  it('refuses a product that was never assigned', async () => {
    const world = await aStoreOnFakes();
    const product = world.shop.addProduct(aCatalogProduct());
    expect(
      await unassignProduct(world.deps, { storeId: world.storeId, bcProductId: product.id }),
    ).toMatchObject({
      ok: false,
      code: ASSIGNMENT_CODES.notAssigned,
    });
    expect(world.shop.calls).toEqual([]);
  });
});
