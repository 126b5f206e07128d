import { describe, expect, it } from 'vitest';
import { authorizeInstall } from '../../../src/app/lifecycle/authorize-install.js';
import { WEBHOOK_SCOPES } from '../../../src/app/lifecycle/install-store.js';
import { uninstallStore } from '../../../src/app/lifecycle/uninstall-store.js';
import { refuse } from '../../../src/core/item.js';
import { granting, scriptedAuthorization } from '../../fakes/app-authorization.js';
import { recordingSealer } from '../../fakes/token-sealer.js';
import { lifecycleOnFakes, OWNER, STAFF } from './support/lifecycle-on-fakes.js';

/**
 * authorizeInstall (the /auth callback) on fakes: the login service scripted, the merchant's store on
 * the fake BigCommerce. Against the sandbox and SQLite: authorize-install.integration.test.ts.
 */
describe('authorizeInstall', () => {
  it('records the store with its token sealed, its owner and installer, sets it up, and returns no token', async () => {
    const { deps, repos, cipher, aMerchantStore } = lifecycleOnFakes();
    const { hash, shop, accessToken, scope } = aMerchantStore('Europe/Rome');
    const { authorization, requests } = granting({
      storeHash: hash,
      accessToken,
      scope,
      user: STAFF,
      owner: OWNER,
    });
    const { tokens, sealed } = recordingSealer(cipher);

    const result = await authorizeInstall(
      { ...deps, appAuthorization: authorization, tokens },
      { code: 'one-time-code', scope, storeHash: hash },
    );

    expect(requests).toEqual([{ code: 'one-time-code', scope, storeHash: hash }]);
    const store = (await repos.stores.findStoreByHash(hash))!;
    expect(result).toEqual({
      ok: true,
      store: { id: store.id, storeHash: hash, timezone: 'Europe/Rome' },
      user: STAFF,
      setup: expect.objectContaining({ timezone: 'Europe/Rome', templateCreated: true, secretRotated: true }),
    });
    // Stored sealed, for this store, and only sealed.
    expect(sealed).toEqual([{ accessToken, storeHash: hash, value: store.accessTokenEncrypted }]);
    expect(store.accessTokenEncrypted).not.toContain(accessToken);
    expect(cipher.open(store.accessTokenEncrypted!, hash)).toBe(accessToken);
    expect(store).toMatchObject({
      status: 'installed',
      scope,
      webhookSecretHash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    // Never handed back, not even sealed.
    expect(JSON.stringify(result)).not.toContain(accessToken);
    expect(JSON.stringify(result)).not.toContain(store.accessTokenEncrypted!);

    const users = await repos.storeUsers.listUsers(store.id);
    expect(users.map(({ bcUserId, email, isOwner }) => ({ bcUserId, email, isOwner }))).toEqual([
      { bcUserId: OWNER.id, email: OWNER.email, isOwner: true },
      { bcUserId: STAFF.id, email: STAFF.email, isOwner: false },
    ]);
    expect(await repos.settings.getSettings(store.id)).toMatchObject({ notificationEmails: [OWNER.email] });
    expect(await repos.templates.getDefaultTemplate(store.id)).toMatchObject({ name: 'Default' });
    // Set up on BigCommerce's side through the store's own (sealed) token.
    expect(shop.webhooks()).toHaveLength(WEBHOOK_SCOPES.length);
    expect(shop.scripts()).toHaveLength(1);
  });

  it('a grant that names no owner makes the installing user the owner', async () => {
    const { deps, repos, aMerchantStore } = lifecycleOnFakes();
    const { hash, accessToken, scope } = aMerchantStore();
    const { authorization } = granting({ storeHash: hash, accessToken, scope, user: STAFF, owner: null });

    const result = await authorizeInstall(
      { ...deps, appAuthorization: authorization },
      { code: 'c', scope, storeHash: hash },
    );

    expect(result).toMatchObject({ ok: true, user: STAFF });
    const store = (await repos.stores.findStoreByHash(hash))!;
    expect(await repos.storeUsers.listUsers(store.id)).toMatchObject([
      { bcUserId: STAFF.id, email: STAFF.email, isOwner: true },
    ]);
    expect(await repos.settings.getSettings(store.id)).toMatchObject({ notificationEmails: [STAFF.email] });
  });

  it('a refused code or an unavailable login service is returned as it is, and nothing is written', async () => {
    for (const code of ['INSTALL.CODE_REFUSED', 'INSTALL.LOGIN_UNAVAILABLE'] as const) {
      const { deps, repos, cipher, aMerchantStore } = lifecycleOnFakes();
      const { hash, shop, scope } = aMerchantStore();
      const refusal = { ...refuse(code, 'no'), reason: 'BIGCOMMERCE.BAD_REQUEST (HTTP 400)' };
      const { authorization } = scriptedAuthorization(() => refusal);
      const { tokens, sealed } = recordingSealer(cipher);

      const result = await authorizeInstall(
        { ...deps, appAuthorization: authorization, tokens },
        { code: 'used', scope, storeHash: hash },
      );

      expect(result).toEqual(refusal);
      expect(sealed).toEqual([]);
      expect(await repos.stores.findStoreByHash(hash)).toBeNull();
      expect(shop.calls).toEqual([]);
    }
  });

  it('a grant for another store is INSTALL.CONTEXT_MISMATCH, and nothing is written for either store', async () => {
    const { deps, repos, cipher, aMerchantStore } = lifecycleOnFakes();
    const asked = aMerchantStore();
    const other = aMerchantStore();
    const { authorization } = granting({
      storeHash: other.hash,
      accessToken: other.accessToken,
      scope: other.scope,
      user: OWNER,
      owner: OWNER,
    });
    const { tokens, sealed } = recordingSealer(cipher);

    const result = await authorizeInstall(
      { ...deps, appAuthorization: authorization, tokens },
      { code: 'c', scope: asked.scope, storeHash: asked.hash },
    );

    expect(result).toMatchObject({ ok: false, code: 'INSTALL.CONTEXT_MISMATCH' });
    expect(JSON.stringify(result)).not.toContain(other.accessToken);
    expect(sealed).toEqual([]);
    expect(await repos.stores.findStoreByHash(asked.hash)).toBeNull();
    expect(await repos.stores.findStoreByHash(other.hash)).toBeNull();
  });

  it('a setup BigCommerce does not answer for is INSTALL.SETUP_FAILED; the store stays recorded, its setup unfinished', async () => {
    const { deps, repos, cipher, aMerchantStore } = lifecycleOnFakes();
    const { hash, shop, accessToken, scope } = aMerchantStore();
    const { authorization } = granting({ storeHash: hash, accessToken, scope, user: OWNER, owner: OWNER });
    shop.goDown();

    const result = await authorizeInstall(
      { ...deps, appAuthorization: authorization },
      { code: 'c', scope, storeHash: hash },
    );

    const store = (await repos.stores.findStoreByHash(hash))!;
    expect(result).toEqual({
      ok: false,
      code: 'INSTALL.SETUP_FAILED',
      message: expect.any(String),
      storeId: store.id,
      error: expect.objectContaining({ code: 'BIGCOMMERCE.SERVER_ERROR' }),
    });
    expect(store).toMatchObject({ status: 'installed', webhookSecretHash: null });
    expect(cipher.open(store.accessTokenEncrypted!, hash)).toBe(accessToken);
    expect(await repos.storeUsers.findUser(store.id, OWNER.id)).toMatchObject({ isOwner: true });
  });

  it('a re-install after an uninstall resumes the store: the same row, a new token and secret', async () => {
    const { deps, repos, cipher, installedStore } = lifecycleOnFakes();
    const { hash, shop, store } = await installedStore();
    await uninstallStore(deps, { storeId: store.id });
    const { authorization } = granting({
      storeHash: hash,
      accessToken: 'the-new-token',
      scope: 'store_v2_products',
      user: OWNER,
      owner: OWNER,
    });

    const result = await authorizeInstall(
      { ...deps, appAuthorization: authorization },
      { code: 'c2', scope: 'store_v2_products', storeHash: hash },
    );

    expect(result).toMatchObject({ ok: true, store: { id: store.id }, setup: { secretRotated: true } });
    const again = (await repos.stores.getStore(store.id))!;
    expect(again).toMatchObject({ status: 'installed', uninstalledAt: null });
    expect(cipher.open(again.accessTokenEncrypted!, hash)).toBe('the-new-token');
    expect(again.webhookSecretHash).not.toBe(store.webhookSecretHash);
    expect(shop.webhooks()).toHaveLength(WEBHOOK_SCOPES.length);
  });
});
