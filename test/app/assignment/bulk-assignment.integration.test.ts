import { afterAll, beforeAll, expect, it } from 'vitest';
import { type BigCommerceClient, createStoreCatalog } from '../../../src/adapters/bigcommerce/index.js';
import { assignmentBulkJob } from '../../../src/app/assignment/assignment-bulk.job.js';
import { ASSIGNMENT_CODES } from '../../../src/app/assignment/assignment-codes.js';
import {
  getAssignmentRun,
  runBulkAssignment,
  startBulkAssignment,
} from '../../../src/app/assignment/bulk-assignment.js';
import { searchCatalog } from '../../../src/app/assignment/search-catalog.js';
import { deliverOutbox } from '../../../src/app/outbox/deliver-outbox.js';
import { describeEachDatabase } from '../../adapters/db/support/databases.js';
import {
  aConnectedStore,
  type Harness,
  jobContext,
  startHarness,
  withSizes,
} from './support/assignment-harness.js';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness.close();
});

describeEachDatabase('bulk assignment against the sandbox', (db) => {
  it('assigns 300 products in the background with progress, in batched BigCommerce writes', async () => {
    const ctx = await aConnectedStore(db(), harness);
    const ids: number[] = [];
    for (let n = 0; n < 300; n++) {
      ids.push(
        n % 10 === 0
          ? ctx.createProduct(withSizes({ S: n % 7, M: 2 }, `BULK-${ctx.storeHash}-${n}`))
          : ctx.createProduct({ inventory_tracking: 'product', inventory_level: n % 5 }),
      );
    }
    const extra = [ctx.createProduct({}), ctx.createProduct({})];

    const started = await startBulkAssignment(ctx.deps, {
      storeId: ctx.store.id,
      productIds: ids,
      actor: 'api-key:abc',
    });
    expect(started.ok).toBe(true);
    if (!started.ok) return;
    expect(started.run).toMatchObject({ status: 'pending', resolved: true });
    expect(started.progress).toEqual({ total: 300, pending: 300, assigned: 0, skipped: 0, failed: 0 });
    const queued = ctx.jobs.named('assignment.bulk');
    expect(queued).toEqual([
      expect.objectContaining({ payload: { storeId: ctx.store.id, runId: started.run.id } }),
    ]);

    // The worker runs the job.
    await assignmentBulkJob(ctx.deps).handler(queued[0]!.payload, jobContext('assignment.bulk'));

    const details = await getAssignmentRun(ctx.deps, { storeId: ctx.store.id, runId: started.run.id });
    expect(details.ok && details.run.status).toBe('done');
    expect(details.ok && details.progress).toEqual({
      total: 300,
      pending: 0,
      assigned: 300,
      skipped: 0,
      failed: 0,
    });
    expect(details.ok && details.problems).toEqual([]);

    // Read a page of 250 at a time, variants included: no product read on its own.
    expect(ctx.writes.reads).toEqual([
      { method: 'getProductsByIds', ids: 250 },
      { method: 'getProductsByIds', ids: 50 },
    ]);
    // Every product tracked by the app, tracking off in BigCommerce, written 10 products per request.
    const items = await db().repos.items.listItems(ctx.store.id, { limit: 5000 });
    expect(items).toHaveLength(270 + 30 * 2);
    const tracked = await ctx.client().getProductsByIds(ids);
    expect(tracked.filter((p) => p.inventory_tracking !== 'none')).toEqual([]);
    const patches = ctx.writes.products.flat();
    expect(new Set(patches.map((p) => p.id)).size).toBe(300);
    expect(ctx.writes.requests()).toBe(30);

    // One email for the run, listing every product.
    const assigned = (await db().repos.notifications.listNotifications(ctx.store.id)).filter(
      (n) => n.event === 'assigned',
    );
    expect(assigned).toHaveLength(1);
    expect((assigned[0]!.payload as { products: unknown[] }).products).toHaveLength(300);

    // Purchasability went with the tracking writes: nothing is left for the outbox (no second pass).
    ctx.writes.reset();
    const delivery = await deliverOutbox(ctx.deps, { storeId: ctx.store.id });
    expect(delivery).toMatchObject({ claimed: 0, delivered: 0, failed: 0 });
    expect(ctx.writes.requests()).toBe(0);

    // The search joins the app's assignments (more than BigCommerce can take in one id filter).
    const unassigned = await searchCatalog(ctx.deps, { storeId: ctx.store.id, filter: { assigned: false } });
    expect(unassigned.ok && unassigned.products.map((p) => p.bcProductId)).toEqual(extra);
    expect(unassigned.ok && unassigned.total).toBe(2);
    const page2 = await searchCatalog(ctx.deps, {
      storeId: ctx.store.id,
      filter: { assigned: true },
      page: 2,
      limit: 100,
    });
    expect(page2.ok && page2.total).toBe(300);
    expect(page2.ok && page2.products.map((p) => p.bcProductId)).toEqual(ids.slice(100, 200));
    expect(page2.ok && page2.products.every((p) => p.assigned && p.productId !== null)).toBe(true);
  });

  it('resumes after a crash half-way: nothing assigned twice, nothing left undone', async () => {
    const base = await aConnectedStore(db(), harness);
    const ctx = { ...base, deps: { ...base.deps, options: { chunkSize: 20 } } };
    const ids = Array.from({ length: 50 }, (_, n) =>
      ctx.createProduct({ inventory_tracking: 'product', inventory_level: n }),
    );
    const started = await startBulkAssignment(ctx.deps, { storeId: ctx.store.id, productIds: ids });
    if (!started.ok) throw new Error(started.message);

    // The process dies during the second chunk, after the app stored its assignments and before
    // BigCommerce heard about them.
    let writes = 0;
    const crashing = async (): Promise<BigCommerceClient> =>
      new Proxy(ctx.client(), {
        get(target, property, receiver) {
          if (property === 'updateProducts') {
            return async (patches: Parameters<BigCommerceClient['updateProducts']>[0]) => {
              writes += 1;
              if (writes === 2) throw new Error('process killed');
              return target.updateProducts(patches);
            };
          }
          return Reflect.get(target, property, receiver);
        },
      });
    await expect(
      runBulkAssignment(
        { ...ctx.deps, storeCatalog: createStoreCatalog(crashing) },
        { storeId: ctx.store.id, runId: started.run.id },
      ),
    ).rejects.toThrow('process killed');

    const halfway = await getAssignmentRun(ctx.deps, { storeId: ctx.store.id, runId: started.run.id });
    expect(halfway.ok && halfway.run.status).toBe('running');
    expect(halfway.ok && halfway.progress).toMatchObject({ assigned: 20, pending: 30 });
    const stranded = await ctx.product(ids[25]!);
    expect(stranded.inventory_tracking).toBe('product');
    expect(await db().repos.items.findItemByBcIds(ctx.store.id, ids[25]!, null)).toMatchObject({
      active: true,
    });

    // The retried job resumes the run.
    await runBulkAssignment(ctx.deps, { storeId: ctx.store.id, runId: started.run.id });

    const done = await getAssignmentRun(ctx.deps, { storeId: ctx.store.id, runId: started.run.id });
    expect(done.ok && done.progress).toEqual({ total: 50, pending: 0, assigned: 50, skipped: 0, failed: 0 });
    const products = await ctx.client().getProductsByIds(ids);
    expect(products.filter((p) => p.inventory_tracking !== 'none')).toEqual([]);
    for (const [n, id] of ids.entries()) {
      const item = await db().repos.items.findItemByBcIds(ctx.store.id, id, null);
      expect(item?.stock).toBe(n);
      const ledger = await db().repos.history.listLedger(ctx.store.id, { itemId: item!.id });
      expect(ledger.filter((row) => row.kind === 'assignment')).toHaveLength(n === 0 ? 0 : 1);
    }
    // Running a finished run again does nothing.
    ctx.writes.reset();
    await runBulkAssignment(ctx.deps, { storeId: ctx.store.id, runId: started.run.id });
    expect(ctx.writes.requests()).toBe(0);
    const notes = await db().repos.notifications.listNotifications(ctx.store.id);
    expect(notes.filter((n) => n.event === 'assigned')).toHaveLength(1);
  });

  it('assigns every unassigned product a catalog filter matches ("select all matching")', async () => {
    const ctx = await aConnectedStore(db(), harness);
    const widgets = Array.from({ length: 7 }, (_, n) =>
      ctx.createProduct({ name: `Widget ${ctx.storeHash} ${n}` }),
    );
    ctx.createProduct({ name: `Gadget ${ctx.storeHash}` });
    const first = await startBulkAssignment(ctx.deps, { storeId: ctx.store.id, productIds: [widgets[0]!] });
    if (!first.ok) throw new Error(first.message);
    await runBulkAssignment(ctx.deps, { storeId: ctx.store.id, runId: first.run.id });

    const started = await startBulkAssignment(ctx.deps, {
      storeId: ctx.store.id,
      filter: { keyword: 'Widget' },
    });
    if (!started.ok) throw new Error(started.message);
    expect(started.run).toMatchObject({ resolved: false, filter: { keyword: 'Widget', assigned: false } });
    await runBulkAssignment(ctx.deps, { storeId: ctx.store.id, runId: started.run.id });

    const details = await getAssignmentRun(ctx.deps, { storeId: ctx.store.id, runId: started.run.id });
    expect(details.ok && details.progress).toEqual({
      total: 6,
      pending: 0,
      assigned: 6,
      skipped: 0,
      failed: 0,
    });
    const assigned = await db().repos.products.listProducts(ctx.store.id, { assigned: true });
    expect(assigned.map((p) => p.bcProductId).sort((a, b) => a - b)).toEqual(widgets);
  });

  it('records per-product outcomes with codes; refuses bad requests', async () => {
    const ctx = await aConnectedStore(db(), harness);
    const a = ctx.createProduct({});
    const first = await startBulkAssignment(ctx.deps, { storeId: ctx.store.id, productIds: [a] });
    if (!first.ok) throw new Error(first.message);
    await runBulkAssignment(ctx.deps, { storeId: ctx.store.id, runId: first.run.id });

    const b = ctx.createProduct({});
    const second = await startBulkAssignment(ctx.deps, {
      storeId: ctx.store.id,
      productIds: [a, 876_543, b],
    });
    if (!second.ok) throw new Error(second.message);
    await runBulkAssignment(ctx.deps, { storeId: ctx.store.id, runId: second.run.id });
    const details = await getAssignmentRun(ctx.deps, { storeId: ctx.store.id, runId: second.run.id });
    expect(details.ok && details.progress).toEqual({
      total: 3,
      pending: 0,
      assigned: 1,
      skipped: 1,
      failed: 1,
    });
    expect(details.ok && details.problems.map((p) => [p.bcProductId, p.status, p.code])).toEqual([
      [a, 'skipped', ASSIGNMENT_CODES.alreadyAssigned],
      [876_543, 'failed', ASSIGNMENT_CODES.productNotFound],
    ]);

    const bad = [
      [{}, ASSIGNMENT_CODES.noProducts],
      [{ productIds: [1], filter: { keyword: 'x' } }, ASSIGNMENT_CODES.invalidFilter],
      [{ filter: { keyword: 'x', colour: 'red' } }, ASSIGNMENT_CODES.invalidFilter],
      [{ filter: { stockMin: 5, stockMax: 2 } }, ASSIGNMENT_CODES.invalidFilter],
      [{ productIds: [-3] }, ASSIGNMENT_CODES.invalidProductId],
      [{ productIds: [a], templateId: 123_456_789 }, ASSIGNMENT_CODES.templateNotFound],
    ] as const;
    const runsBefore = await db().repos.assignmentRuns.listRuns(ctx.store.id);
    for (const [input, code] of bad) {
      expect(await startBulkAssignment(ctx.deps, { storeId: ctx.store.id, ...input })).toMatchObject({
        ok: false,
        code,
      });
    }
    expect(await db().repos.assignmentRuns.listRuns(ctx.store.id)).toEqual(runsBefore);
    expect(await getAssignmentRun(ctx.deps, { storeId: ctx.store.id, runId: 999_999 })).toMatchObject({
      ok: false,
      code: ASSIGNMENT_CODES.runNotFound,
    });
  });
});
