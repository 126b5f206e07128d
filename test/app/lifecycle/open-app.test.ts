import { describe, expect, it } from 'vitest';
import { openApp } from '../../../src/app/lifecycle/open-app.js';
import { removeUser } from '../../../src/app/lifecycle/remove-user.js';
import { signedRequestsFor } from '../../fakes/signed-requests.js';
import { lifecycleOnFakes, OWNER, STAFF } from './support/lifecycle-on-fakes.js';

/**
 * openApp (the /load callback) on fakes, the signed requests stood in for by the test. Against the
 * sandbox and SQLite: open-app.integration.test.ts.
 */
const opening = (storeHash: string, user: { id: number; email: string }) =>
  signedRequestsFor({ 'signed-by-bigcommerce': { storeHash, user, owner: OWNER } });

describe('openApp', () => {
  it('records the user who opens the app (owner or not) and lets them in; no token is returned', async () => {
    const { deps, repos, installedStore } = lifecycleOnFakes();
    const { hash, accessToken, shop, store } = await installedStore();

    const staff = await openApp(
      { ...deps, signedRequests: opening(hash, STAFF) },
      { signedRequest: 'signed-by-bigcommerce' },
    );

    expect(staff).toEqual({
      ok: true,
      store: { id: store.id, storeHash: hash, timezone: 'Europe/Rome' },
      user: STAFF,
      setup: null,
    });
    expect(JSON.stringify(staff)).not.toContain(accessToken);
    expect(JSON.stringify(staff)).not.toContain(store.accessTokenEncrypted!);
    expect(await repos.storeUsers.findUser(store.id, STAFF.id)).toMatchObject({
      email: STAFF.email,
      isOwner: false,
    });
    // A store set up already is not asked anything.
    expect(shop.calls).toEqual([]);

    const owner = await openApp(
      { ...deps, signedRequests: opening(hash, { id: OWNER.id, email: 'new-owner@example.com' }) },
      { signedRequest: 'signed-by-bigcommerce' },
    );
    expect(owner).toMatchObject({ ok: true, user: { id: OWNER.id, email: 'new-owner@example.com' } });
    expect(await repos.storeUsers.findUser(store.id, OWNER.id)).toMatchObject({
      email: 'new-owner@example.com',
      isOwner: true,
    });
  });

  it('accepts each signed request once: a replayed link is refused with AUTH.SIGNED_PAYLOAD_USED', async () => {
    const { deps, installedStore } = lifecycleOnFakes();
    const { hash } = await installedStore();
    const signed = signedRequestsFor({
      replayed: { id: 'jti-of-one-link', storeHash: hash, user: STAFF, owner: OWNER },
      fresh: { storeHash: hash, user: STAFF, owner: OWNER },
    });
    const open = (signedRequest: string) => openApp({ ...deps, signedRequests: signed }, { signedRequest });

    expect(await open('replayed')).toMatchObject({ ok: true });
    expect(await open('replayed')).toMatchObject({ ok: false, code: 'AUTH.SIGNED_PAYLOAD_USED' });
    // Every opening in the control panel is a new request (a new jti): each is let in.
    expect(await open('fresh')).toMatchObject({ ok: true });
    expect(await open('fresh')).toMatchObject({ ok: true });
  });

  it('refuses a removed user with AUTH.USER_REMOVED for links signed before the removal; a link signed after lets them in', async () => {
    const { deps, repos, installedStore } = lifecycleOnFakes();
    const { hash, store } = await installedStore();
    const at = (second: number) => new Date(Date.UTC(2030, 0, 1, 0, 0, second));
    const linkAt = (second: number) => ({ storeHash: hash, user: STAFF, owner: OWNER, issuedAt: at(second) });
    const signed = signedRequestsFor({
      before: linkAt(10),
      sameSecond: linkAt(20),
      after: linkAt(21),
      remove: linkAt(20),
    });
    const open = (signedRequest: string) => openApp({ ...deps, signedRequests: signed }, { signedRequest });

    expect(await open('before')).toMatchObject({ ok: true });
    const removed = await removeUser({ ...deps, signedRequests: signed }, { signedRequest: 'remove' });
    expect(removed).toEqual({ ok: true, removed: true });

    for (const link of ['before', 'sameSecond']) {
      expect(await open(link), link).toMatchObject({ ok: false, code: 'AUTH.USER_REMOVED' });
    }
    expect(await repos.storeUsers.findUser(store.id, STAFF.id)).toBeNull();
    // BigCommerce signs a /load for a user only while they may use the app: one signed after the
    // removal means the owner gave access back.
    expect(await open('after')).toMatchObject({ ok: true, user: STAFF });
    expect(await repos.storeUsers.findUser(store.id, STAFF.id)).not.toBeNull();
    // Other users are not concerned.
    const owner = signedRequestsFor({
      owner: { storeHash: hash, user: OWNER, owner: OWNER, issuedAt: at(1) },
    });
    expect(await openApp({ ...deps, signedRequests: owner }, { signedRequest: 'owner' })).toMatchObject({
      ok: true,
    });
  });

  it('refuses a request that does not verify (or none) with AUTH.INVALID_SIGNED_PAYLOAD and records nothing', async () => {
    const { deps, repos, installedStore } = lifecycleOnFakes();
    const { hash, store } = await installedStore();
    for (const signedRequest of ['forged', undefined]) {
      expect(await openApp({ ...deps, signedRequests: opening(hash, STAFF) }, { signedRequest })).toEqual({
        ok: false,
        code: 'AUTH.INVALID_SIGNED_PAYLOAD',
        message: 'signed_payload_jwt is not valid for this app.',
      });
    }
    expect(await repos.storeUsers.findUser(store.id, STAFF.id)).toBeNull();
  });

  it('refuses a store the app is not installed in with STORE.NOT_INSTALLED', async () => {
    const { deps, repos, installedStore, aMerchantStore } = lifecycleOnFakes();
    const stranger = await openApp(
      { ...deps, signedRequests: opening(aMerchantStore().hash, STAFF) },
      { signedRequest: 'signed-by-bigcommerce' },
    );
    expect(stranger).toMatchObject({ ok: false, code: 'STORE.NOT_INSTALLED' });

    const { hash, store } = await installedStore();
    await repos.stores.markUninstalled(store.id, new Date());
    const gone = await openApp(
      { ...deps, signedRequests: opening(hash, STAFF) },
      { signedRequest: 'signed-by-bigcommerce' },
    );
    expect(gone).toMatchObject({ ok: false, code: 'STORE.NOT_INSTALLED' });
    expect(await repos.storeUsers.findUser(store.id, STAFF.id)).toBeNull();
  });

  it('finishes a setup an earlier install left unfinished, and says what it did', async () => {
    const { deps, repos, installedStore } = lifecycleOnFakes();
    const { hash, store } = await installedStore({ setupFails: true });
    expect(store).toMatchObject({ webhookSecretHash: null, timezone: 'UTC' });

    const result = await openApp(
      { ...deps, signedRequests: opening(hash, STAFF) },
      { signedRequest: 'signed-by-bigcommerce' },
    );

    expect(result).toMatchObject({
      ok: true,
      store: { id: store.id, timezone: 'Europe/Rome' },
      setup: { timezone: 'Europe/Rome', secretRotated: true, script: 'created' },
    });
    expect((await repos.stores.getStore(store.id))?.webhookSecretHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('a setup that still cannot finish is INSTALL.SETUP_FAILED, and the user is not let in', async () => {
    const { deps, repos, installedStore } = lifecycleOnFakes();
    const { hash, shop, store } = await installedStore({ setupFails: true });
    shop.goDown();

    const result = await openApp(
      { ...deps, signedRequests: opening(hash, STAFF) },
      { signedRequest: 'signed-by-bigcommerce' },
    );

    expect(result).toMatchObject({ ok: false, code: 'INSTALL.SETUP_FAILED', storeId: store.id });
    expect(await repos.storeUsers.findUser(store.id, STAFF.id)).toBeNull();
  });
});
