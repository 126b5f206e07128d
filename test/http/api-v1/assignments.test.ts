import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApiKey } from '../../../src/app/api-keys/create-api-key.js';
import { MAX_PRODUCTS_PER_REQUEST } from '../../../src/app/assignment/assign-products.js';
import { describeEachDatabase } from '../../adapters/db/support/databases.js';
import {
  aConnectedStore,
  type Harness,
  type StoreContext,
  startHarness,
  withSizes,
} from '../../app/assignment/support/assignment-harness.js';
import { type ApiHarness, startApiHarness } from './support/api-harness.js';

// The assignment endpoints against the REAL sandbox over HTTP, through the app's BigCommerce client.
let sandbox: Harness;
beforeAll(async () => {
  sandbox = await startHarness();
});
afterAll(async () => {
  await sandbox?.close();
});

describeEachDatabase('public API assignments against the sandbox', (db) => {
  let ctx: StoreContext;
  let api: ApiHarness;
  let key: string;
  beforeAll(async () => {
    ctx = await aConnectedStore(db(), sandbox);
    api = await startApiHarness(db(), { assignment: ctx.deps, clock: ctx.clock });
    const made = await createApiKey(
      { apiKeys: db().repos.apiKeys, clock: ctx.clock },
      { storeId: ctx.store.id, name: 'ERP' },
    );
    if (!made.ok) throw new Error(made.message);
    key = made.key;
  });
  afterAll(async () => {
    await api?.close();
  });

  it('assigns products with their variants, per product, and unassigns them', async () => {
    const shoe = ctx.createProduct({
      name: 'Trail Shoe',
      ...withSizes({ S: 3, M: 0, L: 7 }, `SHOE${ctx.store.id}`),
    });
    const missing = 987_654;

    const assigned = await api.call('POST', '/api/v1/assignments', {
      auth: key,
      body: { product_ids: [shoe, missing], template_id: ctx.template.id },
    });
    expect(assigned.status).toBe(200);
    expect(assigned.body.results).toEqual([
      { product_id: shoe, status: 'assigned', code: null, message: null, item_count: 3, warnings: [] },
      {
        product_id: missing,
        status: 'refused',
        code: 'ASSIGNMENT.PRODUCT_NOT_FOUND',
        message: expect.any(String),
        item_count: 0,
        warnings: [],
      },
    ]);
    const items = await api.call('GET', `/api/v1/items?product_id=${shoe}`, { auth: key });
    expect(items.body.data.map((i: { sku: string; stock: number }) => [i.sku, i.stock])).toEqual([
      [`SHOE${ctx.store.id}-S`, 3],
      [`SHOE${ctx.store.id}-M`, 0],
      [`SHOE${ctx.store.id}-L`, 7],
    ]);
    expect(items.body.data[0]).toMatchObject({ threshold: ctx.template.threshold, product_id: shoe });
    // BigCommerce no longer tracks the product's inventory: the app does.
    expect((await ctx.product(shoe)).inventory_tracking).toBe('none');

    const again = await api.call('POST', '/api/v1/assignments', { auth: key, body: { product_ids: [shoe] } });
    expect(again.body.results[0]).toMatchObject({ status: 'refused', code: 'ASSIGNMENT.ALREADY_ASSIGNED' });

    // Another store's key cannot unassign it.
    const other = await api.aTenant();
    const foreign = await api.call('DELETE', `/api/v1/assignments/${shoe}`, { auth: other.key });
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.code).toBe('ASSIGNMENT.NOT_ASSIGNED');

    const unassigned = await api.call('DELETE', `/api/v1/assignments/${shoe}`, { auth: key });
    expect(unassigned.status).toBe(204);
    expect((await api.call('GET', `/api/v1/items?product_id=${shoe}`, { auth: key })).body.data).toEqual([]);
    const twice = await api.call('DELETE', `/api/v1/assignments/${shoe}`, { auth: key });
    expect(twice.status).toBe(404);
    expect(twice.body.error.code).toBe('ASSIGNMENT.NOT_ASSIGNED');
  });

  it('assigns a product again from the stock the app counted, not 0 (issue 9, item 2)', async () => {
    const mug = ctx.createProduct({ name: 'Mug', sku: `MUG${ctx.store.id}` });
    const sku = `MUG${ctx.store.id}`;
    await api.call('POST', '/api/v1/assignments', { auth: key, body: { product_ids: [mug] } });
    const set = await api.call('PATCH', `/api/v1/items/${sku}`, { auth: key, body: { stock: 20 } });
    expect(set.status).toBe(200);
    expect((await api.call('DELETE', `/api/v1/assignments/${mug}`, { auth: key })).status).toBe(204);
    // BigCommerce was left as the app leaves it: tracking off.
    expect((await ctx.product(mug)).inventory_tracking).toBe('none');

    const again = await api.call('POST', '/api/v1/assignments', { auth: key, body: { product_ids: [mug] } });

    expect(again.body.results[0]).toMatchObject({
      status: 'assigned',
      warnings: ['ASSIGNMENT.STOCK_FROM_LEDGER'],
    });
    const item = await api.call('GET', `/api/v1/items/${sku}`, { auth: key });
    expect(item.body).toMatchObject({ stock: 20, status: 'in_stock', backordered: 0 });
  });

  it('hands inventory tracking back to BigCommerce with the app’s last stock when asked', async () => {
    const prefix = `BOOT${ctx.store.id}`;
    const boot = ctx.createProduct({ name: 'Boot', ...withSizes({ S: 3, M: 5 }, prefix) });
    await api.call('POST', '/api/v1/assignments', { auth: key, body: { product_ids: [boot] } });
    await api.call('PATCH', `/api/v1/items/${prefix}-S`, { auth: key, body: { stock: 11 } });
    await api.call('PATCH', `/api/v1/items/${prefix}-M`, { auth: key, body: { stock: -4 } });
    expect((await ctx.product(boot)).inventory_tracking).toBe('none');

    const bad = await api.call('DELETE', `/api/v1/assignments/${boot}?restore_tracking=yes`, { auth: key });
    expect(bad.status).toBe(400);
    const unassigned = await api.call('DELETE', `/api/v1/assignments/${boot}?restore_tracking=true`, {
      auth: key,
    });

    expect(unassigned.status).toBe(200);
    expect(unassigned.body).toEqual({ product_id: boot, tracking_restored: 'variant', warnings: [] });
    const back = await ctx.product(boot);
    expect(back.inventory_tracking).toBe('variant');
    expect(Object.fromEntries((back.variants ?? []).map((v) => [v.sku, v.inventory_level]))).toEqual({
      [`${prefix}-S`]: 11,
      [`${prefix}-M`]: 0,
    });

    // Assigned again, BigCommerce's levels are the stock once more.
    const again = await api.call('POST', '/api/v1/assignments', { auth: key, body: { product_ids: [boot] } });
    expect(again.body.results[0]).toMatchObject({ status: 'assigned', warnings: [] });
    const items = await api.call('GET', `/api/v1/items?product_id=${boot}`, { auth: key });
    expect(items.body.data.map((i: { stock: number }) => i.stock)).toEqual([11, 0]);
  });

  it('queues many products as a background run (202)', async () => {
    const ids = Array.from({ length: MAX_PRODUCTS_PER_REQUEST + 1 }, (_v, i) => 500_000 + i);
    const queued = await api.call('POST', '/api/v1/assignments', { auth: key, body: { product_ids: ids } });
    expect(queued.status).toBe(202);
    expect(queued.body).toMatchObject({
      run_id: expect.any(Number),
      status: 'pending',
      progress: { total: ids.length, pending: ids.length, assigned: 0 },
    });
    expect(ctx.jobs.named('assignment.bulk')).toContainEqual(
      expect.objectContaining({ payload: { storeId: ctx.store.id, runId: queued.body.run_id } }),
    );
  });

  it('refuses an unknown template and bad bodies, assigning nothing', async () => {
    const product = ctx.createProduct({ name: 'Cap' });
    const template = await api.call('POST', '/api/v1/assignments', {
      auth: key,
      body: { product_ids: [product], template_id: 999_999 },
    });
    expect(template.status).toBe(404);
    expect(template.body.error.code).toBe('ASSIGNMENT.TEMPLATE_NOT_FOUND');
    for (const body of [
      {},
      { product_ids: [] },
      { product_ids: [0] },
      { product_ids: ['12'] },
      { product_ids: [product], extra: 1 },
    ]) {
      const response = await api.call('POST', '/api/v1/assignments', { auth: key, body });
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.error.code).toBe('VALIDATION.INVALID_BODY');
    }
    const bad = await api.call('DELETE', '/api/v1/assignments/abc', { auth: key });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION.INVALID_PATH');
    expect(await db().repos.products.findProductByBcId(ctx.store.id, product)).toBeNull();
  });
});
