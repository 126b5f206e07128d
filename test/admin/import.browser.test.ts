import { readFile } from 'node:fs/promises';
import type { Frame } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import {
  type AdminSession,
  checkAccessibility,
  describeBrowser,
  IFRAME_WIDTH,
  startAdmin,
} from './support/admin-browser.js';

/**
 * Products › Import as a merchant uses it in the control panel: the template downloaded (the items
 * export, CSV and XLSX), a file with bad rows checked (each row's reason in words, nothing changed), a
 * file refused as a whole, then a good file checked, applied with its progress, its result on screen
 * and by email (the sandbox mailbox).
 */
vi.setConfig({ testTimeout: 60_000 });

// The demo catalog's Summit Down Sleeping Bag (two variants), Self-Inflating Sleeping Pad and Camp Pillow.
const PRODUCTS = [6, 7, 8];
const REGULAR = 'SLEEP-DOWN5-REGULAR';
const LONG = 'SLEEP-DOWN5-LONG';
const PAD = 'SLEEP-PAD';
const PILLOW = 'SLEEP-PILLOW';

const csv = (lines: readonly string[]) => Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8');

describeBrowser('the admin app in the control panel: Products › Import', () => {
  let admin: AdminSession;
  let frame: Frame;

  beforeAll(async () => {
    admin = await startAdmin();
    expect((await admin.e2e.api('POST', '/assignments', { product_ids: PRODUCTS })).status).toBe(200);
    frame = await admin.openApp();
  }, 90_000);
  afterAll(async () => {
    await admin?.close();
  });

  const item = async (sku: string) => {
    const answer = await admin.e2e.api('GET', `/items/${sku}`);
    expect(answer.status).toBe(200);
    return answer.body as { stock: number; incoming_stock: number; back_in_stock_date: string | null };
  };
  const openImport = async () => {
    await frame
      .getByRole('navigation', { name: 'Backorder' })
      .getByRole('link', { name: 'Products' })
      .click();
    await frame.getByRole('heading', { level: 1, name: 'Products' }).waitFor();
    await frame.getByRole('tab', { name: 'Import' }).click();
    await frame.locator('[data-panel="import-upload"]').waitFor();
    expect(frame.url()).toMatch(/\/admin\/products\/import$/);
  };
  const upload = async (name: string, buffer: Buffer) => {
    await frame.getByLabel('Stock file (CSV or XLSX)').setInputFiles({ name, mimeType: 'text/csv', buffer });
  };
  const download = async (button: string) => {
    const [file] = await Promise.all([
      admin.page.waitForEvent('download'),
      frame.getByRole('button', { name: button }).click(),
    ]);
    return { name: file.suggestedFilename(), bytes: await readFile((await file.path())!) };
  };

  test('Home’s fourth step opens the Import tab, which starts empty', async () => {
    await frame.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
    await frame.locator('[data-step="4"]').getByRole('button', { name: 'Open Import' }).click();
    await frame.locator('[data-panel="import-upload"]').waitFor();
    expect(frame.url()).toMatch(/\/admin\/products\/import$/);
    expect(await frame.getByRole('tab', { name: 'Import' }).getAttribute('aria-selected')).toBe('true');
    await frame.locator('[data-panel="import-runs"]').getByText('No import yet').waitFor();
    expect(await frame.locator('[data-import-columns]').textContent()).toContain(
      'an empty cell removes the date',
    );
    await checkAccessibility(frame);
  });

  test('the template is the items export, as CSV (with BOM) and XLSX, under the name the API gives', async () => {
    const template = await download('Download template (CSV)');
    expect(template.name).toMatch(/\.csv$/);
    const text = template.bytes.toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const [header] = text.slice(1).split(/\r?\n/);
    expect(header).toBe('Product,Variant,SKU,Stock,Threshold,Incoming stock,Back-in-stock date');
    expect(text).toContain(PILLOW);
    expect(text).toContain(REGULAR);

    const workbook = await download('Download template (XLSX)');
    expect(workbook.name).toMatch(/\.xlsx$/);
    expect(workbook.bytes.subarray(0, 4).toString('latin1')).toBe('PK\x03\x04');
  });

  describe('a file with bad rows', () => {
    const before: Record<string, number> = {};

    test('is checked: each bad row with its line, column, value and reason in words; Apply waits', async () => {
      for (const sku of [REGULAR, LONG, PAD, PILLOW]) before[sku] = (await item(sku)).stock;
      await upload(
        'stock-bad.csv',
        csv([
          'SKU,Stock,Threshold,Back-in-stock date',
          'NOPE-1,5,,',
          `${REGULAR},ten,,`,
          `${LONG},3,-2,`,
          `${PAD},4,,2027-02-30`,
          `${PAD},4,,`,
          `${PILLOW},${before[PILLOW]! + 7},,`,
        ]),
      );
      const run = frame.locator('[data-panel="import-run"]');
      await run.waitFor();
      expect(frame.url()).toMatch(/\/admin\/products\/import\/\d+$/);
      expect(await run.getAttribute('data-status')).toBe('validated');
      expect(await run.locator('[data-rows-summary]').textContent()).toBe(
        '6 rows: 1 valid, 5 with problems.',
      );

      const problems = run.locator('[data-import-problems]');
      const reasonOn = async (line: number) => {
        const row = problems.getByRole('row').filter({ has: frame.locator(`[data-line="${line}"]`) });
        await row.first().waitFor();
        return (await row.allTextContents()).join(' | ');
      };
      expect(await reasonOn(2)).toContain('No assigned item has this SKU');
      expect(await reasonOn(3)).toContain('ten');
      expect(await reasonOn(3)).toContain('This is not a number');
      expect(await reasonOn(4)).toContain('-2');
      expect(await reasonOn(4)).toContain('This cannot be below 0');
      expect(await reasonOn(5)).toContain('This is not a date that exists');
      expect(await reasonOn(6)).toContain('This SKU is on an earlier row too');

      const apply = run.getByRole('button', { name: 'Apply', exact: true });
      expect(await apply.isDisabled()).toBe(true);
      // Checked before the tick: the button's colours change by a transition, which axe may catch midway.
      await checkAccessibility(frame);
      await run.getByText('Apply the 1 valid row and skip the rest').click();
      expect(await apply.isDisabled()).toBe(false);
      expect(await frame.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        IFRAME_WIDTH,
      );
    });

    test('changed nothing', async () => {
      for (const sku of [REGULAR, LONG, PAD, PILLOW]) expect((await item(sku)).stock).toBe(before[sku]);
    });

    test('has an error report to download', async () => {
      const report = await download('Download error report (CSV)');
      expect(report.name).toMatch(/problems\.csv$/);
      const text = report.bytes.toString('utf8');
      expect(text).toContain('IMPORT.UNKNOWN_SKU');
      expect(text).toContain('NOPE-1');
    });
  });

  test('a file dropped that is not a stock file is refused as a whole, saying why and where', async () => {
    await openImport();
    const dropped = await frame.evaluateHandle(
      (text) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([text], 'other.csv', { type: 'text/csv' }));
        return transfer;
      },
      csv(['Name,Price', 'Tent,100']).toString('utf8'),
    );
    const zone = frame.locator('[data-dragging]');
    await zone.dispatchEvent('dragover', { dataTransfer: dropped });
    expect(await zone.getAttribute('data-dragging')).toBe('true');
    await zone.dispatchEvent('drop', { dataTransfer: dropped });
    const refusal = frame.locator('[data-import-refusal]');
    await refusal.waitFor();
    expect(await refusal.getAttribute('data-import-refusal')).toMatch(/^IMPORT\.(MISSING|UNKNOWN)_HEADER$/);
    expect(await refusal.textContent()).toContain('line 1');
    expect(frame.url()).toMatch(/\/admin\/products\/import$/);
    await checkAccessibility(frame);
  });

  test('a good file: what would change, then applied with its progress, its result, and an email', async () => {
    const pad = (await item(PAD)).stock;
    await upload(
      'stock-good.csv',
      csv([
        'SKU,Stock,Incoming stock,Back-in-stock date',
        `${REGULAR},0,,`,
        `${LONG},,5,2030-06-01`,
        `${PAD},${pad + 9},,`,
      ]),
    );
    const run = frame.locator('[data-panel="import-run"]');
    await run.locator('[data-import-check]').waitFor();
    expect(await run.locator('[data-rows-summary]').textContent()).toBe('3 rows: 3 valid.');
    const changes = await run.locator('[data-import-changes]').textContent();
    expect(changes).toContain('Stock of 2 items');
    expect(changes).toContain('Incoming stock of 1 item');
    expect(changes).toContain('Back-in-stock date of 1 item');
    expect(await run.locator('[data-import-status-changes]').textContent()).toContain(
      'would switch from in stock to backorder',
    );
    expect(await run.locator('[data-import-problems]').count()).toBe(0);
    await checkAccessibility(frame);

    await run.getByRole('button', { name: 'Apply', exact: true }).click();
    const dialog = frame.getByRole('dialog', { name: 'Apply this import?' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('The values of 3 rows will be written');
    await checkAccessibility(frame);
    await dialog.getByRole('button', { name: 'Apply import' }).click();

    // The progress shows as soon as the apply is accepted, then the result once the job is done.
    await run.getByRole('progressbar', { name: 'Applying the import' }).waitFor();
    await run.locator('[data-import-result]').waitFor({ timeout: 30_000 });
    expect(await run.getAttribute('data-status')).toBe('done');
    expect(await run.locator('[data-import-result-lines]').textContent()).toContain('3 rows applied');
    expect(await run.locator('[data-import-email]').textContent()).toMatch(/^The result was emailed to .+@/);
    await checkAccessibility(frame);

    expect((await item(REGULAR)).stock).toBe(0);
    expect(await item(LONG)).toMatchObject({ incoming_stock: 5, back_in_stock_date: '2030-06-01' });
    expect((await item(PAD)).stock).toBe(pad + 9);

    await expect
      .poll(
        async () =>
          (await admin.e2e.mails()).some(
            (mail) => /import finished/i.test(mail.subject) && mail.text.includes('stock-good.csv'),
          ),
        { timeout: 30_000 },
      )
      .toBe(true);
  });

  test('the recent imports list each run with its status, and a run is found again by its address', async () => {
    await openImport();
    const list = frame.locator('[data-panel="import-runs"]');
    const good = list.getByRole('row').filter({ hasText: 'stock-good.csv' });
    await good.waitFor();
    expect(await good.textContent()).toContain('Applied');
    expect(await list.getByRole('row').filter({ hasText: 'stock-bad.csv' }).textContent()).toContain(
      'Checked, not applied',
    );
    // The refused file was never stored.
    expect(await list.getByRole('row').filter({ hasText: 'other.csv' }).count()).toBe(0);
    await checkAccessibility(frame);

    await good.getByRole('link', { name: 'stock-good.csv' }).click();
    await frame.locator('[data-panel="import-run"] [data-import-result]').waitFor();
    expect(frame.url()).toMatch(/\/admin\/products\/import\/\d+$/);
  });

  test('nothing was logged as an error in the console on the way', () => {
    expect(admin.errors).toEqual([]);
  });
});
