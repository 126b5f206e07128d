import { afterAll, beforeAll, expect, it } from 'vitest';
import { applyItemEvent } from '../../../src/app/items/apply-item-event.js';
import { type AssignedItemInput, assignProductItems } from '../../../src/app/items/assign-product-items.js';
import type { StoragePorts } from '../../../src/app/ports/storage-ports.js';
import type { StoreId } from '../../../src/app/ports/store-id.js';
import { describeEachDatabase } from '../../adapters/db/support/databases.js';
import { anAssignment } from '../../builders/assignment.builder.js';
import { NOW } from '../../builders/store.builder.js';
import { type ApiHarness, startApiHarness, type Tenant } from './support/api-harness.js';

let bcIds = 700_000;

/** A product assigned straight through the item pipeline (no BigCommerce needed to list it). */
async function aProduct(
  repos: StoragePorts,
  storeId: StoreId,
  name: string,
  items: readonly Partial<AssignedItemInput>[],
) {
  bcIds += 1;
  const assignment = anAssignment(storeId, { items });
  const outcome = await assignProductItems(repos, {
    ...assignment,
    product: { ...assignment.product, bcProductId: bcIds, name, sku: `P-${bcIds}` },
  });
  if (!outcome.applied) throw new Error('not assigned');
  return { bcProductId: bcIds, items: outcome.items.map((i) => i.item) };
}

describeEachDatabase('public API: assigned products', (db) => {
  let api: ApiHarness;
  let tenant: Tenant;
  let shoe: Awaited<ReturnType<typeof aProduct>>;
  let cap: Awaited<ReturnType<typeof aProduct>>;
  beforeAll(async () => {
    api = await startApiHarness(db());
    tenant = await api.aTenant();
    const { repos } = db();
    const s = tenant.store.id;
    shoe = await aProduct(repos, s, 'Trail Shoe', [
      {
        bcVariantId: 1,
        sku: `SHOE-S-${s}`,
        stock: 3,
        optionValues: [{ optionId: 1, valueId: 10, name: 'Size', label: 'S' }],
      },
      {
        bcVariantId: 2,
        sku: `SHOE-M-${s}`,
        stock: 0,
        threshold: 5,
        incoming: 12,
        backInStockDate: '2025-05-01',
        optionValues: [{ optionId: 1, valueId: 11, name: 'Size', label: 'M' }],
      },
    ]);
    cap = await aProduct(repos, s, 'Cap', [{ bcVariantId: null, sku: null, stock: 0 }]);
    const off = await applyItemEvent(repos, {
      storeId: s,
      itemId: cap.items[0]!.id,
      idempotencyKey: 'http:disable-cap',
      cause: { type: 'admin_action', ref: null },
      actor: 'admin:x',
      now: NOW,
      event: { kind: 'disabled' },
    });
    if (!off.applied) throw new Error('not disabled');
    for (let n = 1; n <= 4; n += 1) {
      await aProduct(repos, s, `Zebra ${n}`, [{ bcVariantId: null, sku: `Z${n}-${s}`, stock: 10 }]);
    }
  });
  afterAll(async () => {
    await api?.close();
  });

  it('lists products by name with their items nested, purchasability and template', async () => {
    const listed = await api.call('GET', '/api/v1/products', { auth: tenant.key });

    expect(listed.status).toBe(200);
    expect(listed.body).toMatchObject({ page: 1, limit: 25, total: 6, total_pages: 1 });
    expect(listed.body.data.map((p: { name: string }) => p.name)).toEqual([
      'Cap',
      'Trail Shoe',
      'Zebra 1',
      'Zebra 2',
      'Zebra 3',
      'Zebra 4',
    ]);
    const s = tenant.store.id;
    expect(listed.body.data[1]).toEqual({
      product_id: shoe.bcProductId,
      name: 'Trail Shoe',
      sku: `P-${shoe.bcProductId}`,
      template: null,
      assigned_at: NOW.toISOString(),
      updated_at: NOW.toISOString(),
      items: [
        {
          sku: `SHOE-S-${s}`,
          variant_id: 1,
          variant_label: 'Size: S',
          stock: 3,
          backordered: 0,
          threshold: null,
          incoming_stock: 0,
          back_in_stock_date: null,
          status: 'in_stock',
          block: null,
          purchasable: true,
        },
        {
          sku: `SHOE-M-${s}`,
          variant_id: 2,
          variant_label: 'Size: M',
          stock: 0,
          backordered: 0,
          threshold: 5,
          incoming_stock: 12,
          back_in_stock_date: '2025-05-01',
          status: 'backorder',
          block: null,
          purchasable: true,
        },
      ],
    });
    expect(listed.body.data[0].items).toEqual([
      expect.objectContaining({
        sku: null,
        variant_id: null,
        variant_label: null,
        status: 'unavailable',
        block: 'manual',
        purchasable: false,
      }),
    ]);
    // An admin session reads the same list.
    const bySession = await api.call('GET', '/api/v1/products', { auth: await tenant.session() });
    expect(bySession.body).toEqual(listed.body);
  });

  it('searches by a part of the name or any SKU, case-insensitively', async () => {
    const names = async (search: string) =>
      (
        await api.call('GET', `/api/v1/products?search=${encodeURIComponent(search)}`, { auth: tenant.key })
      ).body.data.map((p: { name: string }) => p.name);
    expect(await names('trail')).toEqual(['Trail Shoe']);
    expect(await names(`shoe-m-${tenant.store.id}`)).toEqual(['Trail Shoe']);
    expect(await names(`P-${cap.bcProductId}`)).toEqual(['Cap']);
    expect(await names('zebra')).toEqual(['Zebra 1', 'Zebra 2', 'Zebra 3', 'Zebra 4']);
    expect(await names('nothing like it')).toEqual([]);
  });

  it('filters by status and block: a product is listed when any of its items matches', async () => {
    const listed = (query: string) => api.call('GET', `/api/v1/products?${query}`, { auth: tenant.key });
    const backorder = await listed('status=backorder');
    expect(backorder.body.total).toBe(1);
    expect(backorder.body.data[0]).toMatchObject({ name: 'Trail Shoe' });
    // All of its items, not only the one that matched.
    expect(backorder.body.data[0].items).toHaveLength(2);
    expect((await listed('block=manual')).body.data.map((p: { name: string }) => p.name)).toEqual(['Cap']);
    expect((await listed('status=unavailable&block=manual')).body.total).toBe(1);
    expect((await listed('status=in_stock&block=manual')).body.total).toBe(0);
    expect((await listed('status=in_stock&search=zebra%204')).body.total).toBe(1);
  });

  it('pages by number with the total, and sorts', async () => {
    const page = (query: string) => api.call('GET', `/api/v1/products?${query}`, { auth: tenant.key });
    const second = await page('limit=4&page=2');
    expect(second.body).toMatchObject({ page: 2, limit: 4, total: 6, total_pages: 2 });
    expect(second.body.data.map((p: { name: string }) => p.name)).toEqual(['Zebra 3', 'Zebra 4']);
    const past = await page('limit=4&page=3');
    expect(past.status).toBe(200);
    expect(past.body).toMatchObject({ data: [], total: 6, total_pages: 2 });

    const byName = await page('sort=name&direction=desc&limit=2');
    expect(byName.body.data.map((p: { name: string }) => p.name)).toEqual(['Zebra 4', 'Zebra 3']);
    const byStock = await page('sort=stock&limit=2');
    expect(byStock.body.data.map((p: { name: string }) => p.name)).toEqual(['Cap', 'Trail Shoe']);
    const byStockDesc = await page('sort=stock&direction=desc&limit=1');
    expect(byStockDesc.body.data.map((p: { name: string }) => p.name)).toEqual(['Zebra 4']);
  });

  it('shows only the caller’s store', async () => {
    const other = await api.aTenant();
    const listed = await api.call('GET', '/api/v1/products', { auth: other.key });
    expect(listed.body).toEqual({ data: [], page: 1, limit: 25, total: 0, total_pages: 1 });
    const search = await api.call('GET', '/api/v1/products?search=trail', { auth: other.key });
    expect(search.body.total).toBe(0);
  });

  it('refuses queries outside the schema and requests without credentials', async () => {
    for (const query of [
      'status=sold_out',
      'block=other',
      'sort=price',
      'direction=up',
      'page=0',
      'limit=101',
      'limit=x',
      'colour=red',
      `search=${'x'.repeat(256)}`,
    ]) {
      const refused = await api.call('GET', `/api/v1/products?${query}`, { auth: tenant.key });
      expect(refused.status, query).toBe(400);
      expect(refused.body.error.code, query).toBe('VALIDATION.INVALID_QUERY');
    }
    expect((await api.call('GET', '/api/v1/products')).status).toBe(401);
  });
});
