import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApiKey } from '../../../src/app/api-keys/create-api-key.js';
import { describeEachDatabase } from '../../adapters/db/support/databases.js';
import {
  aConnectedStore,
  type Harness,
  type StoreContext,
  startHarness,
  withSizes,
} from '../../app/assignment/support/assignment-harness.js';
import { type ApiHarness, startApiHarness } from './support/api-harness.js';

// The catalog search and its filter pickers against the REAL sandbox over HTTP, through the app's
// BigCommerce client; every answer checked against the served document.
let sandbox: Harness;
beforeAll(async () => {
  sandbox = await startHarness();
});
afterAll(async () => {
  await sandbox?.close();
});

describeEachDatabase('public API catalog search against the sandbox', (db) => {
  let ctx: StoreContext;
  let api: ApiHarness;
  let key: string;
  const ids = {} as Record<'tent' | 'stove' | 'jacket' | 'hidden' | 'mug', number>;
  let brands: { ridge: number; summit: number };
  let categories: { camping: number; tents: number; apparel: number };

  beforeAll(async () => {
    ctx = await aConnectedStore(db(), sandbox);
    api = await startApiHarness(db(), { assignment: ctx.deps, clock: ctx.clock });
    const made = await createApiKey(
      { apiKeys: db().repos.apiKeys, clock: ctx.clock },
      { storeId: ctx.store.id, name: 'ERP' },
    );
    if (!made.ok) throw new Error(made.message);
    key = made.key;

    const { taxonomy } = sandbox.sandbox.state;
    const brand = (name: string) => {
      const result = taxonomy.createBrand(ctx.storeHash, { name });
      if (!result.ok) throw new Error(result.message);
      return result.value.id;
    };
    const category = (name: string, parent_id?: number) => {
      const result = taxonomy.createCategory(ctx.storeHash, { name, ...(parent_id ? { parent_id } : {}) });
      if (!result.ok) throw new Error(result.message);
      return result.value.id;
    };
    brands = { summit: brand('Summit Gear'), ridge: brand('Ridgeline') };
    const camping = category('Camping');
    categories = { camping, tents: category('Tents', camping), apparel: category('Apparel') };
    const tracked = (level: number) => ({ inventory_tracking: 'product' as const, inventory_level: level });
    ids.tent = ctx.createProduct({
      name: 'Ridgeline Dome Tent',
      sku: `TENT-${ctx.store.id}`,
      brand_id: brands.ridge,
      categories: [camping, categories.tents],
      ...tracked(4),
    });
    ids.stove = ctx.createProduct({
      name: 'Summit Canister Stove',
      brand_id: brands.summit,
      categories: [camping],
      ...tracked(12),
    });
    ids.jacket = ctx.createProduct({
      name: 'Storm Jacket',
      categories: [categories.apparel],
      ...withSizes({ S: 1, M: 2, L: 0 }, `JKT${ctx.store.id}`),
    });
    ids.hidden = ctx.createProduct({
      name: 'Hidden Sample Tent',
      is_visible: false,
      availability: 'disabled',
      categories: [categories.tents],
      ...tracked(0),
    });
    ids.mug = ctx.createProduct({ name: 'Camp Mug', availability: 'preorder', ...tracked(30) });
  });
  afterAll(async () => {
    await api?.close();
  });

  const search = async (query: string) => {
    const response = await api.call('GET', `/api/v1/catalog/products?${query}`, { auth: key });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body as {
      data: { product_id: number; name: string; assigned: boolean; template_id: number | null }[];
      page: number;
      limit: number;
      total: number;
      total_pages: number;
    };
  };
  const names = (page: { data: { name: string }[] }) => page.data.map((p) => p.name);

  it('answers a page of products with what the merchant picks by', async () => {
    const page = await search('sort=name');
    expect(page).toMatchObject({ page: 1, limit: 50, total: 5, total_pages: 1 });
    expect(names(page)).toEqual([
      'Camp Mug',
      'Hidden Sample Tent',
      'Ridgeline Dome Tent',
      'Storm Jacket',
      'Summit Canister Stove',
    ]);
    const jacket = page.data.find((p) => p.product_id === ids.jacket);
    expect(jacket).toEqual({
      product_id: ids.jacket,
      name: 'Storm Jacket',
      sku: expect.any(String),
      brand_id: null,
      category_ids: [categories.apparel],
      visible: true,
      availability: 'available',
      inventory_tracking: 'variant',
      inventory_level: 3,
      variant_count: 3,
      assigned: false,
      template_id: null,
    });
    expect(page.data.find((p) => p.product_id === ids.tent)).toMatchObject({
      sku: `TENT-${ctx.store.id}`,
      brand_id: brands.ridge,
      inventory_tracking: 'product',
      inventory_level: 4,
      variant_count: 0,
    });
  });

  it('filters by keyword (name or SKU), brand, category, visibility, availability and stock range', async () => {
    expect(names(await search('keyword=tent&sort=name'))).toEqual([
      'Hidden Sample Tent',
      'Ridgeline Dome Tent',
    ]);
    expect(names(await search(`keyword=TENT-${ctx.store.id}`))).toEqual(['Ridgeline Dome Tent']);
    expect(names(await search(`brand_id=${brands.summit}`))).toEqual(['Summit Canister Stove']);
    expect(names(await search(`category_id=${categories.tents}&sort=name`))).toEqual([
      'Hidden Sample Tent',
      'Ridgeline Dome Tent',
    ]);
    expect(names(await search('visible=false'))).toEqual(['Hidden Sample Tent']);
    expect(names(await search('availability=preorder'))).toEqual(['Camp Mug']);
    expect(names(await search('stock_min=3&stock_max=12&sort=inventory_level'))).toEqual([
      'Storm Jacket',
      'Ridgeline Dome Tent',
      'Summit Canister Stove',
    ]);
    expect(await search('keyword=nothing-like-this')).toMatchObject({ data: [], total: 0, total_pages: 0 });
  });

  it('pages and sorts either way, server-side', async () => {
    const first = await search('sort=name&direction=desc&limit=2');
    expect(first).toMatchObject({ page: 1, limit: 2, total: 5, total_pages: 3 });
    expect(names(first)).toEqual(['Summit Canister Stove', 'Storm Jacket']);
    expect(names(await search('sort=name&direction=desc&limit=2&page=3'))).toEqual(['Camp Mug']);
    expect(await search('limit=2&page=9')).toMatchObject({ data: [], total: 5 });
    expect(names(await search('sort=inventory_level&direction=desc&limit=1'))).toEqual(['Camp Mug']);
  });

  it('tells assigned products, with their template, and filters on it', async () => {
    const assigned = await api.call('POST', '/api/v1/assignments', {
      auth: key,
      body: { product_ids: [ids.stove], template_id: ctx.template.id },
    });
    expect(assigned.body.results[0]).toMatchObject({ status: 'assigned' });

    const yes = await search('assigned=true');
    expect(yes.data).toEqual([
      expect.objectContaining({ product_id: ids.stove, assigned: true, template_id: ctx.template.id }),
    ]);
    expect(yes.total).toBe(1);
    const no = await search('assigned=false&sort=name');
    expect(no.total).toBe(4);
    expect(names(no)).not.toContain('Summit Canister Stove');
    expect(names(await search('assigned=false&keyword=summit'))).toEqual([]);
  });

  it('lists brands by name and categories as a tree, for the filter pickers', async () => {
    const brandList = await api.call('GET', '/api/v1/catalog/brands', { auth: key });
    expect(brandList.status).toBe(200);
    expect(brandList.body.data).toEqual([
      { id: brands.ridge, name: 'Ridgeline' },
      { id: brands.summit, name: 'Summit Gear' },
    ]);
    const categoryList = await api.call('GET', '/api/v1/catalog/categories', { auth: key });
    expect(categoryList.status).toBe(200);
    expect(categoryList.body.data).toEqual([
      { id: categories.apparel, name: 'Apparel', parent_id: 0, path: ['Apparel'] },
      { id: categories.camping, name: 'Camping', parent_id: 0, path: ['Camping'] },
      { id: categories.tents, name: 'Tents', parent_id: categories.camping, path: ['Camping', 'Tents'] },
    ]);
  });

  it('refuses bad queries with VALIDATION.INVALID_QUERY, and needs credentials', async () => {
    for (const query of [
      'page=0',
      'limit=251',
      'sort=price',
      'direction=up',
      'visible=yes',
      'availability=soon',
      'stock_min=-1',
      'stock_min=5&stock_max=2',
      'brand_id=abc',
      'colour=red',
    ]) {
      const response = await api.call('GET', `/api/v1/catalog/products?${query}`, { auth: key });
      expect(response.status, query).toBe(400);
      expect(response.body.error.code).toBe('VALIDATION.INVALID_QUERY');
    }
    for (const path of ['/catalog/products', '/catalog/brands', '/catalog/categories']) {
      expect((await api.call('GET', `/api/v1${path}`)).status).toBe(401);
    }
  });

  it('answers 502 while BigCommerce cannot be reached', async () => {
    sandbox.sandbox.faults.configure({ errorRate: 1, errorStatuses: [503] });
    try {
      for (const path of ['/catalog/products', '/catalog/brands', '/catalog/categories']) {
        const response = await api.call('GET', `/api/v1${path}`, { auth: key });
        expect(response.status, path).toBe(502);
        expect(response.body.error.code).toBe('UPSTREAM.BIGCOMMERCE_UNAVAILABLE');
      }
    } finally {
      sandbox.sandbox.faults.configure({ errorRate: 0 });
    }
  });
});
