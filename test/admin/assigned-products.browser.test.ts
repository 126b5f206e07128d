import type { Frame, Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import {
  type AdminSession,
  alertsText,
  checkAccessibility,
  describeBrowser,
  IFRAME_WIDTH,
  startAdmin,
} from './support/admin-browser.js';

/**
 * Products › Assigned products as a merchant uses it from the sandbox control panel, on the demo store:
 * products listed with their variants and option labels, search, the status filter Home links to,
 * inline edits that change the status, backorder switched off and on (and a refusal with its reason),
 * a sync from BigCommerce and an unassignment after confirming; axe and the console watched.
 */
vi.setConfig({ testTimeout: 60_000 });

const BAG = 'Summit Down Sleeping Bag -5°C';
const FOOTPRINT = 'Tent Footprint (2P)';
const TENT = 'Ridgeline 2-Person Backpacking Tent';

describeBrowser('the admin app in the control panel: Products › Assigned products', () => {
  let admin: AdminSession;
  let frame: Frame;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    admin = await startAdmin();
    const catalog = await admin.e2e.bc('GET', '/v3/catalog/products?limit=250');
    for (const name of [BAG, FOOTPRINT, TENT]) {
      const product = (catalog.body.data as { id: number; name: string }[]).find((p) => p.name === name);
      if (product === undefined) throw new Error(`the demo catalog has no ${name}`);
      ids[name] = product.id;
    }
    frame = await admin.openApp();
  }, 90_000);
  afterAll(async () => {
    await admin?.close();
  });

  /** Moves within the app as a link would (a reload would end the session). */
  const goTo = async (path: string) => {
    await frame.evaluate((to) => {
      history.pushState(null, '', `/admin${to}`);
      dispatchEvent(new PopStateEvent('popstate'));
    }, path);
  };
  const table = () => frame.locator('[data-panel="assigned-products"]');
  const productRow = (name: string): Locator =>
    table().locator('tr', { has: frame.locator(`[data-product="${ids[name]}"]`) });
  const variantRow = (label: string): Locator =>
    table().locator('tr', { has: frame.getByText(label, { exact: true }) });
  /** Switches a toggle by keyboard: focus, then Space, as a keyboard user does. */
  const flip = async (toggle: Locator) => {
    await toggle.focus();
    await admin.page.keyboard.press('Space');
  };
  const listedNames = async () => table().locator('[data-product] a').allInnerTexts();

  test('with nothing assigned, it says so and leads to "Assign products"', async () => {
    await frame.getByRole('link', { name: 'Products' }).click();
    await frame.getByRole('heading', { level: 1, name: 'Products' }).waitFor();
    await frame.getByText('No products assigned yet').waitFor();
    await checkAccessibility(frame);
    await table().getByRole('button', { name: 'Assign products' }).click();
    await frame.waitForURL(/\/admin\/products\?tab=all$/);
  });

  test('assigned products are listed by name, variants as rows under them with their option labels', async () => {
    const assigned = await admin.e2e.api('POST', '/assignments', {
      product_ids: [ids[BAG], ids[FOOTPRINT], ids[TENT]],
    });
    expect(assigned.status).toBe(200);
    // Back from the All products tab, as after assigning there.
    await frame.getByRole('tab', { name: 'Assigned products' }).click();
    await productRow(BAG).waitFor();

    expect(await listedNames()).toEqual([TENT, BAG, FOOTPRINT]);
    expect(await frame.locator('[data-page-status]').textContent()).toContain('Page 1 of 1 · 3 products');
    // The bag's variants, each with its numbers, status and reason.
    const regular = variantRow('Length: Regular');
    const long = variantRow('Length: Long');
    expect(await regular.locator('[data-status]').getAttribute('data-status')).toBe('in_stock');
    expect(await long.locator('[data-status]').getAttribute('data-status')).toBe('backorder');
    expect(await long.textContent()).toContain('Out of stock, sold as backorder');
    expect(await long.locator('[data-purchasable]').textContent()).toBe('Purchasable');
    // The product's name leads to its detail screen (BigCommerce's product id in the path).
    expect(await productRow(BAG).getByRole('link', { name: BAG }).getAttribute('href')).toBe(
      `/admin/products/${ids[BAG]}`,
    );
    expect(await frame.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      IFRAME_WIDTH,
    );
    await checkAccessibility(frame);
  });

  test('search by name or SKU narrows the list, and clearing it brings everything back', async () => {
    await table().getByLabel('Search by name or SKU').fill('footprint');
    await table().getByRole('button', { name: 'Search' }).click();
    await frame.waitForURL(/search=footprint/);
    await productRow(BAG).waitFor({ state: 'detached' });
    expect(await listedNames()).toEqual([FOOTPRINT]);

    await table().getByLabel('Search by name or SKU').fill('sleep-down5-long');
    await table().getByLabel('Search by name or SKU').press('Enter');
    await productRow(BAG).waitFor();
    expect(await listedNames()).toEqual([BAG]);

    await table().getByLabel('Search by name or SKU').fill('no such thing');
    await table().getByLabel('Search by name or SKU').press('Enter');
    await frame.getByText('No assigned product matches').waitFor();
    await table().getByRole('button', { name: 'Clear search and filters' }).click();
    await productRow(TENT).waitFor();
    expect(await listedNames()).toHaveLength(3);
  });

  test('the status in the address filters the list, as Home’s links do', async () => {
    await goTo('/products?status=backorder');
    await productRow(FOOTPRINT).waitFor({ state: 'detached' });
    // The tent (stock 0) and the sleeping bag (its Long variant) hold items on backorder.
    expect(await listedNames()).toEqual([TENT, BAG]);
    // A product is listed with all of its variants.
    await variantRow('Length: Regular').waitFor();
    expect(await table().getByRole('combobox', { name: 'Status', exact: true }).inputValue()).toBe(
      'Backorder',
    );
    await goTo('/products');
    await productRow(FOOTPRINT).waitFor();
  });

  test('stock edited inline changes the status; a value the API would refuse is refused in place', async () => {
    const long = variantRow('Length: Long');
    await long.getByRole('button', { name: /^Edit Stock of .*Length: Long: 0$/ }).click();
    const stock = long.getByLabel(`Stock of ${BAG} – Length: Long`, { exact: true });
    await stock.fill('2.5');
    await stock.press('Enter');
    await long.getByText('Enter a whole number (it may be negative).').waitFor();
    await stock.fill('5');
    await stock.press('Enter');
    await frame.getByText(`Stock of ${BAG} – Length: Long saved.`).waitFor();
    await long.locator('[data-status="in_stock"]').waitFor();
    expect(await long.textContent()).not.toContain('Out of stock');

    const items = await admin.e2e.api('GET', `/items?product_id=${ids[BAG]}`);
    expect(items.body.data.map((i: { stock: number }) => i.stock)).toContain(5);

    // Escape leaves the value as it was.
    await long.getByRole('button', { name: /^Edit Incoming stock of/ }).click();
    await long.getByLabel(`Incoming stock of ${BAG} – Length: Long`, { exact: true }).press('Escape');
    await long.getByRole('button', { name: /^Edit Incoming stock of/ }).waitFor();
    await checkAccessibility(frame);
  });

  test('backorder switched off then on again, with the reason in words', async () => {
    const regular = variantRow('Length: Regular');
    const toggle = regular.getByLabel(`Backorder for ${BAG} – Length: Regular`);
    expect(await toggle.isChecked()).toBe(true);
    await flip(toggle);
    await frame.getByText(`Backorder switched off for ${BAG} – Length: Regular.`).waitFor();
    await regular.getByText('Backorder off: disabled by you').waitFor();
    expect(await toggle.isChecked()).toBe(false);

    await flip(toggle);
    await frame.getByText(`Backorder switched on for ${BAG} – Length: Regular.`).waitFor();
    await regular.getByText('Backorder off: disabled by you').waitFor({ state: 'detached' });
    expect(await toggle.isChecked()).toBe(true);
  });

  test('switching backorder on is refused while the threshold is reached, and says why', async () => {
    // Out of stock with a threshold of 0: no unit may be backordered, so backorder switches off.
    const footprint = productRow(FOOTPRINT);
    await footprint.getByRole('button', { name: /^Edit Threshold of/ }).click();
    const threshold = footprint.getByLabel(`Threshold of ${FOOTPRINT}`, { exact: true });
    await threshold.fill('0');
    await threshold.press('Enter');
    await frame.getByText(`Threshold of ${FOOTPRINT} saved.`).waitFor();
    await footprint.getByRole('button', { name: /^Edit Stock of/ }).click();
    const stock = footprint.getByLabel(`Stock of ${FOOTPRINT}`, { exact: true });
    await stock.fill('0');
    await stock.press('Enter');
    await footprint.getByText('Threshold reached').waitFor();
    expect(await footprint.locator('[data-purchasable]').textContent()).toBe('Not purchasable');

    await flip(footprint.getByLabel(`Backorder for ${FOOTPRINT}`));
    await frame.getByText('The backorder threshold is reached', { exact: false }).waitFor();
    expect(await alertsText(frame)).toContain(`Backorder was not switched on for ${FOOTPRINT}`);
    await footprint.getByText('Threshold reached').waitFor();
    expect(await footprint.getByLabel(`Backorder for ${FOOTPRINT}`).isChecked()).toBe(false);
    // An error stays until dismissed.
    await frame
      .locator('[data-toasts] > [role="alert"]', { hasText: 'The backorder threshold is reached' })
      .getByRole('button', { name: 'Dismiss' })
      .click();
    await frame
      .getByText('The backorder threshold is reached', { exact: false })
      .waitFor({ state: 'detached' });
  });

  test('"Sync from BigCommerce" re-reads the product and says what it did', async () => {
    await productRow(TENT)
      .getByRole('button', { name: `Sync from BigCommerce: ${TENT}` })
      .click();
    await frame.getByText(`${TENT} is in line with BigCommerce: nothing to change.`).waitFor();
  });

  test('unassigning asks first, saying what will happen, then removes the product from the list', async () => {
    await productRow(TENT)
      .getByRole('button', { name: `Unassign: ${TENT}` })
      .click();
    const dialog = frame.getByRole('dialog');
    await dialog.getByText('Purchase of the whole product is disabled in BigCommerce.').waitFor();
    expect(await dialog.textContent()).toContain('emailed to you as a CSV file');
    expect(await dialog.textContent()).toContain('Its history is kept');
    await checkAccessibility(frame);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await listedNames()).toContain(TENT);

    await productRow(TENT)
      .getByRole('button', { name: `Unassign: ${TENT}` })
      .click();
    await frame.getByRole('dialog').getByRole('button', { name: 'Unassign product' }).click();
    await frame.getByText(`${TENT} is unassigned.`, { exact: false }).waitFor();
    await productRow(TENT).waitFor({ state: 'detached' });
    expect(await listedNames()).toEqual([BAG, FOOTPRINT]);
    expect((await admin.e2e.api('GET', `/items?product_id=${ids[TENT]}`)).body.data).toEqual([]);
  });

  describe('at the end', () => {
    test('nothing was logged as an error in the console on the way', () => {
      expect(admin.errors).toEqual([]);
    });
  });
});
