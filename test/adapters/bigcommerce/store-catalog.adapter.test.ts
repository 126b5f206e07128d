import { describe, expect, it } from 'vitest';
import { createStoreCatalog } from '../../../src/adapters/bigcommerce/index.js';
import type { StoreProduct } from '../../../src/app/ports/store-catalog.js';
import { asStoreId } from '../../../src/app/ports/store-id.js';
import { aProduct, aVariant } from './support/builders.js';
import { ok, type RecordedRequest, type Reply, v3Page } from './support/fake-bigcommerce.js';
import { clientOn, STORE_HASH } from './support/harness.js';

/** StoreCatalog over the BigCommerce client: products in the app's terms, searches and writes. */
const STORE_ID = asStoreId(7);
const PRODUCTS = `/stores/${STORE_HASH}/v3/catalog/products`;
const VARIANTS = `/stores/${STORE_HASH}/v3/catalog/variants`;

async function catalogOn(handler: (req: RecordedRequest, index: number) => Reply | Promise<Reply>) {
  const { client, server } = await clientOn(handler, { maxRetries: 0 });
  const asked: number[] = [];
  const catalog = createStoreCatalog(async (storeId) => {
    asked.push(storeId);
    return client;
  });
  return { catalog, server, asked };
}

const ids = (body: unknown) => (body as { id: number }[]).map((item) => item.id);
const idsOf = (req: RecordedRequest) => (req.query.get('id:in') ?? '').split(',').map(Number);
const collect = async <T>(items: AsyncIterable<T>) => {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
};

describe('StoreCatalog reads', () => {
  it('reads a product with its variants in the app’s terms', async () => {
    const product = aProduct({
      id: 101,
      name: 'T-Shirt',
      sku: 'TEE',
      brand_id: 4,
      categories: [2, 9],
      is_visible: false,
      availability: 'preorder',
      availability_description: 'Ships in May',
      inventory_tracking: 'variant',
      inventory_level: 12,
      inventory_warning_level: 2,
      date_modified: '2026-03-10T15:00:01+00:00',
      variants: [
        aVariant({ id: 1000, sku: 'TEE', option_values: [], inventory_level: null }),
        aVariant({
          id: 1001,
          sku: 'TEE-L-RED',
          purchasing_disabled: true,
          purchasing_disabled_message: 'Sold out',
          inventory_level: 5,
          inventory_warning_level: 1,
          option_values: [
            { id: 1, option_id: 10, option_display_name: 'Size', label: 'L' },
            { id: 2, option_id: 11, option_display_name: 'Colour', label: 'Red' },
          ],
        }),
      ],
    });
    const { catalog, server, asked } = await catalogOn(() => ok({ data: product, meta: {} }));

    expect(await catalog.getProduct(STORE_ID, 101)).toEqual<StoreProduct>({
      id: 101,
      name: 'T-Shirt',
      sku: 'TEE',
      brandId: 4,
      categoryIds: [2, 9],
      visible: false,
      availability: 'preorder',
      availabilityDescription: 'Ships in May',
      tracking: 'variant',
      stockLevel: 12,
      warningLevel: 2,
      orderQuantityMaximum: 0,
      modifiedAt: '2026-03-10T15:00:01+00:00',
      variants: [
        {
          id: 1000,
          sku: 'TEE',
          options: [],
          purchasable: true,
          unavailableMessage: '',
          stockLevel: null,
          warningLevel: 0,
        },
        {
          id: 1001,
          sku: 'TEE-L-RED',
          options: [
            { name: 'Size', value: 'L', optionId: 10, valueId: 1 },
            { name: 'Colour', value: 'Red', optionId: 11, valueId: 2 },
          ],
          purchasable: false,
          unavailableMessage: 'Sold out',
          stockLevel: 5,
          warningLevel: 1,
        },
      ],
    });
    expect(server.requests).toMatchObject([
      { method: 'GET', path: `${PRODUCTS}/101`, rawQuery: 'include=variants' },
    ]);
    expect(asked).toEqual([STORE_ID]);
  });

  it('passes each inventory tracking through, and reads missing texts as empty', async () => {
    const { catalog } = await catalogOn((req) => {
      const id = Number(req.path.split('/').at(-1));
      const tracking = (['none', 'product', 'variant'] as const)[id - 1]!;
      return ok({
        data: {
          ...aProduct({ id, inventory_tracking: tracking, variants: [aVariant({ id: id * 10 })] }),
          availability_description: null,
          variants: [{ ...aVariant({ id: id * 10 }), purchasing_disabled_message: null }],
        },
        meta: {},
      });
    });
    for (const [id, tracking] of [
      [1, 'none'],
      [2, 'product'],
      [3, 'variant'],
    ] as const) {
      const product = await catalog.getProduct(STORE_ID, id);
      expect(product).toMatchObject({ tracking, availabilityDescription: '' });
      expect(product?.variants[0]?.unavailableMessage).toBe('');
    }
  });

  it('reads a deleted product as null; an outage throws', async () => {
    const { catalog } = await catalogOn((req) =>
      req.path.endsWith('/404')
        ? { status: 404, body: { status: 404, title: 'Product not found', type: 'x' } }
        : { status: 500 },
    );
    expect(await catalog.getProduct(STORE_ID, 404)).toBeNull();
    await expect(catalog.getProduct(STORE_ID, 500)).rejects.toMatchObject({
      code: 'BIGCOMMERCE.SERVER_ERROR',
    });
  });

  it('reads products by id with their variants, leaving out those that do not exist', async () => {
    const { catalog, server } = await catalogOn((req) =>
      v3Page(
        idsOf(req)
          .filter((id) => id !== 2)
          .map((id) => aProduct({ id, variants: [] })),
        1,
        1,
      ),
    );
    expect((await catalog.getProducts(STORE_ID, [1, 2, 3])).map((p) => p.id)).toEqual([1, 3]);
    expect(server.requests[0]?.query.get('id:in')).toBe('1,2,3');
    expect(server.requests[0]?.query.get('include')).toBe('variants');
  });

  it('reads single products asked for together in a page: the first at once, the others in one list', async () => {
    const { catalog, server } = await catalogOn((req) => {
      const single = /\/products\/(\d+)$/.exec(req.path);
      if (single !== null) return ok({ data: aProduct({ id: Number(single[1]), variants: [] }), meta: {} });
      return v3Page(
        idsOf(req)
          .filter((id) => id !== 4)
          .map((id) => aProduct({ id, variants: [] })),
        1,
        1,
      );
    });
    const read = await Promise.all([1, 2, 3, 4, 2].map((id) => catalog.getProduct(STORE_ID, id)));
    expect(read.map((p) => p?.id ?? null)).toEqual([1, 2, 3, null, 2]);
    expect(server.requests.map((r) => [r.path.replace(PRODUCTS, ''), r.query.get('id:in')])).toEqual([
      ['/1', null],
      ['', '2,3,4'],
    ]);
    expect(server.requests[1]?.query.get('include')).toBe('variants');
  });
});

describe('StoreCatalog searches', () => {
  it('sends every filter as BigCommerce’s parameter, with the public sort names mapped', async () => {
    const { catalog, server } = await catalogOn(() => v3Page([aProduct({ id: 5, variants: [] })], 2, 4, 76));
    const page = await catalog.listProducts(
      STORE_ID,
      {
        keyword: 'shirt',
        sku: 'TEE',
        brandId: 4,
        categoryId: 9,
        visible: true,
        availability: 'available',
        stockMin: 1,
        stockMax: 10,
        excludeIds: [3, 4],
        sort: 'inventory_level',
        direction: 'desc',
      },
      { page: 2, limit: 25 },
    );
    expect(page).toMatchObject({ products: [{ id: 5 }], total: 76, totalPages: 4 });
    expect(Object.fromEntries(server.requests[0]!.query)).toEqual({
      keyword: 'shirt',
      keyword_context: 'merchant',
      sku: 'TEE',
      brand_id: '4',
      'categories:in': '9',
      is_visible: 'true',
      availability: 'available',
      'inventory_level:min': '1',
      'inventory_level:max': '10',
      'id:not_in': '3,4',
      sort: 'inventory_level',
      direction: 'desc',
      include: 'variants',
      page: '2',
      limit: '25',
    });

    await catalog.listProducts(STORE_ID, { ids: [7], sort: 'date_modified' }, { page: 1, limit: 50 });
    expect(server.requests[1]?.query.get('id:in')).toBe('7');
    expect(server.requests[1]?.query.get('sort')).toBe('date_modified');
  });

  it('searches many ids 250 at a time, products with variants, ids without', async () => {
    const many = Array.from({ length: 600 }, (_, i) => i + 1);
    const { catalog, server } = await catalogOn((req) =>
      v3Page(
        idsOf(req).map((id) => aProduct({ id, variants: [] })),
        1,
        1,
      ),
    );
    const products = await collect(catalog.iterateProducts(STORE_ID, { ids: many, sort: 'name' }));
    expect(products.map((p) => p.id)).toEqual(many);
    expect(server.requests.map((r) => idsOf(r).length)).toEqual([250, 250, 100]);
    expect(
      server.requests.every((r) => r.query.get('include') === 'variants' && r.query.get('sort') === 'name'),
    ).toBe(true);

    server.requests.length = 0;
    const found = await collect(catalog.iterateProductIds(STORE_ID, { ids: many.slice(0, 3), sort: 'id' }));
    expect(found).toEqual([1, 2, 3]);
    expect(server.requests[0]?.query.has('include')).toBe(false);
  });

  it('counts the matches of many ids from one-product pages, without variants', async () => {
    const many = Array.from({ length: 300 }, (_, i) => i + 1);
    const { catalog, server } = await catalogOn((req) => v3Page([], 1, 1, idsOf(req).length - 1));
    expect(await catalog.countProducts(STORE_ID, { ids: many, visible: true })).toBe(249 + 49);
    expect(server.requests.map((r) => [r.query.get('limit'), r.query.has('include')])).toEqual([
      ['1', false],
      ['1', false],
    ]);
    expect(server.requests[0]?.query.get('is_visible')).toBe('true');
  });
});

describe('StoreCatalog writes', () => {
  it('writes tracking and availability of products, and purchasability of variants', async () => {
    const { catalog, server } = await catalogOn((req) =>
      ok({
        data: ids(req.body).map((id) => (req.path === VARIANTS ? aVariant({ id }) : aProduct({ id }))),
        meta: {},
      }),
    );
    expect(
      await catalog.updateProducts(STORE_ID, [
        { bcProductId: 1, tracking: 'none' },
        { bcProductId: 2, tracking: 'none', availability: 'available' },
        { bcProductId: 3, availability: 'disabled' },
      ]),
    ).toEqual([]);
    expect(
      await catalog.updateVariants(STORE_ID, [
        { bcProductId: 1, bcVariantId: 11, purchasable: false, unavailableMessage: 'Currently unavailable' },
        { bcProductId: 1, bcVariantId: 12, purchasable: true, unavailableMessage: '' },
      ]),
    ).toEqual([]);
    expect(server.requests.map((r) => [r.method, r.path, r.body])).toEqual([
      [
        'PUT',
        PRODUCTS,
        [
          { id: 1, inventory_tracking: 'none' },
          { id: 2, inventory_tracking: 'none', availability: 'available' },
          { id: 3, availability: 'disabled' },
        ],
      ],
      [
        'PUT',
        VARIANTS,
        [
          {
            id: 11,
            product_id: 1,
            purchasing_disabled: true,
            purchasing_disabled_message: 'Currently unavailable',
          },
          { id: 12, product_id: 1, purchasing_disabled: false, purchasing_disabled_message: '' },
        ],
      ],
    ]);
  });

  it('returns the items BigCommerce refused: gone (404) or refused with its code; a partial write is written', async () => {
    const { catalog } = await catalogOn((req) => {
      const [only, ...rest] = ids(req.body);
      if (rest.length > 0) return { status: 422, body: { status: 422, title: 'Batch refused', type: 'x' } };
      if (only === 2) return { status: 404, body: { status: 404, title: 'Product not found', type: 'x' } };
      if (only === 3) return { status: 422, body: { status: 422, title: 'Name is taken', type: 'x' } };
      if (only === 4) {
        return {
          status: 207,
          body: {
            data: [aProduct({ id: 4 })],
            errors: { status: 422, title: 'Inventory data failed to update', type: 'x', errors: {} },
            meta: {},
          },
        };
      }
      return ok({ data: [aProduct({ id: only })], meta: {} });
    });
    const refusals = await catalog.updateProducts(
      STORE_ID,
      [1, 2, 3, 4].map((bcProductId) => ({ bcProductId, availability: 'available' as const })),
    );
    expect(refusals).toEqual([
      { id: 2, notFound: true, reason: 'BIGCOMMERCE.NOT_FOUND (404): Product not found' },
      { id: 3, notFound: false, reason: 'BIGCOMMERCE.UNPROCESSABLE (422): Name is taken' },
    ]);
  });

  it('a partial write (207) of a change that carried an inventory level is a refusal: the level failed', async () => {
    const { catalog, server } = await catalogOn((req) => {
      const [only, ...rest] = ids(req.body);
      if (rest.length > 0 || only === 5) {
        return {
          status: 207,
          body: {
            data: [aProduct({ id: only ?? 5 })],
            errors: { status: 422, title: 'Inventory data failed to update', type: 'x', errors: {} },
            meta: {},
          },
        };
      }
      return ok({ data: [aProduct({ id: only })], meta: {} });
    });
    const refusals = await catalog.updateProducts(STORE_ID, [
      { bcProductId: 5, tracking: 'product', stockLevel: 14 },
      { bcProductId: 6, availability: 'available' },
    ]);
    expect(refusals).toEqual([
      {
        id: 5,
        notFound: false,
        reason: 'BIGCOMMERCE.MULTI_STATUS (207): Inventory data failed to update',
      },
    ]);
    expect(server.requests[0]?.body).toEqual([
      { id: 5, inventory_tracking: 'product', inventory_level: 14 },
      { id: 6, availability: 'available' },
    ]);
  });

  it('an outage throws', async () => {
    const { catalog } = await catalogOn(() => ({ status: 503 }));
    await expect(
      catalog.updateVariants(STORE_ID, [
        { bcProductId: 1, bcVariantId: 11, purchasable: true, unavailableMessage: '' },
      ]),
    ).rejects.toMatchObject({ code: 'BIGCOMMERCE.SERVER_ERROR' });
  });
});
