import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeUser } from '../../../src/app/lifecycle/remove-user.js';
import { LifecycleHarness, uniqueHash } from '../../http/routes/lifecycle/support/lifecycle-harness.js';
import { harnessDeps, installedStore, OWNER, STAFF, signedRequestsFor } from './support/lifecycle-ports.js';

/** removeUser (the /remove_user callback) with the signed requests stood in for by the test. */
let h: LifecycleHarness;

beforeAll(async () => {
  h = await LifecycleHarness.start();
});

afterAll(async () => {
  await h?.close();
});

const removing = (storeHash: string) =>
  signedRequestsFor({ 'signed-by-bigcommerce': { storeHash, user: STAFF, owner: OWNER } });

describe('removeUser', () => {
  it('removes the user the request names, and only them; a repeat removes nothing', async () => {
    const { hash, store } = await installedStore(h);
    await h.repos.storeUsers.upsertUser(
      store.id,
      { bcUserId: STAFF.id, email: STAFF.email, isOwner: false },
      new Date(),
    );
    const deps = { ...harnessDeps(h), signedRequests: removing(hash) };

    expect(await removeUser(deps, { signedRequest: 'signed-by-bigcommerce' })).toEqual({
      ok: true,
      removed: true,
    });
    expect(await h.repos.storeUsers.findUser(store.id, STAFF.id)).toBeNull();
    expect(await h.repos.storeUsers.findUser(store.id, OWNER.id)).toMatchObject({ isOwner: true });

    expect(await removeUser(deps, { signedRequest: 'signed-by-bigcommerce' })).toEqual({
      ok: true,
      removed: false,
    });
  });

  it('a store the app never knew has nobody to remove', async () => {
    const result = await removeUser(
      { ...harnessDeps(h), signedRequests: removing(uniqueHash('n')) },
      { signedRequest: 'signed-by-bigcommerce' },
    );
    expect(result).toEqual({ ok: true, removed: false });
  });

  it('refuses a request that does not verify with AUTH.INVALID_SIGNED_PAYLOAD and removes nobody', async () => {
    const { hash, store } = await installedStore(h);
    await h.repos.storeUsers.upsertUser(
      store.id,
      { bcUserId: STAFF.id, email: STAFF.email, isOwner: false },
      new Date(),
    );
    for (const signedRequest of ['forged', undefined]) {
      const result = await removeUser(
        { ...harnessDeps(h), signedRequests: removing(hash) },
        { signedRequest },
      );
      expect(result).toMatchObject({ ok: false, code: 'AUTH.INVALID_SIGNED_PAYLOAD' });
    }
    expect(await h.repos.storeUsers.findUser(store.id, STAFF.id)).not.toBeNull();
  });
});
