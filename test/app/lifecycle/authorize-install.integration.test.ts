import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorizeInstall } from '../../../src/app/lifecycle/authorize-install.js';
import { refuse } from '../../../src/core/item.js';
import { LifecycleHarness } from '../../http/routes/lifecycle/support/lifecycle-harness.js';
import {
  granting,
  harnessDeps,
  OWNER,
  recordingSealer,
  STAFF,
  sandboxStore,
  scriptedAuthorization,
  unreachableStoreSetup,
} from './support/lifecycle-ports.js';

/**
 * authorizeInstall (the /auth callback) with the login service scripted in the test, the app's real
 * repositories (SQLite), token cipher and StoreSetup (the sandbox).
 */
let h: LifecycleHarness;

beforeAll(async () => {
  h = await LifecycleHarness.start();
});

afterAll(async () => {
  await h?.close();
});

describe('authorizeInstall', () => {
  it('records the store with its token sealed, its owner and installer, sets it up, and returns no token', async () => {
    const { hash, accessToken, scope } = sandboxStore(h, 'Europe/Rome');
    const { authorization, requests } = granting({
      storeHash: hash,
      accessToken,
      scope,
      user: STAFF,
      owner: OWNER,
    });
    const { tokens, sealed } = recordingSealer(h);

    const result = await authorizeInstall(
      { ...harnessDeps(h), appAuthorization: authorization, tokens },
      { code: 'one-time-code', scope, storeHash: hash },
    );

    expect(requests).toEqual([{ code: 'one-time-code', scope, storeHash: hash }]);
    const store = (await h.repos.stores.findStoreByHash(hash))!;
    expect(result).toEqual({
      ok: true,
      store: { id: store.id, storeHash: hash, timezone: 'Europe/Rome' },
      user: STAFF,
      setup: expect.objectContaining({ timezone: 'Europe/Rome', templateCreated: true, secretRotated: true }),
    });

    // Stored sealed, for this store, and only sealed.
    expect(sealed).toEqual([{ accessToken, storeHash: hash, value: store.accessTokenEncrypted }]);
    expect(store.accessTokenEncrypted).toMatch(/^v1:[\w-]+:[\w-]+:[\w-]+$/);
    expect(store.accessTokenEncrypted).not.toContain(accessToken);
    expect(h.cipher.open(store.accessTokenEncrypted!, hash)).toBe(accessToken);
    expect(store).toMatchObject({ status: 'installed', scope });
    expect(store.webhookSecretHash).toMatch(/^[0-9a-f]{64}$/);
    // Never handed back, not even sealed.
    expect(JSON.stringify(result)).not.toContain(accessToken);
    expect(JSON.stringify(result)).not.toContain(store.accessTokenEncrypted!);

    const users = await h.repos.storeUsers.listUsers(store.id);
    expect(users.map(({ bcUserId, email, isOwner }) => ({ bcUserId, email, isOwner }))).toEqual(
      expect.arrayContaining([
        { bcUserId: OWNER.id, email: OWNER.email, isOwner: true },
        { bcUserId: STAFF.id, email: STAFF.email, isOwner: false },
      ]),
    );
    expect(users).toHaveLength(2);
    expect(await h.repos.settings.getSettings(store.id)).toMatchObject({ notificationEmails: [OWNER.email] });
    expect(await h.repos.templates.getDefaultTemplate(store.id)).toMatchObject({ name: 'Default' });
  });

  it('a grant that names no owner makes the installing user the owner', async () => {
    const { hash, accessToken, scope } = sandboxStore(h);
    const { authorization } = granting({ storeHash: hash, accessToken, scope, user: STAFF, owner: null });

    const result = await authorizeInstall(
      { ...harnessDeps(h), appAuthorization: authorization },
      { code: 'c', scope, storeHash: hash },
    );

    expect(result).toMatchObject({ ok: true, user: STAFF });
    const store = (await h.repos.stores.findStoreByHash(hash))!;
    expect(await h.repos.storeUsers.listUsers(store.id)).toMatchObject([
      { bcUserId: STAFF.id, email: STAFF.email, isOwner: true },
    ]);
    expect(await h.repos.settings.getSettings(store.id)).toMatchObject({ notificationEmails: [STAFF.email] });
  });

  it('a refused code or an unavailable login service is returned as it is, and nothing is written', async () => {
    for (const code of ['INSTALL.CODE_REFUSED', 'INSTALL.LOGIN_UNAVAILABLE'] as const) {
      const { hash, scope } = sandboxStore(h);
      const refusal = { ...refuse(code, 'no'), reason: 'BIGCOMMERCE.BAD_REQUEST (HTTP 400)' };
      const { authorization } = scriptedAuthorization(() => refusal);
      const { tokens, sealed } = recordingSealer(h);

      const result = await authorizeInstall(
        { ...harnessDeps(h), appAuthorization: authorization, tokens },
        { code: 'used', scope, storeHash: hash },
      );

      expect(result).toEqual(refusal);
      expect(sealed).toEqual([]);
      expect(await h.repos.stores.findStoreByHash(hash)).toBeNull();
    }
  });

  it('a grant for another store is INSTALL.CONTEXT_MISMATCH, and nothing is written for either store', async () => {
    const asked = sandboxStore(h);
    const other = sandboxStore(h);
    const { authorization } = granting({
      storeHash: other.hash,
      accessToken: other.accessToken,
      scope: other.scope,
      user: OWNER,
      owner: OWNER,
    });
    const { tokens, sealed } = recordingSealer(h);

    const result = await authorizeInstall(
      { ...harnessDeps(h), appAuthorization: authorization, tokens },
      { code: 'c', scope: asked.scope, storeHash: asked.hash },
    );

    expect(result).toMatchObject({ ok: false, code: 'INSTALL.CONTEXT_MISMATCH' });
    expect(JSON.stringify(result)).not.toContain(other.accessToken);
    expect(sealed).toEqual([]);
    expect(await h.repos.stores.findStoreByHash(asked.hash)).toBeNull();
    expect(await h.repos.stores.findStoreByHash(other.hash)).toBeNull();
  });

  it('a setup BigCommerce does not answer for is INSTALL.SETUP_FAILED; the store stays recorded, its setup unfinished', async () => {
    const { hash, accessToken, scope } = sandboxStore(h);
    const { authorization } = granting({ storeHash: hash, accessToken, scope, user: OWNER, owner: OWNER });

    const result = await authorizeInstall(
      { ...harnessDeps(h), appAuthorization: authorization, storeSetup: unreachableStoreSetup },
      { code: 'c', scope, storeHash: hash },
    );

    const store = (await h.repos.stores.findStoreByHash(hash))!;
    expect(result).toEqual({
      ok: false,
      code: 'INSTALL.SETUP_FAILED',
      message: expect.any(String),
      storeId: store.id,
      error: expect.objectContaining({ message: 'BigCommerce did not answer' }),
    });
    expect(store).toMatchObject({ status: 'installed', webhookSecretHash: null });
    expect(h.cipher.open(store.accessTokenEncrypted!, hash)).toBe(accessToken);
    expect(await h.repos.storeUsers.findUser(store.id, OWNER.id)).toMatchObject({ isOwner: true });
  });
});
