import { describe, expect, it } from 'vitest';
import { listCatalogBrands } from '../../../src/app/assignment/list-catalog-brands.js';
import { listCatalogCategories } from '../../../src/app/assignment/list-catalog-categories.js';
import type { StoreCategory } from '../../../src/app/ports/store-catalog.js';
import type { StoreId } from '../../../src/app/ports/store-id.js';
import { aStoreOnFakes } from '../support/store-on-fakes.js';

describe('the catalog search’s filter choices', () => {
  it('lists brands by name', async () => {
    const world = await aStoreOnFakes();
    const zed = world.shop.brand('zed');
    const acme = world.shop.brand('Acme');
    const beta = world.shop.brand('beta 10');
    const beta2 = world.shop.brand('beta 9');
    expect(await listCatalogBrands(world.deps, { storeId: world.storeId })).toEqual([
      { id: acme, name: 'Acme' },
      { id: beta2, name: 'beta 9' },
      { id: beta, name: 'beta 10' },
      { id: zed, name: 'zed' },
    ]);
  });

  it('lists categories as a tree in reading order, each with its path', async () => {
    const world = await aStoreOnFakes();
    const coffee = world.shop.category('Coffee');
    const camping = world.shop.category('Camping');
    const tents = world.shop.category('Tents', camping);
    const beans = world.shop.category('Beans', coffee);
    const cooking = world.shop.category('Cooking', camping);
    expect(await listCatalogCategories(world.deps, { storeId: world.storeId })).toEqual([
      { id: camping, name: 'Camping', parentId: 0, path: ['Camping'] },
      { id: cooking, name: 'Cooking', parentId: camping, path: ['Camping', 'Cooking'] },
      { id: tents, name: 'Tents', parentId: camping, path: ['Camping', 'Tents'] },
      { id: coffee, name: 'Coffee', parentId: 0, path: ['Coffee'] },
      { id: beans, name: 'Beans', parentId: coffee, path: ['Coffee', 'Beans'] },
    ]);
  });

  it('shows a category whose parent is missing at the top, and one in a loop of parents once', async () => {
    const categories: StoreCategory[] = [
      { id: 1, name: 'Orphan', parentId: 99 },
      { id: 2, name: 'Loop A', parentId: 3 },
      { id: 3, name: 'Loop B', parentId: 2 },
    ];
    const deps = { storeCatalog: { listCategories: async () => categories } };
    expect(await listCatalogCategories(deps, { storeId: 1 as StoreId })).toEqual([
      { id: 1, name: 'Orphan', parentId: 99, path: ['Orphan'] },
      { id: 2, name: 'Loop A', parentId: 3, path: ['Loop A'] },
      { id: 3, name: 'Loop B', parentId: 2, path: ['Loop B'] },
    ]);
  });
});
