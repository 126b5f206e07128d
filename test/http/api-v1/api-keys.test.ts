import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY_PREFIX } from '../../../src/app/api-keys/api-key-secret.js';
import { createApiKey } from '../../../src/app/api-keys/create-api-key.js';
import { describeEachDatabase } from '../../adapters/db/support/databases.js';
import { aStore } from '../../builders/store.builder.js';
import { type ApiHarness, startApiHarness } from './support/api-harness.js';

describeEachDatabase('API keys', (db) => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApiHarness(db());
  });
  afterAll(async () => {
    await api?.close();
  });

  describe('through the API (admin session only)', () => {
    it('creates a key shown once, lists keys without it, and revokes one', async () => {
      const tenant = await api.aTenant();
      const session = await tenant.session();
      const created = await api.call('POST', '/api/v1/api-keys', {
        auth: session,
        body: { name: 'Warehouse' },
      });
      expect(created.status).toBe(201);
      expect(created.body.key).toMatch(/^bo_[A-Za-z0-9_-]{43}$/);
      expect(created.body).toMatchObject({ name: 'Warehouse', last_used_at: null });
      expect(created.body.key.startsWith(created.body.prefix)).toBe(true);
      expect(created.headers['cache-control']).toBe('no-store');

      expect((await api.call('GET', '/api/v1/items', { auth: created.body.key })).status).toBe(200);
      const listed = await api.call('GET', '/api/v1/api-keys', { auth: session });
      expect(listed.body.data.map((k: { name: string }) => k.name)).toEqual(['ERP', 'Warehouse']);
      expect(JSON.stringify(listed.body)).not.toContain(created.body.key);
      expect(listed.body.data[1].last_used_at).toBe(api.clock.now().toISOString());

      expect(
        (await api.call('DELETE', `/api/v1/api-keys/${created.body.id}`, { auth: session })).status,
      ).toBe(204);
      // Revoking again changes nothing.
      expect(
        (await api.call('DELETE', `/api/v1/api-keys/${created.body.id}`, { auth: session })).status,
      ).toBe(204);
      const after = await api.call('GET', '/api/v1/api-keys', { auth: session });
      expect(after.body.data.map((k: { name: string }) => k.name)).toEqual(['ERP']);
      expect((await api.call('GET', '/api/v1/items', { auth: created.body.key })).body.error.code).toBe(
        'AUTH.REVOKED_KEY',
      );
      const unknown = await api.call('DELETE', '/api/v1/api-keys/999999', { auth: session });
      expect(unknown.status).toBe(404);
      expect(unknown.body.error.code).toBe('API_KEY.NOT_FOUND');
    });

    it('refuses an API key managing keys with AUTH.SESSION_REQUIRED', async () => {
      const tenant = await api.aTenant();
      for (const [method, url, body] of [
        ['GET', '/api/v1/api-keys', undefined],
        ['POST', '/api/v1/api-keys', { name: 'Sneaky' }],
        ['DELETE', '/api/v1/api-keys/1', undefined],
      ] as const) {
        const response = await api.call(method, url, { auth: tenant.key, body });
        expect(response.status, `${method} ${url}`).toBe(403);
        expect(response.body.error.code).toBe('AUTH.SESSION_REQUIRED');
      }
      expect(await db().repos.apiKeys.listActive(tenant.store.id)).toHaveLength(1);
    });

    it('validates the name', async () => {
      const session = await (await api.aTenant()).session();
      for (const body of [{}, { name: '' }, { name: 'x'.repeat(101) }, { name: 'ok', scope: 'all' }]) {
        const response = await api.call('POST', '/api/v1/api-keys', { auth: session, body });
        expect(response.status, JSON.stringify(body)).toBe(400);
        expect(response.body.error.code).toBe('VALIDATION.INVALID_BODY');
      }
      const blank = await api.call('POST', '/api/v1/api-keys', { auth: session, body: { name: '   ' } });
      expect(blank.status).toBe(422);
      expect(blank.body.error.code).toBe('API_KEY.INVALID_NAME');
    });
  });

  describe('createApiKey with a given key (demo mode’s DEMO_API_KEY)', () => {
    const deps = () => ({ apiKeys: db().repos.apiKeys, clock: api.clock });

    it('registers the given key once; starting again with it finds it', async () => {
      const store = await aStore(db().repos);
      const key = `demo-key-${store.storeHash}-0123456789`;
      const first = await createApiKey(deps(), { storeId: store.id, name: 'Demo', key });
      expect(first).toMatchObject({ ok: true, key, created: true });
      const again = await createApiKey(deps(), { storeId: store.id, name: 'Demo', key });
      expect(again).toMatchObject({ ok: true, key, created: false });
      expect(await db().repos.apiKeys.listActive(store.id)).toHaveLength(1);
      expect((await api.call('GET', '/api/v1/items', { auth: key })).status).toBe(200);
      // The prefix shown gives away little of a short key.
      if (first.ok) expect(first.apiKey.prefix.length).toBeLessThanOrEqual(key.length / 4);
    });

    it('refuses a key another store uses, a revoked one, and a too short one', async () => {
      const a = await aStore(db().repos);
      const b = await aStore(db().repos);
      const key = `demo-key-${a.storeHash}-abcdefghij`;
      const made = await createApiKey(deps(), { storeId: a.id, name: 'Demo', key });
      expect(await createApiKey(deps(), { storeId: b.id, name: 'Demo', key })).toMatchObject({
        ok: false,
        code: 'API_KEY.TAKEN',
      });
      if (!made.ok) throw new Error(made.message);
      await db().repos.apiKeys.revoke(a.id, made.apiKey.id, api.clock.now());
      expect(await createApiKey(deps(), { storeId: a.id, name: 'Demo', key })).toMatchObject({
        ok: false,
        code: 'API_KEY.REVOKED',
      });
      expect(await createApiKey(deps(), { storeId: a.id, name: 'Demo', key: 'short' })).toMatchObject({
        ok: false,
        code: 'API_KEY.INVALID_KEY',
      });
    });

    it('generates distinct keys with the recognisable prefix and 256 bits', async () => {
      const store = await aStore(db().repos);
      const keys = new Set<string>();
      for (let i = 0; i < 5; i += 1) {
        const made = await createApiKey(deps(), { storeId: store.id, name: `Key ${i}` });
        if (!made.ok) throw new Error(made.message);
        expect(made.key.startsWith(API_KEY_PREFIX)).toBe(true);
        expect(Buffer.from(made.key.slice(API_KEY_PREFIX.length), 'base64url')).toHaveLength(32);
        keys.add(made.key);
      }
      expect(keys.size).toBe(5);
    });
  });
});
