import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTempFiles } from '../../../src/adapters/fs/temp-files.js';
import { createSpreadsheetReader } from '../../../src/adapters/spreadsheets/spreadsheet-reader.js';
import { importApplyJob } from '../../../src/app/imports/import-apply.job.js';
import type { ImportDeps } from '../../../src/app/imports/import-deps.js';
import { unassignProductItems } from '../../../src/app/items/unassign-product-items.js';
import type { ItemRecord } from '../../../src/app/ports/item-repository.js';
import type { StoreId } from '../../../src/app/ports/store-id.js';
import { describeEachDatabase } from '../../adapters/db/support/databases.js';
import { anAssignedItem } from '../../builders/assignment.builder.js';
import { type ApiHarness, startApiHarness, type Tenant } from './support/api-harness.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HEADER = 'SKU,Stock,Threshold,Incoming stock,Back-in-stock date';

describeEachDatabase('public API imports', (db) => {
  let api: ApiHarness;
  let deps: ImportDeps;
  beforeAll(async () => {
    api = await startApiHarness(db());
    deps = {
      ...db().repos,
      clock: api.clock,
      jobs: api.jobs,
      spreadsheetReader: createSpreadsheetReader(),
      tempFiles: createTempFiles(mkdtempSync(path.join(tmpdir(), 'backorder-imports-test-'))),
    };
  });
  afterAll(async () => {
    await api?.close();
  });

  /** A store with four assigned items: A (stock 5), B (stock 8), E (stock 3, threshold 2) and F. */
  async function aStoreWithItems() {
    const tenant = await api.aTenant();
    const s = tenant.store.id;
    const item = (sku: string, values: Partial<Parameters<typeof anAssignedItem>[2]> = {}) =>
      anAssignedItem(db().repos, s, { sku: `${sku}-${s}`, ...values });
    const items = {
      a: await item('A', { stock: 5 }),
      b: await item('B', { stock: 8 }),
      e: await item('E', { stock: 3, threshold: 2 }),
      f: await item('F', { stock: 1 }),
    };
    return { tenant, s, items, sku: (name: string) => `${name}-${s}` };
  }

  const upload = (tenant: Tenant, csv: string, headers: Record<string, string> = {}) =>
    api.call('POST', '/api/v1/imports?file_name=stock.csv', {
      auth: tenant.key,
      rawBody: csv,
      headers: { 'content-type': 'text/csv', ...headers },
    });

  /** Runs the queued `import.apply` jobs, as a worker would. */
  async function runImportJobs(storeId: StoreId): Promise<number> {
    const job = importApplyJob(deps);
    const queued = api.jobs.named('import.apply').filter((j) => j.payload.storeId === storeId);
    for (const sent of queued)
      await job.handler(sent.payload, { id: 'job', name: 'import.apply', attempt: 1 });
    return queued.length;
  }

  async function itemNow(storeId: StoreId, item: ItemRecord) {
    return (await db().repos.items.getItem(storeId, item.id))!;
  }

  it('dry-runs a CSV (nothing changes), then applies its valid rows in the background, once, and emails the result', async () => {
    const { tenant, s, items, sku } = await aStoreWithItems();
    const csv = [
      HEADER,
      `${sku('A')},0,,,`, // stock 5 → 0: in stock → backorder
      `${sku('B')},,3,,`, // threshold set; empty stock leaves it
      'NOPE,1,,,', // unknown SKU
      `${sku('F')},ten,,,`, // not a number
      `${sku('E')},3,2,,`, // as it is
    ].join('\r\n');

    const dry = await upload(tenant, csv);

    expect(dry.status).toBe(201);
    expect(dry.body).toMatchObject({
      status: 'validated',
      file_name: 'stock.csv',
      format: 'csv',
      actor: expect.stringMatching(/^api-key:/),
      applied_at: null,
      rows: { total: 5, valid: 3, with_problems: 2, applied: 0, unchanged: 1 },
      changes: { stock: 1, threshold: 1, incoming_stock: 0, back_in_stock_date: 0 },
      status_changes: [{ from: 'in_stock', to: 'backorder', items: 1 }],
      same_file_as: null,
    });
    expect(dry.body.problems_preview.map((p: { line: number; code: string }) => [p.line, p.code])).toEqual([
      [4, 'IMPORT.UNKNOWN_SKU'],
      [5, 'IMPORT.NOT_A_NUMBER'],
    ]);
    // The dry run changed nothing.
    expect(await itemNow(s, items.a)).toMatchObject({ stock: 5, status: 'in_stock' });
    expect(await itemNow(s, items.b)).toMatchObject({ threshold: null });

    const id = dry.body.id as number;
    const refused = await api.call('POST', `/api/v1/imports/${id}/apply`, { auth: tenant.key });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('IMPORT.HAS_PROBLEMS');

    const applying = await api.call('POST', `/api/v1/imports/${id}/apply`, {
      auth: tenant.key,
      body: { apply_valid_rows: true },
    });
    expect(applying.status).toBe(202);
    expect(applying.body).toMatchObject({ status: 'applying', apply_valid_rows: true });
    expect(await runImportJobs(s)).toBe(1);

    const done = await api.call('GET', `/api/v1/imports/${id}`, { auth: tenant.key });
    expect(done.body).toMatchObject({
      status: 'done',
      rows: { total: 5, valid: 3, with_problems: 2, applied: 3 },
      finished_at: expect.any(String),
    });
    expect(await itemNow(s, items.a)).toMatchObject({ stock: 0, status: 'backorder' });
    expect(await itemNow(s, items.b)).toMatchObject({ stock: 8, threshold: 3 });
    expect(await itemNow(s, items.e)).toMatchObject({ stock: 3, threshold: 2 });
    expect(await itemNow(s, items.f)).toMatchObject({ stock: 1 });

    // One movement, keyed by the import's line, with the import as its cause and the uploader as actor.
    const ledger = (await db().repos.history.listLedger(s)).filter((m) => m.causeType === 'import_row');
    expect(ledger.map((m) => [m.itemId, m.idempotencyKey, m.causeRef, m.delta])).toEqual([
      [items.a.id, `import:${id}:line:2`, `${id}:2`, -5],
    ]);
    expect(ledger[0]?.actor).toBe(done.body.actor);
    // The status change asks for delivery of its effects.
    expect(api.jobs.named('outbox.deliver').some((j) => j.payload.storeId === s)).toBe(true);

    const told = (await db().repos.notifications.listNotifications(s)).filter(
      (n) => n.event === 'import_finished',
    );
    expect(told).toHaveLength(1);
    expect(told[0]?.payload).toMatchObject({
      runId: id,
      fileName: 'stock.csv',
      status: 'done',
      totalRows: 5,
      appliedRows: 3,
      errorRows: 2,
      errors: [
        { line: 4, column: 'SKU', reason: expect.stringContaining('IMPORT.UNKNOWN_SKU') },
        { line: 5, column: 'Stock', reason: expect.stringContaining('IMPORT.NOT_A_NUMBER') },
      ],
    });

    // Asked again with the same choice: the run as it is. The job running again changes nothing.
    const again = await api.call('POST', `/api/v1/imports/${id}/apply`, {
      auth: tenant.key,
      body: { apply_valid_rows: true },
    });
    expect(again.status).toBe(200);
    await runImportJobs(s);
    expect((await db().repos.history.listLedger(s)).filter((m) => m.causeType === 'import_row')).toHaveLength(
      1,
    );
    expect(
      (await db().repos.notifications.listNotifications(s)).filter((n) => n.event === 'import_finished'),
    ).toHaveLength(1);
    const other = await api.call('POST', `/api/v1/imports/${id}/apply`, {
      auth: tenant.key,
      body: { apply_valid_rows: false },
    });
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('IMPORT.NOT_APPLICABLE');
  });

  it('reads an XLSX file, typed cells and all', async () => {
    const { tenant, s, items, sku } = await aStoreWithItems();
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Stock');
    sheet.addRow(['Product', 'Variant', 'SKU', 'Stock', 'Threshold', 'Incoming stock', 'Back-in-stock date']);
    sheet.addRow(['Tent', null, sku('A'), 12, null, 4, new Date(Date.UTC(2031, 0, 31))]);
    sheet.addRow(['Boot', null, sku('B'), -2, 1, null, null]);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());

    const response = await api.app.inject({
      method: 'POST',
      url: '/api/v1/imports?file_name=stock.xlsx',
      headers: { authorization: `Bearer ${tenant.key}`, 'content-type': XLSX },
      payload: bytes,
    });

    expect(response.statusCode).toBe(201);
    const run = response.json();
    expect(run).toMatchObject({
      format: 'xlsx',
      encoding: null,
      rows: { total: 2, valid: 2, with_problems: 0 },
      changes: { stock: 2, threshold: 1, incoming_stock: 1, back_in_stock_date: 1 },
    });
    const applying = await api.call('POST', `/api/v1/imports/${run.id}/apply`, { auth: tenant.key });
    expect(applying.status).toBe(202);
    await runImportJobs(s);
    expect(await itemNow(s, items.a)).toMatchObject({
      stock: 12,
      threshold: null,
      incoming: 4,
      backInStockDate: '2031-01-31',
    });
    expect(await itemNow(s, items.b)).toMatchObject({ stock: -2, threshold: 1, status: 'backorder' });
  });

  it('pages the problems by line and downloads them as a CSV or XLSX error report', async () => {
    const { tenant, sku } = await aStoreWithItems();
    const csv = [HEADER, 'X1,1,,,', `${sku('A')},1.5,,,`, `${sku('B')},2,-1,,`, 'X2,=1+1,,,'].join('\n');
    const dry = await upload(tenant, csv);
    const id = dry.body.id as number;

    const first = await api.call('GET', `/api/v1/imports/${id}/problems?limit=2`, { auth: tenant.key });
    expect(first.body.data.map((p: { line: number; code: string }) => [p.line, p.code])).toEqual([
      [2, 'IMPORT.UNKNOWN_SKU'],
      [3, 'IMPORT.NOT_A_WHOLE_NUMBER'],
    ]);
    const second = await api.call(
      'GET',
      `/api/v1/imports/${id}/problems?limit=2&cursor=${first.body.next_cursor}`,
      { auth: tenant.key },
    );
    expect(second.body.data.map((p: { line: number }) => p.line)).toEqual([4, 5]);
    expect(second.body.next_cursor).toBeNull();

    const report = await api.app.inject({
      method: 'GET',
      url: `/api/v1/imports/${id}/problems/export?format=csv`,
      headers: { authorization: `Bearer ${tenant.key}` },
    });
    expect(report.statusCode).toBe(200);
    expect(report.headers['content-type']).toContain('text/csv');
    expect(report.headers['content-disposition']).toContain(`import-${id}-problems.csv`);
    const lines = report.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('Line,Column,SKU,Value,Problem,Explanation');
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 5).join(','))).toEqual([
      '2,SKU,X1,X1,IMPORT.UNKNOWN_SKU',
      `3,Stock,${sku('A')},1.5,IMPORT.NOT_A_WHOLE_NUMBER`,
      // A text cell a spreadsheet would run as a formula is written as text.
      `4,Threshold,${sku('B')},'-1,IMPORT.NEGATIVE_NUMBER`,
      "5,Stock,X2,'=1+1,IMPORT.NOT_A_NUMBER",
    ]);

    const xlsx = await api.app.inject({
      method: 'GET',
      url: `/api/v1/imports/${id}/problems/export?format=xlsx`,
      headers: { authorization: `Bearer ${tenant.key}` },
    });
    expect(xlsx.headers['content-type']).toBe(XLSX);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const rows = book.worksheets[0]!.getSheetValues().filter(Boolean) as unknown[][];
    expect(rows).toHaveLength(5);
    expect(rows[1]?.slice(1, 6)).toEqual([2, 'SKU', 'X1', 'X1', 'IMPORT.UNKNOWN_SKU']);
  });

  it('answers the same run for the same Idempotency-Key or the same file until it is applied', async () => {
    const { tenant, s, sku } = await aStoreWithItems();
    const csv = `${HEADER}\n${sku('A')},7,,,\n`;

    const first = await upload(tenant, csv, { 'idempotency-key': 'upload-1' });
    expect(first.status).toBe(201);
    const sameKey = await upload(tenant, `${csv}${sku('B')},1,,,\n`, { 'idempotency-key': 'upload-1' });
    expect(sameKey.status).toBe(200);
    expect(sameKey.body.id).toBe(first.body.id);
    const sameFile = await upload(tenant, csv);
    expect(sameFile.status).toBe(200);
    expect(sameFile.body.id).toBe(first.body.id);

    await api.call('POST', `/api/v1/imports/${first.body.id}/apply`, { auth: tenant.key });
    await runImportJobs(s);
    // Applied: the same file again is a new import, which says when that file was applied.
    const later = await upload(tenant, csv);
    expect(later.status).toBe(201);
    expect(later.body.id).not.toBe(first.body.id);
    expect(later.body.same_file_as).toEqual({ id: first.body.id, finished_at: expect.any(String) });
    expect(later.body).toMatchObject({ rows: { unchanged: 1 }, changes: { stock: 0 } });

    const list = await api.call('GET', '/api/v1/imports?limit=1', { auth: tenant.key });
    expect(list.body.data.map((r: { id: number }) => r.id)).toEqual([later.body.id]);
    const rest = await api.call('GET', `/api/v1/imports?limit=1&cursor=${list.body.next_cursor}`, {
      auth: tenant.key,
    });
    expect(rest.body.data.map((r: { id: number }) => r.id)).toEqual([first.body.id]);
    expect(rest.body.next_cursor).toBeNull();
  });

  it('refuses a file that is not a stock file with its code and where, storing nothing', async () => {
    const { tenant, sku } = await aStoreWithItems();

    const empty = await upload(tenant, '');
    expect(empty.status).toBe(422);
    expect(empty.body.error.code).toBe('IMPORT.EMPTY_FILE');

    const unknown = await upload(tenant, `SKU,Stock,Colour\n${sku('A')},1,red\n`);
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.code).toBe('IMPORT.UNKNOWN_HEADER');
    expect(unknown.body.error.details).toContainEqual({
      path: 'line 1, column Colour',
      message: expect.any(String),
    });

    const noSku = await upload(tenant, 'Stock\n1\n');
    expect(noSku.status).toBe(422);
    expect(noSku.body.error.code).toBe('IMPORT.MISSING_HEADER');

    const wrongType = await api.call('POST', '/api/v1/imports', {
      auth: tenant.key,
      body: { rows: [] },
    });
    expect(wrongType.status).toBe(415);

    expect((await api.call('GET', '/api/v1/imports', { auth: tenant.key })).body.data).toEqual([]);
  });

  it('turns a row the rules refuse at apply time into a problem, and applies the others', async () => {
    const { tenant, s, items, sku } = await aStoreWithItems();
    const dry = await upload(tenant, `${HEADER}\n${sku('A')},9,,,\n${sku('B')},4,,,\n`);
    expect(dry.body.rows).toMatchObject({ valid: 2, with_problems: 0 });
    // B's product is unassigned between the dry run and the apply.
    const unassigned = await unassignProductItems(db().repos, {
      storeId: s,
      productId: items.b.productId,
      idempotencyKey: `test-unassign-${items.b.id}`,
      cause: { type: 'admin_action', ref: null },
      actor: 'admin:test',
      now: api.clock.now(),
    });
    expect(unassigned.applied).toBe(true);

    await api.call('POST', `/api/v1/imports/${dry.body.id}/apply`, { auth: tenant.key });
    await runImportJobs(s);

    const run = await api.call('GET', `/api/v1/imports/${dry.body.id}`, { auth: tenant.key });
    expect(run.body).toMatchObject({ status: 'done', rows: { valid: 1, with_problems: 1, applied: 2 } });
    expect(run.body.problems_preview).toEqual([
      expect.objectContaining({ line: 3, column: 'SKU', sku: sku('B'), code: 'ITEM.NOT_ASSIGNED' }),
    ]);
    expect(await itemNow(s, items.a)).toMatchObject({ stock: 9 });
  });

  it('keeps imports to their store', async () => {
    const { tenant, sku } = await aStoreWithItems();
    const other = await api.aTenant();
    const dry = await upload(tenant, `${HEADER}\n${sku('A')},1,,,\n`);
    const id = dry.body.id as number;

    for (const [method, url] of [
      ['GET', `/api/v1/imports/${id}`],
      ['GET', `/api/v1/imports/${id}/problems`],
      ['POST', `/api/v1/imports/${id}/apply`],
    ] as const) {
      const answer = await api.call(method, url, { auth: other.key });
      expect(answer.status).toBe(404);
      expect(answer.body.error.code).toBe('IMPORT.NOT_FOUND');
    }
    expect((await api.call('GET', '/api/v1/imports', { auth: other.key })).body.data).toEqual([]);
    // Another store's file is unknown SKUs here.
    const foreign = await upload(other, `${HEADER}\n${sku('A')},1,,,\n`);
    expect(foreign.body.problems_preview).toEqual([expect.objectContaining({ code: 'IMPORT.UNKNOWN_SKU' })]);
  });
});
