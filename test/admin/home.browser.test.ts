import type { Frame } from 'playwright-core';
import { afterAll, beforeAll, expect, test, vi } from 'vitest';
import {
  type AdminSession,
  checkAccessibility,
  describeBrowser,
  IFRAME_WIDTH,
  startAdmin,
  tabTo,
} from './support/admin-browser.js';

/**
 * Home as a merchant sees it in the control panel: first empty (what to do next), then with the demo
 * store's "Summit Down Sleeping Bag" assigned and changed through the API as an ERP would — counts by
 * status that open Products, the item that needs attention by name, a back-in-stock date in the coming
 * week, and the latest changes in words.
 */
vi.setConfig({ testTimeout: 60_000 });

const PRODUCT = 6;
const REGULAR = 'SLEEP-DOWN5-REGULAR';
const LONG = 'SLEEP-DOWN5-LONG';

describeBrowser('the admin app in the control panel: Home', () => {
  let admin: AdminSession;
  let frame: Frame;

  beforeAll(async () => {
    admin = await startAdmin();
    frame = await admin.openApp();
  }, 90_000);
  afterAll(async () => {
    await admin?.close();
  });

  const panel = (name: string) => frame.locator(`[data-panel="${name}"]`);
  const openHome = async () => {
    await frame.getByRole('navigation', { name: 'Backorder' }).getByRole('link', { name: 'Home' }).click();
    await frame.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
  };

  test('before any product is assigned, each panel says what to do next', async () => {
    await frame.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
    await panel('counts').getByText('No products are assigned yet').waitFor();
    await panel('attention').getByText('Nothing needs attention').waitFor();
    await panel('upcoming').getByText('No back-in-stock date in the next 7 days').waitFor();
    await panel('recent').getByText('Nothing has happened yet').waitFor();
    // The checklist is still there; its import step waits for assigned items and opens the Import tab.
    expect(await frame.locator('[data-panel="checklist"] li').count()).toBe(4);
    expect(await frame.locator('[data-step="4"]').textContent()).toContain('Assign products first');
    expect(await frame.locator('[data-step="4"]').getByRole('button', { name: 'Open Import' }).count()).toBe(
      1,
    );
    await checkAccessibility(frame);

    await panel('counts').getByRole('button', { name: 'Assign products' }).click();
    await frame.getByRole('heading', { level: 1, name: 'Products' }).waitFor();
    expect(frame.url()).toMatch(/\/admin\/products\?tab=all$/);
  });

  test('with items: counts by status, what needs attention by name, the coming week’s dates, recent changes', async () => {
    const { e2e } = admin;
    expect((await e2e.api('POST', '/assignments', { product_ids: [PRODUCT] })).status).toBe(200);
    const { today } = (await e2e.api('GET', '/dashboard')).body as { today: string };
    const inThreeDays = new Date(Date.parse(`${today}T00:00:00Z`) + 3 * 86_400_000)
      .toISOString()
      .slice(0, 10);
    // REGULAR runs out with no backorders allowed (threshold 0); LONG (0 in stock) gets a date.
    expect((await e2e.api('PATCH', `/items/${REGULAR}`, { stock: 0, threshold: 0 })).body).toMatchObject({
      status: 'unavailable',
      block: 'threshold',
    });
    expect((await e2e.api('PATCH', `/items/${LONG}`, { back_in_stock_date: inThreeDays })).status).toBe(200);

    await openHome();
    const counts = panel('counts');
    await counts.locator('[data-count="backorder"]').waitFor();
    expect(await counts.locator('[data-count="in_stock"]').textContent()).toBe('0 In stock');
    expect(await counts.locator('[data-count="backorder"]').textContent()).toBe('1 Backorder');
    expect(await counts.locator('[data-count="unavailable"]').textContent()).toBe('1 Unavailable');
    expect(await counts.textContent()).toContain('1 reached the threshold');

    const attention = panel('attention');
    const row = attention.getByRole('row', { name: new RegExp(REGULAR) });
    await row.waitFor();
    expect(await row.textContent()).toContain('Summit Down Sleeping Bag');
    expect(await row.textContent()).toContain('Threshold reached');
    expect(await attention.getByRole('row', { name: new RegExp(LONG) }).count()).toBe(0);

    const upcoming = panel('upcoming').getByRole('row', { name: new RegExp(LONG) });
    await upcoming.waitFor();
    const [year, month, day] = inThreeDays.split('-').map(Number) as [number, number, number];
    const written = new Date(Date.UTC(year, month - 1, day)).toLocaleDateString('en-US', {
      timeZone: 'UTC',
      dateStyle: 'medium',
    });
    expect(await upcoming.textContent()).toContain(written);

    const recent = panel('recent');
    await recent.getByText('In stock → Unavailable (threshold reached)', { exact: false }).waitFor();
    expect(await recent.textContent()).toContain('Not assigned → Backorder: the product was assigned');

    expect(await frame.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      IFRAME_WIDTH,
    );
    await checkAccessibility(frame);
  });

  test('a count opens Products filtered by its status, and "See all activity" opens Activity', async () => {
    await panel('counts').locator('[data-count="backorder"]').click();
    await frame.getByRole('heading', { level: 1, name: 'Products' }).waitFor();
    expect(frame.url()).toMatch(/\/admin\/products\?status=backorder$/);

    await openHome();
    // By keyboard: Tab reaches the link, Enter follows it.
    await panel('recent').getByRole('link', { name: 'See all activity' }).waitFor();
    await tabTo(admin.page, frame, 'See all activity', 120);
    await admin.page.keyboard.press('Enter');
    await frame.getByRole('heading', { level: 1, name: 'Activity' }).waitFor();
    expect(frame.url()).toMatch(/\/admin\/activity$/);
  });

  test('nothing was logged as an error in the console on the way', () => {
    expect(admin.errors).toEqual([]);
  });
});
