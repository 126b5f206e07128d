import Fastify, { type FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect, test } from 'vitest';
import type { Repositories } from '../../src/adapters/db/repositories.js';
import type { Sandbox } from '../../src/sandbox/server.js';
import { storefrontScript } from '../../src/storefront-script/index.js';
import { NOW } from '../builders/store.builder.js';
import {
  closedPort,
  createProduct,
  describeBrowser,
  launchBrowser,
  type SandboxProduct,
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

const XSS = '<img src=x onerror="window.__backorderXss = 1">';

/** Serves the real script, but answers product views the way a broken or overloaded app might. */
type BrokenMode = 'status-500' | 'invalid-json' | 'wrong-shape' | 'html-page' | 'no-cors' | 'slow';

describeBrowser('storefront script in a real browser against the sandbox storefront', () => {
  let sandbox: Sandbox;
  let db: { repos: Repositories; destroy: () => Promise<void> };
  let app: FastifyInstance;
  let appUrl: string;
  let broken: FastifyInstance;
  let brokenUrl: string;
  let brokenMode: BrokenMode = 'status-500';
  const brokenHits: string[] = [];
  const slow = { arrivedAt: 0, answeredAt: 0 };
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: ReturnType<typeof watchErrors>;
  let store: string;
  let jacket: SandboxProduct;
  let poncho: SandboxProduct;
  let mug: SandboxProduct;
  let beans: SandboxProduct;
  let socks: SandboxProduct;

  const variant = (product: SandboxProduct, size: string) =>
    product.variants.find((v) => v.option_values[0]?.label === size)!;
  const productUrl = (product: SandboxProduct) => `${sandbox.url}/s/${store}/products/${product.id}`;
  const scriptSrc = (base: string) => `${base}/storefront/backorder.js?store=${store}`;

  beforeAll(async () => {
    [sandbox, db, browser] = await Promise.all([storefrontSandbox(), memoryRepositories(), launchBrowser()]);
    store = sandbox.config.demoStoreHash;

    app = await storefrontApp(db.repos);
    appUrl = await app.listen({ host: '127.0.0.1', port: 0 });

    broken = Fastify({ logger: false });
    broken.get('/storefront/backorder.js', async (_request, reply) =>
      reply.type('application/javascript; charset=utf-8').send(storefrontScript().source),
    );
    broken.get<{ Querystring: { ids: string } }>(
      '/storefront/:storeHash/products',
      async (request, reply) => {
        brokenHits.push(brokenMode);
        const productId = Number(request.query.ids);
        const valid = {
          products: [
            {
              productId,
              items: [
                {
                  variantId: null,
                  options: {},
                  status: 'backorder',
                  purchasable: true,
                  buttonText: 'LATE TEXT',
                  message: 'LATE MESSAGE',
                  cartMessage: 'LATE CART',
                  unavailableMessage: null,
                  remainingUnits: 1,
                },
              ],
            },
          ],
        };
        if (brokenMode !== 'no-cors') reply.header('access-control-allow-origin', '*');
        switch (brokenMode) {
          case 'status-500':
            return reply.code(500).send({ error: { code: 'INTERNAL', message: 'boom' } });
          case 'invalid-json':
            return reply.type('application/json').send('{"products": [{"productId": 1, "items": [');
          case 'wrong-shape':
            return reply.send({
              products: [{ productId, items: [{ variantId: 'x', status: 7, buttonText: { a: 1 } }] }],
            });
          case 'html-page':
            return reply.type('text/html').send('<html><body>Bad gateway</body></html>');
          case 'no-cors':
            return reply.send(valid);
          case 'slow':
            slow.arrivedAt = Date.now();
            await new Promise((resolve) => setTimeout(resolve, 4_000));
            slow.answeredAt = Date.now();
            return reply.send(valid);
        }
      },
    );
    brokenUrl = await broken.listen({ host: '127.0.0.1', port: 0 });

    // The sandbox catalog, as Backorder leaves it after assignment (tracking off).
    [jacket, poncho, mug, beans, socks] = await Promise.all([
      createProduct(sandbox, 'Trail Jacket', ['S', 'M', 'L']),
      createProduct(sandbox, 'Rain Poncho', ['S', 'M']),
      createProduct(sandbox, 'Camp Mug'),
      createProduct(sandbox, 'Coffee Beans'),
      createProduct(sandbox, 'Sketchy Socks'),
    ]);

    // The app's side, seeded directly: the demo store installed, templates, assigned products.
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
      backorderMessage: 'Ships on {back_in_stock_date}',
      cartMessage: 'Backordered: ships on {back_in_stock_date}',
    });
    const xss = await aTemplateIn(repos, installed.id, {
      buttonText: `<b>Order</b>${XSS}`,
      backorderMessage: `Soon ${XSS}`,
      cartMessage: `Cart ${XSS}`,
    });
    await assignProduct(repos, installed.id, {
      bcProductId: jacket.id,
      items: [
        { bcVariantId: variant(jacket, 'S').id, stock: 0, backInStockDate: '2026-07-01' },
        { bcVariantId: variant(jacket, 'M').id, stock: 4 },
        { bcVariantId: variant(jacket, 'L').id, stock: -2, backInStockDate: '2026-08-15' },
      ],
    });
    await assignProduct(repos, installed.id, {
      bcProductId: poncho.id,
      items: [
        { bcVariantId: variant(poncho, 'S').id, stock: 0, backInStockDate: '2026-07-01' },
        { bcVariantId: variant(poncho, 'M').id, stock: 0, backInStockDate: '2026-07-01' },
      ],
    });
    await assignProduct(repos, installed.id, {
      bcProductId: mug.id,
      items: [{ bcVariantId: null, stock: 12 }],
    });
    await assignProduct(repos, installed.id, {
      bcProductId: beans.id,
      items: [{ bcVariantId: null, stock: 0, backInStockDate: '2026-07-01' }],
    });
    await assignProduct(repos, installed.id, {
      bcProductId: socks.id,
      templateId: xss.id,
      items: [{ bcVariantId: null, stock: -1 }],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await Promise.all([app?.close(), broken?.close(), sandbox?.close()]);
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

  async function open(url: string): Promise<void> {
    // The theme's own start-up request settles too, so snapshots compare finished pages.
    await page.goto(url, { waitUntil: 'networkidle' });
    await scriptSettled(page);
  }

  const button = () => page.locator('#form-action-addToCart');
  const message = () => page.locator('p.backorder-message[data-backorder-app-message]');

  async function chooseSize(product: SandboxProduct, size: string): Promise<void> {
    const option = product.options.find((o) => o.display_name === 'Size')!;
    const value = option.option_values.find((v) => v.label === size)!;
    const changed = page.waitForEvent('console', {
      predicate: (m) => m.text() === `options-changed:${variant(product, size).id}`,
    });
    await page.locator(`label[for="attribute_rectangle_${option.id}_${value.id}"]`).click();
    await changed;
  }

  /** Logs each theme option change, so a test knows the theme has dispatched it before asserting. */
  async function traceOptionChanges(): Promise<void> {
    await page.evaluate(() =>
      document.addEventListener('onProductOptionsChanged', (event) =>
        console.log(`options-changed:${(event as CustomEvent).detail.data.variantId}`),
      ),
    );
  }

  function expectNoScriptErrors(): void {
    expect(errors.pageErrors).toEqual([]);
    expect(scriptErrors(errors.consoleErrors)).toEqual([]);
  }

  /** What the theme rendered, to compare pages with and without the script. */
  async function snapshot(): Promise<{ html: string; label: string }> {
    return {
      html: await page.locator('main.body').innerHTML(),
      label: await button().inputValue(),
    };
  }

  test('(a) a product in backorder shows the button text and the message; a product whose variants all are too, before any choice', async () => {
    await useScript(sandbox, scriptSrc(appUrl));
    await open(productUrl(beans));
    expect(await button().inputValue()).toBe('Pre-order now');
    expect(await message().textContent()).toBe('Ships on July 1, 2026');
    // Placed right after the add-to-cart buttons' row.
    expect(
      await page.evaluate(
        () =>
          document
            .querySelector('.add-to-cart-buttons')
            ?.nextElementSibling?.matches('[data-backorder-app-message]') ?? false,
      ),
    ).toBe(true);

    await open(productUrl(poncho));
    expect(await button().inputValue()).toBe('Pre-order now');
    expect(await message().textContent()).toBe('Ships on July 1, 2026');
    expectNoScriptErrors();
  });

  test('(b) the label and message follow variant changes: backorder, in stock (restored), backorder again', async () => {
    await useScript(sandbox, scriptSrc(appUrl));
    await open(productUrl(jacket));
    await traceOptionChanges();
    // Variants disagree and none is chosen yet: the page stays as the theme rendered it.
    expect(await button().inputValue()).toBe('Add to Cart');
    expect(await message().count()).toBe(0);

    await chooseSize(jacket, 'S');
    expect(await button().inputValue()).toBe('Pre-order now');
    expect(await message().textContent()).toBe('Ships on July 1, 2026');

    await chooseSize(jacket, 'M');
    expect(await button().inputValue()).toBe('Add to Cart');
    expect(await message().count()).toBe(0);

    await chooseSize(jacket, 'L');
    expect(await button().inputValue()).toBe('Pre-order now');
    expect(await message().textContent()).toBe('Ships on August 15, 2026');

    await chooseSize(jacket, 'S');
    expect(await message().textContent()).toBe('Ships on July 1, 2026');
    expect(await message().count()).toBe(1);
    expectNoScriptErrors();
  });

  test('(c) a product in stock is left exactly as the theme rendered it, and the script adds one global only', async () => {
    await useScript(sandbox, null);
    await page.goto(productUrl(mug));
    const baseline = await snapshot();
    const baselineGlobals = await page.evaluate(() => Object.getOwnPropertyNames(window));

    await useScript(sandbox, scriptSrc(appUrl));
    const answered = page.waitForResponse((r) =>
      r.url().includes(`/storefront/${store}/products?ids=${mug.id}`),
    );
    await open(productUrl(mug));
    expect((await (await answered).json()).products[0].items[0]).toMatchObject({
      status: 'in_stock',
      buttonText: null,
    });
    expect(await snapshot()).toEqual(baseline);

    const globals = await page.evaluate(() => Object.getOwnPropertyNames(window));
    expect(globals.filter((name) => !baselineGlobals.includes(name))).toEqual(['BackorderForBigCommerce']);
    expectNoScriptErrors();
  });

  test('(d) the cart shows the cart message on backordered lines only', async () => {
    await useScript(sandbox, scriptSrc(appUrl));
    // A shopper adds a backordered jacket size, an in-stock mug and backordered beans.
    await open(productUrl(jacket));
    await traceOptionChanges();
    await chooseSize(jacket, 'S');
    await Promise.all([page.waitForURL('**/cart.php'), button().click()]);
    for (const product of [mug, beans]) {
      await open(productUrl(product));
      await Promise.all([page.waitForURL('**/cart.php'), button().click()]);
    }
    await scriptSettled(page);

    const cartMessage = (productId: number) =>
      page.locator(
        `tr.cart-item[data-item-row][data-product-id="${productId}"] p[data-backorder-app-cart-message]`,
      );
    expect(await page.locator('tr.cart-item[data-item-row]').count()).toBe(3);
    expect(await cartMessage(jacket.id).textContent()).toBe('Backordered: ships on July 1, 2026');
    expect(await cartMessage(beans.id).textContent()).toBe('Backordered: ships on July 1, 2026');
    expect(await cartMessage(mug.id).count()).toBe(0);

    // A quantity change re-renders the cart: the messages come back.
    await Promise.all([
      page.waitForEvent('load'),
      page.locator(`tr.cart-item[data-product-id="${mug.id}"] [data-action="inc"]`).click(),
    ]);
    await scriptSettled(page);
    expect(await cartMessage(jacket.id).textContent()).toBe('Backordered: ships on July 1, 2026');
    expect(await cartMessage(mug.id).count()).toBe(0);
    expectNoScriptErrors();
  });

  test('(d) a cart re-rendered without a reload gets its messages again, once', async () => {
    await useScript(sandbox, scriptSrc(appUrl));
    for (const product of [beans, mug]) {
      await open(productUrl(product));
      await Promise.all([page.waitForURL('**/cart.php'), button().click()]);
    }
    await scriptSettled(page);
    const messages = (productId: number) =>
      page.locator(`tr.cart-item[data-product-id="${productId}"] p[data-backorder-app-cart-message]`);
    expect(await messages(beans.id).textContent()).toBe('Backordered: ships on July 1, 2026');
    expect(await messages(mug.id).count()).toBe(0);

    // Cornerstone refreshes the cart by replacing its rows (no page load): fresh rows, no messages.
    await page.evaluate(async () => {
      const html = await (await fetch(location.href)).text();
      const fresh = new DOMParser().parseFromString(html, 'text/html').querySelector('tbody.cart-list')!;
      document.querySelector('tbody.cart-list')!.replaceWith(document.adoptNode(fresh));
    });
    await expect.poll(() => messages(beans.id).count()).toBe(1);
    expect(await messages(beans.id).textContent()).toBe('Backordered: ships on July 1, 2026');
    expect(await messages(mug.id).count()).toBe(0);
    await page.waitForTimeout(300);
    expect(await messages(beans.id).count()).toBe(1);
    expectNoScriptErrors();
  });

  test('(e) with the app down, failing, slow or answering nonsense, the page stays as the theme rendered it', async () => {
    await useScript(sandbox, null);
    await page.goto(productUrl(beans), { waitUntil: 'networkidle' });
    const baseline = await snapshot();

    const expectUntouched = async (what: string) => {
      expect(await snapshot(), what).toEqual(baseline);
      expect(await message().count(), what).toBe(0);
      expect(errors.pageErrors, what).toEqual([]);
      expect(scriptErrors(errors.consoleErrors), what).toEqual([]);
    };

    // The app is down: its script cannot even load.
    const port = await closedPort();
    await useScript(sandbox, scriptSrc(`http://127.0.0.1:${port}`));
    await page.goto(productUrl(beans), { waitUntil: 'networkidle' });
    expect(await scriptSettled(page)).toBe(false);
    await expectUntouched('script unreachable');

    // The script came (from a cache, a CDN) but the app behind it is down.
    await page.route(`http://127.0.0.1:${port}/storefront/backorder.js*`, (route) =>
      route.fulfill({ contentType: 'application/javascript', body: storefrontScript().source }),
    );
    const refused = page.waitForEvent('requestfailed', (r) => r.url().includes(`/products?ids=${beans.id}`));
    await page.goto(productUrl(beans), { waitUntil: 'networkidle' });
    expect(await scriptSettled(page)).toBe(true);
    await refused;
    await expectUntouched('app down');

    await useScript(sandbox, scriptSrc(brokenUrl));
    for (const mode of ['status-500', 'invalid-json', 'wrong-shape', 'html-page', 'no-cors'] as const) {
      brokenMode = mode;
      brokenHits.length = 0;
      await page.goto(productUrl(beans), { waitUntil: 'networkidle' });
      expect(await scriptSettled(page), mode).toBe(true);
      expect(brokenHits, mode).toEqual([mode]);
      await expectUntouched(mode);
    }
  });

  test('(e) a slow app is given up after about three seconds; its late answer changes nothing', async () => {
    await useScript(sandbox, null);
    await page.goto(productUrl(beans), { waitUntil: 'networkidle' });
    const baseline = await snapshot();

    await useScript(sandbox, scriptSrc(brokenUrl));
    brokenMode = 'slow';
    brokenHits.length = 0;
    slow.arrivedAt = 0;
    slow.answeredAt = 0;
    await page.goto(productUrl(beans));
    expect(await scriptSettled(page)).toBe(true);
    // It waited (the request timed out after ~3 s), and gave up before the app answered (at 4 s).
    expect(slow.arrivedAt).toBeGreaterThan(0);
    expect(Date.now() - slow.arrivedAt).toBeGreaterThan(2_000);
    expect(slow.answeredAt).toBe(0);
    // The late answer arrives and is ignored.
    await expect.poll(() => slow.answeredAt, { timeout: 3_000 }).toBeGreaterThan(0);
    await page.waitForTimeout(300);
    expect(brokenHits).toEqual(['slow']);
    expect(await snapshot()).toEqual(baseline);
    expect(errors.pageErrors).toEqual([]);
    expect(scriptErrors(errors.consoleErrors)).toEqual([]);
  });

  test('(f) merchant text with markup is shown as text, never run', async () => {
    await useScript(sandbox, scriptSrc(appUrl));
    await open(productUrl(socks));
    expect(await button().inputValue()).toBe(`<b>Order</b>${XSS}`);
    expect(await message().textContent()).toBe(`Soon ${XSS}`);
    expect(await message().locator('img').count()).toBe(0);

    await Promise.all([page.waitForURL('**/cart.php'), button().click()]);
    await scriptSettled(page);
    const line = page.locator(
      `tr.cart-item[data-product-id="${socks.id}"] p[data-backorder-app-cart-message]`,
    );
    expect(await line.textContent()).toBe(`Cart ${XSS}`);
    expect(await page.locator('tr.cart-item img').count()).toBe(0);

    await page.waitForTimeout(200);
    expect(await page.evaluate(() => (window as unknown as { __backorderXss?: number }).__backorderXss)).toBe(
      undefined,
    );
    expectNoScriptErrors();
  });
});
