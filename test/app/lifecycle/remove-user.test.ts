import { describe, expect, it } from 'vitest';
import { removeUser } from '../../../src/app/lifecycle/remove-user.js';
import { signedRequestsFor } from '../../fakes/signed-requests.js';
import { lifecycleOnFakes, NOW, OWNER, STAFF } from './support/lifecycle-on-fakes.js';

/**
 * removeUser (the /remove_user callback) on fakes, the signed requests stood in for by the test.
 * Against the sandbox and SQLite: remove-user.integration.test.ts.
 */
const removing = (storeHash: string) =>
  signedRequestsFor({ 'signed-by-bigcommerce': { storeHash, user: STAFF, owner: OWNER } });

describe('removeUser', () => {
  it('removes the user the request names, and only them; a repeat removes nothing', async () => {
    const { deps, repos, installedStore } = lifecycleOnFakes();
    const { hash, store } = await installedStore();
    await repos.storeUsers.upsertUser(
      store.id,
      { bcUserId: STAFF.id, email: STAFF.email, isOwner: false },
      NOW,
    );
    const remove = () =>
      removeUser({ ...deps, signedRequests: removing(hash) }, { signedRequest: 'signed-by-bigcommerce' });

    expect(await remove()).toEqual({ ok: true, removed: true });
    expect(await repos.storeUsers.findUser(store.id, STAFF.id)).toBeNull();
    expect(await repos.storeUsers.findUser(store.id, OWNER.id)).toMatchObject({ isOwner: true });
    expect(await remove()).toEqual({ ok: true, removed: false });
  });

  it('a store the app never knew has nobody to remove', async () => {
    const { deps, aMerchantStore } = lifecycleOnFakes();
    const result = await removeUser(
      { ...deps, signedRequests: removing(aMerchantStore().hash) },
      { signedRequest: 'signed-by-bigcommerce' },
    );
    expect(result).toEqual({ ok: true, removed: false });
  });

  it('refuses a request that does not verify with AUTH.INVALID_SIGNED_PAYLOAD and removes nobody', async () => {
    const { deps, repos, installedStore } = lifecycleOnFakes();
    const { hash, store } = await installedStore();
    await repos.storeUsers.upsertUser(
      store.id,
      { bcUserId: STAFF.id, email: STAFF.email, isOwner: false },
      NOW,
    );
    for (const signedRequest of ['forged', undefined]) {
      expect(await removeUser({ ...deps, signedRequests: removing(hash) }, { signedRequest })).toMatchObject({
        ok: false,
        code: 'AUTH.INVALID_SIGNED_PAYLOAD',
      });
    }
    expect(await repos.storeUsers.findUser(store.id, STAFF.id)).not.toBeNull();
  });
});
