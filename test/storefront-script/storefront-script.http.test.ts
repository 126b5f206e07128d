import { readFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { parse } from 'acorn';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Repositories } from '../../src/adapters/db/repositories.js';
import { storefrontScript } from '../../src/storefront-script/index.js';
import { NOW } from '../builders/store.builder.js';
import {
  assignProduct,
  aTemplateIn,
  memoryRepositories,
  storefrontApp,
} from '../http/routes/storefront/support/storefront-seed.js';

/** The readable source; what is served is its minified build (dist/storefront, made by the test setup). */
const SOURCE = readFileSync(new URL('../../src/storefront-script/backorder.js', import.meta.url), 'utf8');
/** Issue 12: what a storefront page downloads, gzipped. */
const MAX_GZIPPED_BYTES = 4_000;

describe('GET /storefront/backorder.js', () => {
  let app: FastifyInstance;
  let db: { repos: Repositories; destroy: () => Promise<void> };
  beforeAll(async () => {
    db = await memoryRepositories();
    // A store's mode changes between requests below: every request reads the storage.
    app = await storefrontApp(db.repos, { ttlMs: 0 });
  });
  afterAll(async () => {
    await app?.close();
    await db?.destroy();
  });

  test('serves the script as JavaScript with a modest cache and an ETag', async () => {
    const res = await app.inject({ method: 'GET', url: '/storefront/backorder.js?store=abc123' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/javascript; charset=utf-8');
    expect(res.headers['cache-control']).toBe('public, max-age=300');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['access-control-allow-origin']).toBe('*');
    // The minified build of the current source.
    expect(res.body).toBe(storefrontScript().source);
    expect(res.body.length).toBeLessThan(SOURCE.length / 2);
    expect(res.body).toContain('BackorderForBigCommerce');
    const etag = res.headers.etag;
    expect(etag).toMatch(/^"[\w-]+"$/);

    const again = await app.inject({
      method: 'GET',
      url: '/storefront/backorder.js?store=abc123',
      headers: { 'if-none-match': String(etag) },
    });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });

  test('is served minified and gzipped to browsers that accept it, at most 4,000 bytes', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/storefront/backorder.js?store=abc123',
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers.vary).toBe('accept-encoding');
    expect(res.rawPayload.length).toBeLessThanOrEqual(MAX_GZIPPED_BYTES);
    expect(gunzipSync(res.rawPayload).toString('utf8')).toBe(storefrontScript().source);
    // Whatever the server's own compression: the minified script itself gzips under the goal.
    expect(gzipSync(storefrontScript().source, { level: 6 }).length).toBeLessThanOrEqual(MAX_GZIPPED_BYTES);

    const plain = await app.inject({ method: 'GET', url: '/storefront/backorder.js?store=abc123' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(storefrontScript().source);
  });

  test('is plain ES2019 (a classic script, no optional chaining or other newer syntax), as written and as served', () => {
    expect(() => parse(SOURCE, { ecmaVersion: 2019, sourceType: 'script' })).not.toThrow();
    expect(() => parse(storefrontScript().source, { ecmaVersion: 2019, sourceType: 'script' })).not.toThrow();
    // The check is real: newer syntax is refused at this level.
    expect(() => parse('const a = b?.c;', { ecmaVersion: 2019, sourceType: 'script' })).toThrow();
  });

  test('never writes markup: merchant texts go through textContent only', () => {
    const code = SOURCE.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, '');
    for (const sink of ['innerHTML', 'outerHTML', 'insertAdjacentHTML', 'document.write', 'eval(']) {
      expect(storefrontScript().source, `served: ${sink}`).not.toContain(sink);
    }
    for (const sink of [
      'innerHTML',
      'outerHTML',
      'insertAdjacentHTML',
      'document.write',
      'eval(',
      'Function(',
    ]) {
      expect(code, sink).not.toContain(sink);
    }
    expect(code).toContain('textContent');
  });

  test("tells the script, once per answer, whether the store runs BigCommerce's native backorders", async () => {
    const store = await db.repos.stores.install({
      storeHash: 'nativefront1',
      accessTokenEncrypted: 'v1:not-used-here',
      scope: 'store_v2_products store_v2_content',
      timezone: 'UTC',
      now: NOW,
    });
    await aTemplateIn(db.repos, store.id);
    await assignProduct(db.repos, store.id, {
      bcProductId: 4242,
      items: [{ bcVariantId: null, stock: 0, threshold: 2 }],
    });
    const answer = async () =>
      (await app.inject({ method: 'GET', url: '/storefront/nativefront1/products?ids=4242' })).json();

    // The script reads `native` beside `products`; the items are the same in every mode.
    const emulated = await answer();
    expect(emulated).toMatchObject({ native: false, products: [{ productId: 4242 }] });
    for (const mode of ['capped', 'native'] as const) {
      await db.repos.settings.updateSettings(store.id, { inventoryMode: mode }, NOW);
      const body = await answer();
      expect(body.native, mode).toBe(mode === 'native');
      expect(body.products, mode).toEqual(emulated.products);
    }
  });
});
