import type { Frame } from 'playwright-core';
import { afterAll, beforeAll, expect, test, vi } from 'vitest';
import { eventually } from '../e2e/support/demo-harness.js';
import {
  type AdminSession,
  checkAccessibility,
  describeBrowser,
  IFRAME_WIDTH,
  startAdmin,
} from './support/admin-browser.js';

/**
 * The Activity screen as a merchant uses it: empty at first, then the demo store's "Summit Down Sleeping
 * Bag" assigned and ordered on the sandbox (the order arrives by webhook), the history in words with its
 * cause and who, filtered by SKU, cause and dates, a reversed range refused with its reason, and older
 * entries brought by "Load more".
 */
vi.setConfig({ testTimeout: 90_000 });

const PRODUCT = 6;
const REGULAR = 'SLEEP-DOWN5-REGULAR';
const LONG = 'SLEEP-DOWN5-LONG';

describeBrowser('the admin app in the control panel: Activity', () => {
  let admin: AdminSession;
  let frame: Frame;
  let orderId: number;

  beforeAll(async () => {
    admin = await startAdmin();
    frame = await admin.openApp();
  }, 90_000);
  afterAll(async () => {
    await admin?.close();
  });

  const history = () => frame.locator('[data-panel="activity"]');
  const filters = () => frame.locator('[data-panel="activity-filters"]');
  const openActivity = async () => {
    const nav = frame.getByRole('navigation', { name: 'Backorder' });
    // Leaving and coming back reads the history again.
    await nav.getByRole('link', { name: 'Home' }).click();
    await frame.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
    await nav.getByRole('link', { name: 'Activity' }).click();
    await frame.getByRole('heading', { level: 1, name: 'Activity' }).waitFor();
  };
  const rowTexts = async () => {
    await history().locator('tbody tr').first().waitFor();
    return history().locator('tbody tr').allTextContents();
  };

  test('before anything happened, it says what to do next', async () => {
    await openActivity();
    await history().getByText('Nothing has happened yet').waitFor();
    await history().getByRole('button', { name: 'Assign products' }).waitFor();
    await checkAccessibility(frame);
  });

  test('an order placed on the store shows as a sale and a status change, in words, with its cause and who', async () => {
    const { e2e } = admin;
    expect((await e2e.api('POST', '/assignments', { product_ids: [PRODUCT] })).status).toBe(200);
    const regular = (await e2e.api('GET', `/items/${REGULAR}`)).body as { variant_id: number; stock: number };
    expect(regular.stock).toBe(6);
    const order = await e2e.bc('POST', '/v2/orders', {
      status_id: 11,
      billing_address: {
        first_name: 'Ada',
        last_name: 'Shopper',
        street_1: '1 Main St',
        city: 'Austin',
        state: 'Texas',
        zip: '78701',
        country: 'United States',
        country_iso2: 'US',
        email: 'ada@example.com',
      },
      products: [{ product_id: PRODUCT, variant_id: regular.variant_id, quantity: 7 }],
    });
    expect(order.status).toBe(200);
    orderId = order.body.id as number;
    await eventually(async () => (await e2e.api('GET', '/activity?cause=order_line')).body.data.length === 2);

    await openActivity();
    const rows = await rowTexts();
    // Newest first: the status change above the sale that caused it.
    expect(rows[0]).toContain('In stock → Backorder: an order was placed');
    expect(rows[1]).toContain(`Order #${orderId} sold 7 units, 1 backordered`);
    for (const row of rows.slice(0, 2)) {
      expect(row).toContain('Summit Down Sleeping Bag');
      expect(row).toContain(`SKU ${REGULAR}`);
      expect(row).toContain(`Order #${orderId}`);
      expect(row).toContain('BigCommerce');
    }
    expect(rows.some((r) => r.includes('Assigned with 6 units in stock'))).toBe(true);
    expect(
      rows.some((r) => r.includes('Not assigned → Backorder: the product was assigned') && r.includes(LONG)),
    ).toBe(true);
    expect(await frame.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      IFRAME_WIDTH,
    );
    await checkAccessibility(frame);
  });

  test('filters by SKU (typed and submitted by keyboard) and by cause, kept in the address', async () => {
    await filters().getByLabel('SKU').waitFor();
    await filters().getByLabel('SKU').focus();
    await admin.page.keyboard.type(LONG);
    await admin.page.keyboard.press('Enter');
    await frame.waitForURL(/\/admin\/activity\?sku=SLEEP-DOWN5-LONG$/);
    await history().getByText('Not assigned → Backorder', { exact: false }).waitFor();
    const longRows = await rowTexts();
    expect(longRows.every((r) => r.includes(LONG))).toBe(true);
    expect(longRows.some((r) => r.includes(REGULAR))).toBe(false);

    await filters().getByRole('button', { name: 'Clear filters' }).click();
    await frame.waitForURL(/\/admin\/activity$/);
    expect(await filters().getByLabel('SKU').inputValue()).toBe('');

    await filters().getByRole('combobox', { name: 'Cause' }).click();
    await frame.getByRole('option', { name: 'Orders' }).click();
    await filters().getByRole('button', { name: 'Apply filters' }).click();
    await frame.waitForURL(/\/admin\/activity\?cause=order_line$/);
    await eventually(async () => (await history().locator('tbody tr').count()) === 2);
    expect((await rowTexts()).every((r) => r.includes(`Order #${orderId}`))).toBe(true);
    await checkAccessibility(frame);
  });

  test('dates: a range that ends before it starts is refused with its reason; one with nothing says so', async () => {
    await filters().getByRole('button', { name: 'Clear filters' }).click();
    await frame.waitForURL(/\/admin\/activity$/);
    await filters().getByLabel('From', { exact: true }).fill('2031-05-02');
    await filters().getByLabel('To', { exact: true }).fill('2031-05-01');
    await filters().getByRole('button', { name: 'Apply filters' }).click();
    await history().getByText('The “from” date is after the “to” date; swap them or change one.').waitFor();

    await filters().getByLabel('To', { exact: true }).fill('2031-05-09');
    await filters().getByRole('button', { name: 'Apply filters' }).click();
    await history().getByText('No activity matches these filters').waitFor();
    await history().getByRole('button', { name: 'Clear filters' }).click();
    await frame.waitForURL(/\/admin\/activity$/);
    await history().locator('tbody tr').first().waitFor();
  });

  test('older entries come with "Load more", until there are no more', async () => {
    // 26 stock corrections by an ERP: each a movement and a status change, over two pages of 50.
    for (let i = 0; i < 26; i++) {
      expect((await admin.e2e.api('PATCH', `/items/${LONG}`, { stock: i % 2 === 0 ? 5 : 0 })).status).toBe(
        200,
      );
    }
    const total = (await admin.e2e.api('GET', '/activity?limit=200')).body.data.length as number;
    expect(total).toBeGreaterThan(50);

    await openActivity();
    await history().getByRole('button', { name: 'Load more' }).waitFor();
    expect(await history().locator('tbody tr').count()).toBe(50);
    const [change, movement] = await rowTexts();
    expect(change).toContain('In stock → Backorder: the stock or limits were changed through the API');
    expect(change).toContain('API key');
    expect(movement).toContain('Stock set to 0 (−5)');
    await history().getByRole('button', { name: 'Load more' }).click();
    await history().getByText(`${total} entries shown.`).waitFor();
    expect(await history().locator('tbody tr').count()).toBe(total);
    expect(await history().getByRole('button', { name: 'Load more' }).count()).toBe(0);
    // The oldest entries are the assignment's.
    expect((await rowTexts()).at(-1)).toContain('Assigned with');
    await checkAccessibility(frame);
  });

  test('nothing was logged as an error in the console on the way', () => {
    expect(admin.errors).toEqual([]);
  });
});
