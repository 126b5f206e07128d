import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { Frame } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { eventually } from '../e2e/support/demo-harness.js';
import {
  type AdminSession,
  checkAccessibility,
  describeBrowser,
  IFRAME_WIDTH,
  startAdmin,
} from './support/admin-browser.js';
import { aBackorderedOrder, SLEEPING_BAG } from './support/backordered-order.js';

/**
 * The Orders screen's report as a merchant uses it: the units still owed (open backorders) with their
 * items, the mean days back in stock once an item has come back, an item's weeks, and the report
 * downloaded as CSV and XLSX.
 */
vi.setConfig({ testTimeout: 60_000 });

describeBrowser('the admin app: the orders report', () => {
  let admin: AdminSession;
  let frame: Frame;

  beforeAll(async () => {
    admin = await startAdmin();
    frame = await admin.openApp();
  }, 90_000);
  afterAll(async () => {
    await admin?.close();
  });

  const openOrders = async () => {
    // Another screen first, so the Orders screen mounts again and reads afresh.
    await frame.getByRole('link', { name: 'Home' }).click();
    await frame.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
    await frame.getByRole('link', { name: 'Orders' }).click();
    await frame.getByRole('heading', { level: 1, name: 'Orders' }).waitFor();
  };
  const panel = (name: string) => frame.locator(`[data-panel="${name}"]`);
  const itemName = `${SLEEPING_BAG.name} (Length: Long)`;

  test('before any backorder: no report, no export', async () => {
    await openOrders();
    await frame.getByRole('heading', { name: 'No backorders yet' }).waitFor();
    expect(await panel('open-backorders').count()).toBe(0);
    expect(await panel('report-export').count()).toBe(0);
  });

  describe('after an order takes an item into backorder', () => {
    beforeAll(async () => {
      await aBackorderedOrder(admin.e2e, 2);
      await openOrders();
      await panel('open-backorders').waitFor();
    });

    test('open backorders: the units owed, by which item, since when; no item back in stock yet', async () => {
      const open = panel('open-backorders');
      expect(await open.locator('[data-open-total]').textContent()).toBe('2 units owed by 1 item');
      const row = open.getByRole('row').filter({ hasText: SLEEPING_BAG.long });
      const cells = (await row.getByRole('cell').allTextContents()).map((t) => t.trim());
      expect(cells.slice(0, 4)).toEqual([itemName, SLEEPING_BAG.long, 'Backorder', '2']);
      expect(cells[4]).toMatch(/\d{4}, \d{1,2}:\d{2}/);
      await panel('back-in-stock')
        .getByRole('heading', { name: 'No item came back in stock in this period' })
        .waitFor();

      // The item's weeks: the one week of its order.
      const weeks = panel('item-weeks');
      expect(await weeks.getByRole('combobox', { name: 'Item' }).inputValue()).toContain(itemName);
      expect(await weeks.locator('tbody tr').count()).toBe(1);
      expect(await weeks.locator('tbody tr').first().textContent()).toMatch(/W\d{2}.*21$/);
      expect(await frame.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        IFRAME_WIDTH,
      );
      await checkAccessibility(frame);
    });

    test('an open backorder’s item leads to its product', async () => {
      await panel('open-backorders').getByRole('link', { name: itemName }).click();
      await frame.getByRole('heading', { level: 1, name: SLEEPING_BAG.name }).waitFor();
      expect(frame.url()).toMatch(new RegExp(`/admin/products/${SLEEPING_BAG.productId}$`));
    });
  });

  describe('after the item is back in stock and ordered beyond its stock again', () => {
    beforeAll(async () => {
      // Back in stock (3 > S = 0): the episode ends; then 4 more ordered: 1 backordered.
      expect((await admin.e2e.api('PATCH', `/items/${SLEEPING_BAG.long}`, { stock: 3 })).status).toBe(200);
      await aBackorderedOrder(admin.e2e, 4);
      await eventually(async () => {
        const report = await admin.e2e.api('GET', '/orders/report');
        return report.body.open_backorders.backordered_units === 1;
      });
      await openOrders();
      await panel('back-in-stock').locator('[data-average-days]').waitFor();
    });

    test('the average days to back in stock, over the times an item came back', async () => {
      const average = panel('back-in-stock');
      // The item came back within seconds of the first order.
      expect(await average.locator('[data-average-days]').textContent()).toBe('0 days');
      expect(await average.textContent()).toContain('On average, over 1 time an item came back in stock.');
      expect(await panel('open-backorders').locator('[data-open-total]').textContent()).toBe(
        '1 unit owed by 1 item',
      );
      await checkAccessibility(frame);
    });

    test('"Export report" downloads the report: CSV per item per week, XLSX with every table', async () => {
      const exporter = panel('report-export');
      const [csv] = await Promise.all([
        admin.page.waitForEvent('download'),
        exporter.getByRole('button', { name: 'Export report' }).click(),
      ]);
      expect(csv.suggestedFilename()).toMatch(/^backorders-report-to-\d{4}-\d{2}-\d{2}\.csv$/);
      const text = (await readFile(await csv.path())).toString('utf8');
      expect(text.charCodeAt(0)).toBe(0xfeff);
      const rows = parse(text.slice(1)) as string[][];
      expect(rows[0]).toEqual([
        'Week',
        'Week starts',
        'SKU',
        'Product',
        'Variant',
        'Backordered units',
        'Orders',
      ]);
      // Both orders' backordered units, in the week they were placed (2 + 1, two orders).
      expect(rows.slice(1).map((r) => [r[2], r[3], r[4], r[5], r[6]])).toEqual([
        [SLEEPING_BAG.long, SLEEPING_BAG.name, 'Length: Long', '3', '2'],
      ]);

      await exporter.getByRole('combobox', { name: 'Format' }).click();
      await frame.getByRole('option', { name: 'XLSX (every table)' }).click();
      const [xlsx] = await Promise.all([
        admin.page.waitForEvent('download'),
        exporter.getByRole('button', { name: 'Export report' }).click(),
      ]);
      expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load((await readFile(await xlsx.path())) as unknown as ArrayBuffer);
      expect(workbook.worksheets.map((w) => w.name)).toEqual([
        'Per item per week',
        'Per item',
        'Per week',
        'Open backorders',
        'Summary',
      ]);
      expect(workbook.getWorksheet('Open backorders')!.getRow(2).getCell(1).value).toBe(SLEEPING_BAG.long);
    });
  });

  test('no console errors', () => {
    expect(admin.errors).toEqual([]);
  });
});
