import { describe, expect, it } from 'vitest';
import { assignProducts } from '../../../src/app/assignment/assign-products.js';
import { deliverOutbox } from '../../../src/app/outbox/deliver-outbox.js';
import { CATALOG_ECHO_WINDOW_MS } from '../../../src/app/webhooks/product-changed.js';
import { aCatalogProduct } from '../../builders/catalog.builder.js';
import { productInventoryUpdated, productUpdated } from '../../builders/webhook.builder.js';
import { aStoreOnFakes, deliver, type StoreOnFakes } from '../support/store-on-fakes.js';

/**
 * The echo of the app's own product writes (issue 12.2): each write leaves a record (CatalogEchoes), and
 * the store/product/updated webhook it causes takes it instead of re-reading the product; a change by
 * someone else finds no record and is re-read.
 */
const later = (world: StoreOnFakes, ms = 1_000) => {
  world.clock.advance(ms);
  return { at: world.clock.now() };
};
const reads = (world: StoreOnFakes) =>
  world.shop.calls.filter((c) => c === 'getProduct' || c === 'getProducts').length;

async function anAssignedTrackedProduct(world: StoreOnFakes) {
  const product = world.shop.addProduct(aCatalogProduct({ tracking: 'product', stockLevel: 0 }));
  const result = await assignProducts(world.deps, { storeId: world.storeId, productIds: [product.id] });
  expect(result.ok && result.results[0]).toMatchObject({ ok: true });
  // The assignment wrote the product (tracking off): one write, so one echo to come.
  expect(world.shop.productChanges()).toEqual([
    expect.objectContaining({ bcProductId: product.id, tracking: 'none' }),
  ]);
  return product;
}

describe('the echo of the app’s own product writes', () => {
  it('skips the re-read for the webhook of the app’s write, and re-reads a change by someone else', async () => {
    const world = await aStoreOnFakes();
    const product = await anAssignedTrackedProduct(world);
    const before = reads(world);

    // The echo of the assignment's write: nothing is read.
    expect(await deliver(world, productUpdated(product.id, later(world)))).toBe('processed');
    expect(reads(world)).toBe(before);

    // An ERP turns tracking on and writes a level: no record of it, so the product is re-read.
    world.shop.editProduct(product.id, { tracking: 'product', stockLevel: 9 });
    expect(await deliver(world, productUpdated(product.id, later(world)))).toBe('processed');
    expect(reads(world)).toBe(before + 1);
    const [item] = await world.repos.items.listItems(world.storeId, { limit: 10 });
    expect(item).toMatchObject({ stock: 9 });
    // The sync turned tracking off again. Its echo is re-read (a write made in answer to a webhook is not
    // recorded: its webhook may share the second, and so the event key, of the one that caused it), and
    // changes nothing.
    expect(world.shop.product(product.id)?.tracking).toBe('none');
    const writes = world.shop.productChanges().length;
    expect(await deliver(world, productUpdated(product.id, later(world)))).toBe('processed');
    expect(reads(world)).toBe(before + 2);
    expect(world.shop.productChanges()).toHaveLength(writes);
  });

  it('the outbox’s product writes are recognised as well', async () => {
    const world = await aStoreOnFakes();
    const product = await anAssignedTrackedProduct(world);
    expect(await deliver(world, productUpdated(product.id, later(world)))).toBe('processed');
    // The merchant disables the item (out of stock) in the app; the outbox writes the product's availability.
    const [item] = await world.repos.items.listItems(world.storeId, { limit: 10 });
    const { applyItemEvent } = await import('../../../src/app/items/apply-item-event.js');
    await applyItemEvent(world.repos, {
      storeId: world.storeId,
      itemId: item!.id,
      idempotencyKey: 'test:disable',
      cause: { type: 'admin_action', ref: null },
      actor: 'admin:a@b.c',
      now: world.clock.now(),
      event: { kind: 'disabled' },
    });
    expect(await deliverOutbox(world.deps, { storeId: world.storeId })).toMatchObject({ delivered: 1 });
    const before = reads(world);
    expect(await deliver(world, productUpdated(product.id, later(world)))).toBe('processed');
    expect(reads(world)).toBe(before);
  });

  it('an inventory webhook does not take the record of a product write', async () => {
    const world = await aStoreOnFakes();
    const product = await anAssignedTrackedProduct(world);
    const before = reads(world);
    expect(await deliver(world, productInventoryUpdated(product.id))).toBe('processed');
    expect(reads(world)).toBe(before + 1);
    expect(await deliver(world, productUpdated(product.id, later(world)))).toBe('processed');
    expect(reads(world)).toBe(before + 1);
  });

  it('a record older than the echo window is not taken: the change is re-read', async () => {
    const world = await aStoreOnFakes();
    const product = await anAssignedTrackedProduct(world);
    const before = reads(world);
    expect(await deliver(world, productUpdated(product.id, later(world, CATALOG_ECHO_WINDOW_MS + 1)))).toBe(
      'processed',
    );
    expect(reads(world)).toBe(before + 1);
  });
});
