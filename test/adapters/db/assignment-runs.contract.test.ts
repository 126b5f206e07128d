import { expect, it } from 'vitest';
import { aStore, NOW } from '../../builders/store.builder.js';
import { describeEachDatabase } from './support/databases.js';

describeEachDatabase('AssignmentRunRepository', (db) => {
  it('lists a run’s products once, records each outcome once, and counts progress from them', async () => {
    const { repos } = db();
    const store = await aStore(repos);
    const runs = repos.assignmentRuns;
    const run = await runs.createRun({
      storeId: store.id,
      templateId: null,
      filter: { keyword: 'x' },
      actor: 'system',
      now: NOW,
    });
    expect(run).toMatchObject({
      status: 'pending',
      resolved: false,
      filter: { keyword: 'x' },
      finishedAt: null,
    });

    expect(await runs.addProducts(store.id, run.id, [5, 6, 7, 6], NOW)).toBe(3);
    // Listing again after a crash adds only what is new.
    expect(await runs.addProducts(store.id, run.id, [6, 7, 8], NOW)).toBe(1);
    await runs.markResolved(store.id, run.id, NOW);
    expect((await runs.nextPending(store.id, run.id, 2)).map((p) => p.bcProductId)).toEqual([5, 6]);

    await runs.recordOutcome(
      store.id,
      run.id,
      5,
      { status: 'assigned', productName: 'A', itemCount: 3, warnings: ['W'] },
      NOW,
    );
    await runs.recordOutcome(
      store.id,
      run.id,
      6,
      { status: 'failed', code: 'ASSIGNMENT.PRODUCT_NOT_FOUND', message: 'gone' },
      NOW,
    );
    // A replayed outcome does not overwrite the first.
    await runs.recordOutcome(store.id, run.id, 5, { status: 'failed', code: 'LATE' }, NOW);

    expect(await runs.progress(store.id, run.id)).toEqual({
      total: 4,
      pending: 2,
      assigned: 1,
      skipped: 0,
      failed: 1,
    });
    expect(await runs.listProducts(store.id, run.id, { status: 'assigned' })).toEqual([
      expect.objectContaining({
        bcProductId: 5,
        productName: 'A',
        itemCount: 3,
        warnings: ['W'],
        code: null,
      }),
    ]);
    await runs.setStatus(store.id, run.id, 'done', NOW);
    expect(await runs.getRun(store.id, run.id)).toMatchObject({
      status: 'done',
      resolved: true,
      finishedAt: NOW,
    });
  });

  it('keeps each store’s runs to itself', async () => {
    const { repos } = db();
    const mine = await aStore(repos);
    const other = await aStore(repos);
    const run = await repos.assignmentRuns.createRun({
      storeId: mine.id,
      templateId: null,
      filter: null,
      bcProductIds: [1, 2],
      actor: 'system',
      now: NOW,
    });

    expect(await repos.assignmentRuns.getRun(other.id, run.id)).toBeNull();
    expect(await repos.assignmentRuns.listRuns(other.id)).toEqual([]);
    expect(await repos.assignmentRuns.progress(other.id, run.id)).toMatchObject({ total: 0 });
    await repos.assignmentRuns.recordOutcome(other.id, run.id, 1, { status: 'assigned' }, NOW);
    await repos.assignmentRuns.setStatus(other.id, run.id, 'failed', NOW, 'guessing ids');
    expect(await repos.assignmentRuns.getRun(mine.id, run.id)).toMatchObject({
      status: 'pending',
      error: null,
    });
    expect(await repos.assignmentRuns.progress(mine.id, run.id)).toMatchObject({ total: 2, pending: 2 });
    // Another store cannot add products to it either (the run belongs to a store).
    await expect(repos.assignmentRuns.addProducts(other.id, run.id, [3], NOW)).rejects.toThrow();
  });

  it('keeps a run’s stock defaults as given (null ones too), and none when there are none', async () => {
    const { repos } = db();
    const store = await aStore(repos);
    const given = await repos.assignmentRuns.createRun({
      storeId: store.id,
      templateId: null,
      filter: { assigned: false },
      stockDefaults: { threshold: null, incomingStock: 4, backInStockDate: '2031-02-03' },
      actor: 'system',
      now: NOW,
    });
    const none = await repos.assignmentRuns.createRun({
      storeId: store.id,
      templateId: null,
      filter: null,
      bcProductIds: [1],
      actor: 'system',
      now: NOW,
    });
    expect(given.stockDefaults).toEqual({ threshold: null, incomingStock: 4, backInStockDate: '2031-02-03' });
    expect((await repos.assignmentRuns.getRun(store.id, given.id))?.stockDefaults).toEqual({
      threshold: null,
      incomingStock: 4,
      backInStockDate: '2031-02-03',
    });
    expect((await repos.assignmentRuns.getRun(store.id, none.id))?.stockDefaults).toBeNull();
  });

  it('lists runs newest first, of the statuses asked for, up to the limit', async () => {
    const { repos } = db();
    const store = await aStore(repos);
    const runs = repos.assignmentRuns;
    const make = () =>
      runs.createRun({
        storeId: store.id,
        templateId: null,
        filter: null,
        bcProductIds: [1],
        actor: 'a',
        now: NOW,
      });
    const [done, running, pending] = [await make(), await make(), await make()];
    await runs.setStatus(store.id, done.id, 'done', NOW);
    await runs.setStatus(store.id, running.id, 'running', NOW);

    const ids = (list: { id: number }[]) => list.map((r) => r.id);
    expect(ids(await runs.listRuns(store.id))).toEqual([pending.id, running.id, done.id]);
    expect(ids(await runs.listRuns(store.id, { statuses: ['pending', 'running'] }))).toEqual([
      pending.id,
      running.id,
    ]);
    expect(ids(await runs.listRuns(store.id, { statuses: ['done'] }))).toEqual([done.id]);
    expect(await runs.listRuns(store.id, { statuses: [] })).toEqual([]);
    expect(ids(await runs.listRuns(store.id, { limit: 1 }))).toEqual([pending.id]);
  });
});
