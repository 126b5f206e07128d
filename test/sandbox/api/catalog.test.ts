import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aProduct, aVariantProduct } from '../support/sandbox.builders.js';
import { startTestSandbox, type TestSandbox } from '../support/sandbox-harness.js';

let t: TestSandbox;
const ids = { tents: 0, stoves: 0, brand: 0, tent: 0, stove: 0, hidden: 0, boots: 0 };

beforeAll(async () => {
  t = await startTestSandbox({ rateLimit: { quota: 10_000, windowMs: 30_000 } });
  const taxonomy = t.sandbox.state.taxonomy;
  const tents = taxonomy.createCategory('teststore', { name: 'Tents' });
  const stoves = taxonomy.createCategory('teststore', { name: 'Stoves' });
  const brand = taxonomy.createBrand('teststore', { name: 'Northpeak' });
  if (!tents.ok || !stoves.ok || !brand.ok) throw new Error('setup failed');
  ids.tents = tents.value.id;
  ids.stoves = stoves.value.id;
  ids.brand = brand.value.id;
  const create = async (key: keyof typeof ids, body: Record<string, unknown>) => {
    const response = await t.api.post('/v3/catalog/products', body);
    expect(response.status).toBe(200);
    ids[key] = response.body.data.id;
  };
  await create(
    'tent',
    aProduct({
      name: 'Alpine Tent',
      categories: [ids.tents],
      brand_id: ids.brand,
      inventory_tracking: 'product',
      inventory_level: 0,
      description: 'waterproof shelter',
    }),
  );
  await create(
    'stove',
    aProduct({
      name: 'Camp Stove',
      categories: [ids.stoves],
      inventory_tracking: 'product',
      inventory_level: 12,
      availability: 'preorder',
    }),
  );
  await create(
    'hidden',
    aProduct({
      name: 'Hidden Lamp',
      is_visible: false,
      inventory_tracking: 'none',
      availability: 'disabled',
    }),
  );
  await create('boots', aVariantProduct({ S: 2, M: 5 }, { name: 'Trail Boots', brand_name: 'Northpeak' }));
});

afterAll(async () => {
  await t.close();
});

async function names(query: Record<string, string | number | boolean>) {
  const response = await t.api.get('/v3/catalog/products', { query });
  expect(response.status).toBe(200);
  return response.body.data.map((p: { name: string }) => p.name).sort();
}

describe('product list filters', () => {
  it('filters by id:in, sku, keyword, availability, is_visible, categories:in and brand_id', async () => {
    expect(await names({ 'id:in': `${ids.tent},${ids.stove}` })).toEqual(['Alpine Tent', 'Camp Stove']);
    expect(
      await names({
        sku: String((await t.api.get(`/v3/catalog/products/${ids.stove}`)).body.data.sku).toLowerCase(),
      }),
    ).toEqual(['Camp Stove']);
    expect(await names({ keyword: 'waterproof' })).toEqual(['Alpine Tent']);
    expect(await names({ keyword: 'Northpeak' })).toEqual(['Alpine Tent', 'Trail Boots']);
    expect(await names({ availability: 'preorder' })).toEqual(['Camp Stove']);
    expect(await names({ is_visible: false })).toEqual(['Hidden Lamp']);
    expect(await names({ 'categories:in': `${ids.tents},${ids.stoves}` })).toEqual([
      'Alpine Tent',
      'Camp Stove',
    ]);
    expect(await names({ brand_id: ids.brand })).toEqual(['Alpine Tent', 'Trail Boots']);
  });

  it('filters on inventory_level ranges (variant-tracked products count the sum of their variants)', async () => {
    expect(await names({ 'inventory_level:min': 7 })).toEqual(['Camp Stove', 'Trail Boots']);
    expect(await names({ 'inventory_level:max': 0 })).toEqual(['Alpine Tent', 'Hidden Lamp']);
    expect(await names({ 'inventory_level:greater': 7 })).toEqual(['Camp Stove']);
    expect(await names({ 'inventory_level:less': 7 })).toEqual(['Alpine Tent', 'Hidden Lamp']);
    expect(await names({ inventory_level: 7 })).toEqual(['Trail Boots']);
  });

  it('pages with limit ≤ 250 and links, and refuses bad filters with 422', async () => {
    const page2 = await t.api.get('/v3/catalog/products', { query: { limit: 3, page: 2 } });
    expect(page2.body.data).toHaveLength(1);
    expect(page2.body.meta.pagination).toEqual({
      total: 4,
      count: 1,
      per_page: 3,
      current_page: 2,
      total_pages: 2,
      links: { previous: '?page=1&limit=3', current: '?page=2&limit=3' },
    });
    expect((await t.api.get('/v3/catalog/products', { query: { limit: 251 } })).status).toBe(422);
    expect((await t.api.get('/v3/catalog/products', { query: { 'id:in': 'a,b' } })).status).toBe(422);
    expect((await t.api.get('/v3/catalog/products')).body.meta.pagination.per_page).toBe(50);
  });

  it('includes variants only when asked, and projects include_fields', async () => {
    const plain = await t.api.get(`/v3/catalog/products/${ids.boots}`);
    expect(plain.body.data.variants).toBeUndefined();
    const full = await t.api.get(`/v3/catalog/products/${ids.boots}`, {
      query: { include: 'variants,options' },
    });
    expect(full.body.data.variants.map((v: { sku: string }) => v.sku)).toHaveLength(2);
    expect(full.body.data.options[0].option_values.map((v: { label: string }) => v.label)).toEqual([
      'S',
      'M',
    ]);
    const projected = await t.api.get(`/v3/catalog/products/${ids.boots}`, {
      query: { include_fields: 'name' },
    });
    expect(Object.keys(projected.body.data).sort()).toEqual(['id', 'name']);
  });
});

describe('inventory tracking semantics', () => {
  it('a variant-tracked product shows the sum of its variants and ignores a product-level inventory_level', async () => {
    const before = (await t.api.get(`/v3/catalog/products/${ids.boots}`, { query: { include: 'variants' } }))
      .body.data;
    expect(before.inventory_level).toBe(7);
    await t.api.put(`/v3/catalog/products/${ids.boots}`, { inventory_level: 100 });
    expect((await t.api.get(`/v3/catalog/products/${ids.boots}`)).body.data.inventory_level).toBe(7);
    await t.api.put(`/v3/catalog/products/${ids.boots}/variants/${before.variants[0].id}`, {
      inventory_level: 10,
    });
    expect((await t.api.get(`/v3/catalog/products/${ids.boots}`)).body.data.inventory_level).toBe(15);
  });

  it('a simple product and its base variant share one stock level', async () => {
    const tent = (await t.api.get(`/v3/catalog/products/${ids.tent}`, { query: { include: 'variants' } }))
      .body.data;
    const base = tent.variants[0];
    expect(base.id).toBe(tent.base_variant_id);
    expect(base.option_values).toEqual([]);
    await t.api.put('/v3/catalog/variants', [{ id: base.id, inventory_level: 6 }]);
    expect((await t.api.get(`/v3/catalog/products/${ids.tent}`)).body.data.inventory_level).toBe(6);
    const items = await t.api.get('/v3/inventory/items', { query: { 'product_id:in': ids.tent } });
    expect(items.body.data[0].locations[0].total_inventory_onhand).toBe(6);
  });
});

describe('writes', () => {
  it('keeps SKUs unique across products and variants, ignoring case', async () => {
    const clash = await t.api.post(
      '/v3/catalog/products',
      aProduct({
        sku: `${String((await t.api.get(`/v3/catalog/products/${ids.boots}`, { query: { include: 'variants' } })).body.data.variants[0].sku).toLowerCase()}`,
      }),
    );
    expect(clash.status).toBe(409);
    expect(clash.body.errors.sku).toBeDefined();
  });

  it('applies a product batch all or nothing', async () => {
    const before = (await t.api.get(`/v3/catalog/products/${ids.stove}`)).body.data.price;
    const response = await t.api.put('/v3/catalog/products', [
      { id: ids.stove, price: 99 },
      { id: 987654, price: 1 },
    ]);
    expect(response.status).toBe(404);
    expect((await t.api.get(`/v3/catalog/products/${ids.stove}`)).body.data.price).toBe(before);
  });

  it('refuses unknown categories and brands with 422 and creates nothing', async () => {
    const response = await t.api.post(
      '/v3/catalog/products',
      aProduct({ name: 'Orphan', categories: [424242] }),
    );
    expect(response.status).toBe(422);
    expect(await names({ keyword: 'Orphan' })).toEqual([]);
  });

  it('lists categories and brands', async () => {
    expect(
      (await t.api.get('/v3/catalog/categories')).body.data.map((c: { name: string }) => c.name),
    ).toEqual(['Tents', 'Stoves']);
    expect((await t.api.get('/v3/catalog/brands')).body.data.map((b: { name: string }) => b.name)).toEqual([
      'Northpeak',
    ]);
  });

  it('refuses a variant batch above 50 items with 413', async () => {
    const response = await t.api.put(
      '/v3/catalog/variants',
      Array.from({ length: 51 }, (_, i) => ({ id: i + 1, price: 1 })),
    );
    expect(response.status).toBe(413);
    expect(response.body.title).toBe(
      'The request payload is too large. The maximum items allowed in the array is 50.',
    );
  });
});
