import type { Frame } from 'playwright-core';
import { afterAll, beforeAll, expect, test, vi } from 'vitest';
import { toBool, toTimestamp } from '../../src/adapters/db/rows.js';
import {
  type AdminSession,
  checkAccessibility,
  describeBrowser,
  IFRAME_WIDTH,
  startAdmin,
} from './support/admin-browser.js';

/**
 * Products › All products as a merchant uses it on the demo store (user guide step 3): search the
 * catalog, filter it, assign a product with variants by ticking it with a threshold, then select all
 * the products a filter matches and watch the background run's progress bar to the end; checked
 * against what the API then answers, with axe and the console watched.
 */
vi.setConfig({ testTimeout: 60_000 });

describeBrowser('the admin app: Products › All products', () => {
  let admin: AdminSession;
  let frame: Frame;

  beforeAll(async () => {
    admin = await startAdmin();
    frame = await admin.openApp();
    await frame.getByRole('link', { name: 'Products' }).click();
    await frame.getByRole('tab', { name: 'All products' }).click();
    await table().getByRole('row').nth(1).waitFor();
  }, 90_000);
  afterAll(async () => {
    await admin?.close();
  });

  // The pointer rests off the app first: a hovered subtle button's tint is not its contrast.
  const accessible = async () => {
    await admin.page.mouse.move(0, 0);
    await checkAccessibility(frame);
  };
  const api = async (path: string) => (await admin.e2e.api('GET', path)).body;
  const table = () => frame.getByRole('table', { name: 'Products' }).or(frame.locator('table')).first();
  const rowOf = (name: string) => frame.getByRole('row').filter({ hasText: name });
  const productNames = async () =>
    (await frame.locator('tbody tr').allTextContents()).map((text) => text.trim());
  const choose = async (label: string, option: string) => {
    await frame.getByRole('combobox', { name: label, exact: true }).click();
    await frame.getByRole('option', { name: option, exact: true }).click();
  };
  const productIdOf = async (name: string): Promise<number> => {
    const page = await api(`/catalog/products?keyword=${encodeURIComponent(name)}`);
    const found = (page.data as { product_id: number; name: string }[]).find((p) => p.name === name);
    if (found === undefined) throw new Error(`no product ${name}`);
    return found.product_id;
  };

  test('the catalog opens on its first page, sorted by name, in the 1024 px frame', async () => {
    const catalog = await api('/catalog/products?limit=1');
    await frame.getByText(`of ${catalog.total}`).first().waitFor();
    expect(await frame.locator('tbody tr').count()).toBe(25);
    const names = await productNames();
    expect(names[0]).toContain('Basecamp Canvas Bell Tent');
    expect(frame.url()).toContain('tab=all');
    expect(await frame.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      IFRAME_WIDTH,
    );
    await accessible();
  });

  test('search by name: only the matching products, the search kept in the address', async () => {
    await frame.getByLabel('Search by name or SKU').fill('fleece');
    await frame.getByLabel('Search by name or SKU').press('Enter');
    await rowOf('Fleece Half-Zip').waitFor();
    await expect.poll(productNames).toHaveLength(1);
    expect(frame.url()).toContain('keyword=fleece');
    expect(await rowOf('Fleece Half-Zip').textContent()).toContain('Northwind Apparel');
    expect(await rowOf('Fleece Half-Zip').textContent()).toContain('Not assigned');
  });

  test('filters: a brand and a category narrow the list; clearing them brings back the catalog', async () => {
    await frame.getByLabel('Search by name or SKU').fill('');
    await frame.getByLabel('Search by name or SKU').press('Enter');
    await choose('Category', 'Apparel › Jackets');
    await choose('Brand', 'Summit Gear');
    await rowOf('Summit Softshell Vest').waitFor();
    await expect.poll(productNames).toHaveLength(1);
    expect(frame.url()).toMatch(/brand_id=\d+/);
    expect(frame.url()).toMatch(/category_id=\d+/);

    // Nothing matches: the empty state says what to do.
    await frame.getByLabel('Search by name or SKU').fill('no such product anywhere');
    await frame.getByLabel('Search by name or SKU').press('Enter');
    await frame.getByRole('heading', { name: 'No products match' }).waitFor();
    await accessible();
    await frame.locator('[data-empty-state]').getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(productNames).toHaveLength(25);
    expect(frame.url()).not.toContain('brand_id');
  });

  test('sorting and paging are the server’s: by stock, highest first; the next page', async () => {
    await frame.getByRole('columnheader', { name: /Stock/ }).click();
    await expect.poll(() => frame.url()).toContain('sort=inventory_level');
    expect(frame.url()).not.toContain('direction=desc');
    const firstAscending = (await productNames())[0];
    await frame.getByRole('columnheader', { name: /Stock/ }).click();
    await expect.poll(() => frame.url()).toContain('direction=desc');
    await expect.poll(async () => (await productNames())[0]).not.toBe(firstAscending);
    await frame.getByRole('button', { name: 'Next page' }).click();
    await expect.poll(() => frame.url()).toContain('page=2');
    await frame.getByRole('button', { name: 'Previous page' }).click();
    await expect.poll(() => frame.url()).not.toContain('page=2');
  });

  test('a product with variants, ticked, is assigned with the threshold filled in', async () => {
    await frame.getByLabel('Search by name or SKU').fill('Fleece Half-Zip');
    await frame.getByLabel('Search by name or SKU').press('Enter');
    await expect.poll(productNames).toHaveLength(1);
    expect(await rowOf('Fleece Half-Zip').textContent()).toContain('4');
    await rowOf('Fleece Half-Zip').locator('label').first().click();
    const assign = frame.locator('[data-panel="assign"]');
    await assign.getByText('1 product selected.').waitFor();
    await assign.getByLabel('Threshold').fill('-2');
    await assign.getByRole('button', { name: 'Assign 1 product' }).click();
    await assign.getByText('Enter a whole number of 0 or more, or leave it empty.').waitFor();
    await assign.getByLabel('Threshold').fill('3');
    await assign.getByRole('button', { name: 'Assign 1 product' }).click();

    const outcome = frame.locator('[data-assign-outcome]');
    await outcome.getByText('1 product assigned').waitFor();
    await outcome.getByText('Fleece Half-Zip').waitFor();
    await rowOf('Fleece Half-Zip').getByText('Assigned').waitFor();
    await accessible();

    const productId = await productIdOf('Fleece Half-Zip');
    const items = (await api(`/items?product_id=${productId}`)).data as {
      threshold: number;
      stock: number;
    }[];
    expect(items).toHaveLength(4);
    expect(items.map((i) => i.threshold)).toEqual([3, 3, 3, 3]);
    expect(items.map((i) => i.stock)).toEqual([4, 12, 7, 2]);

    // Assigning it again is refused, with the reason.
    await rowOf('Fleece Half-Zip').locator('label').first().click();
    await assign.getByRole('button', { name: 'Assign 1 product' }).click();
    await outcome.getByText('Fleece Half-Zip: This product is already assigned to Backorder.').waitFor();
  });

  test('"select all matching" a filter assigns them in the background; the progress bar reaches done', async () => {
    await frame.getByLabel('Search by name or SKU').fill('');
    await frame.getByLabel('Search by name or SKU').press('Enter');
    await choose('Backorder', 'Not assigned');
    const unassigned = (await api('/catalog/products?assigned=false&limit=1')).total as number;
    expect(unassigned).toBeGreaterThan(25);
    await expect.poll(productNames).toHaveLength(25);

    // BigDesign's select-all box of the table's controls ticks the page.
    await frame.getByLabel('Table Controls').locator('label').first().click();
    const banner = frame.locator('[data-selection-banner]');
    await banner.getByText('All 25 products on this page are selected.').waitFor();
    await banner.getByRole('button', { name: `Select all ${unassigned} matching products` }).click();
    await banner.getByText(`All ${unassigned} matching products are selected.`).waitFor();
    await accessible();

    const assign = frame.locator('[data-panel="assign"]');
    await assign.getByLabel('Incoming stock').fill('6');
    await assign.getByLabel('Back-in-stock date').fill('2031-05-06');
    await assign.getByRole('button', { name: `Assign ${unassigned} products` }).click();

    const run = frame.locator('[data-panel="assignment-run"]');
    const bar = run.getByRole('progressbar', { name: /Assigning products|Assignment finished/ });
    await bar.waitFor();
    await run.getByRole('heading', { name: 'Assignment finished' }).waitFor({ timeout: 30_000 });
    expect(await bar.getAttribute('aria-valuenow')).toBe('100');
    expect(await run.locator('[data-run-summary]').textContent()).toBe(
      `Done: ${unassigned} products, ${unassigned} assigned.`,
    );
    await accessible();

    const [latest] = (await api('/assignments/runs?limit=1')).data as {
      run_id: number;
      kind: string;
      progress: { assigned: number };
    }[];
    expect(latest).toMatchObject({ kind: 'filter', status: 'done', progress: { assigned: unassigned } });
    expect((await api('/catalog/products?assigned=false')).total).toBe(0);
    const items = (await api('/items?limit=250')).data as {
      product_id: number;
      incoming_stock: number;
      back_in_stock_date: string | null;
    }[];
    const fleece = await productIdOf('Fleece Half-Zip');
    const fromRun = items.filter((i) => i.product_id !== fleece);
    expect(fromRun.length).toBeGreaterThan(unassigned);
    expect(new Set(fromRun.map((i) => `${i.incoming_stock} ${i.back_in_stock_date}`))).toEqual(
      new Set(['6 2031-05-06']),
    );

    // The list follows: nothing is left unassigned.
    await frame.getByRole('heading', { name: 'No products match' }).waitFor();
    await run.getByRole('button', { name: 'Dismiss' }).click();
    await run.waitFor({ state: 'detached' });
  });

  test('a run still being worked is shown again on coming back, its bar following its real progress', async () => {
    // A run in the middle of its work, as a worker leaves it between two chunks (no job is queued
    // for it: the test moves it on, row by row, as the worker would).
    const { db } = admin.e2e.demo.app.database;
    const store = await db.selectFrom('stores').select('id').executeTakeFirstOrThrow();
    const [vest, tee] = [await productIdOf('Summit Softshell Vest'), await productIdOf('Trailhead Logo Tee')];
    const now = toTimestamp(new Date());
    const run = await db
      .insertInto('assignment_runs')
      .values({
        store_id: store.id,
        status: 'running',
        template_id: null,
        filter: null,
        stock_defaults: null,
        resolved: toBool(true),
        actor: 'admin:test',
        error: null,
        created_at: now,
        updated_at: now,
        finished_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('assignment_run_items')
      .values(
        [vest, tee].map((bcProductId) => ({
          store_id: store.id,
          run_id: run.id,
          bc_product_id: bcProductId,
          status: 'pending' as const,
          updated_at: now,
        })),
      )
      .execute();
    const outcome = (bcProductId: number, change: Record<string, unknown>) =>
      db
        .updateTable('assignment_run_items')
        .set(change)
        .where('run_id', '=', run.id)
        .where('bc_product_id', '=', bcProductId)
        .execute();

    // Leave the tab and come back: the run is found among the active ones.
    await frame.getByRole('tab', { name: 'Assigned products' }).click();
    await frame.getByRole('tab', { name: 'All products' }).click();
    const panel = frame.locator('[data-panel="assignment-run"]');
    await panel.getByRole('heading', { name: 'Assigning products' }).waitFor();
    const bar = panel.getByRole('progressbar', { name: 'Assigning products' });
    expect(await bar.getAttribute('aria-valuenow')).toBe('0');
    expect(await panel.locator('[data-run-summary]').textContent()).toBe('0 of 2 products done: 0 assigned.');
    await panel.getByText('You can leave this page').waitFor();
    await accessible();

    await outcome(vest, { status: 'assigned', product_name: 'Summit Softshell Vest', item_count: 4 });
    await expect.poll(() => bar.getAttribute('aria-valuenow')).toBe('50');
    expect(await panel.locator('[data-run-summary]').textContent()).toBe('1 of 2 products done: 1 assigned.');

    await outcome(tee, {
      status: 'failed',
      product_name: 'Trailhead Logo Tee',
      code: 'ASSIGNMENT.SKU_TAKEN',
      message: 'SKU TEE-LOGO-S-WHITE is taken',
    });
    await db
      .updateTable('assignment_runs')
      .set({ status: 'done', finished_at: toTimestamp(new Date()) })
      .where('id', '=', run.id)
      .execute();
    await panel.getByRole('heading', { name: 'Assignment finished' }).waitFor();
    expect(await panel.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('100');
    expect(await panel.locator('[data-run-summary]').textContent()).toBe(
      'Done: 2 products, 1 assigned, 1 failed.',
    );
    await panel
      .locator('[data-run-failures]')
      .getByText('Trailhead Logo Tee: Another assigned item already uses one of this product’s SKUs.', {
        exact: false,
      })
      .waitFor();
    await accessible();
    await panel.getByRole('button', { name: 'Dismiss' }).click();
    await panel.waitFor({ state: 'detached' });
  });

  test('nothing was logged as an error in the console on the way', () => {
    expect(admin.errors).toEqual([]);
  });
});
