import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { unassignProductItems } from '../../../../src/app/items/unassign-product-items.js';
import { usableLocale } from '../../../../src/app/storefront/product-storefront-view.js';
import { describeEachDatabase } from '../../../adapters/db/support/databases.js';
import { aStore, NOW } from '../../../builders/store.builder.js';
import { assignProduct, aTemplateIn, disableBackorder, storefrontApp } from './support/storefront-seed.js';

let bcIds = 500_000 + (process.pid % 1000) * 1000;
function bcId(): number {
  bcIds += 1;
  return bcIds;
}

describeEachDatabase('GET /storefront/{storeHash}/products/{productId}', (db) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    // Without the answers' cache: these tests are about what an answer says (storefront-cache.http.test.ts
    // is about the cache).
    app = await storefrontApp(db().repos, { ttlMs: 0 });
  });
  afterAll(async () => {
    await app?.close();
  });

  const view = (path: string) => app.inject({ method: 'GET', url: path });

  test('a backorder variant gets its texts with placeholders filled for the store; in-stock and unavailable ones get none', async () => {
    const { repos } = db();
    const store = await aStore(repos, { timezone: 'America/Chicago' });
    const template = await aTemplateIn(repos, store.id, {
      unavailableMessage: 'Sold out[ until {back_in_stock_date}]',
    });
    const [backorderVariant, inStockVariant, disabledVariant] = [bcId(), bcId(), bcId()];
    const product = bcId();
    const assigned = await assignProduct(repos, store.id, {
      bcProductId: product,
      templateId: template.id,
      items: [
        {
          bcVariantId: backorderVariant,
          stock: 0,
          incoming: 1200,
          backInStockDate: '2026-07-01',
          optionValues: [
            { optionId: 71, valueId: 710 },
            { optionId: 72, valueId: 720 },
          ],
        },
        { bcVariantId: inStockVariant, stock: 8, optionValues: [{ optionId: 71, valueId: 711 }] },
        { bcVariantId: disabledVariant, stock: -1 },
      ],
    });
    await disableBackorder(repos, store.id, assigned.items[2]!.id);

    const res = await view(`/storefront/${store.storeHash}/products/${product}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['cache-control']).toBe('public, max-age=2, stale-while-revalidate=2');
    expect(res.json()).toEqual({
      productId: product,
      native: false,
      items: [
        {
          variantId: backorderVariant,
          // The option values the storefront's product form sends for this variant.
          options: { '71': 710, '72': 720 },
          status: 'backorder',
          purchasable: true,
          buttonText: 'Pre-order now',
          message: 'Ships on July 1, 2026; 1,200 on the way.',
          cartMessage: 'Backordered: ships on July 1, 2026',
          unavailableMessage: null,
          remainingUnits: null,
        },
        {
          variantId: inStockVariant,
          options: { '71': 711 },
          status: 'in_stock',
          purchasable: true,
          buttonText: null,
          message: null,
          cartMessage: null,
          unavailableMessage: null,
          remainingUnits: null,
        },
        {
          // Assigned without its option values (as before the app recorded them): null, not guessed.
          variantId: disabledVariant,
          options: null,
          status: 'unavailable',
          purchasable: false,
          buttonText: null,
          message: null,
          cartMessage: null,
          unavailableMessage: 'Sold out',
          remainingUnits: null,
        },
      ],
    });
  });

  test("dates and numbers follow the store's locale", async () => {
    const { repos } = db();
    const store = await aStore(repos, { timezone: 'Europe/Berlin' });
    await repos.stores.updateProfile(store.id, { locale: 'de-DE' }, NOW);
    await aTemplateIn(repos, store.id);
    const product = bcId();
    await assignProduct(repos, store.id, {
      bcProductId: product,
      items: [{ bcVariantId: null, stock: 0, incoming: 1200, backInStockDate: '2026-07-01' }],
    });

    const res = await view(`/storefront/${store.storeHash}/products/${product}`);
    expect(res.json().items[0]).toMatchObject({
      variantId: null,
      message: 'Ships on 1. Juli 2026; 1.200 on the way.',
    });
  });

  test('texts stay linked to the template: an edit shows at once; without a template of its own the default one is used', async () => {
    const { repos } = db();
    const store = await aStore(repos);
    const byDefault = await aTemplateIn(repos, store.id, { buttonText: 'Default button' });
    const special = await aTemplateIn(repos, store.id, { buttonText: 'Special button' });
    const linked = bcId();
    const unlinked = bcId();
    await assignProduct(repos, store.id, {
      bcProductId: linked,
      templateId: special.id,
      items: [{ bcVariantId: null, stock: 0 }],
    });
    await assignProduct(repos, store.id, { bcProductId: unlinked, items: [{ bcVariantId: null, stock: 0 }] });

    const button = async (product: number) =>
      (await view(`/storefront/${store.storeHash}/products/${product}`)).json().items[0].buttonText;
    expect(await button(linked)).toBe('Special button');
    expect(await button(unlinked)).toBe('Default button');

    await repos.templates.updateTemplate(store.id, special.id, { buttonText: 'Edited button' }, NOW);
    await repos.templates.updateTemplate(store.id, byDefault.id, { buttonText: 'Edited default' }, NOW);
    expect(await button(linked)).toBe('Edited button');
    expect(await button(unlinked)).toBe('Edited default');
  });

  test('empty template texts (or no template at all) come back as null, so the storefront keeps its own', async () => {
    const { repos } = db();
    const store = await aStore(repos);
    const product = bcId();
    await assignProduct(repos, store.id, { bcProductId: product, items: [{ bcVariantId: null, stock: 0 }] });
    const before = (await view(`/storefront/${store.storeHash}/products/${product}`)).json();
    expect(before.items).toEqual([
      {
        variantId: null,
        options: {},
        status: 'backorder',
        purchasable: true,
        buttonText: null,
        message: null,
        cartMessage: null,
        unavailableMessage: null,
        remainingUnits: null,
      },
    ]);

    await aTemplateIn(repos, store.id, { buttonText: '  ', backorderMessage: '', cartMessage: 'Cart only' });
    const after = (await view(`/storefront/${store.storeHash}/products/${product}`)).json();
    expect(after.items[0]).toMatchObject({ buttonText: null, message: null, cartMessage: 'Cart only' });

    // The unavailable message is empty by default: an unavailable item shows nothing from the app.
    await disableBackorder(repos, store.id, (await repos.items.listItems(store.id, {}))[0]!.id);
    const disabled = (await view(`/storefront/${store.storeHash}/products/${product}`)).json();
    expect(disabled.items[0]).toMatchObject({ status: 'unavailable', unavailableMessage: null });
  });

  test('an item in backorder with a threshold tells its remaining units (T − B), which the message may show', async () => {
    const { repos } = db();
    const store = await aStore(repos);
    await aTemplateIn(repos, store.id, {
      backorderMessage: 'On backorder.[ Only {remaining_units} left to backorder.]',
    });
    const [capped, open] = [bcId(), bcId()];
    await assignProduct(repos, store.id, {
      bcProductId: capped,
      items: [{ bcVariantId: null, stock: 0, threshold: 3 }],
    });
    await assignProduct(repos, store.id, { bcProductId: open, items: [{ bcVariantId: null, stock: 0 }] });

    const item = async (product: number) =>
      (await view(`/storefront/${store.storeHash}/products/${product}`)).json().items[0];
    expect(await item(capped)).toMatchObject({
      status: 'backorder',
      remainingUnits: 3,
      message: 'On backorder. Only 3 left to backorder.',
    });
    expect(await item(open)).toMatchObject({
      status: 'backorder',
      remainingUnits: null,
      message: 'On backorder.',
    });
  });

  test('merchant text is returned as written (plain text, the script inserts it as text)', async () => {
    const { repos } = db();
    const store = await aStore(repos);
    await aTemplateIn(repos, store.id, { backorderMessage: '<img src=x onerror="alert(1)"> & "soon"' });
    const product = bcId();
    await assignProduct(repos, store.id, { bcProductId: product, items: [{ bcVariantId: null, stock: 0 }] });
    const res = await view(`/storefront/${store.storeHash}/products/${product}`);
    expect(res.json().items[0].message).toBe('<img src=x onerror="alert(1)"> & "soon"');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  test('variant_ids narrows the variants; the item of a product without variants is always included', async () => {
    const { repos } = db();
    const store = await aStore(repos);
    await aTemplateIn(repos, store.id);
    const [a, b, c] = [bcId(), bcId(), bcId()];
    const withVariants = bcId();
    await assignProduct(repos, store.id, {
      bcProductId: withVariants,
      items: [
        { bcVariantId: a, stock: 0 },
        { bcVariantId: b, stock: 0 },
        { bcVariantId: c, stock: 3 },
      ],
    });
    const simple = bcId();
    await assignProduct(repos, store.id, { bcProductId: simple, items: [{ bcVariantId: null, stock: 0 }] });

    const ids = async (url: string) =>
      (await view(url)).json().items.map((i: { variantId: number | null }) => i.variantId);
    expect(
      await ids(`/storefront/${store.storeHash}/products/${withVariants}?variant_ids=${c},${a}`),
    ).toEqual([a, c]);
    expect(
      await ids(`/storefront/${store.storeHash}/products/${withVariants}?variant_ids=${b}&variant_ids=${c}`),
    ).toEqual([b, c]);
    expect(await ids(`/storefront/${store.storeHash}/products/${withVariants}?variant_ids=999999`)).toEqual(
      [],
    );
    // BigCommerce's cart names the base variant of a simple product, which the app does not store.
    expect(await ids(`/storefront/${store.storeHash}/products/${simple}?variant_ids=424242`)).toEqual([null]);
  });

  test('a product the app does not manage (never assigned, unassigned, another store’s) answers 200 with no items', async () => {
    const { repos } = db();
    const store = await aStore(repos);
    const other = await aStore(repos);
    await aTemplateIn(repos, store.id);
    const product = bcId();
    const assigned = await assignProduct(repos, store.id, {
      bcProductId: product,
      items: [{ bcVariantId: null, stock: 0 }],
    });
    const unassigned = bcId();
    const gone = await assignProduct(repos, store.id, {
      bcProductId: unassigned,
      items: [{ bcVariantId: null, stock: 0 }],
    });
    const outcome = await unassignProductItems(repos, {
      storeId: store.id,
      productId: gone.productId,
      idempotencyKey: `test-unassign:${gone.productId}`,
      cause: { type: 'admin_action', ref: null },
      actor: 'admin:merchant@example.com',
      now: NOW,
    });
    expect(outcome.applied).toBe(true);
    expect(assigned.items).toHaveLength(1);

    for (const url of [
      `/storefront/${store.storeHash}/products/${bcId()}`,
      `/storefront/${store.storeHash}/products/${unassigned}`,
      `/storefront/${other.storeHash}/products/${product}`,
    ]) {
      const res = await view(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.json(), url).toEqual({
        productId: Number(url.split('/').pop()),
        native: false,
        items: [],
      });
    }
  });

  test("a store in BigCommerce's native backorders mode says so once per answer; the items are as in the other modes", async () => {
    const { repos } = db();
    const store = await aStore(repos);
    const capped = await aStore(repos);
    await aTemplateIn(repos, store.id);
    await aTemplateIn(repos, capped.id);
    const [product, elsewhere] = [bcId(), bcId()];
    await assignProduct(repos, store.id, {
      bcProductId: product,
      items: [{ bcVariantId: null, stock: 0, threshold: 5, backInStockDate: '2026-07-01' }],
    });
    await assignProduct(repos, capped.id, {
      bcProductId: elsewhere,
      items: [{ bcVariantId: null, stock: 0 }],
    });
    await repos.settings.updateSettings(store.id, { inventoryMode: 'native' }, NOW);
    await repos.settings.updateSettings(capped.id, { inventoryMode: 'capped' }, NOW);

    const many = await view(`/storefront/${store.storeHash}/products?ids=${product}`);
    expect(many.statusCode).toBe(200);
    expect(many.json()).toEqual({
      native: true,
      products: [
        {
          productId: product,
          items: [
            expect.objectContaining({
              status: 'backorder',
              buttonText: 'Pre-order now',
              message: 'Ships on July 1, 2026; 0 on the way.',
              // Still told: the script, not the endpoint, decides that native needs no cap of its own.
              remainingUnits: 5,
            }),
          ],
        },
      ],
    });
    const one = await view(`/storefront/${store.storeHash}/products/${product}`);
    expect(one.json()).toMatchObject({ productId: product, native: true });
    // Cap at checkout is not native: the script keeps its own texts and caps there.
    expect((await view(`/storefront/${capped.storeHash}/products?ids=${elsewhere}`)).json().native).toBe(
      false,
    );
  });

  test('an unknown or uninstalled store answers 404 STOREFRONT.STORE_NOT_FOUND', async () => {
    const { repos } = db();
    const store = await aStore(repos);
    await aTemplateIn(repos, store.id);
    const product = bcId();
    await assignProduct(repos, store.id, { bcProductId: product, items: [{ bcVariantId: null, stock: 0 }] });
    await repos.stores.markUninstalled(store.id, NOW);

    for (const hash of ['nosuchstore1', store.storeHash]) {
      const res = await view(`/storefront/${hash}/products/${product}`);
      expect(res.statusCode).toBe(404);
      expect(res.headers['access-control-allow-origin']).toBe('*');
      expect(res.json()).toEqual({
        error: { code: 'STOREFRONT.STORE_NOT_FOUND', message: expect.stringContaining(hash) },
      });
    }
  });

  test('bad ids are refused with a coded 400 and not cached', async () => {
    const { repos } = db();
    const store = await aStore(repos);
    const cases: [string, string][] = [
      [`/storefront/${store.storeHash}/products/abc`, 'STOREFRONT.INVALID_PRODUCT_ID'],
      [`/storefront/${store.storeHash}/products/0`, 'STOREFRONT.INVALID_PRODUCT_ID'],
      [`/storefront/${store.storeHash}/products/1e3`, 'STOREFRONT.INVALID_PRODUCT_ID'],
      [`/storefront/${store.storeHash}/products/99999999999`, 'STOREFRONT.INVALID_PRODUCT_ID'],
      [`/storefront/${store.storeHash}/products/12?variant_ids=1,x`, 'STOREFRONT.INVALID_VARIANT_IDS'],
      [`/storefront/${store.storeHash}/products/12?variant_ids=-4`, 'STOREFRONT.INVALID_VARIANT_IDS'],
      [
        `/storefront/${store.storeHash}/products/12?variant_ids=${Array.from({ length: 601 }, (_, i) => i + 1).join(',')}`,
        'STOREFRONT.INVALID_VARIANT_IDS',
      ],
      ['/storefront/BAD%20HASH/products/12', 'STOREFRONT.INVALID_STORE_HASH'],
    ];
    for (const [url, code] of cases) {
      const res = await view(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.headers['cache-control'], url).toBe('no-store');
      expect(res.json().error.code, url).toBe(code);
    }
  });

  test('GET …/products?ids= answers several products at once, in the order asked, narrowed by variant_ids', async () => {
    const { repos } = db();
    const store = await aStore(repos);
    const other = await aStore(repos);
    await aTemplateIn(repos, store.id);
    const special = await aTemplateIn(repos, store.id, { buttonText: 'Special' });
    const [simple, sized, unmanaged, elsewhere] = [bcId(), bcId(), bcId(), bcId()];
    const [s, m] = [bcId(), bcId()];
    await assignProduct(repos, store.id, { bcProductId: simple, items: [{ bcVariantId: null, stock: 0 }] });
    await assignProduct(repos, store.id, {
      bcProductId: sized,
      templateId: special.id,
      items: [
        { bcVariantId: s, stock: 0 },
        { bcVariantId: m, stock: 5 },
      ],
    });
    await aTemplateIn(repos, other.id);
    await assignProduct(repos, other.id, {
      bcProductId: elsewhere,
      items: [{ bcVariantId: null, stock: 0 }],
    });

    const res = await view(
      `/storefront/${store.storeHash}/products?ids=${sized},${unmanaged},${simple},${elsewhere},${sized}`,
    );
    expect(res.statusCode).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['cache-control']).toBe('public, max-age=2, stale-while-revalidate=2');
    const products = res.json().products as { productId: number; items: { variantId: number | null }[] }[];
    expect(products.map((p) => [p.productId, p.items.map((i) => i.variantId)])).toEqual([
      [sized, [s, m]],
      [unmanaged, []],
      [simple, [null]],
      // Another store's product is not this store's: nothing.
      [elsewhere, []],
    ]);
    expect(products[0]!.items[0]).toMatchObject({ status: 'backorder', buttonText: 'Special' });
    expect(products[2]!.items[0]).toMatchObject({ status: 'backorder', buttonText: 'Pre-order now' });

    const narrowed = await view(
      `/storefront/${store.storeHash}/products?ids=${simple}&ids=${sized}&variant_ids=${m}`,
    );
    expect(
      narrowed
        .json()
        .products.map((p: { items: { variantId: number | null }[] }) => p.items.map((i) => i.variantId)),
    ).toEqual([[null], [m]]);

    expect(Object.keys(res.json())).toEqual(['native', 'products']);
    expect(res.json().native).toBe(false);

    const preflight = await app.inject({ method: 'OPTIONS', url: `/storefront/${store.storeHash}/products` });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('*');
  });

  test('GET …/products?ids= refuses a missing, bad or too long list with a coded 400; an unknown store is 404', async () => {
    const { repos } = db();
    const store = await aStore(repos);
    const base = `/storefront/${store.storeHash}/products`;
    for (const url of [
      base,
      `${base}?ids=`,
      `${base}?ids=1,x`,
      `${base}?ids=0x10`,
      `${base}?ids=${Array.from({ length: 51 }, (_, i) => i + 1).join(',')}`,
    ]) {
      const res = await view(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.headers['cache-control'], url).toBe('no-store');
      expect(res.json().error.code, url).toBe('STOREFRONT.INVALID_PRODUCT_IDS');
    }
    expect((await view(`${base}?ids=1&variant_ids=a`)).json().error.code).toBe(
      'STOREFRONT.INVALID_VARIANT_IDS',
    );
    expect((await view('/storefront/BAD%20HASH/products?ids=1')).json().error.code).toBe(
      'STOREFRONT.INVALID_STORE_HASH',
    );
    const unknown = await view('/storefront/nosuchstore1/products?ids=1');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('STOREFRONT.STORE_NOT_FOUND');
  });

  test('a product with more items than one storage page lists them all', async () => {
    const { repos } = db();
    const store = await aStore(repos);
    await aTemplateIn(repos, store.id);
    const product = bcId();
    const variants = Array.from({ length: 600 }, () => ({ bcVariantId: bcId(), stock: 0 }));
    await assignProduct(repos, store.id, { bcProductId: product, items: variants });
    const res = await view(`/storefront/${store.storeHash}/products/${product}`);
    expect(res.json().items).toHaveLength(600);
    expect(res.json().items.every((i: { buttonText: string }) => i.buttonText === 'Pre-order now')).toBe(
      true,
    );
  });
});

describe('usableLocale', () => {
  test('keeps a valid locale, repairs underscores, falls back to en-US', () => {
    expect(usableLocale('de-DE')).toBe('de-DE');
    expect(usableLocale('fr_CA')).toBe('fr-CA');
    expect(usableLocale('')).toBe('en-US');
    expect(usableLocale(null)).toBe('en-US');
    expect(usableLocale('not a locale!')).toBe('en-US');
  });
});
