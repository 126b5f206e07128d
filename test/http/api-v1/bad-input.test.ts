import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeCursor } from '../../../src/http/api-v1/api-schemas.js';
import { describeEachDatabase } from '../../adapters/db/support/databases.js';
import { anAssignedItem } from '../../builders/assignment.builder.js';
import { type ApiHarness, startApiHarness, type Tenant } from './support/api-harness.js';

/**
 * Input an attacker or a careless client sends (issue 9, items 5 and 15–17): every answer is the
 * API's error envelope with a code, never a 500, on every database.
 */
describeEachDatabase('public API bad input', (db) => {
  let api: ApiHarness;
  let tenant: Tenant;
  beforeAll(async () => {
    api = await startApiHarness(db());
    tenant = await api.aTenant();
  });
  afterAll(async () => {
    await api?.close();
  });

  const anItem = (overrides: Parameters<typeof anAssignedItem>[2] = {}) =>
    anAssignedItem(db().repos, tenant.store.id, overrides);
  const itemNow = async (id: number) => (await db().repos.items.getItem(tenant.store.id, id))!;
  const path = (sku: string) => `/api/v1/items/${encodeURIComponent(sku)}`;

  describe('numbers out of range (item 5)', () => {
    it('documents the range of stock-like numbers in the OpenAPI document', async () => {
      const document = (await api.call('GET', '/api/v1/openapi.json')).body;
      const patch = document.paths['/items/{sku}'].patch.requestBody.content['application/json'].schema;
      expect(patch.properties.stock).toMatchObject({ minimum: -1_000_000_000, maximum: 1_000_000_000 });
      expect(patch.properties.incoming_stock).toMatchObject({ minimum: 0, maximum: 1_000_000_000 });
    });

    it('refuses numbers beyond the range at the schema: 400, nothing changed', async () => {
      const item = await anItem({ stock: 5, incoming: 3 });
      for (const [url, body] of [
        [path(item.sku!), { stock: 2_147_483_647 }],
        [path(item.sku!), { stock: -2_147_483_647 }],
        [path(item.sku!), { stock: 1_000_000_001 }],
        [path(item.sku!), { threshold: 1_000_000_001 }],
        [`${path(item.sku!)}/receive`, { quantity: 2_147_483_647 }],
      ] as const) {
        const response = await api.call(url.endsWith('receive') ? 'POST' : 'PATCH', url, {
          auth: tenant.key,
          body,
        });
        expect(response.status, JSON.stringify(body)).toBe(400);
        expect(response.body.error.code).toBe('VALIDATION.INVALID_BODY');
      }
      expect(await itemNow(item.id)).toMatchObject({ stock: 5, incoming: 3 });
    });

    it('refuses a change whose result would leave the range with ITEM.STOCK_OUT_OF_RANGE (409)', async () => {
      const item = await anItem({ stock: 999_999_995, incoming: 10 });
      const response = await api.call('POST', `${path(item.sku!)}/receive`, {
        auth: tenant.key,
        body: { quantity: 10 },
      });
      expect(response.status).toBe(409);
      expect(response.body.error.code).toBe('ITEM.STOCK_OUT_OF_RANGE');
      expect(await itemNow(item.id)).toMatchObject({ stock: 999_999_995, incoming: 10 });
      const within = await api.call('PATCH', path(item.sku!), {
        auth: tenant.key,
        body: { stock: -1_000_000_000 },
      });
      expect(within.status).toBe(200);
      expect(within.body.stock).toBe(-1_000_000_000);
    });
  });

  describe('NUL characters and ids out of range (item 15)', () => {
    it('refuses a NUL character anywhere in the request with 422 VALIDATION.NUL_CHARACTER', async () => {
      const session = await tenant.session();
      const item = await anItem();
      const cases: [string, string, { body?: unknown; auth?: string }][] = [
        ['GET', '/api/v1/items/A%00B', {}],
        ['GET', '/api/v1/items?sku=A%00B', {}],
        ['PATCH', path(item.sku!), { body: { back_in_stock_date: '2099-01-01\u0000' } }],
        ['POST', '/api/v1/templates', { body: { name: 'Pre\u0000order' } }],
        ['POST', '/api/v1/templates', { body: { name: 'Preorder', cart_message: 'Ships\u0000soon' } }],
        ['PATCH', '/api/v1/settings', { body: { notification_emails: ['a\u0000@example.com'] } }],
        ['POST', '/api/v1/api-keys', { body: { name: 'ERP\u0000' }, auth: session }],
        ['POST', '/api/v1/templates', { body: { name: 'X', 'evil\u0000key': 1 } }],
      ];
      for (const [method, url, call] of cases) {
        const response = await api.call(method, url, { auth: call.auth ?? tenant.key, body: call.body });
        expect(response.status, `${method} ${url} ${JSON.stringify(call.body)}`).toBe(422);
        expect(response.body.error.code).toBe('VALIDATION.NUL_CHARACTER');
      }
      const templates = await api.call('GET', '/api/v1/templates', { auth: tenant.key });
      expect(templates.body.data.some((t: { name: string }) => t.name.includes('\u0000'))).toBe(false);
    });

    it('refuses a paging cursor or an id beyond the 32-bit range with 400', async () => {
      for (const url of [
        `/api/v1/orders?cursor=${encodeCursor(2_147_483_648)}`,
        `/api/v1/items?cursor=${encodeCursor(99_999_999_999)}`,
        '/api/v1/templates/2147483648',
        '/api/v1/items?product_id=2147483648',
      ]) {
        const response = await api.call('GET', url, { auth: tenant.key });
        expect(response.status, url).toBe(400);
        expect(response.body.error.code, url).toMatch(/^VALIDATION\./);
      }
      const assignment = await api.call('POST', '/api/v1/assignments', {
        auth: tenant.key,
        body: { product_ids: [1], template_id: 2_147_483_648 },
      });
      expect(assignment.status).toBe(400);
      expect(assignment.body.error.code).toBe('VALIDATION.INVALID_BODY');
      const lastPage = await api.call('GET', `/api/v1/orders?cursor=${encodeCursor(2_147_483_647)}`, {
        auth: tenant.key,
      });
      expect(lastPage.status).toBe(200);
    });
  });

  describe('long SKUs, integer parameters and content types (item 16)', () => {
    it('accepts SKUs of 255 characters in the path, however they are encoded', async () => {
      for (const sku of [
        `${'S'.repeat(240)}-${String(Date.now()).slice(-14)}`,
        'ü'.repeat(250) + (Date.now() % 100_000),
      ]) {
        expect(sku.length).toBeLessThanOrEqual(255);
        const item = await anItem({ sku });
        const response = await api.call('GET', path(sku), { auth: tenant.key });
        expect(response.status, `${sku.length} characters`).toBe(200);
        expect(response.body.sku).toBe(item.sku);
      }
      const tooLong = await api.call('GET', path('S'.repeat(256)), { auth: tenant.key });
      expect(tooLong.status).toBe(400);
      expect(tooLong.body.error.code).toBe('VALIDATION.INVALID_PATH');
      const huge = await api.call('GET', path('S'.repeat(20_000)), { auth: tenant.key });
      expect(huge.status).toBe(400);
      expect(huge.body.error.code).toBe('VALIDATION.INVALID_PATH');
      const badEncoding = await api.call('GET', '/api/v1/items/%E0%A4%A', { auth: tenant.key });
      expect(badEncoding.status).toBe(400);
      expect(badEncoding.body.error.code).toBe('VALIDATION.INVALID_PATH');
    });

    it('accepts decimal digits only in integer parameters', async () => {
      for (const url of [
        '/api/v1/items?limit=1e2',
        '/api/v1/items?limit=0x10',
        '/api/v1/items?limit=%205',
        '/api/v1/items?limit=5.0',
        '/api/v1/items?limit=%2B5',
        '/api/v1/items?product_id=1e2',
        '/api/v1/orders?limit=0b11',
        '/api/v1/templates/0x10',
        '/api/v1/products?limit=1e1',
        '/api/v1/products?page=0x2',
        '/api/v1/activity?limit=1e1',
        '/api/v1/activity?product_id=0x10',
        '/api/v1/assignments/runs?limit=1e1',
        '/api/v1/assignments/runs/0x10',
        '/api/v1/catalog/products?page=1e1',
        '/api/v1/catalog/products?stock_min=1e1',
      ]) {
        const response = await api.call('GET', url, { auth: tenant.key });
        expect(response.status, url).toBe(400);
        expect(response.body.error.code, url).toMatch(/^VALIDATION\.INVALID_(QUERY|PATH)$/);
      }
      const fine = await api.call('GET', '/api/v1/items?limit=5', { auth: tenant.key });
      expect(fine.status).toBe(200);
    });

    it('answers 415 VALIDATION.UNSUPPORTED_MEDIA_TYPE to any body that is not JSON', async () => {
      const item = await anItem({ stock: 2 });
      for (const contentType of [
        'text/plain',
        'application/x-www-form-urlencoded',
        'application/xml',
        'multipart/form-data; boundary=x',
      ]) {
        const response = await api.call('PATCH', path(item.sku!), {
          auth: tenant.key,
          rawBody: '{"stock": 9}',
          headers: { 'content-type': contentType },
        });
        expect(response.status, contentType).toBe(415);
        expect(response.body.error.code, contentType).toBe('VALIDATION.UNSUPPORTED_MEDIA_TYPE');
      }
      const charset = await api.call('PATCH', path(item.sku!), {
        auth: tenant.key,
        rawBody: '{"stock": 9}',
        headers: { 'content-type': 'application/json; charset=utf-8' },
      });
      expect(charset.status).toBe(200);
      expect(await itemNow(item.id)).toMatchObject({ stock: 9 });
    });
  });

  describe('Idempotency-Key reused with another request (item 17)', () => {
    it('answers 422 IDEMPOTENCY.KEY_REUSED; the same request again replays the first answer', async () => {
      const item = await anItem({ stock: 5, incoming: 4 });
      const other = await anItem({ stock: 5 });
      const key = `reuse-${item.id}`;
      const send = (method: string, url: string, body?: unknown) =>
        api.call(method, url, {
          auth: tenant.key,
          ...(body === undefined ? {} : { body }),
          headers: { 'idempotency-key': key },
        });

      const first = await send('PATCH', path(item.sku!), { stock: 8 });
      expect(first.status).toBe(200);

      for (const [method, url, body] of [
        ['PATCH', path(item.sku!), { stock: 9 }],
        ['PATCH', path(item.sku!), { stock: 8, threshold: 2 }],
        ['PATCH', path(other.sku!), { stock: 8 }],
        ['POST', `${path(item.sku!)}/receive`, { quantity: 1 }],
        ['POST', `${path(item.sku!)}/disable`, undefined],
      ] as const) {
        const response = await send(method, url, body);
        expect(response.status, `${method} ${url} ${JSON.stringify(body)}`).toBe(422);
        expect(response.body.error.code).toBe('IDEMPOTENCY.KEY_REUSED');
      }
      expect(await itemNow(item.id)).toMatchObject({ stock: 8, incoming: 4, block: null });
      expect(await itemNow(other.id)).toMatchObject({ stock: 5 });

      const replay = await send('PATCH', path(item.sku!), { stock: 8 });
      expect(replay.status).toBe(200);
      expect(replay.headers['idempotent-replayed']).toBe('true');

      // Another caller's key of the same name is theirs: keys are per store.
      const elsewhere = await api.aTenant();
      const theirs = await anAssignedItem(db().repos, elsewhere.store.id, { stock: 1 });
      const own = await api.call('PATCH', path(theirs.sku!), {
        auth: elsewhere.key,
        body: { stock: 3 },
        headers: { 'idempotency-key': key },
      });
      expect(own.status).toBe(200);
    });

    it('two requests racing with one key and different bodies: one applies, the other is refused', async () => {
      const item = await anItem({ stock: 5 });
      const key = `race-${item.id}`;
      const [a, b] = await Promise.all(
        [6, 7].map((stock) =>
          api.call('PATCH', path(item.sku!), {
            auth: tenant.key,
            body: { stock },
            headers: { 'idempotency-key': key },
          }),
        ),
      );
      expect([a!.status, b!.status].sort()).toEqual([200, 422]);
      const winner = a!.status === 200 ? a! : b!;
      expect(await itemNow(item.id)).toMatchObject({ stock: winner.body.stock });
    });
  });
});
