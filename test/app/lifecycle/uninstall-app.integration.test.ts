import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEBHOOK_SCOPES } from '../../../src/app/lifecycle/install-store.js';
import { uninstallApp } from '../../../src/app/lifecycle/uninstall-app.js';
import { LifecycleHarness, uniqueHash } from '../../http/routes/lifecycle/support/lifecycle-harness.js';
import { harnessDeps, installedStore, OWNER, signedRequestsFor } from './support/lifecycle-ports.js';

/** uninstallApp (the /uninstall callback) with the signed requests stood in for by the test. */
let h: LifecycleHarness;

beforeAll(async () => {
  h = await LifecycleHarness.start();
});

afterAll(async () => {
  await h?.close();
});

const uninstalling = (storeHash: string) =>
  signedRequestsFor({ 'signed-by-bigcommerce': { storeHash, user: OWNER, owner: OWNER } });

describe('uninstallApp', () => {
  it('uninstalls the store the request names; a repeat changes nothing', async () => {
    const { hash, store } = await installedStore(h);
    const deps = { ...harnessDeps(h), signedRequests: uninstalling(hash) };

    const result = await uninstallApp(deps, { signedRequest: 'signed-by-bigcommerce' });

    expect(result).toEqual({
      ok: true,
      uninstalled: {
        storeId: store.id,
        report: {
          alreadyUninstalled: false,
          remote: { ok: true, hooksDeleted: WEBHOOK_SCOPES.length, scriptsDeleted: 1 },
        },
      },
    });
    expect(await h.repos.stores.getStore(store.id)).toMatchObject({
      status: 'uninstalled',
      accessTokenEncrypted: null,
      webhookSecretHash: null,
    });
    expect(await h.repos.storeUsers.listUsers(store.id)).toEqual([]);

    const again = await uninstallApp(deps, { signedRequest: 'signed-by-bigcommerce' });
    expect(again).toMatchObject({ ok: true, uninstalled: { report: { alreadyUninstalled: true } } });
  });

  it('a store the app never knew needs nothing', async () => {
    const result = await uninstallApp(
      { ...harnessDeps(h), signedRequests: uninstalling(uniqueHash('n')) },
      { signedRequest: 'signed-by-bigcommerce' },
    );
    expect(result).toEqual({ ok: true, uninstalled: null });
  });

  it('refuses a request that does not verify with AUTH.INVALID_SIGNED_PAYLOAD and changes nothing', async () => {
    const { hash, store } = await installedStore(h);
    const result = await uninstallApp(
      { ...harnessDeps(h), signedRequests: uninstalling(hash) },
      { signedRequest: 'forged' },
    );
    expect(result).toMatchObject({ ok: false, code: 'AUTH.INVALID_SIGNED_PAYLOAD' });
    expect(await h.repos.stores.getStore(store.id)).toMatchObject({ status: 'installed' });
    expect(await h.repos.storeUsers.findUser(store.id, OWNER.id)).not.toBeNull();
  });
});
