import type { Frame } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import {
  type AdminSession,
  checkAccessibility,
  describeBrowser,
  IFRAME_WIDTH,
  startAdmin,
} from './support/admin-browser.js';
import { aBackorderedOrder, SLEEPING_BAG } from './support/backordered-order.js';

/**
 * The Orders screen as a merchant uses it: empty before any backorder; then an order placed in
 * BigCommerce that takes an item into backorder is listed with its lines, counted per item and per week
 * (the chart), filtered, and linked to the order's page in the (sandbox) control panel.
 */
vi.setConfig({ testTimeout: 60_000 });

describeBrowser('the admin app: Orders', () => {
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

  test('before any backorder: says so, and what to do next', async () => {
    await openOrders();
    await frame.getByRole('heading', { name: 'No backorders yet' }).waitFor();
    await frame.getByRole('button', { name: 'Go to Products' }).waitFor();
    expect(await panel('chart').count()).toBe(0);
    await checkAccessibility(frame);
  });

  describe('after an order takes an item into backorder', () => {
    let orderId: number;
    beforeAll(async () => {
      orderId = await aBackorderedOrder(admin.e2e, 2);
      await openOrders();
      await panel('orders')
        .getByRole('link', { name: `Order #${orderId}` })
        .waitFor();
    });

    test('the order is listed with its line and backordered units, linked to BigCommerce', async () => {
      const row = panel('orders')
        .getByRole('row')
        .filter({ hasText: `Order #${orderId}` });
      expect(await row.textContent()).toContain(
        `${SLEEPING_BAG.name} (Length: Long): 2 ordered, 2 backordered`,
      );
      const link = row.getByRole('link', { name: `Order #${orderId}` });
      expect(await link.getAttribute('target')).toBe('_blank');
      const href = (await link.getAttribute('href'))!;
      expect(href).toBe(
        `${admin.e2e.demo.info.sandboxUrl}/cp/${admin.e2e.storeHash}/manage/orders/${orderId}`,
      );
      // The control panel's page of that order (the sandbox's) is where the link leads.
      const page = await fetch(href);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain(`Order #${orderId}`);
    });

    test('totals per item and the chart of backordered units per week', async () => {
      const totals = panel('item-totals');
      const row = totals.getByRole('row').filter({ hasText: SLEEPING_BAG.long });
      expect((await row.getByRole('cell').allInnerTexts()).map((t) => t.trim())).toEqual([
        `${SLEEPING_BAG.name} (Length: Long)`,
        SLEEPING_BAG.long,
        '2',
        '1',
      ]);
      expect(await panel('chart').textContent()).toContain('2 backordered units in 1 order');
      const chart = panel('chart').locator('[data-chart="backorders-per-week"]');
      await chart.locator('svg .recharts-bar-rectangle').first().waitFor();
      expect(await chart.getByRole('img').getAttribute('aria-label')).toContain('2 backordered units over');
      expect(await frame.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        IFRAME_WIDTH,
      );
      await checkAccessibility(frame);
    });

    test('filters: by SKU and by period; a period that ends before it starts is refused in the form', async () => {
      const filters = panel('filters');
      await filters.getByLabel('SKU').fill('NO-SUCH-SKU');
      await filters.getByRole('button', { name: 'Apply filters' }).click();
      await frame.getByRole('heading', { name: 'No order matches these filters' }).waitFor();
      expect(await panel('chart').count()).toBe(0);

      await filters.getByLabel('SKU').fill(SLEEPING_BAG.long);
      await filters.getByRole('button', { name: 'Apply filters' }).click();
      await panel('orders')
        .getByRole('link', { name: `Order #${orderId}` })
        .waitFor();

      await filters.getByLabel('From').fill('2030-01-10');
      await filters.getByLabel('To').fill('2030-01-01');
      await filters.getByRole('button', { name: 'Apply filters' }).click();
      await filters.getByText('The period ends before it starts.').waitFor();

      await filters.getByRole('button', { name: 'Clear filters' }).click();
      await panel('orders')
        .getByRole('link', { name: `Order #${orderId}` })
        .waitFor();
      await checkAccessibility(frame);
    });

    test('an item’s name leads to its product', async () => {
      await panel('item-totals')
        .getByRole('link', { name: `${SLEEPING_BAG.name} (Length: Long)` })
        .click();
      await frame.getByRole('heading', { level: 1, name: SLEEPING_BAG.name }).waitFor();
      expect(frame.url()).toMatch(new RegExp(`/admin/products/${SLEEPING_BAG.productId}$`));
    });
  });

  test('no console errors', () => {
    expect(admin.errors).toEqual([]);
  });
});
