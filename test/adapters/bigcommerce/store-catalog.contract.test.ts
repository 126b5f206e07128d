import { expect, it } from 'vitest';
import type { ProductSearch, StoreProduct } from '../../../src/app/ports/store-catalog.js';
import { StoreNotConnectedError } from '../../../src/app/ports/store-not-connected.js';
import { aCatalogProduct, aSizedProduct } from '../../builders/catalog.builder.js';
import { describeEachStore, type TargetStore } from './support/store-targets.js';

/**
 * StoreCatalog's contract: what the use cases rely on, held on the real adapter over the sandbox and on
 * the in-memory fake alike (test/adapters/bigcommerce/support/store-targets.ts).
 */
const collect = async <T>(items: AsyncIterable<T>) => {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
};

describeEachStore('StoreCatalog', (target) => {
  it('reads a product with variants in the app’s terms: its fields, options, levels and purchasability', async () => {
    const shop = await target().aStore();
    const brand = await shop.brand(`Acme ${shop.storeId}`);
    const [hats, shoes] = [await shop.category('Hats'), await shop.category('Shoes')];
    const created = await shop.product(
      aSizedProduct(
        { S: 3, M: 0 },
        {
          name: `Trail Shoe ${shop.storeId}`,
          sku: `TRAIL-${shop.storeId}`,
          brandId: brand,
          categoryIds: [shoes, hats],
          visible: false,
          availability: 'preorder',
          availabilityDescription: 'Ships in May',
          warningLevel: 2,
          orderQuantityMaximum: 12,
        },
      ),
    );
    const [s, m] = created.variants;
    const sizeOption = s!.options[0]!.optionId;
    expect(sizeOption).toBeGreaterThan(0);
    expect(s!.options[0]!.valueId).not.toBe(m!.options[0]!.valueId);

    const product = await target().catalog.getProduct(shop.storeId, created.id);

    expect(product).toEqual<StoreProduct>({
      id: created.id,
      name: `Trail Shoe ${shop.storeId}`,
      sku: `TRAIL-${shop.storeId}`,
      brandId: brand,
      categoryIds: [hats, shoes].sort((a, b) => a - b),
      visible: false,
      availability: 'preorder',
      availabilityDescription: 'Ships in May',
      tracking: 'variant',
      // Tracked by variant: the product counts its variants' sum.
      stockLevel: 3,
      warningLevel: 2,
      orderQuantityMaximum: 12,
      modifiedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/),
      variants: [
        {
          id: s!.id,
          sku: `TRAIL-${shop.storeId}-S`,
          // The store's ids of the option and its value: one option, a value of its own per variant.
          options: [{ name: 'Size', value: 'S', optionId: sizeOption, valueId: s!.options[0]!.valueId }],
          purchasable: true,
          unavailableMessage: '',
          stockLevel: 3,
          warningLevel: 0,
        },
        {
          id: m!.id,
          sku: `TRAIL-${shop.storeId}-M`,
          options: [{ name: 'Size', value: 'M', optionId: sizeOption, valueId: m!.options[0]!.valueId }],
          purchasable: true,
          unavailableMessage: '',
          stockLevel: 0,
          warningLevel: 0,
        },
      ],
    });
  });

  it('reads a product without options with its one base variant, which shows the product’s SKU and level', async () => {
    const shop = await target().aStore();
    const created = await shop.product(
      aCatalogProduct({ sku: `MUG-${shop.storeId}`, tracking: 'product', stockLevel: 4 }),
    );
    const product = await target().catalog.getProduct(shop.storeId, created.id);
    expect(product).toMatchObject({ tracking: 'product', stockLevel: 4, availability: 'available' });
    expect(product?.variants).toEqual([
      {
        id: expect.any(Number),
        sku: `MUG-${shop.storeId}`,
        options: [],
        purchasable: true,
        unavailableMessage: '',
        stockLevel: 4,
        warningLevel: 0,
      },
    ]);
  });

  it('reads an unknown product as null and leaves it out of a read by ids, which come in id order', async () => {
    const shop = await target().aStore();
    const first = await shop.product(aCatalogProduct());
    const second = await shop.product(aCatalogProduct());
    const gone = await shop.product(aCatalogProduct());
    await shop.deleteProduct(gone.id);

    expect(await target().catalog.getProduct(shop.storeId, gone.id)).toBeNull();
    const read = await target().catalog.getProducts(shop.storeId, [second.id, gone.id, first.id, second.id]);
    expect(read.map((p) => p.id)).toEqual([first.id, second.id]);
    expect(read[0]?.variants).toHaveLength(1);
  });

  it('a product written with tracking off reads back with tracking off; availability written reads back', async () => {
    const shop = await target().aStore();
    const tracked = await shop.product(aCatalogProduct({ tracking: 'product', stockLevel: 6 }));
    const sized = await shop.product(aSizedProduct({ S: 1 }));

    const refusals = await target().catalog.updateProducts(shop.storeId, [
      { bcProductId: tracked.id, tracking: 'none' },
      { bcProductId: sized.id, tracking: 'none', availability: 'disabled' },
    ]);

    expect(refusals).toEqual([]);
    expect(await target().catalog.getProduct(shop.storeId, tracked.id)).toMatchObject({
      tracking: 'none',
      availability: 'available',
    });
    expect(await target().catalog.getProduct(shop.storeId, sized.id)).toMatchObject({
      tracking: 'none',
      availability: 'disabled',
    });
    await target().catalog.updateProducts(shop.storeId, [
      { bcProductId: sized.id, availability: 'available' },
    ]);
    expect(await target().catalog.getProduct(shop.storeId, sized.id)).toMatchObject({
      tracking: 'none',
      availability: 'available',
    });
  });

  it('a per-order maximum written reads back; 0 lifts it (issue 9.1)', async () => {
    const shop = await target().aStore();
    const product = await shop.product(aCatalogProduct({ orderQuantityMaximum: 50 }));

    expect(
      await target().catalog.updateProducts(shop.storeId, [
        { bcProductId: product.id, availability: 'available', orderQuantityMaximum: 3 },
      ]),
    ).toEqual([]);
    expect(await target().catalog.getProduct(shop.storeId, product.id)).toMatchObject({
      availability: 'available',
      orderQuantityMaximum: 3,
    });
    await target().catalog.updateProducts(shop.storeId, [
      { bcProductId: product.id, orderQuantityMaximum: 0 },
    ]);
    expect(await target().catalog.getProduct(shop.storeId, product.id)).toMatchObject({
      orderQuantityMaximum: 0,
    });
  });

  it('purchasability written to a variant reads back, and clearing it too; the other variants keep theirs', async () => {
    const shop = await target().aStore();
    const sized = await shop.product(aSizedProduct({ S: 0, M: 0 }));
    const [s, m] = sized.variants;

    expect(
      await target().catalog.updateVariants(shop.storeId, [
        { bcProductId: sized.id, bcVariantId: s!.id, purchasable: false, unavailableMessage: 'Sold out' },
      ]),
    ).toEqual([]);
    const written = await target().catalog.getProduct(shop.storeId, sized.id);
    expect(written?.variants.map((v) => [v.id, v.purchasable, v.unavailableMessage])).toEqual([
      [s!.id, false, 'Sold out'],
      [m!.id, true, ''],
    ]);

    await target().catalog.updateVariants(shop.storeId, [
      { bcProductId: sized.id, bcVariantId: s!.id, purchasable: true, unavailableMessage: '' },
    ]);
    const cleared = await target().catalog.getProduct(shop.storeId, sized.id);
    expect(cleared?.variants[0]).toMatchObject({ purchasable: true, unavailableMessage: '' });
  });

  it('tracking turned back on with levels reads back: the product’s level, or each variant’s; purchasability kept', async () => {
    const shop = await target().aStore();
    const single = await shop.product(aCatalogProduct({ tracking: 'none' }));
    const sized = await shop.product(aSizedProduct({ S: 1, M: 2 }, { tracking: 'none' }));
    const [s, m] = sized.variants;
    await target().catalog.updateVariants(shop.storeId, [
      { bcProductId: sized.id, bcVariantId: m!.id, purchasable: false, unavailableMessage: 'Sold out' },
    ]);

    expect(
      await target().catalog.updateProducts(shop.storeId, [
        { bcProductId: single.id, tracking: 'product', stockLevel: 14 },
        { bcProductId: sized.id, tracking: 'variant' },
      ]),
    ).toEqual([]);
    expect(
      await target().catalog.updateVariants(shop.storeId, [
        { bcProductId: sized.id, bcVariantId: s!.id, stockLevel: 8 },
        { bcProductId: sized.id, bcVariantId: m!.id, stockLevel: 0 },
      ]),
    ).toEqual([]);

    expect(await target().catalog.getProduct(shop.storeId, single.id)).toMatchObject({
      tracking: 'product',
      stockLevel: 14,
    });
    const variants = (await target().catalog.getProduct(shop.storeId, sized.id))?.variants;
    expect(variants?.map((v) => [v.id, v.stockLevel, v.purchasable, v.unavailableMessage])).toEqual([
      [s!.id, 8, true, ''],
      [m!.id, 0, false, 'Sold out'],
    ]);
  });

  it('refuses, per item, a product or variant that does not exist, and writes the others', async () => {
    const shop = await target().aStore();
    const kept = await shop.product(aCatalogProduct({ tracking: 'product' }));
    const gone = await shop.product(aCatalogProduct({ tracking: 'product' }));
    const sized = await shop.product(aSizedProduct({ S: 1 }));
    const other = await shop.product(aSizedProduct({ L: 1 }));
    await shop.deleteProduct(gone.id);

    const products = await target().catalog.updateProducts(shop.storeId, [
      { bcProductId: gone.id, tracking: 'none' },
      { bcProductId: kept.id, tracking: 'none' },
    ]);
    expect(products).toEqual([
      { id: gone.id, notFound: true, reason: expect.stringMatching(/^BIGCOMMERCE\.NOT_FOUND \(404\)/) },
    ]);
    expect(await target().catalog.getProduct(shop.storeId, kept.id)).toMatchObject({ tracking: 'none' });

    // A variant id that does not exist, or names a variant of another product.
    const variants = await target().catalog.updateVariants(shop.storeId, [
      {
        bcProductId: sized.id,
        bcVariantId: other.variants[0]!.id,
        purchasable: false,
        unavailableMessage: 'x',
      },
      {
        bcProductId: sized.id,
        bcVariantId: sized.variants[0]!.id,
        purchasable: false,
        unavailableMessage: 'x',
      },
      { bcProductId: sized.id, bcVariantId: 987_654_321, purchasable: false, unavailableMessage: 'x' },
    ]);
    expect(variants).toEqual([
      { id: other.variants[0]!.id, notFound: true, reason: expect.stringMatching(/^BIGCOMMERCE\.NOT_FOUND/) },
      { id: 987_654_321, notFound: true, reason: expect.stringMatching(/^BIGCOMMERCE\.NOT_FOUND/) },
    ]);
    expect((await target().catalog.getProduct(shop.storeId, sized.id))?.variants[0]?.purchasable).toBe(false);
    expect((await target().catalog.getProduct(shop.storeId, other.id))?.variants[0]?.purchasable).toBe(true);
  });

  it('refuses, per item, data the store does not accept (422), and writes the others', async () => {
    const shop = await target().aStore();
    const sized = await shop.product(aSizedProduct({ S: 0, M: 0 }));
    const [s, m] = sized.variants;

    const refusals = await target().catalog.updateVariants(shop.storeId, [
      { bcProductId: sized.id, bcVariantId: s!.id, purchasable: false, unavailableMessage: 'x'.repeat(256) },
      { bcProductId: sized.id, bcVariantId: m!.id, purchasable: false, unavailableMessage: 'Sold out' },
    ]);

    expect(refusals).toEqual([
      { id: s!.id, notFound: false, reason: expect.stringMatching(/^BIGCOMMERCE\.UNPROCESSABLE \(422\)/) },
    ]);
    const written = await target().catalog.getProduct(shop.storeId, sized.id);
    expect(written?.variants.map((v) => v.purchasable)).toEqual([true, false]);
  });

  it('filters a search by keyword, SKU, brand, category, visibility, availability and stock range', async () => {
    const { shop, ids, acme, shoes } = await aSmallCatalog(await target().aStore());
    const search = async (filter: ProductSearch) =>
      (await target().catalog.listProducts(shop.storeId, filter, { page: 1, limit: 50 })).products.map(
        (p) => p.id,
      );

    expect(await search({})).toEqual([ids.redShoe, ids.blueShoe, ids.hat, ids.scarf]);
    // The keyword matches names, SKUs (the variants' too) and the brand, in any case.
    expect(await search({ keyword: 'running' })).toEqual([ids.redShoe, ids.blueShoe]);
    expect(await search({ keyword: `hat-${shop.storeId}-l` })).toEqual([ids.hat]);
    expect(await search({ keyword: `globex ${shop.storeId}` })).toEqual([ids.blueShoe]);
    expect(await search({ sku: `red-${shop.storeId}` })).toEqual([ids.redShoe]);
    expect(await search({ brandId: acme })).toEqual([ids.redShoe, ids.hat]);
    expect(await search({ categoryId: shoes })).toEqual([ids.redShoe, ids.blueShoe]);
    expect(await search({ visible: false })).toEqual([ids.blueShoe]);
    expect(await search({ availability: 'disabled' })).toEqual([ids.hat]);
    // Inclusive; a product tracked by variant counts their sum (the hat: 1 + 2).
    expect(await search({ stockMin: 12 })).toEqual([ids.blueShoe, ids.scarf]);
    expect(await search({ stockMin: 3, stockMax: 12 })).toEqual([ids.redShoe, ids.hat, ids.scarf]);
    expect(await search({ keyword: 'Shoe', brandId: acme })).toEqual([ids.redShoe]);
    expect(await search({ ids: [ids.scarf, ids.hat] })).toEqual([ids.hat, ids.scarf]);
    expect(await search({ excludeIds: [ids.redShoe, ids.hat] })).toEqual([ids.blueShoe, ids.scarf]);
    expect(await search({ ids: [ids.scarf, ids.hat], excludeIds: [ids.hat] })).toEqual([ids.scarf]);
  });

  it('sorts a search by the public sort names, either way, ties by id; and pages it', async () => {
    const { shop, ids } = await aSmallCatalog(await target().aStore());
    const sorted = async (sort: ProductSearch['sort'], direction: 'asc' | 'desc') =>
      (
        await target().catalog.listProducts(shop.storeId, { sort, direction }, { page: 1, limit: 10 })
      ).products.map((p) => p.id);

    expect(await sorted('name', 'asc')).toEqual([ids.blueShoe, ids.redShoe, ids.hat, ids.scarf]);
    expect(await sorted('name', 'desc')).toEqual([ids.scarf, ids.hat, ids.redShoe, ids.blueShoe]);
    expect(await sorted('sku', 'asc')).toEqual([ids.blueShoe, ids.hat, ids.redShoe, ids.scarf]);
    expect(await sorted('inventory_level', 'asc')).toEqual([ids.redShoe, ids.hat, ids.scarf, ids.blueShoe]);
    expect(await sorted('inventory_level', 'desc')).toEqual([ids.blueShoe, ids.scarf, ids.redShoe, ids.hat]);
    expect(await sorted('id', 'desc')).toEqual([ids.scarf, ids.hat, ids.blueShoe, ids.redShoe]);

    const page = (n: number, limit: number, search: ProductSearch = { sort: 'name' }) =>
      target().catalog.listProducts(shop.storeId, search, { page: n, limit });
    const second = await page(2, 3);
    expect(second).toMatchObject({ total: 4, totalPages: 2 });
    expect(second.products.map((p) => p.id)).toEqual([ids.scarf]);
    expect((await page(3, 3)).products).toEqual([]);
    expect(await page(1, 10, { keyword: 'nothing matches this' })).toEqual({
      products: [],
      total: 0,
      totalPages: 1,
    });
  });

  it('iterates and counts a search of any number of ids, with or without variants', async () => {
    const { shop, ids } = await aSmallCatalog(await target().aStore());
    // More ids than one request may name: the matches lie on both sides of the first 250.
    const unknown = Array.from({ length: 300 }, (_, i) => 900_000_000 + i);
    const many = [ids.scarf, ...unknown.slice(0, 260), ids.hat, ids.redShoe, ...unknown.slice(260)];

    const products = await collect(target().catalog.iterateProducts(shop.storeId, { ids: many }));
    expect(products.map((p) => p.id).sort((a, b) => a - b)).toEqual([ids.redShoe, ids.hat, ids.scarf]);
    expect(products.find((p) => p.id === ids.hat)?.variants).toHaveLength(2);
    const found = await collect(
      target().catalog.iterateProductIds(shop.storeId, { ids: many, keyword: 'o' }),
    );
    expect(found.sort((a, b) => a - b)).toEqual([ids.redShoe, ids.scarf]);
    expect(await target().catalog.countProducts(shop.storeId, { ids: many })).toBe(3);
    expect(await target().catalog.countProducts(shop.storeId, { ids: many, visible: true })).toBe(3);
    expect(await target().catalog.countProducts(shop.storeId, {})).toBe(4);
    // Without ids, every match, page after page, in the search's order.
    const all = await collect(target().catalog.iterateProductIds(shop.storeId, { sort: 'name' }));
    expect(all).toEqual([ids.blueShoe, ids.redShoe, ids.hat, ids.scarf]);
  });

  it('lists the store’s brands and categories (each naming its parent) in id order', async () => {
    const shop = await target().aStore();
    expect(await target().catalog.listBrands(shop.storeId)).toEqual([]);
    expect(await target().catalog.listCategories(shop.storeId)).toEqual([]);
    const zed = await shop.brand(`Zed ${shop.storeId}`);
    const acme = await shop.brand(`Acme ${shop.storeId}`);
    const camping = await shop.category('Camping');
    const tents = await shop.category('Tents', camping);

    expect(await target().catalog.listBrands(shop.storeId)).toEqual([
      { id: zed, name: `Zed ${shop.storeId}` },
      { id: acme, name: `Acme ${shop.storeId}` },
    ]);
    expect(await target().catalog.listCategories(shop.storeId)).toEqual([
      { id: camping, name: 'Camping', parentId: 0 },
      { id: tents, name: 'Tents', parentId: camping },
    ]);
    await shop.duringOutage(async () => {
      await expect(target().catalog.listBrands(shop.storeId)).rejects.toMatchObject({
        code: 'BIGCOMMERCE.SERVER_ERROR',
      });
    });
  });

  it('throws StoreNotConnectedError for a store the app is no longer connected to', async () => {
    const shop = await target().aStore();
    const product = await shop.product(aCatalogProduct());
    await shop.disconnect();
    await expect(target().catalog.getProduct(shop.storeId, product.id)).rejects.toBeInstanceOf(
      StoreNotConnectedError,
    );
    await expect(
      target().catalog.updateProducts(shop.storeId, [{ bcProductId: product.id, tracking: 'none' }]),
    ).rejects.toMatchObject({ code: 'STORE.NOT_CONNECTED' });
  });

  it('an outage throws, on reads and writes alike', async () => {
    const shop = await target().aStore();
    const sized = await shop.product(aSizedProduct({ S: 1 }));
    await shop.duringOutage(async () => {
      await expect(target().catalog.getProduct(shop.storeId, sized.id)).rejects.toMatchObject({
        code: 'BIGCOMMERCE.SERVER_ERROR',
      });
      await expect(
        target().catalog.updateVariants(shop.storeId, [
          {
            bcProductId: sized.id,
            bcVariantId: sized.variants[0]!.id,
            purchasable: false,
            unavailableMessage: '',
          },
        ]),
      ).rejects.toMatchObject({ code: 'BIGCOMMERCE.SERVER_ERROR' });
    });
    expect((await target().catalog.getProduct(shop.storeId, sized.id))?.variants[0]?.purchasable).toBe(true);
  });
});

/** Two brands, two categories, visible/hidden, available/disabled, levels 3, 40, 1+2 and 12. */
async function aSmallCatalog(shop: TargetStore) {
  const n = shop.storeId;
  const acme = await shop.brand(`Acme ${n}`);
  const globex = await shop.brand(`Globex ${n}`);
  const shoes = await shop.category('Shoes');
  const hats = await shop.category('Hats');
  const ids = {
    redShoe: (
      await shop.product({
        name: `Red Running Shoe ${n}`,
        sku: `RED-${n}`,
        brandId: acme,
        categoryIds: [shoes],
        tracking: 'product',
        stockLevel: 3,
      })
    ).id,
    blueShoe: (
      await shop.product({
        name: `Blue Running Shoe ${n}`,
        sku: `BLUE-${n}`,
        brandId: globex,
        categoryIds: [shoes],
        tracking: 'product',
        stockLevel: 40,
        visible: false,
      })
    ).id,
    hat: (
      await shop.product(
        aSizedProduct(
          { S: 1, L: 2 },
          {
            name: `Sun Hat ${n}`,
            sku: `HAT-${n}`,
            brandId: acme,
            categoryIds: [hats],
            availability: 'disabled',
          },
        ),
      )
    ).id,
    scarf: (
      await shop.product({ name: `Wool Scarf ${n}`, sku: `WOOL-${n}`, tracking: 'product', stockLevel: 12 })
    ).id,
  };
  return { shop, ids, acme, globex, shoes, hats };
}
