import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Sandbox } from '../../../src/sandbox/server.js';
import { STORE, storefrontSandbox } from './storefront-fixture.js';

// This run's Chromium (test/support/global-setup.ts): null, and the file skipped, only when there is none
// and the run does not require one (REQUIRE_BROWSER=1 makes that a failed run instead).
const CHROMIUM = inject('chromiumPath');
const describeBrowser = CHROMIUM === null ? describe.skip : describe;

describeBrowser('native backorders on the storefront, in a real browser', () => {
  let sandbox: Sandbox;
  let browser: Browser;

  beforeAll(async () => {
    sandbox = await storefrontSandbox({ listen: true });
    browser = await chromium.launch({
      executablePath: CHROMIUM!,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
      ],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await sandbox?.close();
  });

  it('tells how many will be backordered as the quantity grows, and stops at stock + limit', async () => {
    sandbox.state.setNativeBackorders(STORE, true);
    const store = sandbox.state.stores.get(STORE)!;
    sandbox.state.stores.updateSettings(STORE, {
      inventory: {
        ...store.settings.inventory,
        backorders: {
          ...store.settings.inventory.backorders,
          show_quantity_on_backorder: true,
          show_backorder_message: true,
        },
      },
    });
    const created = sandbox.state.products.createProduct(STORE, {
      name: 'Backorderable stove',
      type: 'physical',
      weight: 1,
      price: 50,
      sku: 'BO-STOVE',
      inventory_tracking: 'product',
      inventory_level: 2,
    });
    if (!created.ok) throw new Error(created.message);
    const id = created.value.id;
    sandbox.state.inventory.updateLocationSettings(STORE, 1, {
      settings: [{ identity: { product_id: id }, backorder_limit: 3 }],
    });

    const page = await browser.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${sandbox.url}/s/${STORE}/products/${id}`);
    const backordered = page.locator('[data-product-backordered]');
    const inc = page.locator('[data-quantity-change] button[data-action="inc"]');
    const button = page.locator('#form-action-addToCart');
    await expect.poll(() => button.isDisabled()).toBe(false);
    await expect.poll(() => backordered.isVisible()).toBe(false);

    await inc.click(); // 2: all from stock
    await inc.click(); // 3: one backordered
    await expect
      .poll(() => page.locator('[data-qty-backordered-message]').textContent())
      .toBe('1 will be backordered');
    expect(await backordered.isVisible()).toBe(true);
    expect(await page.locator('[data-backorder-message]').textContent()).toBe(
      store.settings.defaultBackorderMessage,
    );

    await inc.click();
    await inc.click(); // 5 = 2 + 3
    await expect
      .poll(() => page.locator('[data-qty-backordered-message]').textContent())
      .toBe('3 will be backordered');
    expect(await button.isDisabled()).toBe(false);
    await inc.click(); // 6: past available to sell
    await expect.poll(() => button.isDisabled()).toBe(true);
    expect(await page.locator('.productAttributes-message .alertBox-message').textContent()).toBe(
      'The maximum purchasable quantity is 5',
    );
    await page.locator('[data-quantity-change] button[data-action="dec"]').click();
    await expect.poll(() => button.isDisabled()).toBe(false);

    await button.click();
    await page.waitForURL(`**/s/${STORE}/cart.php`);
    expect(await page.locator('p.cart-item-backorder-message').allTextContents()).toEqual([
      '3 will be backordered',
      store.settings.defaultBackorderMessage,
    ]);
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});
