import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiClient, startTestSandbox, type TestSandbox } from '../support/sandbox-harness.js';

let t: TestSandbox;

beforeEach(async () => {
  t = await startTestSandbox({ rateLimit: { quota: 5, windowMs: 60_000 } });
});

afterEach(async () => {
  await t.close();
});

describe('authentication and stores', () => {
  it('answers 401 with BigCommerce bodies without a valid token for this store', async () => {
    const missing = await t.api.get('/v3/catalog/products', { token: null });
    expect(missing.status).toBe(401);
    expect(missing.body).toMatchObject({ status: 401, type: expect.stringContaining('api-status-codes') });
    const v2 = await t.api.get('/v2/orders', { token: 'wrong-token-value' });
    expect(v2.status).toBe(401);
    expect(v2.body).toEqual([{ status: 401, message: expect.any(String) }]);

    const other = await fetch(`${t.sandbox.url}/__sandbox/stores`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ hash: 'otherstore', api_token: 'other-token-123' }),
    });
    expect(other.status).toBe(201);
    // A token is valid for its own store only.
    expect((await t.api.get('/v3/catalog/products', { token: 'other-token-123' })).status).toBe(401);
    expect((await t.api.forStore('otherstore', 'other-token-123').get('/v3/catalog/products')).status).toBe(
      200,
    );
  });

  it('answers 404 for unknown stores and paths, 403 when the token lacks the scope', async () => {
    expect((await t.api.forStore('nosuchstore', t.api.token).get('/v3/catalog/products')).status).toBe(404);
    const unknown = await t.api.get('/v3/catalog/unknown-resource');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ status: 404, title: expect.any(String) });

    const readOnly = t.sandbox.state.issueToken('teststore', 'reader-app', ['store_v2_products_read_only']);
    const reader = t.api.withToken(readOnly.token);
    expect((await reader.get('/v3/catalog/products')).status).toBe(200);
    expect(
      (await reader.post('/v3/catalog/products', { name: 'X', type: 'physical', weight: 0, price: 1 }))
        .status,
    ).toBe(403);
    expect((await reader.get('/v2/orders')).status).toBe(403);
    expect((await reader.get('/v2/time')).status).toBe(200);
  });

  it('keeps several stores apart', async () => {
    t.sandbox.state.createStore('secondstore', { apiToken: 'second-token-1' });
    const second = t.api.forStore('secondstore', 'second-token-1');
    await t.api.post('/v3/catalog/products', {
      name: 'Only in first',
      type: 'physical',
      weight: 0,
      price: 1,
      sku: 'SAME',
    });
    expect((await second.get('/v3/catalog/products')).body.data).toEqual([]);
    // The same SKU is free in another store.
    expect(
      (
        await second.post('/v3/catalog/products', {
          name: 'Only in second',
          type: 'physical',
          weight: 0,
          price: 1,
          sku: 'SAME',
        })
      ).status,
    ).toBe(200);
    const firstId = (await t.api.get('/v3/catalog/products')).body.data[0].id;
    expect((await second.get(`/v3/catalog/products/${firstId}`)).status).toBe(404);
  });

  it('answers invalid JSON with a BigCommerce 400', async () => {
    const response = await fetch(`${t.sandbox.url}/stores/teststore/v3/catalog/products`, {
      method: 'POST',
      headers: { 'x-auth-token': t.api.token, 'content-type': 'application/json' },
      body: '{ not json',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ status: 400, title: 'Input is invalid.' });
  });
});

describe('rate limit', () => {
  it('sends the X-Rate-Limit headers on every response and 429 with X-Retry-After when the quota is used', async () => {
    const lefts: string[] = [];
    for (let i = 0; i < 5; i++) {
      const response = await t.api.get('/v2/time');
      expect(response.status).toBe(200);
      expect(response.headers.get('x-rate-limit-time-window-ms')).toBe('60000');
      expect(response.headers.get('x-rate-limit-requests-quota')).toBe('5');
      expect(Number(response.headers.get('x-rate-limit-time-reset-ms'))).toBeLessThanOrEqual(60_000);
      lefts.push(response.headers.get('x-rate-limit-requests-left')!);
    }
    expect(lefts).toEqual(['4', '3', '2', '1', '0']);
    const limited = await t.api.get('/v3/catalog/products');
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ status: 429 });
    expect(Number(limited.headers.get('x-retry-after'))).toBeGreaterThanOrEqual(1);
    expect(limited.headers.get('x-rate-limit-requests-left')).toBe('0');

    // The quota is per store.
    t.sandbox.state.createStore('quietstore', { apiToken: 'quiet-token-1' });
    expect((await t.api.forStore('quietstore', 'quiet-token-1').get('/v2/time')).status).toBe(200);
  });

  it('opens a new window once the old one is over', async () => {
    t.sandbox.rateLimiter.configure({ quota: 1, windowMs: 200 });
    expect((await t.api.get('/v2/time')).status).toBe(200);
    expect((await t.api.get('/v2/time')).status).toBe(429);
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect((await t.api.get('/v2/time')).status).toBe(200);
  });
});

describe('fault injection (/__sandbox/faults)', () => {
  async function setFaults(body: unknown) {
    return fetch(`${t.sandbox.url}/__sandbox/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  }

  it('fails requests with 500/502/503 at the configured rate', async () => {
    t.sandbox.rateLimiter.configure({ quota: 1000 });
    expect((await setFaults({ errorRate: 1, errorStatuses: [502, 503] })).status).toBe(200);
    const statuses = new Set<number>();
    for (let i = 0; i < 12; i++) statuses.add((await t.api.get('/v2/time')).status);
    expect([...statuses].every((s) => s === 502 || s === 503)).toBe(true);
    // Gateways answer with an HTML page, not JSON.
    await setFaults({ errorRate: 1, errorStatuses: [502] });
    const bad = await t.api.get('/v2/time');
    expect(bad.headers.get('content-type')).toMatch(/^text\/html/);
    expect(bad.text).toBe('<html><body><h1>502 Bad Gateway</h1></body></html>');
    await setFaults({ errorRate: 0 });
    expect((await t.api.get('/v2/time')).status).toBe(200);
  });

  it('adds latency and answers bursts of 429', async () => {
    t.sandbox.rateLimiter.configure({ quota: 1000 });
    await setFaults({ latencyMs: 150, rateLimitBurst: 2 });
    const started = Date.now();
    const first = await t.api.get('/v2/time');
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(first.status).toBe(429);
    expect(first.headers.get('x-retry-after')).not.toBeNull();
    expect((await t.api.get('/v2/time')).status).toBe(429);
    expect((await t.api.get('/v2/time')).status).toBe(200);
    const current = await (await fetch(`${t.sandbox.url}/__sandbox/faults`)).json();
    expect(current.data).toMatchObject({ latencyMs: 150, rateLimitBurst: 0 });
  });

  it('refuses invalid fault settings and changes nothing', async () => {
    const response = await setFaults({ errorRate: 2 });
    expect(response.status).toBe(422);
    expect(t.sandbox.faults.current().errorRate).toBe(0);
  });
});

describe('storage', () => {
  it('keeps stores, catalog, orders and hooks in a SQLite file across restarts when given a data directory', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-data-'));
    try {
      const file = path.join(dir, 'sandbox.sqlite');
      const first = await startTestSandbox({ databaseFile: file, demoStoreHash: 'persisted' });
      const created = await first.api.post('/v3/catalog/products', {
        name: 'Durable',
        type: 'physical',
        weight: 1,
        price: 3,
        inventory_tracking: 'product',
        inventory_level: 4,
      });
      await first.api.post('/v2/orders', {
        billing_address: { zip: '1', email: 'a@example.com' },
        products: [{ product_id: created.body.data.id, quantity: 1 }],
      });
      await first.close();

      const second = await startTestSandbox({ databaseFile: file, demoStoreHash: 'persisted' });
      const api = new ApiClient(second.sandbox.url, 'persisted', second.api.token);
      expect((await api.get(`/v3/catalog/products/${created.body.data.id}`)).body.data.inventory_level).toBe(
        3,
      );
      expect((await api.get('/v2/orders')).body).toHaveLength(1);
      await second.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('sandbox admin endpoints', () => {
  async function admin(method: string, path: string, body?: unknown) {
    const response = await fetch(`${t.sandbox.url}/__sandbox${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: response.status === 204 ? undefined : await response.json() };
  }

  it('creates and deletes stores, issues client tokens, and changes webhook timing', async () => {
    const created = await admin('POST', '/stores', { hash: 'adminstore', name: 'Admin Store' });
    expect(created.status).toBe(201);
    expect((await admin('POST', '/stores', { hash: 'adminstore' })).status).toBe(409);
    expect((await admin('POST', '/stores', { hash: 'Bad Hash' })).status).toBe(422);
    const token = await admin('POST', '/stores/adminstore/tokens', {
      client_id: 'my-app',
      scopes: ['store_v2_orders'],
    });
    expect(token.status).toBe(201);
    const appApi = t.api.forStore('adminstore', token.body.data.access_token);
    expect((await appApi.get('/v2/orders')).status).toBe(200);
    expect((await appApi.get('/v3/catalog/products')).status).toBe(403);
    const settings = await admin('PUT', '/webhooks', { time_scale: 0.5, duplicate_rate: 0.25 });
    expect(settings.body.data).toMatchObject({ timeScale: 0.5, duplicateRate: 0.25 });
    expect((await admin('GET', '/stores/adminstore/webhook-deliveries')).body.data).toEqual([]);
    expect((await admin('DELETE', '/stores/adminstore')).status).toBe(204);
    expect((await appApi.get('/v2/orders')).status).toBe(404);
  });
});
