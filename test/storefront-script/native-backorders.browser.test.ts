import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect, test } from 'vitest';
import type { Repositories } from '../../src/adapters/db/repositories.js';
import type { Sandbox } from '../../src/sandbox/server.js';
import { NOW } from '../builders/store.builder.js';
import {
  describeBrowser,
  launchBrowser,
  sandboxApi,
  scriptErrors,
  scriptSettled,
  storefrontSandbox,
  useScript,
  watchErrors,
} from '../http/routes/storefront/support/storefront-browser.js';
import {
  assignProduct,
  aTemplateIn,
  memoryRepositories,
  storefrontApp,
} from '../http/routes/storefront/support/storefront-seed.js';

/**
 * A store running BigCommerce's native backorders (beta): Cornerstone 6.21 (the sandbox storefront)
 * renders the availability prompt, "N will be backordered", the backorder message, the cart's texts and
 * the shipping-expectation prompt; the app's script adds its button text, dated message and cart note,
 * caps nothing of its own and never repeats a native text.
 */
const PROMPT = 'Available on backorder';
const SHIPPING_PROMPT = 'Backordered items ship when they arrive.';
const MESSAGE = 'Ships on July 1, 2026';
const CART_NOTE = 'Backordered: ships on July 1, 2026';

describeBrowser("storefront script on a store in BigCommerce's native backorders mode", () => {
  let sandbox: Sandbox;
  let db: { repos: Repositories; destroy: () => Promise<void> };
  let app: FastifyInstance;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: ReturnType<typeof watchErrors>;
  let store: string;
  /** The native backorder message (the sandbox has one, the store's default). */
  let nativeMessage: string;
  /** Nothing on hand, 5 may be backordered; in the app: in backorder, 3 units left before T. */
  let kettle: number;
  /** 2 on hand, 3 may be backordered; in the app: in backorder. */
  let stove: number;
  /** As the kettle, with a template whose message and cart note say what native already says. */
  let lantern: number;

  /** A product tracked by BigCommerce with a backorder limit, as the native mode keeps it. */
  async function nativeProduct(name: string, onHand: number, limit: number): Promise<number> {
    const created = await sandboxApi<{ data: { id: number } }>(sandbox, 'POST', '/v3/catalog/products', {
      name,
      type: 'physical',
      sku: name.toUpperCase().replace(/[^A-Z]+/g, '-'),
      price: 25,
      weight: 1,
      inventory_tracking: 'product',
      inventory_level: onHand,
    });
    const id = created.data.id;
    await sandboxApi(sandbox, 'PUT', '/v3/inventory/locations/1/items', {
      settings: [{ identity: { product_id: id }, backorder_limit: limit }],
    });
    return id;
  }

  beforeAll(async () => {
    [sandbox, db, browser] = await Promise.all([storefrontSandbox(), memoryRepositories(), launchBrowser()]);
    store = sandbox.config.demoStoreHash;
    app = await storefrontApp(db.repos);
    const appUrl = await app.listen({ host: '127.0.0.1', port: 0 });

    // The merchant opts in to the beta and turns every native storefront text on.
    const optIn = await fetch(`${sandbox.url}/__sandbox/stores/${store}/native-backorders`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ enabled: true }),
    });
    expect(optIn.ok).toBe(true);
    await sandboxApi(sandbox, 'PUT', '/v3/settings/inventory', {
      show_backorder_availability_prompt: true,
      backorder_availability_prompt: PROMPT,
      show_quantity_on_backorder: true,
      show_quantity_on_hand: true,
      show_backorder_message: true,
      show_default_shipping_expectation_prompt: true,
      default_shipping_expectation_prompt: SHIPPING_PROMPT,
    });
    nativeMessage = sandbox.state.stores.get(store)!.settings.defaultBackorderMessage;
    [kettle, stove, lantern] = await Promise.all([
      nativeProduct('Camp Kettle', 0, 5),
      nativeProduct('Camp Stove', 2, 3),
      nativeProduct('Camp Lantern', 0, 5),
    ]);

    const { repos } = db;
    const installed = await repos.stores.install({
      storeHash: store,
      accessTokenEncrypted: 'v1:not-used-here',
      scope: 'store_v2_products store_v2_content',
      timezone: 'America/Chicago',
      now: NOW,
    });
    await repos.settings.updateSettings(installed.id, { inventoryMode: 'native' }, NOW);
    const dated = await aTemplateIn(repos, installed.id, {
      buttonText: 'Pre-order now',
      backorderMessage: 'Ships on {back_in_stock_date}',
      cartMessage: 'Backordered: ships on {back_in_stock_date}',
    });
    const copied = await aTemplateIn(repos, installed.id, {
      buttonText: 'Pre-order now',
      backorderMessage: nativeMessage,
      cartMessage: SHIPPING_PROMPT,
    });
    const backordered = { bcVariantId: null, stock: 0, backInStockDate: '2026-07-01' };
    await assignProduct(repos, installed.id, {
      bcProductId: kettle,
      templateId: dated.id,
      items: [{ ...backordered, threshold: 3 }],
    });
    await assignProduct(repos, installed.id, {
      bcProductId: stove,
      templateId: dated.id,
      items: [backordered],
    });
    await assignProduct(repos, installed.id, {
      bcProductId: lantern,
      templateId: copied.id,
      items: [backordered],
    });
    await useScript(sandbox, `${appUrl}/storefront/backorder.js?store=${store}`);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await Promise.all([app?.close(), sandbox?.close()]);
    await db?.destroy();
  });

  beforeEach(async () => {
    context = await browser.newContext();
    page = await context.newPage();
    errors = watchErrors(page);
  });

  afterEach(async () => {
    await context?.close();
  });

  async function open(path: string): Promise<void> {
    await page.goto(`${sandbox.url}/s/${store}${path}`, { waitUntil: 'networkidle' });
    await scriptSettled(page);
  }

  const button = () => page.locator('#form-action-addToCart');
  const message = () => page.locator('[data-backorder-app-message]');
  const quantity = () => page.locator('[name="qty[]"]');
  const step = (action: 'inc' | 'dec') => page.locator(`[data-quantity-change] [data-action="${action}"]`);

  /** How many times the shopper sees `text` on the page (display:none excluded, as innerText does). */
  function seen(text: string): Promise<number> {
    // biome-ignore lint/performance/useDomNodeTextContent: what is rendered is the point, not the DOM's text.
    return page.evaluate((t) => document.body.innerText.split(t).length - 1, text);
  }

  /** What the app's message follows on the page, to tell where it was placed. */
  function placedAfter(): Promise<string | null> {
    return page.evaluate(() => {
      const previous = document.querySelector('[data-backorder-app-message]')?.previousElementSibling;
      if (!previous) return null;
      if (previous.matches('[data-product-backordered]')) return 'native backordered texts';
      if (previous.querySelector('[data-backorder-prompt]')) return 'native prompt';
      if (previous.matches('.add-to-cart-buttons')) return 'add-to-cart buttons';
      return previous.outerHTML.slice(0, 80);
    });
  }

  function expectNoScriptErrors(): void {
    expect(errors.pageErrors).toEqual([]);
    expect(scriptErrors(errors.consoleErrors)).toEqual([]);
  }

  test('the product page shows each native text once, the app’s button text and dated message beside them, and no cap of the app’s own', async () => {
    const answered = page.waitForResponse((r) =>
      r.url().includes(`/storefront/${store}/products?ids=${kettle}`),
    );
    await open(`/products/${kettle}`);
    expect((await (await answered).json()).native).toBe(true);

    expect(await button().inputValue()).toBe('Pre-order now');
    await expect
      .poll(() => page.locator('[data-qty-backordered-message]').textContent())
      .toBe('1 will be backordered');
    await expect.poll(placedAfter).toBe('native backordered texts');
    expect(await message().textContent()).toBe(MESSAGE);
    for (const text of [PROMPT, '1 will be backordered', nativeMessage, MESSAGE]) {
      expect(await seen(text), text).toBe(1);
    }

    // The app allows 3 more units before T; native allows 5 and says how many will be backordered.
    // The script neither lowers the quantity nor stops it: BigCommerce refuses past its limit itself.
    expect(await quantity().getAttribute('max')).toBe(null);
    expect(await quantity().getAttribute('data-quantity-max')).toBe('0');
    for (let i = 0; i < 4; i++) await step('inc').click();
    await expect.poll(() => quantity().inputValue()).toBe('5');
    await expect.poll(() => seen('5 will be backordered')).toBe(1);
    expect(await button().isDisabled()).toBe(false);
    await step('inc').click();
    await expect.poll(() => button().isDisabled()).toBe(true);
    expect(await quantity().inputValue()).toBe('6');
    expect(await seen('The maximum purchasable quantity is 5')).toBe(1);
    await step('dec').click();
    await expect.poll(() => button().isDisabled()).toBe(false);
    for (const text of [PROMPT, '5 will be backordered', nativeMessage, MESSAGE]) {
      expect(await seen(text), text).toBe(1);
    }
    expect(await message().count()).toBe(1);
    expectNoScriptErrors();
  });

  test('the dated message follows the native texts as the theme shows and hides them', async () => {
    await open(`/products/${stove}`);
    expect(await button().inputValue()).toBe('Pre-order now');
    // 1 of 2 on hand: nothing to backorder yet, only the prompt shows.
    expect(await page.locator('[data-product-backordered]').isVisible()).toBe(false);
    await expect.poll(placedAfter).toBe('native prompt');

    await step('inc').click();
    await step('inc').click();
    await expect.poll(() => seen('1 will be backordered')).toBe(1);
    await expect.poll(placedAfter).toBe('native backordered texts');

    await step('dec').click();
    await expect.poll(() => page.locator('[data-product-backordered]').isVisible()).toBe(false);
    await expect.poll(placedAfter).toBe('native prompt');
    for (const text of [PROMPT, MESSAGE]) expect(await seen(text), text).toBe(1);
    expect(await seen(nativeMessage)).toBe(0);
    expectNoScriptErrors();
  });

  test('a message of the app saying what a shown native text says is not repeated', async () => {
    await open(`/products/${lantern}`);
    expect(await button().inputValue()).toBe('Pre-order now');
    await expect.poll(() => seen(nativeMessage)).toBe(1);
    await page.waitForTimeout(300);
    expect(await message().count()).toBe(0);
    expect(await seen(nativeMessage)).toBe(1);
    expectNoScriptErrors();
  });

  test('the cart shows the native texts once and the app’s note on its lines, none repeating a native text, and no cap of its own', async () => {
    await open(`/products/${kettle}`);
    await quantity().fill('4');
    await Promise.all([page.waitForURL('**/cart.php'), button().click()]);
    await open(`/products/${lantern}`);
    await Promise.all([page.waitForURL('**/cart.php'), button().click()]);
    await scriptSettled(page);

    const row = (id: number) => page.locator(`tr.cart-item[data-item-row][data-product-id="${id}"]`);
    const note = (id: number) => row(id).locator('p[data-backorder-app-cart-message]');
    expect(await row(kettle).locator('p.cart-item-backorder-message').allTextContents()).toEqual([
      '4 will be backordered',
      nativeMessage,
    ]);
    expect(await note(kettle).textContent()).toBe(CART_NOTE);
    // The lantern's note is the cart's native shipping-expectation prompt word for word: shown once.
    expect(await note(lantern).count()).toBe(0);
    expect(await seen(SHIPPING_PROMPT)).toBe(1);
    expect(await seen(CART_NOTE)).toBe(1);

    // 4 is already past the 3 the app counts; native allows 5: the script does not stop the +.
    await Promise.all([page.waitForEvent('load'), row(kettle).locator('[data-action="inc"]').click()]);
    await scriptSettled(page);
    expect(await row(kettle).locator('.cart-item-qty-input').inputValue()).toBe('5');
    expect(await row(kettle).locator('p.cart-item-backorder-message').first().textContent()).toBe(
      '5 will be backordered',
    );
    expect(await note(kettle).count()).toBe(1);
    expectNoScriptErrors();
  });
});
