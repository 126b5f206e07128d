import { expect, it } from 'vitest';
import type { ImportRowWrite, NewImportRun } from '../../../src/app/ports/import-run-repository.js';
import type { StoreId } from '../../../src/app/ports/store-id.js';
import { anAssignedItem } from '../../builders/assignment.builder.js';
import { aStore, NOW } from '../../builders/store.builder.js';
import { describeEachDatabase } from './support/databases.js';

const LATER = new Date(NOW.getTime() + 60_000);

function aRun(storeId: StoreId, overrides: Partial<NewImportRun> = {}): NewImportRun {
  return {
    storeId,
    fileName: 'stock.csv',
    format: 'csv',
    encoding: 'utf-8',
    fileHash: 'a'.repeat(64),
    requestKey: null,
    actor: 'api-key:abc',
    now: NOW,
    ...overrides,
  };
}

const summary = {
  changes: { stock: 2, threshold: 1, incomingStock: 0, backInStockDate: 1 },
  statusChanges: [{ from: 'in_stock' as const, to: 'backorder' as const, items: 1 }],
};

describeEachDatabase('ImportRunRepository', (db) => {
  it('stages rows with what each gives, validates, and applies them chunk by chunk exactly once', async () => {
    const { repos } = db();
    const store = await aStore(repos);
    const runs = repos.importRuns;
    const run = await runs.createRun(aRun(store.id, { requestKey: 'api:k1' }));
    expect(run).toMatchObject({ status: 'validating', appliedRows: 0, summary: null, applyValidRows: null });
    // A run still being read is not listed.
    expect(await runs.listRuns(store.id)).toEqual([]);

    const rows: ImportRowWrite[] = [
      { line: 2, sku: 'A', itemId: 11, stock: 5 },
      { line: 3, sku: 'B', itemId: 12, threshold: null, backInStockDate: null },
      {
        line: 5,
        sku: 'C',
        itemId: 13,
        stock: -3,
        incomingStock: 0,
        threshold: 4,
        backInStockDate: '2026-07-01',
      },
    ];
    await runs.addRows(store.id, run.id, rows);
    await runs.addProblems(store.id, run.id, [
      {
        line: 4,
        column: 'Stock',
        sku: 'X',
        value: 'ten',
        code: 'IMPORT.NOT_A_NUMBER',
        message: 'Not a number.',
      },
    ]);
    const validated = await runs.finishValidation(
      store.id,
      run.id,
      { totalRows: 4, validRows: 3, errorRows: 1, unchangedRows: 1, summary },
      NOW,
    );
    expect(validated).toMatchObject({
      status: 'validated',
      totalRows: 4,
      validRows: 3,
      errorRows: 1,
      summary,
    });
    expect(await runs.finishValidation(store.id, run.id, { ...validated!, summary }, NOW)).toBeNull();

    expect(await runs.findByRequestKey(store.id, 'api:k1')).toMatchObject({ id: run.id });
    expect(await runs.findByFileHash(store.id, 'a'.repeat(64), ['validated'])).toMatchObject({ id: run.id });
    expect(await runs.findByFileHash(store.id, 'a'.repeat(64), ['validated'], run.id)).toBeNull();

    // Given values come back as given; what the file left out stays out.
    expect(await runs.nextPendingRows(store.id, run.id, 10)).toEqual(
      rows.map((r) => ({ ...r, outcome: 'pending' })),
    );

    expect(await runs.startApplying(store.id, run.id, true, LATER)).toBe(true);
    expect(await runs.startApplying(store.id, run.id, true, LATER)).toBe(false);

    const chunk = {
      rows: [
        { line: 2, outcome: 'applied' as const },
        { line: 3, outcome: 'refused' as const },
      ],
      problems: [
        { line: 3, column: null, sku: 'B', value: null, code: 'ITEM.NOT_ASSIGNED', message: 'Gone.' },
      ],
    };
    await runs.recordChunk(store.id, run.id, chunk, LATER);
    // Recorded again (a retried job): nothing more.
    await runs.recordChunk(store.id, run.id, chunk, LATER);
    expect((await runs.nextPendingRows(store.id, run.id, 10)).map((r) => r.line)).toEqual([5]);
    expect(await runs.getRun(store.id, run.id)).toMatchObject({
      status: 'applying',
      applyValidRows: true,
      appliedAt: LATER,
      appliedRows: 2,
      validRows: 2,
      errorRows: 2,
    });
    expect((await runs.listProblems(store.id, run.id)).map((p) => [p.line, p.code])).toEqual([
      [3, 'ITEM.NOT_ASSIGNED'],
      [4, 'IMPORT.NOT_A_NUMBER'],
    ]);
    expect((await runs.listProblems(store.id, run.id, { offset: 1, limit: 5 })).map((p) => p.line)).toEqual([
      4,
    ]);

    await runs.recordChunk(
      store.id,
      run.id,
      { rows: [{ line: 5, outcome: 'unchanged' }], problems: [] },
      LATER,
    );
    await runs.finishRun(store.id, run.id, 'done', LATER);
    expect(await runs.getRun(store.id, run.id)).toMatchObject({
      status: 'done',
      appliedRows: 3,
      finishedAt: LATER,
    });
    expect(await runs.listRuns(store.id)).toMatchObject([{ id: run.id }]);
  });

  it('keeps runs to their store, pages them newest first, and forgets a run with its rows', async () => {
    const { repos } = db();
    const store = await aStore(repos);
    const other = await aStore(repos);
    const runs = repos.importRuns;
    const ids: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      const run = await runs.createRun(aRun(store.id, { fileHash: `${i}`.repeat(64) }));
      await runs.finishValidation(
        store.id,
        run.id,
        { totalRows: 0, validRows: 0, errorRows: 0, unchangedRows: 0, summary },
        NOW,
      );
      ids.push(run.id);
    }
    expect((await runs.listRuns(store.id, { limit: 2 })).map((r) => r.id)).toEqual([ids[2], ids[1]]);
    expect((await runs.listRuns(store.id, { beforeId: ids[1] })).map((r) => r.id)).toEqual([ids[0]]);
    expect(await runs.getRun(other.id, ids[0]!)).toBeNull();
    expect(await runs.listRuns(other.id)).toEqual([]);
    expect(await runs.startApplying(other.id, ids[0]!, false, NOW)).toBe(false);
    await expect(
      runs.addRows(other.id, ids[0]!, [{ line: 2, sku: 'A', itemId: 1, stock: 1 }]),
    ).rejects.toThrow();

    await runs.addRows(store.id, ids[0]!, [{ line: 2, sku: 'A', itemId: 1, stock: 1 }]);
    await runs.addProblems(store.id, ids[0]!, [
      { line: 3, column: null, sku: null, value: null, code: 'IMPORT.MISSING_SKU', message: 'No SKU.' },
    ]);
    await runs.deleteRun(store.id, ids[0]!);
    expect(await runs.getRun(store.id, ids[0]!)).toBeNull();
    expect(await runs.nextPendingRows(store.id, ids[0]!, 10)).toEqual([]);
    expect(await runs.listProblems(store.id, ids[0]!)).toEqual([]);
  });

  it('lists runs left applying without progress, for the sweep', async () => {
    const { repos } = db();
    const store = await aStore(repos);
    const runs = repos.importRuns;
    const run = await runs.createRun(aRun(store.id));
    await runs.finishValidation(
      store.id,
      run.id,
      { totalRows: 0, validRows: 0, errorRows: 0, unchangedRows: 0, summary },
      NOW,
    );
    await runs.startApplying(store.id, run.id, false, NOW);
    const stale = await runs.listStaleApplying(LATER, 1000);
    expect(stale).toContainEqual({ storeId: store.id, runId: run.id });
    expect(await runs.listStaleApplying(NOW, 1000)).not.toContainEqual({ storeId: store.id, runId: run.id });
  });

  it('stages 10,000 rows in batches', async () => {
    const { repos } = db();
    const store = await aStore(repos);
    const run = await repos.importRuns.createRun(aRun(store.id));
    const rows = Array.from({ length: 10_000 }, (_, i) => ({
      line: i + 2,
      sku: `S${i}`,
      itemId: i + 1,
      stock: i,
    }));
    await repos.importRuns.addRows(store.id, run.id, rows);
    const first = await repos.importRuns.nextPendingRows(store.id, run.id, 500);
    expect(first).toHaveLength(500);
    expect(first[499]).toEqual({ line: 501, sku: 'S499', itemId: 500, stock: 499, outcome: 'pending' });
  });

  it('finds the store’s assigned items by their SKUs', async () => {
    const { repos } = db();
    const store = await aStore(repos);
    const other = await aStore(repos);
    const a = await anAssignedItem(repos, store.id, { sku: `IMP-A-${store.id}` });
    const b = await anAssignedItem(repos, store.id, { sku: `IMP-B-${store.id}` });
    await anAssignedItem(repos, other.id, { sku: `IMP-C-${store.id}` });
    const found = await repos.items.findItemsBySkus(store.id, [
      `IMP-B-${store.id}`,
      `IMP-A-${store.id}`,
      `IMP-C-${store.id}`,
      'nope',
    ]);
    expect(found.map((i) => i.id).sort((x, y) => x - y)).toEqual([a.id, b.id].sort((x, y) => x - y));
    expect(await repos.items.findItemsBySkus(store.id, [])).toEqual([]);
  });
});
