import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { applyItemEvent } from '../../../src/app/items/apply-item-event.js';
import { assignProductItems } from '../../../src/app/items/assign-product-items.js';
import { orderLineRef } from '../../../src/app/orders/record-order-sales.js';
import type { ItemRecord } from '../../../src/app/ports/item-repository.js';
import type { StoreId } from '../../../src/app/ports/store-id.js';
import { attachment } from '../../../src/http/api-v1/operation.js';
import { describeEachDatabase } from '../../adapters/db/support/databases.js';
import { anAssignment } from '../../builders/assignment.builder.js';
import { NOW } from '../../builders/store.builder.js';
import { type ApiHarness, startApiHarness, type Tenant } from './support/api-harness.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ITEM_HEADERS = [
  'Product',
  'Variant',
  'SKU',
  'Stock',
  'Threshold',
  'Incoming stock',
  'Back-in-stock date',
];
const ORDER_HEADERS = ['Order', 'Date', 'Customer', 'Product', 'Variant', 'SKU', 'Quantity', 'Backordered'];
const ACTIVITY_HEADERS = [
  'When',
  'SKU',
  'Product',
  'Variant',
  'What',
  'Change',
  'Stock after',
  'Backordered after',
  'Cause',
  'By',
];
const HOUR = 3_600_000;
let sequence = 0;

interface Download {
  readonly status: number;
  readonly contentType: string | undefined;
  readonly disposition: string | undefined;
  readonly bytes: Buffer;
}

/** Rows of a file as text, the header first: a CSV's cells as written, an XLSX's as the cells' values. */
async function rowsOf(download: Download): Promise<string[][]> {
  if (download.contentType?.startsWith('text/csv')) {
    // The BOM and CRLF line ends Excel needs; csv-parse takes the BOM off.
    expect([...download.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(download.bytes.toString('utf8')).toContain('\r\n');
    return parse(download.bytes, { bom: true, relax_column_count: false }) as string[][];
  }
  expect(download.contentType).toBe(XLSX);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(download.bytes as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  const width = sheet.getRow(1).cellCount;
  const rows: string[][] = [];
  sheet.eachRow((row) => {
    const cells: string[] = [];
    for (let column = 1; column <= width; column += 1) cells.push(textOfCell(row.getCell(column).value));
    rows.push(cells);
  });
  return rows;
}

/** An XLSX cell as the CSV writes it: numbers as digits, dates as YYYY-MM-DD, empty as ''. */
function textOfCell(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value);
}

describeEachDatabase('public API exports', (db) => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApiHarness(db());
  });
  afterAll(async () => {
    await api?.close();
  });

  async function download(tenant: Tenant, url: string): Promise<Download> {
    const response = await api.app.inject({
      method: 'GET',
      url: `/api/v1${url}`,
      headers: { authorization: `Bearer ${tenant.key}` },
    });
    return {
      status: response.statusCode,
      contentType: response.headers['content-type'] as string | undefined,
      disposition: response.headers['content-disposition'] as string | undefined,
      bytes: response.rawPayload,
    };
  }

  /** Both formats hold the same rows; gives them once. */
  async function rowsInBothFormats(tenant: Tenant, path: string, query = ''): Promise<string[][]> {
    const separator = query === '' ? '' : '&';
    const csv = await download(tenant, `${path}?format=csv${separator}${query}`);
    const xlsx = await download(tenant, `${path}?format=xlsx${separator}${query}`);
    expect([csv.status, xlsx.status]).toEqual([200, 200]);
    const rows = await rowsOf(csv);
    expect(await rowsOf(xlsx)).toEqual(rows);
    return rows;
  }

  async function aProduct(
    storeId: StoreId,
    name: string,
    items: NonNullable<Parameters<typeof anAssignment>[1]>['items'],
  ): Promise<ItemRecord[]> {
    const assignment = anAssignment(storeId, { now: NOW, items });
    const outcome = await assignProductItems(db().repos, {
      ...assignment,
      product: { ...assignment.product, name },
    });
    if (!outcome.applied) throw new Error('assignment failed');
    return outcome.items.map((i) => i.item);
  }

  async function sell(
    item: ItemRecord,
    order: number,
    quantity: number,
    customerName: string | null,
    at = NOW,
  ) {
    sequence += 1;
    const line = 700_000 + sequence;
    const outcome = await applyItemEvent(db().repos, {
      storeId: item.storeId,
      itemId: item.id,
      idempotencyKey: `order:${order}:line:${line}:sale`,
      cause: { type: 'order_line', ref: orderLineRef(order, line) },
      actor: 'bigcommerce',
      now: at,
      event: { kind: 'sold', quantity },
      orderLine: { bcOrderId: order, bcOrderProductId: line, customerName },
    });
    if (!outcome.applied) throw new Error(`sale refused: ${JSON.stringify(outcome)}`);
    return line;
  }

  it('exports every assigned item as the stock file, by product name, named for the store’s day', async () => {
    const tenant = await api.aTenant();
    const other = await api.aTenant();
    const s = tenant.store.id;
    await aProduct(s, 'Wool Socks', [
      {
        bcVariantId: null,
        sku: `SOCKS-${s}`,
        stock: -2,
        threshold: 5,
        incoming: 10,
        backInStockDate: '2025-04-01',
      },
    ]);
    await aProduct(s, 'Bonnet d’hiver Ærø', [
      {
        sku: `HAT-S-${s}`,
        stock: 3,
        optionValues: [
          { optionId: 1, valueId: 2, name: 'Size', label: 'S' },
          { optionId: 3, valueId: 4, name: 'Colour', label: 'Rouge' },
        ],
      },
      {
        sku: `HAT-M-${s}`,
        stock: 0,
        threshold: 0,
        optionValues: [{ optionId: 1, valueId: 5, name: 'Size', label: 'M' }],
      },
    ]);
    await aProduct(other.store.id, 'Another store’s', [{ bcVariantId: null, sku: `OTHER-${s}` }]);

    const csv = await download(tenant, '/exports/items?format=csv');
    expect(csv.disposition).toBe(attachment('backorder-items-2025-03-10.csv'));
    const xlsx = await download(tenant, '/exports/items?format=xlsx');
    expect(xlsx.disposition).toBe(attachment('backorder-items-2025-03-10.xlsx'));

    expect(await rowsInBothFormats(tenant, '/exports/items')).toEqual([
      ITEM_HEADERS,
      ['Bonnet d’hiver Ærø', 'Size: S, Colour: Rouge', `HAT-S-${s}`, '3', '', '0', ''],
      ['Bonnet d’hiver Ærø', 'Size: M', `HAT-M-${s}`, '0', '0', '0', ''],
      ['Wool Socks', '', `SOCKS-${s}`, '-2', '5', '10', '2025-04-01'],
    ]);
    // Without a format: CSV.
    expect((await download(tenant, '/exports/items')).contentType).toBe('text/csv; charset=utf-8');
  });

  it('types the XLSX cells: numbers as numbers, the date as a date, empty cells empty', async () => {
    const tenant = await api.aTenant();
    await aProduct(tenant.store.id, 'Lamp', [
      { bcVariantId: null, sku: `LAMP-${tenant.store.id}`, stock: 4, backInStockDate: '2025-05-02' },
    ]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(
      (await download(tenant, '/exports/items?format=xlsx')).bytes as unknown as ArrayBuffer,
    );
    const row = workbook.worksheets[0]!.getRow(2);
    expect(row.getCell(4).value).toBe(4);
    expect(row.getCell(5).value).toBeNull();
    expect(row.getCell(7).value).toEqual(new Date('2025-05-02T00:00:00Z'));
    expect(workbook.worksheets[0]!.name).toBe('Items');
  });

  it('neutralises a product name a spreadsheet would run as a formula, in CSV and in XLSX', async () => {
    const tenant = await api.aTenant();
    const formula = '=HYPERLINK("https://evil.example","Click")';
    await aProduct(tenant.store.id, formula, [{ bcVariantId: null, sku: `-EVIL-${tenant.store.id}` }]);

    const rows = await rowsInBothFormats(tenant, '/exports/items');
    expect(rows[1]!.slice(0, 3)).toEqual([`'${formula}`, '', `'-EVIL-${tenant.store.id}`]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(
      (await download(tenant, '/exports/items?format=xlsx')).bytes as unknown as ArrayBuffer,
    );
    // A text cell, not a formula cell.
    expect(workbook.worksheets[0]!.getRow(2).getCell(1).type).toBe(ExcelJS.ValueType.String);
  });

  it('exports only the header row when there is nothing to export', async () => {
    const tenant = await api.aTenant();
    expect(await rowsInBothFormats(tenant, '/exports/items')).toEqual([ITEM_HEADERS]);
    expect(await rowsInBothFormats(tenant, '/exports/orders')).toEqual([ORDER_HEADERS]);
    expect(await rowsInBothFormats(tenant, '/exports/activity')).toEqual([ACTIVITY_HEADERS]);
  });

  it('exports the orders holding backordered units, a row per line, with the customer and the filters of GET /orders', async () => {
    const tenant = await api.aTenant();
    const other = await api.aTenant();
    const s = tenant.store.id;
    const [m, l] = await aProduct(s, 'Trail Jacket', [
      { sku: `JKT-M-${s}`, stock: 1, optionValues: [{ optionId: 1, valueId: 10, name: 'Size', label: 'M' }] },
      {
        sku: `JKT-L-${s}`,
        stock: 50,
        optionValues: [{ optionId: 1, valueId: 11, name: 'Size', label: 'L' }],
      },
    ]);
    const [cap] = await aProduct(s, 'Cap', [{ bcVariantId: null, sku: `CAP-${s}`, stock: 0 }]);
    // 501 on the store's 10 March: 3 M (2 backordered) and 1 L in stock, by Zoë.
    await sell(m!, 501, 3, 'Zoë Łukasik');
    await sell(l!, 501, 1, 'Zoë Łukasik');
    // 502 a day later: a cap, recorded before the app kept customers.
    await sell(cap!, 502, 2, null, new Date(NOW.getTime() + 24 * HOUR));
    // 503: only in-stock units, not listed.
    await sell(l!, 503, 1, 'Nobody Waiting');
    const [elsewhere] = await aProduct(other.store.id, 'Elsewhere', [{ bcVariantId: null, stock: 0 }]);
    await sell(elsewhere!, 504, 1, 'Other Store');

    const csv = await download(tenant, '/exports/orders?format=csv');
    expect(csv.disposition).toBe(attachment('backorder-orders-2025-03-10.csv'));
    expect(await rowsInBothFormats(tenant, '/exports/orders')).toEqual([
      ORDER_HEADERS,
      ['502', '2025-03-11', '', 'Cap', '', `CAP-${s}`, '2', '2'],
      ['501', '2025-03-10', 'Zoë Łukasik', 'Trail Jacket', 'Size: M', `JKT-M-${s}`, '3', '2'],
      ['501', '2025-03-10', 'Zoë Łukasik', 'Trail Jacket', 'Size: L', `JKT-L-${s}`, '1', '0'],
    ]);
    expect(
      (await rowsInBothFormats(tenant, '/exports/orders', 'from=2025-03-11')).map((row) => row[0]),
    ).toEqual(['Order', '502']);
    expect(
      (await rowsInBothFormats(tenant, '/exports/orders', 'to=2025-03-10')).map((row) => row[0]),
    ).toEqual(['Order', '501', '501']);
    expect(
      (await rowsInBothFormats(tenant, '/exports/orders', `sku=JKT-M-${s}`)).map((row) => row[0]),
    ).toEqual(['Order', '501', '501']);
    expect(await rowsInBothFormats(tenant, '/exports/orders', 'sku=NOT-ASSIGNED')).toEqual([ORDER_HEADERS]);
  });

  it('exports the activity in the screen’s words, in the store’s time, with the filters of GET /activity', async () => {
    const tenant = await api.aTenant();
    const s = tenant.store.id;
    const [sock] = await aProduct(s, 'Wool Socks', [{ bcVariantId: null, sku: `SOCKS-${s}`, stock: 1 }]);
    await sell(sock!, 601, 3, 'Zoë Łukasik', new Date(NOW.getTime() + HOUR));

    const rows = await rowsInBothFormats(tenant, '/exports/activity');
    // Newest first; the store is in Chicago (UTC−5 in March 2025 after the 9th).
    expect(rows).toEqual([
      ACTIVITY_HEADERS,
      [
        '2025-03-10 08:00',
        `SOCKS-${s}`,
        'Wool Socks',
        '',
        'In stock → Backorder: an order was placed',
        '',
        '',
        '',
        'Order #601',
        'BigCommerce',
      ],
      [
        '2025-03-10 08:00',
        `SOCKS-${s}`,
        'Wool Socks',
        '',
        'Order #601 sold 3 units, 2 backordered',
        '-3',
        '-2',
        '2',
        'Order #601',
        'BigCommerce',
      ],
      [
        '2025-03-10 07:00',
        `SOCKS-${s}`,
        'Wool Socks',
        '',
        'Not assigned → In stock: the product was assigned',
        '',
        '',
        '',
        'Backorder admin',
        'merchant@example.com',
      ],
      [
        '2025-03-10 07:00',
        `SOCKS-${s}`,
        'Wool Socks',
        '',
        'Assigned with 1 unit in stock',
        '1',
        '1',
        '0',
        'Backorder admin',
        'merchant@example.com',
      ],
    ]);

    const movements = await rowsInBothFormats(tenant, '/exports/activity', 'kind=movement&cause=order_line');
    expect(movements.map((row) => row[4])).toEqual(['What', 'Order #601 sold 3 units, 2 backordered']);
    const csv = await download(tenant, '/exports/activity');
    expect(csv.disposition).toBe(attachment('backorder-activity-2025-03-10.csv'));
  });

  it('refuses filters as the lists do, before any file, and a format it does not write', async () => {
    const tenant = await api.aTenant();
    const orders = await api.call('GET', '/api/v1/exports/orders?from=2025-03-10&to=2025-03-01', {
      auth: tenant.key,
    });
    expect([orders.status, orders.body.error.code]).toEqual([422, 'ORDERS.INVALID_DATE_RANGE']);
    const activity = await api.call('GET', '/api/v1/exports/activity?from=2025-03-10&to=2025-03-01', {
      auth: tenant.key,
    });
    expect([activity.status, activity.body.error.code]).toEqual([422, 'ACTIVITY.INVALID_DATE_RANGE']);
    const format = await api.call('GET', '/api/v1/exports/items?format=pdf', { auth: tenant.key });
    expect([format.status, format.body.error.code]).toEqual([400, 'VALIDATION.INVALID_QUERY']);
    const paging = await api.call('GET', '/api/v1/exports/activity?limit=5', { auth: tenant.key });
    expect(paging.status).toBe(400);
    const anonymous = await api.call('GET', '/api/v1/exports/items');
    expect(anonymous.status).toBe(401);
  });

  it('exports with an admin session as with an API key', async () => {
    const tenant = await api.aTenant();
    const response = await api.app.inject({
      method: 'GET',
      url: '/api/v1/exports/items?format=csv',
      headers: { authorization: `Bearer ${await tenant.session()}` },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
  });
});
