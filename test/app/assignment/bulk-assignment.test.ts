import { describe, expect, it } from 'vitest';
import { assignProducts } from '../../../src/app/assignment/assign-products.js';
import { assignmentBulkJob } from '../../../src/app/assignment/assignment-bulk.job.js';
import { ASSIGNMENT_CODES } from '../../../src/app/assignment/assignment-codes.js';
import {
  ACTIVE_RUN_STATUSES,
  getAssignmentRun,
  listAssignmentRuns,
  runBulkAssignment,
  startBulkAssignment,
} from '../../../src/app/assignment/bulk-assignment.js';
import { searchCatalog } from '../../../src/app/assignment/search-catalog.js';
import { deliverOutbox } from '../../../src/app/outbox/deliver-outbox.js';
import { aCatalogProduct, aSizedProduct } from '../../builders/catalog.builder.js';
import { aStoreOnFakes, jobContext, type StoreOnFakes } from '../support/store-on-fakes.js';

/**
 * Bulk assignment (job `assignment.bulk`) on fakes. Against the sandbox and the databases:
 * bulk-assignment.integration.test.ts.
 */
const run = async (world: StoreOnFakes, input: Parameters<typeof startBulkAssignment>[1]) => {
  const started = await startBulkAssignment(world.deps, input);
  if (!started.ok) throw new Error(started.message);
  await runBulkAssignment(world.deps, { storeId: world.storeId, runId: started.run.id });
  return started.run.id;
};

describe('bulk assignment', () => {
  it('assigns 300 products in the background with progress, writing BigCommerce a chunk at a time', async () => {
    const world = await aStoreOnFakes();
    const ids = Array.from({ length: 300 }, (_, n) =>
      n % 10 === 0
        ? world.shop.addProduct(aSizedProduct({ S: n % 7, M: 2 })).id
        : world.shop.addProduct(aCatalogProduct({ tracking: 'product', stockLevel: n % 5 })).id,
    );
    const extra = [world.shop.addProduct(aCatalogProduct()).id, world.shop.addProduct(aCatalogProduct()).id];

    const started = await startBulkAssignment(world.deps, {
      storeId: world.storeId,
      productIds: ids,
      actor: 'api-key:abc',
    });
    if (!started.ok) throw new Error(started.message);
    expect(started.run).toMatchObject({ status: 'pending', resolved: true });
    expect(started.progress).toEqual({ total: 300, pending: 300, assigned: 0, skipped: 0, failed: 0 });
    // Told before it starts: 2 reads + 30 writes, at BigCommerce's default quota (150 / 30 s).
    expect(started.estimate).toMatchObject({ products: 300, calls: 32, seconds: 7 });
    const queued = world.jobs.named('assignment.bulk');
    expect(queued).toEqual([
      expect.objectContaining({ payload: { storeId: world.storeId, runId: started.run.id } }),
    ]);
    expect(world.shop.calls).toEqual([]);

    // The worker runs the job.
    await assignmentBulkJob(world.deps).handler(queued[0]!.payload, jobContext('assignment.bulk'));

    const details = await getAssignmentRun(world.deps, { storeId: world.storeId, runId: started.run.id });
    expect(details.ok && details.run.status).toBe('done');
    expect(details.ok && details.progress).toEqual({
      total: 300,
      pending: 0,
      assigned: 300,
      skipped: 0,
      failed: 0,
    });
    expect(details.ok && details.problems).toEqual([]);
    expect(await world.repos.items.listItems(world.storeId, { limit: 5000 })).toHaveLength(270 + 30 * 2);
    // Tracking off for every product, with its purchasability, in one write per chunk (a page of 250).
    const trackingWrites = world.shop.writes.filter((w) => w.method === 'updateProducts');
    expect(trackingWrites.map((w) => 'changes' in w && w.changes.length)).toEqual([250, 50]);
    expect(world.shop.productChanges()).toHaveLength(300);
    expect(new Set(world.shop.productChanges().map((c) => c.bcProductId))).toEqual(new Set(ids));
    expect(ids.every((id) => world.shop.product(id)?.tracking === 'none')).toBe(true);
    // One email for the run, listing every product.
    const assigned = (await world.repos.notifications.listNotifications(world.storeId)).filter(
      (n) => n.event === 'assigned',
    );
    expect(assigned).toHaveLength(1);
    expect((assigned[0]!.payload as { products: unknown[] }).products).toHaveLength(300);

    // Purchasability went with those writes: nothing is left for the outbox (no second pass).
    world.shop.writes.length = 0;
    const delivery = await deliverOutbox(world.deps, { storeId: world.storeId });
    expect(delivery).toMatchObject({ claimed: 0, delivered: 0, failed: 0, writes: 0 });
    expect(world.shop.writes).toEqual([]);

    // The search joins the app's assignments (more than BigCommerce can take in one id filter).
    const unassigned = await searchCatalog(world.deps, {
      storeId: world.storeId,
      filter: { assigned: false },
    });
    expect(unassigned.ok && unassigned.products.map((p) => p.bcProductId)).toEqual(extra);
    expect(unassigned.ok && unassigned.total).toBe(2);
    const page2 = await searchCatalog(world.deps, {
      storeId: world.storeId,
      filter: { assigned: true },
      page: 2,
      limit: 100,
    });
    expect(page2.ok && page2.total).toBe(300);
    expect(page2.ok && page2.products.map((p) => p.bcProductId)).toEqual(ids.slice(100, 200));
    expect(page2.ok && page2.products.every((p) => p.assigned && p.productId !== null)).toBe(true);
  });

  it('resumes after a crash half-way: nothing assigned twice, nothing left undone', async () => {
    const base = await aStoreOnFakes();
    const world = { ...base, deps: { ...base.deps, options: { chunkSize: 20 } } };
    const ids = Array.from(
      { length: 50 },
      (_, n) => world.shop.addProduct(aCatalogProduct({ tracking: 'product', stockLevel: n })).id,
    );
    const started = await startBulkAssignment(world.deps, { storeId: world.storeId, productIds: ids });
    if (!started.ok) throw new Error(started.message);

    // The process dies during the second chunk, after the app stored its assignments and before
    // BigCommerce heard about them.
    world.shop.fail({
      method: 'updateProducts',
      after: 1,
      error: () => new Error('process killed'),
    });
    await expect(
      runBulkAssignment(world.deps, { storeId: world.storeId, runId: started.run.id }),
    ).rejects.toThrow('process killed');

    const halfway = await getAssignmentRun(world.deps, { storeId: world.storeId, runId: started.run.id });
    expect(halfway.ok && halfway.run.status).toBe('running');
    expect(halfway.ok && halfway.progress).toMatchObject({ assigned: 20, pending: 30 });
    expect(world.shop.product(ids[25]!)?.tracking).toBe('product');
    expect(await world.repos.items.findItemByBcIds(world.storeId, ids[25]!, null)).toMatchObject({
      active: true,
    });

    // The retried job resumes the run.
    await runBulkAssignment(world.deps, { storeId: world.storeId, runId: started.run.id });

    const done = await getAssignmentRun(world.deps, { storeId: world.storeId, runId: started.run.id });
    expect(done.ok && done.progress).toEqual({ total: 50, pending: 0, assigned: 50, skipped: 0, failed: 0 });
    expect(ids.every((id) => world.shop.product(id)?.tracking === 'none')).toBe(true);
    for (const [n, id] of ids.entries()) {
      const item = await world.repos.items.findItemByBcIds(world.storeId, id, null);
      expect(item?.stock).toBe(n);
      const ledger = await world.repos.history.listLedger(world.storeId, { itemId: item!.id });
      expect(ledger.filter((row) => row.kind === 'assignment')).toHaveLength(n === 0 ? 0 : 1);
    }
    // Running a finished run again does nothing.
    world.shop.calls.length = 0;
    await runBulkAssignment(world.deps, { storeId: world.storeId, runId: started.run.id });
    expect(world.shop.calls).toEqual([]);
    const notes = await world.repos.notifications.listNotifications(world.storeId);
    expect(notes.filter((n) => n.event === 'assigned')).toHaveLength(1);
  });

  it('assigns every unassigned product a catalog filter matches ("select all matching")', async () => {
    const world = await aStoreOnFakes();
    const widgets = Array.from(
      { length: 7 },
      (_, n) => world.shop.addProduct(aCatalogProduct({ name: `Widget ${n}` })).id,
    );
    world.shop.addProduct(aCatalogProduct({ name: 'Gadget' }));
    await run(world, { storeId: world.storeId, productIds: [widgets[0]!] });

    const started = await startBulkAssignment(world.deps, {
      storeId: world.storeId,
      filter: { keyword: 'Widget' },
    });
    if (!started.ok) throw new Error(started.message);
    expect(started.run).toMatchObject({ resolved: false, filter: { keyword: 'Widget', assigned: false } });
    await runBulkAssignment(world.deps, { storeId: world.storeId, runId: started.run.id });

    const details = await getAssignmentRun(world.deps, { storeId: world.storeId, runId: started.run.id });
    expect(details.ok && details.progress).toEqual({
      total: 6,
      pending: 0,
      assigned: 6,
      skipped: 0,
      failed: 0,
    });
    const assigned = await world.repos.products.listProducts(world.storeId, { assigned: true });
    expect(assigned.map((p) => p.bcProductId).sort((a, b) => a - b)).toEqual(widgets);
  });

  it('records per-product outcomes with codes; refuses bad requests with a code and records nothing', async () => {
    const world = await aStoreOnFakes();
    const a = world.shop.addProduct(aCatalogProduct()).id;
    await run(world, { storeId: world.storeId, productIds: [a] });
    const b = world.shop.addProduct(aCatalogProduct()).id;

    const second = await run(world, { storeId: world.storeId, productIds: [a, 876_543, b] });

    const details = await getAssignmentRun(world.deps, { storeId: world.storeId, runId: second });
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
    const runsBefore = await world.repos.assignmentRuns.listRuns(world.storeId);
    for (const [input, code] of bad) {
      expect(await startBulkAssignment(world.deps, { storeId: world.storeId, ...input })).toMatchObject({
        ok: false,
        code,
      });
    }
    expect(await world.repos.assignmentRuns.listRuns(world.storeId)).toEqual(runsBefore);
    expect(await getAssignmentRun(world.deps, { storeId: world.storeId, runId: 999_999 })).toMatchObject({
      ok: false,
      code: ASSIGNMENT_CODES.runNotFound,
    });
  });

  it('applies stock defaults given with the run over the template’s, through the item pipeline', async () => {
    const world = await aStoreOnFakes({
      template: { threshold: 9, incomingStock: 3, backInStockDate: '2099-01-01' },
    });
    const empty = world.shop.addProduct(aSizedProduct({ S: 0, M: 4 }, { name: 'Widget jacket' })).id;
    const stocked = world.shop.addProduct(
      aCatalogProduct({ name: 'Widget cap', tracking: 'product', stockLevel: 5 }),
    ).id;

    const runId = await run(world, {
      storeId: world.storeId,
      filter: { keyword: 'Widget' },
      stockDefaults: { threshold: 0, backInStockDate: null },
    });

    expect((await world.repos.assignmentRuns.getRun(world.storeId, runId))?.stockDefaults).toEqual({
      threshold: 0,
      backInStockDate: null,
    });
    const items = await world.repos.items.listItems(world.storeId);
    // Threshold and date as given; incoming stock, not given, from the template.
    expect(
      items.map((i) => [i.bcProductId, i.threshold, i.incoming, i.backInStockDate, i.status, i.block]),
    ).toEqual([
      [empty, 0, 3, null, 'unavailable', 'threshold'],
      [empty, 0, 3, null, 'in_stock', null],
      [stocked, 0, 3, null, 'in_stock', null],
    ]);
    // T = 0 out of stock: the rules blocked the item at once, and the transition log says so.
    const transitions = await world.repos.history.listTransitions(world.storeId, { itemId: items[0]!.id });
    expect(transitions[0]).toMatchObject({ to: { status: 'unavailable', block: 'threshold' } });
  });

  it('refuses stock defaults the items could not take, with the items’ codes, and records nothing', async () => {
    const world = await aStoreOnFakes();
    const a = world.shop.addProduct(aCatalogProduct()).id;
    const bad = [
      [{ threshold: -1 }, 'ITEM.INVALID_THRESHOLD'],
      [{ threshold: 1.5 }, 'ITEM.INVALID_THRESHOLD'],
      [{ incomingStock: -2 }, 'ITEM.INVALID_INCOMING'],
      [{ backInStockDate: '2031-02-30' }, 'ITEM.INVALID_DATE'],
    ] as const;
    for (const [stockDefaults, code] of bad) {
      expect(
        await startBulkAssignment(world.deps, { storeId: world.storeId, productIds: [a], stockDefaults }),
      ).toMatchObject({ ok: false, code });
      expect(
        await assignProducts(world.deps, { storeId: world.storeId, productIds: [a], stockDefaults }),
      ).toMatchObject({ ok: false, code });
    }
    expect(await world.repos.assignmentRuns.listRuns(world.storeId)).toEqual([]);
  });

  it('lists the active runs, newest first, to come back to their progress', async () => {
    const world = await aStoreOnFakes();
    const a = world.shop.addProduct(aCatalogProduct()).id;
    const done = await run(world, { storeId: world.storeId, productIds: [a] });
    const waiting = await startBulkAssignment(world.deps, { storeId: world.storeId, filter: {} });
    if (!waiting.ok) throw new Error(waiting.message);

    const active = await listAssignmentRuns(world.deps, {
      storeId: world.storeId,
      statuses: ACTIVE_RUN_STATUSES,
    });
    expect(active.map((r) => [r.run.id, r.run.status])).toEqual([[waiting.run.id, 'pending']]);
    const all = await listAssignmentRuns(world.deps, { storeId: world.storeId });
    expect(all.map((r) => r.run.id)).toEqual([waiting.run.id, done]);
  });

  it('marks the run failed, and fails, when its job cannot be queued', async () => {
    const world = await aStoreOnFakes();
    const a = world.shop.addProduct(aCatalogProduct()).id;
    world.jobs.failNext = 1;

    await expect(
      startBulkAssignment(world.deps, { storeId: world.storeId, productIds: [a] }),
    ).rejects.toThrow('the job queue is unreachable');

    const [failed] = await world.repos.assignmentRuns.listRuns(world.storeId);
    expect(failed).toMatchObject({ status: 'failed', error: 'The job could not be queued.' });
  });
});
