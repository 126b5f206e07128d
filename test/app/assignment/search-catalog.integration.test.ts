import { afterAll, beforeAll, expect, it } from 'vitest';
import { createStoreCatalog } from '../../../src/adapters/bigcommerce/index.js';
import { assignProducts } from '../../../src/app/assignment/assign-products.js';
import { ASSIGNMENT_CODES } from '../../../src/app/assignment/assignment-codes.js';
import { type CatalogFilter, searchCatalog } from '../../../src/app/assignment/search-catalog.js';
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

/** A small catalog: two brands, two categories, visible/hidden, available/disabled, stock levels. */
function aCatalog(ctx: StoreContext) {
  const { taxonomy } = harness.sandbox.state;
  const brand = (name: string) => {
    const made = taxonomy.createBrand(ctx.storeHash, { name });
    if (!made.ok) throw new Error(made.message);
    return made.value.id;
  };
  const category = (name: string) => {
    const made = taxonomy.createCategory(ctx.storeHash, { name });
    if (!made.ok) throw new Error(made.message);
    return made.value.id;
  };
  const acme = brand('Acme');
  const globex = brand('Globex');
  const shoes = category('Shoes');
  const hats = category('Hats');
  const ids = {
    redShoe: ctx.createProduct({
      name: 'Red Running Shoe',
      sku: `RED-${ctx.storeHash}`,
      brand_id: acme,
      categories: [shoes],
      inventory_tracking: 'product',
      inventory_level: 3,
    }),
    blueShoe: ctx.createProduct({
      name: 'Blue Running Shoe',
      brand_id: globex,
      categories: [shoes],
      inventory_tracking: 'product',
      inventory_level: 40,
      is_visible: false,
    }),
    hat: ctx.createProduct({
      name: 'Sun Hat',
      brand_id: acme,
      categories: [hats],
      availability: 'disabled',
      ...withSizes({ S: 1, L: 2 }, `HAT-${ctx.storeHash}`),
    }),
    scarf: ctx.createProduct({ name: 'Wool Scarf', inventory_tracking: 'product', inventory_level: 12 }),
  };
  return { ids, acme, globex, shoes, hats };
}

describeEachDatabase('searchCatalog against the sandbox', (db) => {
  it('filters BigCommerce’s catalog by keyword, SKU, brand, category, visibility, availability and stock', async () => {
    const ctx = await aConnectedStore(db(), harness);
    const { ids, acme, shoes } = aCatalog(ctx);
    const search = async (filter: CatalogFilter) => {
      const result = await searchCatalog(ctx.deps, { storeId: ctx.store.id, filter });
      if (!result.ok) throw new Error(result.message);
      return result.products.map((p) => p.bcProductId);
    };

    expect(await search({})).toEqual([ids.redShoe, ids.blueShoe, ids.hat, ids.scarf]);
    expect(await search({ keyword: 'Running' })).toEqual([ids.redShoe, ids.blueShoe]);
    expect(await search({ sku: `RED-${ctx.storeHash}` })).toEqual([ids.redShoe]);
    expect(await search({ brandId: acme })).toEqual([ids.redShoe, ids.hat]);
    expect(await search({ categoryId: shoes })).toEqual([ids.redShoe, ids.blueShoe]);
    expect(await search({ visible: false })).toEqual([ids.blueShoe]);
    expect(await search({ availability: 'disabled' })).toEqual([ids.hat]);
    expect(await search({ stockMin: 10 })).toEqual([ids.blueShoe, ids.scarf]);
    expect(await search({ stockMin: 2, stockMax: 12 })).toEqual([ids.redShoe, ids.hat, ids.scarf]);
    expect(await search({ keyword: 'Shoe', brandId: acme })).toEqual([ids.redShoe]);

    const page = await searchCatalog(ctx.deps, { storeId: ctx.store.id, filter: { keyword: 'Hat' } });
    expect(page.ok && page.products[0]).toMatchObject({
      bcProductId: ids.hat,
      name: 'Sun Hat',
      variantCount: 2,
      inventoryTracking: 'variant',
      inventoryLevel: 3,
      availability: 'disabled',
      assigned: false,
      productId: null,
    });
  });

  it('tells assigned products from the others, and pages', async () => {
    const ctx = await aConnectedStore(db(), harness);
    const { ids } = aCatalog(ctx);
    await assignProducts(ctx.deps, { storeId: ctx.store.id, productIds: [ids.blueShoe, ids.scarf] });

    const assigned = await searchCatalog(ctx.deps, { storeId: ctx.store.id, filter: { assigned: true } });
    expect(assigned.ok && assigned.products.map((p) => [p.bcProductId, p.assigned])).toEqual([
      [ids.blueShoe, true],
      [ids.scarf, true],
    ]);
    expect(assigned.ok && assigned.products[0]!.templateId).toBe(ctx.template.id);
    const unassigned = await searchCatalog(ctx.deps, {
      storeId: ctx.store.id,
      filter: { assigned: false, keyword: 'Shoe' },
    });
    expect(unassigned.ok && unassigned.products.map((p) => p.bcProductId)).toEqual([ids.redShoe]);

    const all = await searchCatalog(ctx.deps, { storeId: ctx.store.id, page: 2, limit: 3, sort: 'name' });
    expect(all.ok && all).toMatchObject({ page: 2, limit: 3, total: 4, totalPages: 2 });
    // By name: Blue Running Shoe, Red Running Shoe, Sun Hat | Wool Scarf.
    expect(all.ok && all.products.map((p) => [p.bcProductId, p.assigned])).toEqual([[ids.scarf, true]]);
  });

  it('refuses a bad filter or page with a code, without asking BigCommerce', async () => {
    const ctx = await aConnectedStore(db(), harness);
    const bad = [
      [{ filter: { colour: 'red' } }, ASSIGNMENT_CODES.invalidFilter],
      [{ filter: { stockMin: 9, stockMax: 1 } }, ASSIGNMENT_CODES.invalidFilter],
      [{ filter: { brandId: -1 } }, ASSIGNMENT_CODES.invalidFilter],
      [{ filter: { keyword: '' } }, ASSIGNMENT_CODES.invalidFilter],
      [{ filter: 'everything' }, ASSIGNMENT_CODES.invalidFilter],
      [{ page: 0 }, ASSIGNMENT_CODES.invalidPage],
      [{ limit: 251 }, ASSIGNMENT_CODES.invalidPage],
      [{ sort: 'price' as never }, ASSIGNMENT_CODES.invalidPage],
    ] as const;
    let asked = 0;
    const deps = {
      ...ctx.deps,
      storeCatalog: createStoreCatalog(async () => {
        asked += 1;
        return ctx.client();
      }),
    };
    for (const [input, code] of bad) {
      expect(await searchCatalog(deps, { storeId: ctx.store.id, ...input })).toMatchObject({
        ok: false,
        code,
      });
    }
    expect(asked).toBe(0);
  });
});
