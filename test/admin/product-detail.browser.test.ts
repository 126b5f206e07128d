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
import { aBackorderedOrder, SLEEPING_BAG } from './support/backordered-order.js';

/**
 * The product detail screen as a merchant reaches it (from the Orders screen): each item's numbers,
 * status and reason; an item's history and the orders holding its backordered units; receiving
 * incoming stock (a refusal shown, then the numbers updated); an unknown product.
 */
vi.setConfig({ testTimeout: 60_000 });

describeBrowser('the admin app: a product’s detail', () => {
  let admin: AdminSession;
  let frame: Frame;
  let orderId: number;

  beforeAll(async () => {
    admin = await startAdmin();
    orderId = await aBackorderedOrder(admin.e2e, 2);
    frame = await admin.openApp();
    await frame.getByRole('link', { name: 'Orders' }).click();
    await frame.locator('[data-panel="item-totals"]').getByRole('link').first().click();
    await frame.getByRole('heading', { level: 1, name: SLEEPING_BAG.name }).waitFor();
  }, 90_000);
  afterAll(async () => {
    await admin?.close();
  });

  const items = () => frame.locator('[data-panel="items"]');
  const item = () => frame.locator('[data-panel="item"]');
  const rowOf = (label: string) => items().getByRole('row').filter({ hasText: label });

  test('each item with its numbers, status and the reason in words', async () => {
    const long = rowOf('Length: Long');
    await long.waitFor();
    expect((await long.getByRole('cell').allInnerTexts()).slice(1, 6).map((t) => t.trim())).toEqual([
      '-2',
      '2',
      'No limit',
      '5',
      '—',
    ]);
    expect(await long.textContent()).toContain('Backorder');
    expect(await long.textContent()).toContain(
      'Out of stock: sold as a backorder, with no limit on backordered units.',
    );
    expect(await rowOf('Length: Regular').textContent()).toContain('Stock is above the switch condition (0)');
    expect(await frame.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      IFRAME_WIDTH,
    );
    await checkAccessibility(frame);
  });

  test('an item’s history and the orders holding its backordered units', async () => {
    await rowOf('Length: Long')
      .getByRole('button', { name: 'Show history and orders of Length: Long' })
      .click();
    await item().getByText(`SKU ${SLEEPING_BAG.long}`).waitFor();
    const history = item().locator('[data-part="history"]');
    const sale = history.getByRole('row').filter({ hasText: 'Sold 2 units, 2 backordered' });
    await sale.waitFor();
    expect(await sale.textContent()).toContain(`Order #${orderId}`);
    expect(await sale.textContent()).toContain('Stock -2, backordered 2');
    await history
      .getByRole('row')
      .filter({ hasText: 'Not assigned → Backorder: assigned to Backorder' })
      .waitFor();

    const orders = item().locator('[data-part="orders"]');
    const link = orders.getByRole('link', { name: `Order #${orderId}` });
    await link.waitFor();
    expect(await link.getAttribute('href')).toBe(
      `${admin.e2e.demo.info.sandboxUrl}/cp/${admin.e2e.storeHash}/manage/orders/${orderId}`,
    );
    expect(await link.getAttribute('target')).toBe('_blank');
    await checkAccessibility(frame);
  });

  test('receive incoming stock: more than is incoming is refused with its reason, then the numbers update', async () => {
    const receive = item().locator('[data-part="receive"]');
    const units = receive.getByLabel('Units received');
    // The incoming stock, proposed.
    expect(await units.inputValue()).toBe('5');
    await units.fill('9');
    await receive.getByRole('button', { name: 'Receive incoming stock' }).click();
    await receive
      .getByText('You cannot receive more units than are incoming. Set the stock instead.')
      .waitFor();
    expect((await admin.e2e.api('GET', `/items/${SLEEPING_BAG.long}`)).body.stock).toBe(-2);

    // By keyboard: from the field, Tab reaches the button and Enter presses it.
    await units.fill('5');
    await units.focus();
    await tabTo(admin.page, frame, 'Receive incoming stock');
    await admin.page.keyboard.press('Enter');
    await frame.getByText(`Received 5 units of ${SLEEPING_BAG.long}. Stock is now 3, incoming 0.`).waitFor();
    const long = rowOf('Length: Long');
    await long.filter({ hasText: 'In stock' }).waitFor();
    expect((await long.getByRole('cell').allInnerTexts()).slice(1, 5).map((t) => t.trim())).toEqual([
      '3',
      '0',
      'No limit',
      '0',
    ]);
    await item()
      .locator('[data-part="history"]')
      .getByRole('row')
      .filter({ hasText: 'Incoming stock received 5 units, back in stock: backordered count reset' })
      .waitFor();
    expect(await admin.e2e.api('GET', `/items/${SLEEPING_BAG.long}`)).toMatchObject({
      body: { stock: 3, incoming_stock: 0, status: 'in_stock' },
    });
    await checkAccessibility(frame);
  });

  test('an unknown product says so, with the way back to Products', async () => {
    await frame.evaluate(() => {
      history.pushState(null, '', '/admin/products/999999');
      dispatchEvent(new PopStateEvent('popstate'));
    });
    await frame.getByRole('heading', { level: 1, name: 'Product not found' }).waitFor();
    await frame.getByRole('heading', { name: 'This product is not assigned to Backorder' }).waitFor();
    await frame.getByRole('button', { name: 'Go to Products' }).waitFor();
    await checkAccessibility(frame);
  });

  test('no console errors', () => {
    expect(admin.errors).toEqual([]);
  });
});
