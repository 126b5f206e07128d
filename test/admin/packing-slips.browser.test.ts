import { readFile } from 'node:fs/promises';
import { PDFParse } from 'pdf-parse';
import type { Download, Frame } from 'playwright-core';
import { afterAll, beforeAll, expect, test, vi } from 'vitest';
import { DEMO_STORE_NAME } from '../../src/sandbox/seed/demo-catalog.data.js';
import {
  type AdminSession,
  checkAccessibility,
  describeBrowser,
  IFRAME_WIDTH,
  startAdmin,
} from './support/admin-browser.js';
import { aBackorderedOrder, SLEEPING_BAG } from './support/backordered-order.js';

/**
 * Printable packing slips from the Orders screen, as a merchant prints them: one order's from its row,
 * then several ticked orders' at once. The PDF the browser downloads is read back (pdf-parse): the
 * store, each order, where it ships, its line with the backordered units, and the packing-slip message.
 */
vi.setConfig({ testTimeout: 60_000 });

async function pdfPages(download: Download): Promise<string[]> {
  const path = await download.path();
  const parser = new PDFParse({ data: new Uint8Array(await readFile(path)) });
  try {
    return (await parser.getText()).pages.map((page) => page.text.replace(/\s+/g, ' '));
  } finally {
    await parser.destroy();
  }
}

describeBrowser('the admin app: packing slips', () => {
  let admin: AdminSession;
  let frame: Frame;
  let first: number;
  let second: number;

  beforeAll(async () => {
    admin = await startAdmin();
    first = await aBackorderedOrder(admin.e2e, 2);
    second = await aBackorderedOrder(admin.e2e, 1);
    frame = await admin.openApp();
    await frame.getByRole('link', { name: 'Orders' }).click();
    await frame.getByRole('heading', { level: 1, name: 'Orders' }).waitFor();
    await frame.getByRole('link', { name: `Order #${second}` }).waitFor();
  }, 120_000);
  afterAll(async () => {
    await admin?.close();
  });

  const orders = () => frame.locator('[data-panel="orders"]');
  const rowOf = (orderId: number) =>
    orders()
      .getByRole('row')
      .filter({ hasText: `Order #${orderId}` });

  test('an order’s packing slip, from its row, downloads as a PDF of that order', async () => {
    const [download] = await Promise.all([
      admin.page.waitForEvent('download'),
      rowOf(first)
        .getByRole('button', { name: `Packing slip of order #${first}` })
        .click(),
    ]);

    expect(download.suggestedFilename()).toBe(`packing-slip-${first}.pdf`);
    const pages = await pdfPages(download);
    expect(pages).toHaveLength(1);
    for (const expected of [
      DEMO_STORE_NAME,
      'Packing slip',
      `Order #${first}`,
      'Ship to',
      'Ada Shopper',
      '1 Main St',
      'Austin, Texas 78701',
      SLEEPING_BAG.name,
      'Length: Long',
      SLEEPING_BAG.long,
      '2 of 2 backordered',
      'Some items of this order are on backorder and will be shipped separately as soon as they are back in stock.',
    ]) {
      expect(pages[0]).toContain(expected);
    }
    await frame.getByText(`Downloaded packing-slip-${first}.pdf: open it to print.`).waitFor();
  });

  test('ticked orders print together, one page each, newest first as listed', async () => {
    const print = orders().getByRole('button', { name: /^Print .*packing slip/ });
    expect(await print.isDisabled()).toBe(true);
    await rowOf(first).locator('label').first().click();
    await rowOf(second).locator('label').first().click();
    await orders().getByRole('button', { name: 'Print 2 packing slips' }).waitFor();
    await checkAccessibility(frame);
    expect(await frame.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      IFRAME_WIDTH,
    );

    const [download] = await Promise.all([
      admin.page.waitForEvent('download'),
      orders().getByRole('button', { name: 'Print 2 packing slips' }).click(),
    ]);

    expect(download.suggestedFilename()).toBe(`packing-slips-${second}-${first}.pdf`);
    const pages = await pdfPages(download);
    expect(pages.map((page) => /Order #(\d+)/.exec(page)?.[1])).toEqual([String(second), String(first)]);
    expect(pages[0]).toContain('1 of 1 backordered');
    expect(pages[1]).toContain('2 of 2 backordered');
  });

  test('no console errors', () => {
    expect(admin.errors).toEqual([]);
  });
});
