import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { Frame } from 'playwright-core';
import { afterAll, beforeAll, expect, test, vi } from 'vitest';
import {
  type AdminSession,
  checkAccessibility,
  describeBrowser,
  startAdmin,
} from './support/admin-browser.js';
import { aBackorderedOrder, SLEEPING_BAG } from './support/backordered-order.js';

/**
 * Exports from the screens, as a merchant takes them away: the assigned items (the stock file) from
 * Products › Assigned products, the orders holding backordered units (with the filters shown) from
 * Orders and the history from Activity, as CSV and XLSX files the browser saves.
 */
vi.setConfig({ testTimeout: 60_000 });

describeBrowser('the admin app: exports', () => {
  let admin: AdminSession;
  let frame: Frame;
  let orderId: number;

  beforeAll(async () => {
    admin = await startAdmin();
    frame = await admin.openApp();
    orderId = await aBackorderedOrder(admin.e2e, 2);
  }, 90_000);
  afterAll(async () => {
    await admin?.close();
  });

  const open = async (link: string, heading: string) => {
    await frame.getByRole('link', { name: link }).click();
    await frame.getByRole('heading', { level: 1, name: heading }).waitFor();
  };

  /** Clicks an export button and gives the file the browser saved: its name and bytes. */
  async function download(within: string, button: string): Promise<{ name: string; bytes: Buffer }> {
    const buttons = frame.locator(`[data-export="${within}"]`);
    const [file] = await Promise.all([
      admin.page.waitForEvent('download'),
      buttons.getByRole('button', { name: button }).click(),
    ]);
    const path = await file.path();
    // The button is busy (disabled, its label faded) until the download is handed over.
    await buttons.locator('button:not([disabled])').filter({ hasText: button }).waitFor();
    return { name: file.suggestedFilename(), bytes: await readFile(path) };
  }

  const csvRows = (bytes: Buffer) => parse(bytes, { bom: true }) as string[][];

  async function xlsxRows(bytes: Buffer): Promise<string[][]> {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const width = sheet.getRow(1).cellCount;
    const rows: string[][] = [];
    sheet.eachRow((row) => {
      const cells: string[] = [];
      for (let column = 1; column <= width; column += 1) {
        const value = row.getCell(column).value;
        cells.push(value === null || value === undefined ? '' : String(value));
      }
      rows.push(cells);
    });
    return rows;
  }

  test('Products › Assigned products exports every assigned item as CSV and XLSX (the stock file)', async () => {
    await open('Products', 'Products');
    await frame.getByRole('tab', { name: 'Assigned products' }).waitFor();
    await frame.getByRole('button', { name: 'Export CSV' }).waitFor();
    await checkAccessibility(frame);

    const csv = await download('items', 'Export CSV');
    expect(csv.name).toMatch(/^backorder-items-\d{4}-\d{2}-\d{2}\.csv$/);
    const rows = csvRows(csv.bytes);
    expect(rows[0]).toEqual([
      'Product',
      'Variant',
      'SKU',
      'Stock',
      'Threshold',
      'Incoming stock',
      'Back-in-stock date',
    ]);
    const long = rows.find((row) => row[2] === SLEEPING_BAG.long);
    expect(long).toEqual([SLEEPING_BAG.name, 'Length: Long', SLEEPING_BAG.long, '-2', '', '5', '']);

    const xlsx = await download('items', 'Export XLSX');
    expect(xlsx.name).toMatch(/^backorder-items-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const sheet = await xlsxRows(xlsx.bytes);
    expect(sheet[0]).toEqual(rows[0]);
    expect(sheet.find((row) => row[2] === SLEEPING_BAG.long)).toEqual(long);
  });

  test('Orders exports the orders holding backordered units, a row per line, with the filters applied', async () => {
    await open('Orders', 'Orders');
    await frame.getByRole('link', { name: `Order #${orderId}` }).waitFor();

    const csv = await download('orders', 'Export CSV');
    expect(csv.name).toMatch(/^backorder-orders-\d{4}-\d{2}-\d{2}\.csv$/);
    const rows = csvRows(csv.bytes);
    expect(rows[0]).toEqual([
      'Order',
      'Date',
      'Customer',
      'Product',
      'Variant',
      'SKU',
      'Quantity',
      'Backordered',
    ]);
    expect(rows.find((row) => row[0] === String(orderId))).toEqual([
      String(orderId),
      expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      'Ada Shopper',
      SLEEPING_BAG.name,
      'Length: Long',
      SLEEPING_BAG.long,
      '2',
      '2',
    ]);
    const xlsx = await xlsxRows((await download('orders', 'Export XLSX')).bytes);
    expect(xlsx.find((row) => row[0] === String(orderId))?.slice(2)).toEqual(
      rows.find((row) => row[0] === String(orderId))!.slice(2),
    );

    // The file holds what the screen shows: with a SKU no order holds, only the header row.
    await frame.getByLabel('SKU').fill('NO-SUCH-SKU');
    await frame.getByRole('button', { name: 'Apply filters' }).click();
    await frame.getByRole('heading', { name: 'No order matches these filters' }).waitFor();
    expect(csvRows((await download('orders', 'Export CSV')).bytes)).toEqual([rows[0]]);
  });

  test('Activity exports the history in the screen’s words', async () => {
    await open('Activity', 'Activity');
    await frame.locator('[data-activity-text]').first().waitFor();
    const onScreen = await frame.locator('[data-activity-text]').allInnerTexts();
    await checkAccessibility(frame);

    const csv = await download('activity', 'Export CSV');
    expect(csv.name).toMatch(/^backorder-activity-\d{4}-\d{2}-\d{2}\.csv$/);
    const rows = csvRows(csv.bytes);
    expect(rows[0]).toEqual([
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
    ]);
    expect(rows.map((row) => row[4])).toContain(`Order #${orderId} sold 2 units, 2 backordered`);
    // Newest first, as the screen lists them.
    expect(rows.slice(1, 1 + onScreen.length).map((row) => row[4])).toEqual(onScreen.map((t) => t.trim()));
    expect(admin.errors).toEqual([]);
  });
});
