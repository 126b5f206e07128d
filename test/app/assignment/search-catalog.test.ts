import { describe, expect, it } from 'vitest';
import { assignProducts } from '../../../src/app/assignment/assign-products.js';
import { ASSIGNMENT_CODES } from '../../../src/app/assignment/assignment-codes.js';
import { type CatalogFilter, searchCatalog } from '../../../src/app/assignment/search-catalog.js';
import { unassignProduct } from '../../../src/app/assignment/unassign-product.js';
import { aCatalogProduct, aSizedProduct } from '../../builders/catalog.builder.js';
import { aStoreOnFakes, aTemplate, type StoreOnFakes } from '../support/store-on-fakes.js';

/**
 * searchCatalog (the Assignment screen's search) on fakes: BigCommerce's catalog filtered, joined with
 * what only the app knows (assigned or not). Against the sandbox: search-catalog.integration.test.ts.
 */

/** Two brands, two categories, visible/hidden, available/disabled, levels 3, 40, 1+2 and 12. */
async function aCatalog() {
  const world = await aStoreOnFakes();
  const { shop } = world;
  const acme = shop.brand('Acme');
  const globex = shop.brand('Globex');
  const shoes = shop.category('Shoes');
  const hats = shop.category('Hats');
  const ids = {
    redShoe: shop.addProduct({
      name: 'Red Running Shoe',
      sku: 'RED',
      brandId: acme,
      categoryIds: [shoes],
      tracking: 'product',
      stockLevel: 3,
    }).id,
    blueShoe: shop.addProduct({
      name: 'Blue Running Shoe',
      sku: 'BLUE',
      brandId: globex,
      categoryIds: [shoes],
      tracking: 'product',
      stockLevel: 40,
      visible: false,
    }).id,
    hat: shop.addProduct(
      aSizedProduct(
        { S: 1, L: 2 },
        { name: 'Sun Hat', sku: 'HAT', brandId: acme, categoryIds: [hats], availability: 'disabled' },
      ),
    ).id,
    scarf: shop.addProduct({ name: 'Wool Scarf', sku: 'WOOL', tracking: 'product', stockLevel: 12 }).id,
  };
  return { world, ids, acme, shoes };
}

const found = async (world: StoreOnFakes, input: Omit<Parameters<typeof searchCatalog>[1], 'storeId'>) => {
  const result = await searchCatalog(world.deps, { storeId: world.storeId, ...input });
  if (!result.ok) throw new Error(result.message);
  return result;
};

describe('searchCatalog', () => {
  it('filters the catalog by keyword, SKU, brand, category, visibility, availability and stock', async () => {
    const { world, ids, acme, shoes } = await aCatalog();
    const search = async (filter: CatalogFilter) =>
      (await found(world, { filter })).products.map((p) => p.bcProductId);

    expect(await search({})).toEqual([ids.redShoe, ids.blueShoe, ids.hat, ids.scarf]);
    expect(await search({ keyword: 'Running' })).toEqual([ids.redShoe, ids.blueShoe]);
    expect(await search({ sku: 'RED' })).toEqual([ids.redShoe]);
    expect(await search({ brandId: acme })).toEqual([ids.redShoe, ids.hat]);
    expect(await search({ categoryId: shoes })).toEqual([ids.redShoe, ids.blueShoe]);
    expect(await search({ visible: false })).toEqual([ids.blueShoe]);
    expect(await search({ availability: 'disabled' })).toEqual([ids.hat]);
    expect(await search({ stockMin: 10 })).toEqual([ids.blueShoe, ids.scarf]);
    expect(await search({ stockMin: 2, stockMax: 12 })).toEqual([ids.redShoe, ids.hat, ids.scarf]);
    expect(await search({ keyword: 'Shoe', brandId: acme })).toEqual([ids.redShoe]);

    const [hat] = (await found(world, { filter: { keyword: 'Hat' } })).products;
    expect(hat).toEqual({
      bcProductId: ids.hat,
      name: 'Sun Hat',
      sku: 'HAT',
      brandId: acme,
      categories: [expect.any(Number)],
      visible: true,
      availability: 'disabled',
      inventoryTracking: 'variant',
      inventoryLevel: 3,
      variantCount: 2,
      assigned: false,
      productId: null,
      templateId: null,
    });
  });

  it('tells assigned products from the others, sorts and pages', async () => {
    const { world, ids } = await aCatalog();
    const template = await aTemplate(world.repos, world.storeId);
    await assignProducts(world.deps, { storeId: world.storeId, productIds: [ids.blueShoe, ids.scarf] });

    const assigned = await found(world, { filter: { assigned: true } });
    expect(assigned.products.map((p) => [p.bcProductId, p.assigned, p.templateId])).toEqual([
      [ids.blueShoe, true, template.id],
      [ids.scarf, true, template.id],
    ]);
    const unassigned = await found(world, { filter: { assigned: false, keyword: 'Shoe' } });
    expect(unassigned.products.map((p) => p.bcProductId)).toEqual([ids.redShoe]);

    const page = await found(world, { page: 2, limit: 3, sort: 'name' });
    expect(page).toMatchObject({ page: 2, limit: 3, total: 4, totalPages: 2 });
    // By name: Blue Running Shoe, Red Running Shoe, Sun Hat | Wool Scarf.
    expect(page.products.map((p) => [p.bcProductId, p.assigned])).toEqual([[ids.scarf, true]]);
    const byStock = await found(world, { sort: 'inventory_level', direction: 'desc' });
    expect(byStock.products.map((p) => p.bcProductId)).toEqual([
      ids.blueShoe,
      ids.scarf,
      ids.redShoe,
      ids.hat,
    ]);
  });

  it('shows a product unassigned since as not assigned, with the app’s record of it', async () => {
    const { world, ids } = await aCatalog();
    await assignProducts(world.deps, { storeId: world.storeId, productIds: [ids.scarf] });
    await unassignProduct(world.deps, { storeId: world.storeId, bcProductId: ids.scarf });

    const [scarf] = (await found(world, { filter: { assigned: false, keyword: 'Scarf' } })).products;
    expect(scarf).toMatchObject({ bcProductId: ids.scarf, assigned: false, productId: expect.any(Number) });
  });

  it('with more products assigned than one id filter takes: pages of either kind, sorted, with their totals', async () => {
    const world = await aStoreOnFakes();
    const ids = Array.from(
      { length: 260 },
      (_, n) => world.shop.addProduct(aCatalogProduct({ name: `Item ${String(n).padStart(3, '0')}` })).id,
    );
    const chunk = async (productIds: number[]) =>
      assignProducts(world.deps, { storeId: world.storeId, productIds });
    await chunk(ids.slice(0, 250));
    await chunk(ids.slice(250, 255));
    const left = ids.slice(255);

    const unassigned = await found(world, { filter: { assigned: false }, limit: 2, page: 2 });
    expect(unassigned).toMatchObject({ total: 5, totalPages: 3 });
    expect(unassigned.products.map((p) => p.bcProductId)).toEqual(left.slice(2, 4));
    const assigned = await found(world, {
      filter: { assigned: true },
      sort: 'name',
      direction: 'desc',
      limit: 10,
    });
    expect(assigned.total).toBe(255);
    expect(assigned.products.map((p) => p.bcProductId)).toEqual(ids.slice(245, 255).reverse());
  });

  it('refuses a bad filter or page with a code, without asking BigCommerce', async () => {
    const world = await aStoreOnFakes();
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
    for (const [input, code] of bad) {
      expect(await searchCatalog(world.deps, { storeId: world.storeId, ...input })).toMatchObject({
        ok: false,
        code,
      });
    }
    expect(world.shop.calls).toEqual([]);
  });
});
