import { describe, expect, it } from 'vitest';
import { unassignProduct } from '../../../src/app/assignment/unassign-product.js';
import { applyItemEvent } from '../../../src/app/items/apply-item-event.js';
import { deliverLevels } from '../../../src/app/outbox/deliver-levels.js';
import type { ItemRecord } from '../../../src/app/ports/item-repository.js';
import { aCatalogProduct, aSizedProduct } from '../../builders/catalog.builder.js';
import { inventoryChanged } from '../../builders/webhook.builder.js';
import { aStoreOnFakes, assigned, deliver, type StoreOnFakes } from '../support/store-on-fakes.js';

/**
 * handleInventoryChanged on fakes (store/product/inventory/updated, store/sku/inventory/updated with
 * their method and value). Cap at checkout: the app's own write is its echo and changes nothing; an
 * absolute level is an ERP's count, taken as the stock, and the level moved back to the units still
 * sellable; a relative change moves the stock by as much. Other modes: a change of the product, re-read.
 */
const later = (world: StoreOnFakes) => {
  world.clock.advance(1_000);
  return { at: world.clock.now() };
};

async function aCappedItem(world: StoreOnFakes, stock: number, threshold: number) {
  // BigCommerce's level is the units still sellable (S = 0), as the assignment left it.
  const product = world.shop.addProduct(
    aCatalogProduct({ tracking: 'product', stockLevel: stock + threshold }),
  );
  const [item] = await assigned(world, product, stock, { threshold });
  return { item: item!, product, level: () => world.shop.product(product.id)!.stockLevel };
}

const current = async (world: StoreOnFakes, item: ItemRecord) =>
  (await world.repos.items.getItem(world.storeId, item.id))!;
const levelDeltas = async (world: StoreOnFakes) =>
  (await world.repos.outbox.listPending(world.storeId)).flatMap((m) =>
    m.payload.effect.kind === 'adjustLevel' ? [m.payload.effect.delta] : [],
  );

describe('inventory webhooks in cap at checkout', () => {
  it('recognises the app’s own write once; the same change again is someone else’s', async () => {
    const world = await aStoreOnFakes({ settings: { inventoryMode: 'capped' } });
    const { item, level } = await aCappedItem(world, 3, 5);
    await applyItemEvent(world.repos, {
      storeId: world.storeId,
      itemId: item.id,
      idempotencyKey: 'edit:1',
      cause: { type: 'api_request', ref: null },
      actor: 'api-key:test',
      now: world.clock.now(),
      event: { kind: 'edited', source: 'api', threshold: 2 },
    });
    await deliverLevels(world.deps, { storeId: world.storeId });
    expect(level()).toBe(5);
    const totals = await world.repos.history.ledgerTotals(world.storeId, item.id);

    // BigCommerce's webhook of that write: the app's own echo.
    expect(await deliver(world, inventoryChanged(item, 'relative', -3, later(world)))).toBe('processed');
    expect(await world.repos.history.ledgerTotals(world.storeId, item.id)).toEqual(totals);
    expect(await current(world, item)).toMatchObject({ stock: 3, cappedLevel: 5 });

    // Another −3, not written by the app: 3 units taken out of stock in BigCommerce.
    expect(await deliver(world, inventoryChanged(item, 'relative', -3, later(world)))).toBe('processed');
    expect(await current(world, item)).toMatchObject({ stock: 0, status: 'backorder', cappedLevel: 2 });
    // BigCommerce already took the 3 off its level: nothing to write.
    expect(await levelDeltas(world)).toEqual([]);
  });

  it('takes an absolute level as the new stock and moves the level back to the sellable units', async () => {
    const world = await aStoreOnFakes({ settings: { inventoryMode: 'capped' } });
    const { item } = await aCappedItem(world, 3, 5);
    world.shop.applyProductChange({ bcProductId: item.bcProductId, stockLevel: 12 });

    expect(await deliver(world, inventoryChanged(item, 'absolute', 12, later(world)))).toBe('processed');

    expect(await current(world, item)).toMatchObject({ stock: 12, cappedLevel: 17 });
    const [sync] = await world.repos.history.listLedger(world.storeId, { itemId: item.id });
    expect(sync).toMatchObject({ kind: 'sync', delta: 9, actor: 'bigcommerce' });
    // 12 is BigCommerce's level now; the allowance T = 5 goes back on top.
    expect(await levelDeltas(world)).toEqual([5]);
    expect(world.jobs.named('outbox.deliver').length).toBeGreaterThan(0);
  });

  it('moves the stock by a relative change, the level staying what BigCommerce made it', async () => {
    const world = await aStoreOnFakes({ settings: { inventoryMode: 'capped' } });
    const sized = world.shop.addProduct(aSizedProduct({ S: 5 }, { sku: 'INV' }));
    const [item] = await assigned(world, sized, { 'INV-S': 0 }, { threshold: 5 });
    // Two backordered.
    await applyItemEvent(world.repos, {
      storeId: world.storeId,
      itemId: item!.id,
      idempotencyKey: 'order:1:line:1:sale',
      cause: { type: 'order_line', ref: 'order:1:line:1' },
      actor: 'bigcommerce',
      now: world.clock.now(),
      event: { kind: 'sold', quantity: 2 },
      orderLine: { bcOrderId: 1, bcOrderProductId: 1 },
    });
    expect(await current(world, item!)).toMatchObject({ stock: -2, backordered: 2, cappedLevel: 3 });

    // 10 units received in BigCommerce: stock 8, above S — the episode ends, B is back to 0, and the
    // full allowance T is sellable again on top of the 8.
    expect(await deliver(world, inventoryChanged(item!, 'relative', 10, later(world)))).toBe('processed');

    expect(await current(world, item!)).toMatchObject({
      stock: 8,
      backordered: 0,
      status: 'in_stock',
      cappedLevel: 13,
    });
    // BigCommerce holds 3 + 10 = 13 already.
    expect(await levelDeltas(world)).toEqual([]);
  });

  it('ignores a change of an item the app no longer holds a level for', async () => {
    const world = await aStoreOnFakes({ settings: { inventoryMode: 'capped' } });
    const { item, product } = await aCappedItem(world, 3, 5);
    await unassignProduct(world.deps, { storeId: world.storeId, bcProductId: product.id, quiet: true });
    const totals = await world.repos.history.ledgerTotals(world.storeId, item.id);

    expect(await deliver(world, inventoryChanged(item, 'absolute', 40, later(world)))).toBe('processed');

    expect(await world.repos.history.ledgerTotals(world.storeId, item.id)).toEqual(totals);
    expect(await current(world, item)).toMatchObject({ active: false, stock: 0 });
  });

  it('in the emulated mode, re-reads the product instead of using the webhook’s numbers', async () => {
    const world = await aStoreOnFakes();
    const product = world.shop.addProduct(aCatalogProduct());
    const [item] = await assigned(world, product, 2);
    world.shop.editProduct(product.id, { tracking: 'product', stockLevel: 7 });

    expect(await deliver(world, inventoryChanged(item!, 'relative', 100, later(world)))).toBe('processed');

    expect(await current(world, item!)).toMatchObject({ stock: 7, cappedLevel: null });
    // The emulated mode keeps tracking off.
    expect(world.shop.product(product.id)?.tracking).toBe('none');
  });
});
