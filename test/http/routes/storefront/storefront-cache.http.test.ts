import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Repositories } from '../../../../src/adapters/db/repositories.js';
import { storefrontRoutes } from '../../../../src/http/routes/storefront/index.js';
import {
  createStorefrontAnswerCache,
  jsonAnswer,
  matchesEtag,
} from '../../../../src/http/routes/storefront/storefront-answer-cache.js';
import { aStore } from '../../../builders/store.builder.js';
import {
  assignProduct,
  aTemplateIn,
  disableBackorder,
  memoryRepositories,
} from './support/storefront-seed.js';

/** The storefront plugin with its answers' cache on a clock the test moves, counting the storage's reads. */
async function cachedApp(repos: Repositories, cache: { maxEntries?: number; maxBytes?: number } = {}) {
  const time = { ms: 0 };
  const reads = { stores: 0 };
  const app = Fastify({ logger: false });
  await app.register(storefrontRoutes, {
    stores: {
      findStoreByHash: (hash) => {
        reads.stores += 1;
        return repos.stores.findStoreByHash(hash);
      },
    },
    products: repos.products,
    items: repos.items,
    templates: repos.templates,
    settings: repos.settings,
    cache: { ttlMs: 1_000, now: () => time.ms, ...cache },
  });
  await app.ready();
  return { app, time, reads };
}

describe('the storefront answers’ cache', () => {
  let db: { repos: Repositories; destroy: () => Promise<void> };
  let app: FastifyInstance | undefined;
  beforeEach(async () => {
    db = await memoryRepositories();
  });
  afterEach(async () => {
    await app?.close();
    await db.destroy();
  });

  async function aBackorderProduct() {
    const store = await aStore(db.repos);
    await aTemplateIn(db.repos, store.id);
    const assigned = await assignProduct(db.repos, store.id, {
      bcProductId: 77,
      items: [{ bcVariantId: null, stock: 0, backInStockDate: '2026-07-01' }],
    });
    return { store, itemId: assigned.items[0]!.id, url: `/storefront/${store.storeHash}/products/77` };
  }

  test('serves an answer from memory for 1 s, then reads again: a change shows within 1 s', async () => {
    const { store, itemId, url } = await aBackorderProduct();
    const cached = await cachedApp(db.repos);
    app = cached.app;

    const first = await app.inject({ method: 'GET', url });
    expect(first.json().items[0].status).toBe('backorder');
    expect(cached.reads.stores).toBe(1);

    await disableBackorder(db.repos, store.id, itemId);
    cached.time.ms = 999;
    const within = await app.inject({ method: 'GET', url });
    expect(within.body).toBe(first.body);
    expect(cached.reads.stores).toBe(1);

    cached.time.ms = 1_000;
    const after = await app.inject({ method: 'GET', url });
    expect(after.json().items[0].status).not.toBe('backorder');
    expect(cached.reads.stores).toBe(2);
    expect(after.headers.etag).not.toBe(first.headers.etag);
  });

  test('answers with an ETag, a 304 without body to a browser holding it, and stale-while-revalidate', async () => {
    const { url } = await aBackorderProduct();
    const cached = await cachedApp(db.repos);
    app = cached.app;

    const res = await app.inject({ method: 'GET', url });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers['cache-control']).toBe('public, max-age=2, stale-while-revalidate=2');
    const etag = String(res.headers.etag);
    expect(etag).toMatch(/^"[\w-]+"$/);

    for (const ifNoneMatch of [etag, `W/${etag}`, `"other", ${etag}`]) {
      const again = await app.inject({ method: 'GET', url, headers: { 'if-none-match': ifNoneMatch } });
      expect(again.statusCode, ifNoneMatch).toBe(304);
      expect(again.body, ifNoneMatch).toBe('');
      expect(again.headers.etag, ifNoneMatch).toBe(etag);
      expect(again.headers['access-control-allow-origin'], ifNoneMatch).toBe('*');
    }
    const other = await app.inject({ method: 'GET', url, headers: { 'if-none-match': '"other"' } });
    expect(other.statusCode).toBe(200);
    expect(other.body).toBe(res.body);
  });

  test('concurrent misses of one URL share one computation; each URL has its own answer', async () => {
    const { store, url } = await aBackorderProduct();
    const cached = await cachedApp(db.repos);
    app = cached.app;

    const answers = await Promise.all(Array.from({ length: 10 }, () => app!.inject({ method: 'GET', url })));
    expect(new Set(answers.map((a) => a.body)).size).toBe(1);
    expect(cached.reads.stores).toBe(1);

    const several = await app.inject({
      method: 'GET',
      url: `/storefront/${store.storeHash}/products?ids=77`,
    });
    expect(several.json().products[0]).toEqual({ ...answers[0]!.json(), native: undefined });
    expect(cached.reads.stores).toBe(2);
  });

  test('keeps a bounded number of answers, the oldest going first, and never keeps a 400', async () => {
    const { store, url } = await aBackorderProduct();
    const cached = await cachedApp(db.repos, { maxEntries: 2 });
    app = cached.app;
    const other = `/storefront/${store.storeHash}/products/78`;
    const third = `/storefront/${store.storeHash}/products/79`;

    await app.inject({ method: 'GET', url });
    await app.inject({ method: 'GET', url: other });
    await app.inject({ method: 'GET', url: third });
    expect(cached.reads.stores).toBe(3);
    await app.inject({ method: 'GET', url: third });
    expect(cached.reads.stores).toBe(3);
    await app.inject({ method: 'GET', url });
    expect(cached.reads.stores).toBe(4);

    const bad = `/storefront/${store.storeHash}/products/0`;
    expect((await app.inject({ method: 'GET', url: bad })).statusCode).toBe(400);
    const again = await app.inject({ method: 'GET', url: bad });
    expect(again.statusCode).toBe(400);
    expect(again.headers['cache-control']).toBe('no-store');
    expect(again.json().error.code).toBe('STOREFRONT.INVALID_PRODUCT_ID');
  });

  test('an unknown store’s 404 is kept like an answer', async () => {
    const cached = await cachedApp(db.repos);
    app = cached.app;
    const url = '/storefront/nosuchstore/products/1';
    const first = await app.inject({ method: 'GET', url });
    const second = await app.inject({ method: 'GET', url });
    expect(first.statusCode).toBe(404);
    expect(second.json().error.code).toBe('STOREFRONT.STORE_NOT_FOUND');
    expect(cached.reads.stores).toBe(1);
  });
});

describe('createStorefrontAnswerCache', () => {
  test('an answer that failed is not kept; a byte budget pushes the oldest out', async () => {
    let now = 0;
    const cache = createStorefrontAnswerCache({
      ttlMs: 1_000,
      maxEntries: 100,
      maxBytes: 100,
      now: () => now,
    });
    let made = 0;
    const make = (body: string) => async () => {
      made += 1;
      return jsonAnswer(200, body);
    };
    await expect(cache.answer('a', () => Promise.reject(new Error('outage')))).rejects.toThrow('outage');
    await cache.answer('a', make('x'));
    await cache.answer('a', make('x'));
    expect(made).toBe(1);
    // 'b' with its 45-character body takes the budget past 100 bytes: 'a', the oldest, goes.
    await cache.answer('b', make('y'.repeat(45)));
    await cache.answer('a', make('x'));
    expect(made).toBe(3);
    now = 1_000;
    await cache.answer('a', make('x'));
    expect(made).toBe(4);
  });

  test('matchesEtag reads lists, weak validators and *', () => {
    expect(matchesEtag(undefined, '"a"')).toBe(false);
    expect(matchesEtag('"a"', '"a"')).toBe(true);
    expect(matchesEtag('W/"a"', '"a"')).toBe(true);
    expect(matchesEtag('"b", "a"', '"a"')).toBe(true);
    expect(matchesEtag('*', '"a"')).toBe(true);
    expect(matchesEtag('"b"', '"a"')).toBe(false);
  });
});
