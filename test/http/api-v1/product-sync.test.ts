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

// Sync goes to BigCommerce: the REAL sandbox over HTTP, through the app's BigCommerce client.
let sandbox: Harness;
beforeAll(async () => {
  sandbox = await startHarness();
});
afterAll(async () => {
  await sandbox?.close();
});

describeEachDatabase('public API: sync a product from BigCommerce, against the sandbox', (db) => {
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

  let shoes = 0;
  async function anAssignedShoe() {
    shoes += 1;
    const prefix = `SHOE-${ctx.storeHash}-${Math.random().toString(36).slice(2, 8)}`;
    const bcId = ctx.createProduct({ name: `Trail Shoe ${shoes}`, ...withSizes({ S: 3, M: 0 }, prefix) });
    const assigned = await api.call('POST', '/api/v1/assignments', {
      auth: key,
      body: { product_ids: [bcId] },
    });
    expect(assigned.body.results[0].status).toBe('assigned');
    return { bcId, prefix };
  }

  it('takes the levels someone wrote in BigCommerce and answers the product as listed', async () => {
    const { bcId, prefix } = await anAssignedShoe();
    const variants = (await ctx.product(bcId)).variants!;
    const m = variants.find((v) => v.sku === `${prefix}-M`)!;
    // An ERP turns tracking on and writes a level.
    await ctx.erp.updateProducts([{ id: bcId, inventory_tracking: 'variant' }]);
    await ctx.erp.updateVariants([{ id: m.id, inventory_level: 9 }]);

    const synced = await api.call('POST', `/api/v1/products/${bcId}/sync`, { auth: key });

    expect(synced.status).toBe(200);
    expect(synced.body.sync).toEqual({
      stock_changes: [{ variant_id: m.id, from: 0, to: 9 }],
      tracking_turned_off: true,
      purchasability_corrected: 0,
      warnings: [],
    });
    expect(synced.body.product).toMatchObject({ product_id: bcId, name: 'Trail Shoe 1' });
    expect(
      synced.body.product.items.map((i: { sku: string; stock: number; status: string }) => [
        i.sku,
        i.stock,
        i.status,
      ]),
    ).toEqual([
      [`${prefix}-S`, 3, 'in_stock'],
      [`${prefix}-M`, 9, 'in_stock'],
    ]);
    const listed = await api.call('GET', `/api/v1/products?search=${encodeURIComponent(prefix)}`, {
      auth: key,
    });
    expect(listed.body.data).toEqual([synced.body.product]);
    expect((await ctx.product(bcId)).inventory_tracking).toBe('none');

    // Nothing changed since: a second sync takes nothing.
    const again = await api.call('POST', `/api/v1/products/${bcId}/sync`, { auth: key });
    expect(again.body.sync).toMatchObject({ stock_changes: [], tracking_turned_off: false });
  });

  it('refuses a product that is not assigned, or that BigCommerce no longer has', async () => {
    const loose = ctx.createProduct({ name: 'Never assigned' });
    const notAssigned = await api.call('POST', `/api/v1/products/${loose}/sync`, { auth: key });
    expect(notAssigned.status).toBe(404);
    expect(notAssigned.body.error.code).toBe('ASSIGNMENT.NOT_ASSIGNED');

    const { bcId } = await anAssignedShoe();
    // Another store's key does not reach it.
    const other = await api.aTenant();
    const foreign = await api.call('POST', `/api/v1/products/${bcId}/sync`, { auth: other.key });
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.code).toBe('ASSIGNMENT.NOT_ASSIGNED');

    sandbox.sandbox.state.products.deleteProducts(ctx.storeHash, [bcId]);
    const gone = await api.call('POST', `/api/v1/products/${bcId}/sync`, { auth: key });
    expect(gone.status).toBe(404);
    expect(gone.body.error.code).toBe('ASSIGNMENT.PRODUCT_NOT_FOUND');

    const bad = await api.call('POST', '/api/v1/products/abc/sync', { auth: key });
    expect(bad.status).toBe(400);
  });

  it('answers 502 when BigCommerce cannot be reached', async () => {
    const { bcId } = await anAssignedShoe();
    sandbox.sandbox.faults.configure({ errorRate: 1, errorStatuses: [503] });
    try {
      const down = await api.call('POST', `/api/v1/products/${bcId}/sync`, { auth: key });
      expect(down.status).toBe(502);
      expect(down.body.error.code).toBe('UPSTREAM.BIGCOMMERCE_UNAVAILABLE');
    } finally {
      sandbox.sandbox.faults.configure({ errorRate: 0 });
    }
  });
});
