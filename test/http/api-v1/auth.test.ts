import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { hashApiKey } from '../../../src/app/api-keys/api-key-secret.js';
import { describeEachDatabase, describeEachSqlDatabase } from '../../adapters/db/support/databases.js';
import { anAssignedItem } from '../../builders/assignment.builder.js';
import { type ApiHarness, startApiHarness } from './support/api-harness.js';

describeEachDatabase('public API authentication', (db) => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApiHarness(db());
  });
  afterAll(async () => {
    await api?.close();
  });

  it('refuses a request without credentials with AUTH.MISSING_KEY', async () => {
    const response = await api.call('GET', '/api/v1/items');
    expect(response.status).toBe(401);
    expect(response.body.error).toMatchObject({ code: 'AUTH.MISSING_KEY' });
    expect(response.headers['www-authenticate']).toContain('Bearer');
  });

  it('refuses an unknown key, a malformed header and a key of the right shape but wrong value', async () => {
    const tenant = await api.aTenant();
    for (const authorization of [
      'Bearer bo_not-a-real-key-at-all',
      `Bearer ${tenant.key}x`,
      `Basic ${Buffer.from(`user:${tenant.key}`).toString('base64')}`,
      tenant.key,
    ]) {
      const response = await api.call('GET', '/api/v1/items', { authorization });
      expect(response.status, authorization).toBe(401);
      expect(response.body.error.code, authorization).toBe('AUTH.INVALID_KEY');
    }
  });

  it('accepts a valid key and records when it was last used', async () => {
    const tenant = await api.aTenant();
    const response = await api.call('GET', '/api/v1/items', { auth: tenant.key });
    expect(response.status).toBe(200);
    const [key] = await db().repos.apiKeys.listActive(tenant.store.id);
    expect(key!.lastUsedAt).toEqual(api.clock.now());
  });

  it('refuses a revoked key with AUTH.REVOKED_KEY', async () => {
    const tenant = await api.aTenant();
    const session = await tenant.session();
    const [key] = (await api.call('GET', '/api/v1/api-keys', { auth: session })).body.data;
    expect((await api.call('DELETE', `/api/v1/api-keys/${key.id}`, { auth: session })).status).toBe(204);

    const response = await api.call('GET', '/api/v1/items', { auth: tenant.key });
    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe('AUTH.REVOKED_KEY');
  });

  it('refuses the key of a store that uninstalled the app', async () => {
    const tenant = await api.aTenant();
    await db().repos.stores.markUninstalled(tenant.store.id, api.clock.now());
    const response = await api.call('GET', '/api/v1/items', { auth: tenant.key });
    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe('AUTH.INVALID_KEY');
  });

  it('accepts an admin session token; an expired or forged one is AUTH.INVALID_SESSION', async () => {
    const tenant = await api.aTenant();
    const token = await tenant.session();
    expect((await api.call('GET', '/api/v1/settings', { auth: token })).status).toBe(200);

    const forged = `${token.slice(0, -4)}AAAA`;
    const bad = await api.call('GET', '/api/v1/settings', { auth: forged });
    expect(bad.status).toBe(401);
    expect(bad.body.error.code).toBe('AUTH.INVALID_SESSION');

    const issuedAt = api.clock.now();
    api.clock.advance(2 * 60 * 60 * 1000);
    try {
      const expired = await api.call('GET', '/api/v1/settings', { auth: token });
      expect(expired.status).toBe(401);
      expect(expired.body.error.code).toBe('AUTH.INVALID_SESSION');
    } finally {
      api.clock.set(issuedAt);
    }
  });

  it('keeps tenants apart: a key of store A cannot read or change store B’s items', async () => {
    const a = await api.aTenant();
    const b = await api.aTenant();
    const itemOfB = await anAssignedItem(db().repos, b.store.id, { stock: 5 });
    const sku = itemOfB.sku!;

    expect((await api.call('GET', `/api/v1/items/${sku}`, { auth: b.key })).status).toBe(200);
    const read = await api.call('GET', `/api/v1/items/${sku}`, { auth: a.key });
    expect(read.status).toBe(404);
    expect(read.body.error.code).toBe('ITEM.NOT_FOUND');
    const patched = await api.call('PATCH', `/api/v1/items/${sku}`, { auth: a.key, body: { stock: 99 } });
    expect(patched.status).toBe(404);
    for (const action of ['enable', 'disable']) {
      expect((await api.call('POST', `/api/v1/items/${sku}/${action}`, { auth: a.key })).status).toBe(404);
    }
    const listed = await api.call('GET', `/api/v1/items?sku=${sku}`, { auth: a.key });
    expect(listed.body.data).toEqual([]);
    expect((await db().repos.items.getItem(b.store.id, itemOfB.id))!.stock).toBe(5);

    // Store A's session cannot revoke store B's key either.
    const [keyOfB] = await db().repos.apiKeys.listActive(b.store.id);
    const revoke = await api.call('DELETE', `/api/v1/api-keys/${keyOfB!.id}`, { auth: await a.session() });
    expect(revoke.status).toBe(404);
    expect((await api.call('GET', '/api/v1/items', { auth: b.key })).status).toBe(200);
  });
});

// SQL only: this searches the api_keys table itself, as text. Only a hash and a prefix cross the
// ApiKeyRepository port (NewApiKey has no key), so the in-memory storage has no key to look for.
describeEachSqlDatabase('public API keys at rest', (db) => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApiHarness(db());
  });
  afterAll(async () => {
    await api?.close();
  });

  it('stores only a SHA-256 hash of the key: the key itself is nowhere in the database', async () => {
    const tenant = await api.aTenant();
    const rows = await db()
      .handle.db.selectFrom('api_keys')
      .selectAll()
      .where('store_id', '=', tenant.store.id)
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.key_hash).toBe(hashApiKey(tenant.key));
    expect(rows[0]!.key_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(tenant.key.startsWith(rows[0]!.prefix)).toBe(true);
    expect(rows[0]!.prefix.length).toBeLessThan(12);
    // No column of any row holds the key (searching the whole table as text).
    const hits = await sql<{ n: number }>`select count(*) as n from api_keys where ${sql.raw(
      db().name === 'postgres' ? 'api_keys::text' : 'id || name || prefix || key_hash || created_at',
    )} like ${`%${tenant.key.slice(3)}%`}`.execute(db().handle.db);
    expect(Number(hits.rows[0]!.n)).toBe(0);
  });
});
