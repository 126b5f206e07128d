import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect, test } from 'vitest';
import type { Repositories } from '../../src/adapters/db/repositories.js';
import type { ItemOptionValue } from '../../src/app/ports/item-repository.js';
import type { Sandbox } from '../../src/sandbox/server.js';
import { NOW } from '../builders/store.builder.js';
import {
  describeBrowser,
  launchBrowser,
  type SandboxProduct,
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
  disableBackorder,
  memoryRepositories,
  storefrontApp,
} from '../http/routes/storefront/support/storefront-seed.js';

/**
 * The storefront script on pages whose markup and JavaScript follow Cornerstone 6.21.0 and older
 * (src/sandbox/storefront: `?theme=6.12` has no `onProductOptionsChanged`, `?theme=6.13` sends it with
 * the keys 6.13–6.19 used), with wallet buttons, related products' cards and a quick view (issue 9,
 * items 1 and 6–11).
 */
describeBrowser('storefront script on Cornerstone themes (issue 9)', () => {
  let sandbox: Sandbox;
  let db: { repos: Repositories; destroy: () => Promise<void> };
  let app: FastifyInstance;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: ReturnType<typeof watchErrors>;
  let store: string;
  /** S in backorder (ships July 1), M in stock, L in backorder (ships August 15); M is the default. */
  let jacket: SandboxProduct;
  /** S in backorder, M in stock; S is the default; assigned before the app recorded option values. */
  let legacy: SandboxProduct;
  /** Without options, in backorder, threshold 3: three units left to backorder. */
  let lantern: SandboxProduct;
  /** Without options, unavailable (backorder disabled), its purchase disabled in BigCommerce. */
  let stove: SandboxProduct;
  /** Variants: S unavailable (backorder disabled), M in stock. */
  let tent: SandboxProduct;
  let stoveItemId: number;
  let tentSmallItemId: number;

  const variant = (product: SandboxProduct, size: string) =>
    product.variants.find((v) => v.option_values[0]?.label === size)!;
  const optionValues = (product: SandboxProduct, size: string): ItemOptionValue[] =>
    variant(product, size).option_values.map((v) => ({ optionId: v.option_id, valueId: v.id }));
  const url = (product: SandboxProduct, theme = '6.21') =>
    `${sandbox.url}/s/${store}/products/${product.id}?theme=${theme}`;

  async function product(
    name: string,
    sizes: readonly string[],
    extra: Record<string, unknown> = {},
  ): Promise<SandboxProduct> {
    const sku = name.toUpperCase().replace(/[^A-Z]+/g, '-');
    const created = await sandboxApi<{ data: { id: number } }>(sandbox, 'POST', '/v3/catalog/products', {
      name,
      type: 'physical',
      sku,
      price: 25,
      weight: 1,
      inventory_tracking: 'none',
      ...extra,
      ...(sizes.length > 0
        ? {
            variants: sizes.map((size) => ({
              sku: `${sku}-${size}`,
              option_values: [{ option_display_name: 'Size', label: size }],
            })),
          }
        : {}),
    });
    const full = await sandboxApi<{ data: SandboxProduct }>(
      sandbox,
      'GET',
      `/v3/catalog/products/${created.data.id}?include=variants,options`,
    );
    return full.data;
  }

  /** Marks one size the option's default value, as a merchant does in the control panel. */
  function makeDefault(p: SandboxProduct, size: string): void {
    const option = p.options[0]!;
    const made = sandbox.state.options.updateOption(store, p.id, option.id, {
      option_values: option.option_values.map((v, i) => ({
        label: v.label,
        sort_order: i,
        is_default: v.label === size,
      })),
    });
    if (!made.ok) throw new Error(JSON.stringify(made));
  }

  beforeAll(async () => {
    [sandbox, db, browser] = await Promise.all([storefrontSandbox(), memoryRepositories(), launchBrowser()]);
    store = sandbox.config.demoStoreHash;
    app = await storefrontApp(db.repos);
    const appUrl = await app.listen({ host: '127.0.0.1', port: 0 });

    const category = await sandboxApi<{ data: { id: number } }>(sandbox, 'POST', '/v3/catalog/categories', {
      name: 'Outdoor',
      parent_id: 0,
    });
    const inCategory = { categories: [category.data.id] };
    [jacket, legacy, lantern, stove, tent] = await Promise.all([
      product('Trail Jacket', ['S', 'M', 'L'], inCategory),
      product('Old Poncho', ['S', 'M'], inCategory),
      product('Camp Lantern', [], inCategory),
      // As the app leaves a product without options whose backorder ended: purchase disabled.
      product('Gas Stove', [], { ...inCategory, availability: 'disabled' }),
      product('Dome Tent', ['S', 'M'], inCategory),
    ]);
    makeDefault(jacket, 'M');
    makeDefault(legacy, 'S');
    // As the app writes a variant whose backorder ended: purchasing disabled, "Currently unavailable".
    await sandboxApi(sandbox, 'PUT', `/v3/catalog/products/${tent.id}/variants/${variant(tent, 'S').id}`, {
      purchasing_disabled: true,
      purchasing_disabled_message: 'Currently unavailable',
    });

    const { repos } = db;
    const installed = await repos.stores.install({
      storeHash: store,
      accessTokenEncrypted: 'v1:not-used-here',
      scope: 'store_v2_products store_v2_content',
      timezone: 'America/Chicago',
      now: NOW,
    });
    await aTemplateIn(repos, installed.id, {
      buttonText: 'Pre-order now',
      backorderMessage: 'Ships on {back_in_stock_date}.[ Only {remaining_units} left to backorder.]',
      cartMessage: 'Backordered: ships on {back_in_stock_date}',
      unavailableMessage: 'Sold out[ until {back_in_stock_date}]. Ask us about a restock.',
    });
    await assignProduct(repos, installed.id, {
      bcProductId: jacket.id,
      items: [
        {
          bcVariantId: variant(jacket, 'S').id,
          stock: 0,
          backInStockDate: '2026-07-01',
          optionValues: optionValues(jacket, 'S'),
        },
        { bcVariantId: variant(jacket, 'M').id, stock: 4, optionValues: optionValues(jacket, 'M') },
        {
          bcVariantId: variant(jacket, 'L').id,
          stock: -2,
          backInStockDate: '2026-08-15',
          optionValues: optionValues(jacket, 'L'),
        },
      ],
    });
    // Assigned before the app recorded option values: only the theme's event tells its variant.
    await assignProduct(repos, installed.id, {
      bcProductId: legacy.id,
      items: [
        { bcVariantId: variant(legacy, 'S').id, stock: 0, backInStockDate: '2026-07-01' },
        { bcVariantId: variant(legacy, 'M').id, stock: 5 },
      ],
    });
    await assignProduct(repos, installed.id, {
      bcProductId: lantern.id,
      items: [{ bcVariantId: null, stock: 0, threshold: 3, backInStockDate: '2026-07-01', optionValues: [] }],
    });
    const stoveItems = await assignProduct(repos, installed.id, {
      bcProductId: stove.id,
      items: [{ bcVariantId: null, stock: 0, backInStockDate: '2026-09-01', optionValues: [] }],
    });
    stoveItemId = stoveItems.items[0]!.id;
    await disableBackorder(repos, installed.id, stoveItemId);
    const tentItems = await assignProduct(repos, installed.id, {
      bcProductId: tent.id,
      items: [
        { bcVariantId: variant(tent, 'S').id, stock: 0, optionValues: optionValues(tent, 'S') },
        { bcVariantId: variant(tent, 'M').id, stock: 6, optionValues: optionValues(tent, 'M') },
      ],
    });
    tentSmallItemId = tentItems.items[0]!.id;
    await disableBackorder(repos, installed.id, tentSmallItemId);

    await useScript(sandbox, `${appUrl}/storefront/backorder.js?store=${store}`);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await Promise.all([app?.close(), sandbox?.close()]);
    await db?.destroy();
  });

  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    errors = watchErrors(page);
  });

  afterEach(async () => {
    await context?.close();
  });

  async function open(target: string): Promise<void> {
    await page.goto(target, { waitUntil: 'networkidle' });
    await scriptSettled(page);
  }

  /** The main product view (not a quick view's). */
  const main = () => page.locator('main .productView').first();
  const quickView = () => page.locator('#modal .quickView .productView');
  const labelIn = (scope: ReturnType<typeof main>) => scope.locator('#form-action-addToCart').inputValue();
  const messageIn = (scope: ReturnType<typeof main>) => scope.locator('p[data-backorder-app-message]');

  async function chooseSize(scope: ReturnType<typeof main>, p: SandboxProduct, size: string): Promise<void> {
    const option = p.options.find((o) => o.display_name === 'Size')!;
    const value = option.option_values.find((v) => v.label === size)!;
    await scope.locator(`label[for="attribute_rectangle_${option.id}_${value.id}"]`).click();
  }

  function expectNoScriptErrors(): void {
    expect(errors.pageErrors).toEqual([]);
    expect(scriptErrors(errors.consoleErrors)).toEqual([]);
  }

  test('9.6 a variant selected when the page loads (a default option value) shows its texts at once', async () => {
    makeDefault(jacket, 'L');
    try {
      await open(url(jacket));
      // No option was touched: the default L is in backorder.
      expect(await labelIn(main())).toBe('Pre-order now');
      expect(await messageIn(main()).textContent()).toBe('Ships on August 15, 2026.');
    } finally {
      makeDefault(jacket, 'M');
    }
    // The default M is in stock: the theme's page as it was.
    await open(url(jacket));
    expect(await labelIn(main())).toBe('Add to Cart');
    expect(await messageIn(main()).count()).toBe(0);
    expectNoScriptErrors();
  });

  test('9.7 a theme without onProductOptionsChanged (before 6.13) still follows the choice, from the form', async () => {
    await open(url(jacket, '6.12'));
    expect(await messageIn(main()).count()).toBe(0);
    await chooseSize(main(), jacket, 'S');
    await expect.poll(() => messageIn(main()).textContent()).toBe('Ships on July 1, 2026.');
    expect(await labelIn(main())).toBe('Pre-order now');
    await chooseSize(main(), jacket, 'M');
    await expect.poll(() => messageIn(main()).count()).toBe(0);
    expect(await labelIn(main())).toBe('Add to Cart');
    await chooseSize(main(), jacket, 'L');
    await expect.poll(() => messageIn(main()).textContent()).toBe('Ships on August 15, 2026.');
    expectNoScriptErrors();
  });

  test('9.7 items without recorded option values follow the event, as 6.13–6.19 send it (keys swapped) and as 6.20+ do', async () => {
    for (const theme of ['6.13', '6.21']) {
      await open(url(legacy, theme));
      await chooseSize(main(), legacy, 'M');
      await expect.poll(() => labelIn(main()), { message: theme }).toBe('Add to Cart');
      await chooseSize(main(), legacy, 'S');
      await expect.poll(() => messageIn(main()).count(), { message: theme }).toBe(1);
      expect(await messageIn(main()).textContent(), theme).toBe('Ships on July 1, 2026.');
      expect(await labelIn(main()), theme).toBe('Pre-order now');
    }
    expectNoScriptErrors();
  });

  test('9.8 a quick view is a view of its own: its changes never reach the main product, and cards get the button text', async () => {
    for (const theme of ['6.21', '6.13', '6.12']) {
      await open(url(jacket, theme));
      await chooseSize(main(), jacket, 'L');
      await expect
        .poll(() => messageIn(main()).textContent(), { message: theme })
        .toBe('Ships on August 15, 2026.');

      // A related product's quick view, loaded into the page's modal after the page.
      await page.locator(`#tab-related button.quickview[data-product-id="${tent.id}"]`).click();
      await expect
        .poll(() => quickView().locator('#form-action-addToCart').count(), { message: theme })
        .toBe(1);
      await chooseSize(quickView(), tent, 'S');
      await expect
        .poll(() => messageIn(quickView()).textContent(), { message: theme })
        .toBe('Sold out. Ask us about a restock.');
      await chooseSize(quickView(), tent, 'M');
      await expect.poll(() => messageIn(quickView()).count(), { message: theme }).toBe(0);
      await page.waitForTimeout(300);
      // The main product kept its own choice's texts through both changes.
      expect(await messageIn(main()).textContent(), theme).toBe('Ships on August 15, 2026.');
      expect(await labelIn(main()), theme).toBe('Pre-order now');

      await page.locator('#modal .modal-close').click();
      await page.locator(`#tab-related button.quickview[data-product-id="${lantern.id}"]`).click();
      await expect.poll(() => labelIn(quickView()), { message: theme }).toBe('Pre-order now');
      expect(await messageIn(quickView()).textContent(), theme).toBe(
        'Ships on July 1, 2026. Only 3 left to backorder.',
      );
      expect(await messageIn(main()).textContent(), theme).toBe('Ships on August 15, 2026.');
    }

    // Cards' add-to-cart buttons of a product in backorder say what the button does; others stay.
    await open(`${sandbox.url}/s/${store}/`);
    const addButton = (p: SandboxProduct) =>
      page.locator(`article.card[data-entity-id="${p.id}"] [data-button-type="add-cart"]`);
    expect(await addButton(lantern).textContent()).toBe('Pre-order now');
    expect(await addButton(stove).count()).toBe(0);
    expectNoScriptErrors();
  });

  test('9.9 the theme’s native backorder elements are never written to; the app writes into its own', async () => {
    // A store with BigCommerce's native backorders shows its own texts in these elements: they stay.
    await page.addInitScript(() => {
      document.addEventListener('DOMContentLoaded', () => {
        for (const cell of document.querySelectorAll('tr.cart-item .cart-item-quantity')) {
          const p = document.createElement('p');
          p.className = 'cart-item-backorder-message';
          p.textContent = '1 will be backordered';
          cell.appendChild(p);
        }
        const native = document.querySelector('[data-backorder-message]');
        if (native) native.textContent = 'Native: ships in 2 weeks';
      });
    });
    await open(url(lantern));
    const nativeElements = () =>
      main().evaluate((view) =>
        [
          '[data-backorder-prompt]',
          '[data-product-backordered]',
          '[data-qty-backordered-message]',
          '[data-backorder-message]',
        ].map((selector) => {
          const element = view.querySelector<HTMLElement>(selector)!;
          return [selector, element.textContent, element.getAttribute('style')];
        }),
      );
    const native = [
      ['[data-backorder-prompt]', '', 'display:none;'],
      ['[data-product-backordered]', expect.stringContaining('Native: ships in 2 weeks'), 'display:none;'],
      ['[data-qty-backordered-message]', '', null],
      ['[data-backorder-message]', 'Native: ships in 2 weeks', null],
    ];
    expect(await nativeElements()).toEqual(native);
    expect(await messageIn(main()).count()).toBe(1);
    await Promise.all([page.waitForURL('**/cart.php'), main().locator('#form-action-addToCart').click()]);
    await scriptSettled(page);
    await expect.poll(() => page.locator('p[data-backorder-app-cart-message]').count()).toBe(1);

    const row = page.locator(`tr.cart-item[data-product-id="${lantern.id}"]`);
    expect(await row.locator('p[data-backorder-app-cart-message]').textContent()).toBe(
      'Backordered: ships on July 1, 2026',
    );
    expect(await row.locator('p.cart-item-backorder-message').allTextContents()).toEqual([
      '1 will be backordered',
    ]);
    expectNoScriptErrors();
  });

  test('9.10 the message sits below the add-to-cart buttons’ row (button and wallet buttons), across the form', async () => {
    await open(url(lantern));
    const box = async (selector: string) => (await main().locator(selector).first().boundingBox())!;
    const buttons = await box('.add-to-cart-buttons');
    const wallet = await box('[data-add-to-cart-wallet-buttons]');
    const message = await box('p[data-backorder-app-message]');
    const form = await box('form[data-cart-item-add]');
    expect(wallet.y).toBeGreaterThanOrEqual(buttons.y);
    expect(message.y).toBeGreaterThanOrEqual(buttons.y + buttons.height - 1);
    // Not squeezed into the half-width column of the buttons.
    expect(buttons.width).toBeLessThan(form.width * 0.6);
    expect(message.width).toBeGreaterThan(form.width * 0.9);
    expect(
      await main().evaluate((view) =>
        view
          .querySelector('.add-to-cart-buttons')!
          .nextElementSibling!.matches('p[data-backorder-app-message]'),
      ),
    ).toBe(true);
    expectNoScriptErrors();
  });

  test('9.11 an unavailable product shows the unavailable message where its add-to-cart was; a variant below its buttons', async () => {
    await open(url(stove));
    // BigCommerce hides the whole add-to-cart block of a product whose purchase is disabled.
    expect(await main().locator('#add-to-cart-wrapper').isVisible()).toBe(false);
    const message = messageIn(main());
    expect(await message.textContent()).toBe('Sold out until September 1, 2026. Ask us about a restock.');
    expect(await message.isVisible()).toBe(true);
    expect(
      await main().evaluate((view) =>
        view
          .querySelector('#add-to-cart-wrapper')!
          .nextElementSibling!.matches('p[data-backorder-app-message]'),
      ),
    ).toBe(true);
    expect(await labelIn(main())).toBe('Add to Cart');

    await open(url(tent));
    expect(await messageIn(main()).count()).toBe(0);
    await chooseSize(main(), tent, 'S');
    await expect.poll(() => messageIn(main()).textContent()).toBe('Sold out. Ask us about a restock.');
    expect(await messageIn(main()).isVisible()).toBe(true);
    await chooseSize(main(), tent, 'M');
    await expect.poll(() => messageIn(main()).count()).toBe(0);
    expectNoScriptErrors();
  });

  test('9.1 in backorder with a threshold the quantity is capped at the units left, and an add to cart above them is stopped', async () => {
    await open(url(lantern));
    const quantity = main().locator('[name="qty[]"]');
    const message = messageIn(main());
    expect(await message.textContent()).toBe('Ships on July 1, 2026. Only 3 left to backorder.');
    expect(await quantity.getAttribute('max')).toBe('3');

    // The theme's + button stops at the units left.
    for (let i = 0; i < 5; i++) await main().locator('[data-action="inc"]').click();
    expect(await quantity.inputValue()).toBe('3');
    // Typed above them: brought back.
    await quantity.fill('10');
    expect(await quantity.inputValue()).toBe('3');

    // Set behind the page's back (no event the script could see), then submitted: stopped in the page,
    // nothing reaches the cart.
    await quantity.evaluate((input: HTMLInputElement) => {
      input.blur();
      input.value = '7';
    });
    await main().locator('#form-action-addToCart').click();
    await page.waitForTimeout(500);
    expect(page.url()).toBe(url(lantern));
    expect(await quantity.inputValue()).toBe('3');
    expect(await message.textContent()).toBe('Ships on July 1, 2026. Only 3 left to backorder.');
    const carts = await page.request.get(`${sandbox.url}/s/${store}/api/storefront/carts`);
    expect(await carts.json()).toEqual([]);

    // Within the units left: added.
    await Promise.all([page.waitForURL('**/cart.php'), main().locator('#form-action-addToCart').click()]);
    await scriptSettled(page);
    const row = page.locator(`tr.cart-item[data-product-id="${lantern.id}"]`);
    expect(await row.locator('.cart-item-qty-input').inputValue()).toBe('3');
    // The cart's + does not raise the line above them either.
    await row.locator('[data-action="inc"]').click();
    await page.waitForTimeout(500);
    expect(await row.locator('.cart-item-qty-input').inputValue()).toBe('3');
    const lines = (await (await page.request.get(`${sandbox.url}/s/${store}/api/storefront/carts`)).json())[0]
      .lineItems.physicalItems;
    expect(lines.map((l: { quantity: number }) => l.quantity)).toEqual([3]);
    expectNoScriptErrors();
  });

  test('9.1 an item without a threshold, or in stock, is not capped: the quantity stays the theme’s', async () => {
    await open(url(jacket));
    const quantity = main().locator('[name="qty[]"]');
    await chooseSize(main(), jacket, 'L');
    await expect.poll(() => messageIn(main()).count()).toBe(1);
    expect(await quantity.getAttribute('max')).toBeNull();
    await quantity.fill('12');
    await page.keyboard.press('Tab');
    expect(await quantity.inputValue()).toBe('12');
    expectNoScriptErrors();
  });
});
