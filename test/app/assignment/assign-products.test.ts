import { describe, expect, it } from 'vitest';
import { assignProducts } from '../../../src/app/assignment/assign-products.js';
import { ASSIGNMENT_CODES, ASSIGNMENT_WARNINGS } from '../../../src/app/assignment/assignment-codes.js';
import { runBulkAssignment } from '../../../src/app/assignment/bulk-assignment.js';
import { deliverOutbox } from '../../../src/app/outbox/deliver-outbox.js';
import { itemVariantLabel } from '../../../src/app/ports/item-repository.js';
import type { StoreId } from '../../../src/app/ports/store-id.js';
import { aCatalogProduct, aSizedProduct } from '../../builders/catalog.builder.js';
import { aStoreOnFakes, aTemplate } from '../support/store-on-fakes.js';

/**
 * assignProducts (inline) on fakes. Against the sandbox and the databases:
 * assign-products.integration.test.ts; many products in the background: bulk-assignment.test.ts.
 */
const TEMPLATE = { threshold: 5, incomingStock: 12, backInStockDate: '2099-01-31' };

describe('assignProducts', () => {
  it('assigns a product with variants: stock per variant, template values, original settings, tracking off, purchasability written', async () => {
    const world = await aStoreOnFakes({ template: TEMPLATE });
    const strict = await aTemplate(world.repos, world.storeId, {
      name: 'No backorders',
      threshold: 0,
      incomingStock: 4,
      backInStockDate: '2099-05-01',
    });
    const shoe = world.shop.addProduct(
      aSizedProduct({ S: 3, M: 0, L: 7 }, { name: 'Trail Shoe', sku: 'SHOE' }),
    );

    const result = await assignProducts(world.deps, {
      storeId: world.storeId,
      productIds: [shoe.id],
      templateId: strict.id,
      actor: 'admin:merchant@example.com',
    });

    expect(result.ok && result.results).toEqual([
      { bcProductId: shoe.id, ok: true, productId: expect.any(Number), itemCount: 3, warnings: [] },
    ]);
    // The app's side: one item per variant, stock copied per variant, stock defaults from the template.
    const record = await world.repos.products.findProductByBcId(world.storeId, shoe.id);
    expect(record).toMatchObject({ assigned: true, templateId: strict.id, name: 'Trail Shoe' });
    const items = await world.repos.items.listItems(world.storeId, { productId: record!.id });
    const bySku = Object.fromEntries(items.map((i) => [i.sku, i]));
    expect(bySku['SHOE-S']).toMatchObject({
      bcVariantId: shoe.variants[0]!.id,
      stock: 3,
      status: 'in_stock',
    });
    expect(bySku['SHOE-L']).toMatchObject({ stock: 7, status: 'in_stock' });
    // Each item remembers the option value of its variant, as the storefront's product form names it,
    // and its names, as the control panel shows them.
    for (const variant of shoe.variants) {
      const item = items.find((i) => i.bcVariantId === variant.id)!;
      expect(item.optionValues).toEqual(
        variant.options.map((o) => ({
          optionId: o.optionId,
          valueId: o.valueId,
          name: o.name,
          label: o.value,
        })),
      );
      expect(itemVariantLabel(item)).toBe(variant.options.map((o) => `${o.name}: ${o.value}`).join(', '));
    }
    expect(new Set(shoe.variants.map((v) => v.options[0]!.valueId)).size).toBe(3);
    // Out of stock with a threshold of 0: no backorders allowed, so unavailable.
    expect(bySku['SHOE-M']).toMatchObject({ stock: 0, status: 'unavailable', block: 'threshold' });
    for (const item of items) {
      expect(item).toMatchObject({
        threshold: 0,
        incoming: 4,
        backInStockDate: '2099-05-01',
        backordered: 0,
      });
    }
    // The original settings, as BigCommerce had them.
    expect(record!.originalSettings).toMatchObject({
      inventory_tracking: 'variant',
      availability: 'available',
      variants: expect.arrayContaining([
        expect.objectContaining({ sku: 'SHOE-M', inventory_level: 0, purchasing_disabled: false }),
        expect.objectContaining({ sku: 'SHOE-L', inventory_level: 7 }),
      ]),
    });

    // BigCommerce: tracking off and purchasability in one pass (nothing left for the outbox).
    expect(world.shop.productChanges()).toEqual([{ bcProductId: shoe.id, tracking: 'none' }]);
    expect(world.shop.variantChanges()).toEqual([
      expect.objectContaining({ bcVariantId: shoe.variants[1]!.id, purchasable: false }),
    ]);
    expect(await deliverOutbox(world.deps, { storeId: world.storeId })).toMatchObject({
      claimed: 0,
      delivered: 0,
      failed: 0,
    });
    const after = world.shop.product(shoe.id)!;
    expect(after.variants.map((v) => [v.sku, v.purchasable])).toEqual([
      ['SHOE-S', true],
      ['SHOE-M', false],
      ['SHOE-L', true],
    ]);
    expect(after.variants[1]!.unavailableMessage).not.toBe('');
    expect(after).toMatchObject({ tracking: 'none', availability: 'available' });

    // The merchant is told; the run's job is queued to resume it should this process have died.
    const notes = await world.repos.notifications.listNotifications(world.storeId);
    expect(notes.filter((n) => n.event === 'assigned')).toEqual([
      expect.objectContaining({
        payload: { products: [{ bcProductId: shoe.id, name: 'Trail Shoe', sku: 'SHOE', itemCount: 3 }] },
      }),
    ]);
    expect(world.jobs.named('assignment.bulk')).toEqual([
      expect.objectContaining({ payload: { storeId: world.storeId, runId: result.ok && result.runId } }),
    ]);
    const run = await world.repos.assignmentRuns.getRun(world.storeId, result.ok ? result.runId : 0);
    expect(run).toMatchObject({ status: 'done', actor: 'admin:merchant@example.com' });
  });

  it('assigns products without variants: the product is the item; untracked stock starts at 0', async () => {
    const world = await aStoreOnFakes({ template: TEMPLATE });
    const mug = world.shop.addProduct(aCatalogProduct({ name: 'Mug', tracking: 'product', stockLevel: 4 }));
    const poster = world.shop.addProduct(aCatalogProduct({ name: 'Poster', availability: 'disabled' }));

    const result = await assignProducts(world.deps, {
      storeId: world.storeId,
      productIds: [mug.id, poster.id],
    });

    expect(result.ok && result.results).toEqual([
      { bcProductId: mug.id, ok: true, productId: expect.any(Number), itemCount: 1, warnings: [] },
      {
        bcProductId: poster.id,
        ok: true,
        productId: expect.any(Number),
        itemCount: 1,
        warnings: [ASSIGNMENT_WARNINGS.stockNotTracked],
      },
    ]);
    expect(await world.repos.items.findItemByBcIds(world.storeId, mug.id, null)).toMatchObject({
      stock: 4,
      status: 'in_stock',
      threshold: 5,
      incoming: 12,
      backInStockDate: '2099-01-31',
    });
    expect(await world.repos.items.findItemByBcIds(world.storeId, poster.id, null)).toMatchObject({
      stock: 0,
      status: 'backorder',
    });
    // One write per product, tracking and purchasability together: tracking off for the mug, the
    // poster made available.
    expect(world.shop.productChanges()).toEqual(
      expect.arrayContaining([
        { bcProductId: mug.id, tracking: 'none' },
        expect.objectContaining({ bcProductId: poster.id, availability: 'available' }),
      ]),
    );
    await deliverOutbox(world.deps, { storeId: world.storeId });
    // The poster can now be backordered: the app made it purchasable.
    expect(world.shop.product(poster.id)?.availability).toBe('available');
    expect(world.shop.product(mug.id)?.availability).toBe('available');
  });

  it('makes a product with variants that was disabled available as a whole: its variants are the app’s now', async () => {
    const world = await aStoreOnFakes();
    const hat = world.shop.addProduct(
      aSizedProduct({ S: 1 }, { tracking: 'none', availability: 'disabled' }),
    );

    await assignProducts(world.deps, { storeId: world.storeId, productIds: [hat.id] });

    // Tracking is already off: only the availability is written.
    expect(world.shop.productChanges()).toEqual([{ bcProductId: hat.id, availability: 'available' }]);
  });

  it('refuses, per product, one already assigned and one BigCommerce does not have; the others are assigned', async () => {
    const world = await aStoreOnFakes();
    const first = world.shop.addProduct(aCatalogProduct({ tracking: 'product', stockLevel: 2 }));
    const second = world.shop.addProduct(aCatalogProduct({ tracking: 'product', stockLevel: 6 }));
    await assignProducts(world.deps, { storeId: world.storeId, productIds: [first.id] });
    const item = await world.repos.items.findItemByBcIds(world.storeId, first.id, null);
    const ledgerBefore = await world.repos.history.listLedger(world.storeId, { itemId: item!.id });

    const again = await assignProducts(world.deps, {
      storeId: world.storeId,
      productIds: [first.id, 987_654, second.id],
    });

    expect(again.ok && again.results).toEqual([
      {
        bcProductId: first.id,
        ok: false,
        code: ASSIGNMENT_CODES.alreadyAssigned,
        message: expect.any(String),
      },
      {
        bcProductId: 987_654,
        ok: false,
        code: ASSIGNMENT_CODES.productNotFound,
        message: expect.any(String),
      },
      { bcProductId: second.id, ok: true, productId: expect.any(Number), itemCount: 1, warnings: [] },
    ]);
    expect(await world.repos.items.getItem(world.storeId, item!.id)).toMatchObject({
      stock: 2,
      active: true,
    });
    expect(await world.repos.history.listLedger(world.storeId, { itemId: item!.id })).toEqual(ledgerBefore);
  });

  it('assigns, and says so, when BigCommerce cannot turn tracking off (the product vanished meanwhile)', async () => {
    const world = await aStoreOnFakes();
    const mug = world.shop.addProduct(aCatalogProduct({ tracking: 'product', stockLevel: 3 }));
    const catalog = world.deps.storeCatalog;
    // The product is deleted between the read and the write.
    const vanishing: typeof catalog = Object.assign(Object.create(catalog), {
      updateProducts: async (storeId: StoreId, changes: Parameters<typeof catalog.updateProducts>[1]) => {
        world.shop.deleteProduct(mug.id);
        return catalog.updateProducts(storeId, changes);
      },
    });

    const result = await assignProducts(
      { ...world.deps, storeCatalog: vanishing },
      { storeId: world.storeId, productIds: [mug.id] },
    );

    expect(result.ok && result.results).toEqual([
      {
        bcProductId: mug.id,
        ok: true,
        productId: expect.any(Number),
        itemCount: 1,
        warnings: [ASSIGNMENT_WARNINGS.trackingNotTurnedOff],
      },
    ]);
    expect(world.errors.map((e) => e.context)).toEqual([
      `turning inventory tracking off for product ${mug.id}`,
    ]);
  });

  it('refuses bad input with a code and changes nothing', async () => {
    const world = await aStoreOnFakes();
    const product = world.shop.addProduct(aCatalogProduct());
    const cases = [
      [{ productIds: [] }, ASSIGNMENT_CODES.noProducts],
      [{ productIds: [0] }, ASSIGNMENT_CODES.invalidProductId],
      [{ productIds: [1.5] }, ASSIGNMENT_CODES.invalidProductId],
      [{ productIds: Array.from({ length: 251 }, (_, i) => i + 1) }, ASSIGNMENT_CODES.tooManyProducts],
      [{ productIds: [product.id], templateId: 99_999_999 }, ASSIGNMENT_CODES.templateNotFound],
    ] as const;
    for (const [input, code] of cases) {
      expect(await assignProducts(world.deps, { storeId: world.storeId, ...input })).toMatchObject({
        ok: false,
        code,
      });
    }
    expect(await world.repos.assignmentRuns.listRuns(world.storeId)).toEqual([]);
    expect(await world.repos.products.findProductByBcId(world.storeId, product.id)).toBeNull();
    expect(world.shop.calls).toEqual([]);
  });

  it('fails on an outage, and the run’s queued job finishes the assignment once BigCommerce answers', async () => {
    const world = await aStoreOnFakes();
    const mug = world.shop.addProduct(aCatalogProduct({ tracking: 'product', stockLevel: 3 }));
    world.shop.goDown();

    await expect(
      assignProducts(world.deps, { storeId: world.storeId, productIds: [mug.id] }),
    ).rejects.toMatchObject({ code: 'BIGCOMMERCE.SERVER_ERROR' });

    world.shop.recover();
    const [job] = world.jobs.named('assignment.bulk');
    await runBulkAssignment(world.deps, job!.payload as { storeId: StoreId; runId: number });
    expect(await world.repos.items.findItemByBcIds(world.storeId, mug.id, null)).toMatchObject({ stock: 3 });
    expect(world.shop.product(mug.id)?.tracking).toBe('none');
  });
});
