import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApiKey } from '../../../src/app/api-keys/create-api-key.js';
import { MAX_PRODUCTS_PER_REQUEST } from '../../../src/app/assignment/assign-products.js';
import { runBulkAssignment } from '../../../src/app/assignment/bulk-assignment.js';
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

  it('assigns by filter as a background run with stock defaults, whose progress the run tells', async () => {
    const tag = `Lantern${ctx.store.id}`;
    const sized = ctx.createProduct({
      name: `${tag} Deluxe`,
      ...withSizes({ S: 0, M: 5 }, `LNT${ctx.store.id}`),
    });
    const plain = ctx.createProduct({
      name: `${tag} Mini`,
      inventory_tracking: 'product',
      inventory_level: 2,
    });
    const taken = ctx.createProduct({ name: `${tag} Classic` });
    await api.call('POST', '/api/v1/assignments', { auth: key, body: { product_ids: [taken] } });

    const queued = await api.call('POST', '/api/v1/assignments', {
      auth: key,
      body: {
        filter: { keyword: tag },
        template_id: ctx.template.id,
        threshold: 0,
        back_in_stock_date: '2031-05-06',
      },
    });
    expect(queued.status).toBe(202);
    expect(queued.body).toMatchObject({
      status: 'pending',
      kind: 'filter',
      resolved: false,
      template_id: ctx.template.id,
      stock_defaults: { threshold: 0, back_in_stock_date: '2031-05-06' },
      finished_at: null,
      progress: { total: 0 },
    });
    const runId = queued.body.run_id as number;
    const activeIds = async () =>
      (await api.call('GET', '/api/v1/assignments/runs?status=active', { auth: key })).body.data.map(
        (r: { run_id: number }) => r.run_id,
      );
    // Newest first (the 202 test above left a run of its own waiting).
    expect((await activeIds())[0]).toBe(runId);

    // The worker runs the job.
    await runBulkAssignment(ctx.deps, { storeId: ctx.store.id, runId });

    const run = await api.call('GET', `/api/v1/assignments/runs/${runId}`, { auth: key });
    expect(run.status).toBe(200);
    expect(run.body).toMatchObject({
      run_id: runId,
      status: 'done',
      resolved: true,
      finished_at: expect.any(String),
      // The product assigned before is left out: a filter assigns what is not assigned yet.
      progress: { total: 2, pending: 0, assigned: 2, skipped: 0, failed: 0 },
      failures: [],
    });
    expect(await activeIds()).not.toContain(runId);
    const done = await api.call('GET', '/api/v1/assignments/runs?status=done&limit=100', { auth: key });
    expect(done.body.data.map((r: { run_id: number }) => r.run_id)).toContain(runId);

    // Threshold and date as given, incoming stock from the template, for every item.
    const items = [
      ...(await api.call('GET', `/api/v1/items?product_id=${sized}`, { auth: key })).body.data,
      ...(await api.call('GET', `/api/v1/items?product_id=${plain}`, { auth: key })).body.data,
    ];
    expect(
      items.map((i: Record<string, unknown>) => [
        i.stock,
        i.threshold,
        i.incoming_stock,
        i.back_in_stock_date,
        i.status,
      ]),
    ).toEqual([
      [0, 0, ctx.template.incomingStock, '2031-05-06', 'unavailable'],
      [5, 0, ctx.template.incomingStock, '2031-05-06', 'in_stock'],
      [2, 0, ctx.template.incomingStock, '2031-05-06', 'in_stock'],
    ]);
  });

  it('tells a run’s skipped and failed products with their codes', async () => {
    const product = ctx.createProduct({ name: 'Ladle' });
    await api.call('POST', '/api/v1/assignments', { auth: key, body: { product_ids: [product] } });
    const again = await api.call('POST', '/api/v1/assignments', {
      auth: key,
      body: { product_ids: [product, 987_001] },
    });
    const run = await api.call('GET', `/api/v1/assignments/runs/${again.body.run_id}`, { auth: key });
    expect(run.body).toMatchObject({
      kind: 'products',
      status: 'done',
      progress: { total: 2, pending: 0, assigned: 0, skipped: 1, failed: 1 },
      failures: [
        { product_id: product, name: 'Ladle', status: 'skipped', code: 'ASSIGNMENT.ALREADY_ASSIGNED' },
        { product_id: 987_001, name: null, status: 'failed', code: 'ASSIGNMENT.PRODUCT_NOT_FOUND' },
      ],
    });
  });

  it('applies stock defaults to a small selection assigned at once', async () => {
    const product = ctx.createProduct({ name: 'Kettle', inventory_tracking: 'product', inventory_level: 0 });
    const assigned = await api.call('POST', '/api/v1/assignments', {
      auth: key,
      body: { product_ids: [product], threshold: null, incoming_stock: 8, back_in_stock_date: null },
    });
    expect(assigned.status).toBe(200);
    const [item] = (await api.call('GET', `/api/v1/items?product_id=${product}`, { auth: key })).body.data;
    // Unlimited threshold and no date, although the template has both.
    expect(item).toMatchObject({
      threshold: null,
      incoming_stock: 8,
      back_in_stock_date: null,
      status: 'backorder',
    });
  });

  it('refuses bad selections, filters and stock defaults, starting nothing', async () => {
    const product = ctx.createProduct({ name: 'Spoon' });
    const runsBefore = (await api.call('GET', '/api/v1/assignments/runs?limit=100', { auth: key })).body.data;
    for (const body of [
      { product_ids: [product], filter: { keyword: 'x' } },
      { filter: { colour: 'red' } },
      { filter: { stock_min: 5, stock_max: 1 } },
      { filter: { visible: 'yes' } },
      { product_ids: [product], threshold: -1 },
      { product_ids: [product], threshold: 2.5 },
      { product_ids: [product], incoming_stock: -3 },
      { product_ids: [product], back_in_stock_date: '2031-02-30' },
      { product_ids: [product], back_in_stock_date: 'tomorrow' },
      { template_id: 1 },
    ]) {
      const response = await api.call('POST', '/api/v1/assignments', { auth: key, body });
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.error.code).toBe('VALIDATION.INVALID_BODY');
    }
    const template = await api.call('POST', '/api/v1/assignments', {
      auth: key,
      body: { filter: { keyword: 'Spoon' }, template_id: 999_999 },
    });
    expect(template.status).toBe(404);
    expect(template.body.error.code).toBe('ASSIGNMENT.TEMPLATE_NOT_FOUND');
    expect((await api.call('GET', '/api/v1/assignments/runs?limit=100', { auth: key })).body.data).toEqual(
      runsBefore,
    );
    expect(await db().repos.products.findProductByBcId(ctx.store.id, product)).toBeNull();

    for (const query of ['status=busy', 'limit=0', 'limit=101', 'other=1']) {
      const response = await api.call('GET', `/api/v1/assignments/runs?${query}`, { auth: key });
      expect(response.status, query).toBe(400);
      expect(response.body.error.code).toBe('VALIDATION.INVALID_QUERY');
    }
    const badId = await api.call('GET', '/api/v1/assignments/runs/abc', { auth: key });
    expect(badId.status).toBe(400);
    expect(badId.body.error.code).toBe('VALIDATION.INVALID_PATH');
    const none = await api.call('GET', '/api/v1/assignments/runs/987654321', { auth: key });
    expect(none.status).toBe(404);
    expect(none.body.error.code).toBe('ASSIGNMENT.RUN_NOT_FOUND');
  });

  it('keeps each store’s runs to itself', async () => {
    const product = ctx.createProduct({ name: 'Fork' });
    const mine = await api.call('POST', '/api/v1/assignments', {
      auth: key,
      body: { product_ids: [product] },
    });
    const other = await api.aTenant();
    const foreign = await api.call('GET', `/api/v1/assignments/runs/${mine.body.run_id}`, {
      auth: other.key,
    });
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.code).toBe('ASSIGNMENT.RUN_NOT_FOUND');
    expect((await api.call('GET', '/api/v1/assignments/runs', { auth: other.key })).body.data).toEqual([]);
    const own = await api.call('GET', `/api/v1/assignments/runs/${mine.body.run_id}`, { auth: key });
    expect(own.body).toMatchObject({ kind: 'products', status: 'done', progress: { assigned: 1 } });
  });
});
