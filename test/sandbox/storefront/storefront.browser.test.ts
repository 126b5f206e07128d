import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Sandbox } from '../../../src/sandbox/server.js';
import { productBySku, STORE, storefrontSandbox } from './storefront-fixture.js';

// This run's Chromium (test/support/global-setup.ts): null, and the file skipped, only when there is none
// and the run does not require one (REQUIRE_BROWSER=1 makes that a failed run instead).
const CHROMIUM = inject('chromiumPath');
const describeBrowser = CHROMIUM === null ? describe.skip : describe;

describeBrowser('storefront in a real browser', () => {
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
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await sandbox?.close();
  });

  it('changes a variant, adds to cart, checks out, and the order exists', async () => {
    // A storefront script as an app would install it: it listens to Cornerstone's option-change event.
    const script = await fetch(`${sandbox.url}/stores/${STORE}/v3/content/scripts`, {
      method: 'POST',
      headers: { 'x-auth-token': sandbox.config.demoApiToken, 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'option listener',
        kind: 'script_tag',
        location: 'footer',
        visibility: 'storefront',
        html: `<script id="app-listener">window.__optionEvents = [];
document.addEventListener('onProductOptionsChanged', function (e) { window.__optionEvents.push(e.detail); });</script>`,
      }),
    });
    expect(script.status).toBe(200);

    const jacket = productBySku(sandbox, 'JKT-RAIN');
    const size = jacket.options!.find((o) => o.display_name === 'Size')!;
    const color = jacket.options!.find((o) => o.display_name === 'Color')!;
    const valueId = (option: typeof size, label: string) =>
      option.option_values.find((v) => v.label === label)!.id;
    const variantOf = (sizeLabel: string, colorLabel: string) =>
      jacket.variants!.find(
        (v) =>
          v.option_values
            .map((ov) => ov.label)
            .sort()
            .join('|') === [sizeLabel, colorLabel].sort().join('|'),
      )!;

    const page = await browser.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${sandbox.url}/s/${STORE}/products/${jacket.id}`);
    expect(await page.locator('script#app-listener').count()).toBe(1);

    const lastEvent = () =>
      page.evaluate(() => {
        const events = (window as unknown as { __optionEvents: { data: Record<string, unknown> }[] })
          .__optionEvents;
        return { count: events.length, data: events[events.length - 1]?.data ?? null };
      });

    // An out-of-stock variant: the theme disables add-to-cart.
    await page.click(`label[for="attribute_rectangle_${size.id}_${valueId(size, 'XL')}"]`);
    await page.click(`label[for="attribute_rectangle_${color.id}_${valueId(color, 'Slate')}"]`);
    await expect.poll(async () => (await lastEvent()).data?.variantId).toBe(variantOf('XL', 'Slate').id);
    expect((await lastEvent()).data).toMatchObject({ instock: false, stock: 0 });
    await expect.poll(() => page.locator('#form-action-addToCart').isDisabled()).toBe(true);

    // An in-stock variant: enabled again, SKU and stock shown.
    await page.click(`label[for="attribute_rectangle_${size.id}_${valueId(size, 'M')}"]`);
    const wanted = variantOf('M', 'Slate');
    await expect.poll(async () => (await lastEvent()).data?.variantId).toBe(wanted.id);
    expect((await lastEvent()).data).toMatchObject({ purchasable: true, instock: true, sku: wanted.sku });
    await expect.poll(() => page.locator('#form-action-addToCart').isDisabled()).toBe(false);
    expect(await page.locator('[data-product-sku]').textContent()).toBe(wanted.sku);
    expect(await page.locator('[data-product-stock]').textContent()).toBe(String(wanted.inventory_level));

    // Too many: the refusal shows in .productAttributes-message and nothing is added.
    await page.fill('[id="qty[]"]', '99');
    await page.click('#form-action-addToCart');
    await expect
      .poll(() => page.locator('.productAttributes-message').textContent())
      .toContain("We don't have enough Northwind Rain Shell Jacket stock");

    await page.fill('[id="qty[]"]', '2');
    await Promise.all([page.waitForURL(`**/s/${STORE}/cart.php`), page.click('#form-action-addToCart')]);
    const row = page.locator('table.cart tbody.cart-list tr.cart-item[data-item-row]');
    expect(await row.count()).toBe(1);
    expect(await row.locator('a.cart-item-name__label').textContent()).toBe('Northwind Rain Shell Jacket');
    expect(await row.locator('.cart-item-qty-input').inputValue()).toBe('2');

    // The cart API as an injected script would read it, from the root path.
    const carts = await page.evaluate(async () => (await fetch('/api/storefront/carts')).json());
    expect(carts[0].lineItems.physicalItems[0]).toMatchObject({ variantId: wanted.id, quantity: 2 });

    // Quantity buttons go through the theme's cart update.
    await Promise.all([page.waitForEvent('load'), row.locator('[data-action="inc"]').click()]);
    expect(await page.locator('.cart-item-qty-input').inputValue()).toBe('3');

    await page.click('#checkout-button');
    await page.waitForURL(`**/s/${STORE}/checkout`);
    await Promise.all([
      page.waitForURL('**/checkout/order-confirmation/*'),
      page.click('#checkout-place-order'),
    ]);
    const orderId = Number(await page.locator('.order-number').textContent());
    expect(orderId).toBeGreaterThan(0);

    const order = await fetch(`${sandbox.url}/stores/${STORE}/v2/orders/${orderId}/products`, {
      headers: { 'x-auth-token': sandbox.config.demoApiToken, accept: 'application/json' },
    });
    expect(order.status).toBe(200);
    expect(await order.json()).toEqual([
      expect.objectContaining({ product_id: jacket.id, variant_id: wanted.id, quantity: 3, sku: wanted.sku }),
    ]);
    expect(sandbox.state.variants.getVariant(STORE, jacket.id, wanted.id)!.inventory_level).toBe(
      wanted.inventory_level - 3,
    );
    expect(pageErrors).toEqual([]);
    await page.close();
  }, 60_000);

  it('runs Cornerstone’s JavaScript of 6.21, 6.13 or 6.12: the option-change event as each sends it, or none', async () => {
    const jacket = productBySku(sandbox, 'JKT-RAIN');
    const size = jacket.options!.find((o) => o.display_name === 'Size')!;
    const page = await browser.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.addInitScript(() => {
      const events: unknown[] = [];
      (window as unknown as { __events: unknown[] }).__events = events;
      document.addEventListener('onProductOptionsChanged', (e) => {
        const { content, data } = (e as CustomEvent).detail;
        const attributesIn = typeof data === 'object' && 'variantId' in data ? 'data' : 'content';
        events.push({ content: typeof content, data: typeof data, attributesIn });
      });
    });
    const events = () => page.evaluate(() => (window as unknown as { __events: unknown[] }).__events);
    for (const [theme, expected] of [
      ['6.21', [{ content: 'string', data: 'object', attributesIn: 'data' }]],
      // 6.13 to 6.19 sent the attributes as `content` and the rendered markup as `data`.
      ['6.13', [{ content: 'object', data: 'string', attributesIn: 'content' }]],
      ['6.12', []],
    ] as const) {
      await page.goto(`${sandbox.url}/s/${STORE}/products/${jacket.id}?theme=${theme}`, {
        waitUntil: 'networkidle',
      });
      // The options block starts hidden; the theme shows it. Its start-up request dispatches nothing.
      expect(await page.locator('[data-product-option-change]').isVisible(), theme).toBe(true);
      expect(await events(), theme).toEqual([]);
      await page.click(`label[for="attribute_rectangle_${size.id}_${size.option_values[0]!.id}"]`);
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(100);
      expect(await events(), theme).toEqual(expected);
    }

    // A card's quick view loads the product's view into the modal, as a form of its own.
    await page.goto(`${sandbox.url}/s/${STORE}/`, { waitUntil: 'networkidle' });
    await page.click(`button.quickview[data-product-id="${jacket.id}"]`);
    const quick = page.locator('#modal .modal-content .quickView .productView.productView--quickView');
    await expect.poll(() => quick.locator('form[data-cart-item-add]').count()).toBe(1);
    expect(await quick.locator('[data-product-option-change]').isVisible()).toBe(true);
    await quick.locator(`label[for="attribute_rectangle_${size.id}_${size.option_values[0]!.id}"]`).click();
    await expect.poll(() => events()).toHaveLength(1);
    await page.click('#modal .modal-close');
    expect(await page.locator('#modal').isVisible()).toBe(false);
    expect(pageErrors).toEqual([]);
    await page.close();
  }, 60_000);
});
