import { describe, expect, it } from 'vitest';
import { WEBHOOK_SCOPES } from '../../../src/app/lifecycle/install-store.js';
import { uninstallApp } from '../../../src/app/lifecycle/uninstall-app.js';
import { signedRequestsFor } from '../../fakes/signed-requests.js';
import { lifecycleOnFakes, OWNER } from './support/lifecycle-on-fakes.js';

/**
 * uninstallApp (the /uninstall callback) on fakes, the signed requests stood in for by the test.
 * Against the sandbox and SQLite: uninstall-app.integration.test.ts.
 */
const uninstalling = (storeHash: string) =>
  signedRequestsFor({ 'signed-by-bigcommerce': { storeHash, user: OWNER, owner: OWNER } });

describe('uninstallApp', () => {
  it('uninstalls the store the request names; a repeat changes nothing', async () => {
    const { deps, repos, installedStore } = lifecycleOnFakes();
    const { hash, shop, store } = await installedStore();
    const uninstall = () =>
      uninstallApp(
        { ...deps, signedRequests: uninstalling(hash) },
        { signedRequest: 'signed-by-bigcommerce' },
      );

    expect(await uninstall()).toEqual({
      ok: true,
      uninstalled: {
        storeId: store.id,
        report: {
          alreadyUninstalled: false,
          remote: { ok: true, hooksDeleted: WEBHOOK_SCOPES.length, scriptsDeleted: 1 },
        },
      },
    });
    expect(await repos.stores.getStore(store.id)).toMatchObject({
      status: 'uninstalled',
      accessTokenEncrypted: null,
      webhookSecretHash: null,
    });
    expect(await repos.storeUsers.listUsers(store.id)).toEqual([]);
    expect(shop.webhooks()).toEqual([]);

    expect(await uninstall()).toMatchObject({
      ok: true,
      uninstalled: { report: { alreadyUninstalled: true } },
    });
  });

  it('a store the app never knew needs nothing', async () => {
    const { deps, aMerchantStore } = lifecycleOnFakes();
    const { hash, shop } = aMerchantStore();
    const result = await uninstallApp(
      { ...deps, signedRequests: uninstalling(hash) },
      { signedRequest: 'signed-by-bigcommerce' },
    );
    expect(result).toEqual({ ok: true, uninstalled: null });
    expect(shop.calls).toEqual([]);
  });

  it('refuses a request that does not verify with AUTH.INVALID_SIGNED_PAYLOAD and changes nothing', async () => {
    const { deps, repos, installedStore } = lifecycleOnFakes();
    const { hash, shop, store } = await installedStore();
    const result = await uninstallApp(
      { ...deps, signedRequests: uninstalling(hash) },
      { signedRequest: 'forged' },
    );
    expect(result).toMatchObject({ ok: false, code: 'AUTH.INVALID_SIGNED_PAYLOAD' });
    expect(await repos.stores.getStore(store.id)).toMatchObject({ status: 'installed' });
    expect(await repos.storeUsers.findUser(store.id, OWNER.id)).not.toBeNull();
    expect(shop.calls).toEqual([]);
  });
});
