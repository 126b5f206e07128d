import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TEMPLATE,
  installStore,
  STOREFRONT_SCRIPT_NAME,
  setUpStore,
  storefrontScriptFor,
  WEBHOOK_SCOPES,
} from '../../../src/app/lifecycle/install-store.js';
import { uninstallStore } from '../../../src/app/lifecycle/uninstall-store.js';
import { asStoreId } from '../../../src/app/ports/store-id.js';
import { StoreNotConnectedError } from '../../../src/app/ports/store-not-connected.js';
import type { StorefrontScript } from '../../../src/app/ports/store-setup.js';
import { APP_URL, lifecycleOnFakes, NOW } from './support/lifecycle-on-fakes.js';

/**
 * installStore and uninstallStore on fakes, from the messy states a store can be in: hooks left by an
 * older deployment or secret, duplicated or outdated scripts, a revoked token. Against the sandbox:
 * install-store.integration.test.ts.
 */
const DESTINATION = `${APP_URL}/webhooks/bigcommerce`;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** A store with the app's token recorded (as /auth leaves it), not set up yet. */
async function aConnectedStore(timeZone: string | null = 'America/New_York') {
  const world = lifecycleOnFakes();
  const { hash, shop } = world.aMerchantStore(timeZone);
  const store = await world.repos.stores.install({
    storeHash: hash,
    accessTokenEncrypted: world.cipher.seal('token', hash),
    scope: 'store_v2_products',
    now: NOW,
  });
  return { ...world, hash, shop, store };
}

describe('installStore', () => {
  it('sets up a fresh store: time zone, default template, hooks with the secret, script', async () => {
    const { deps, repos, shop, store, hash } = await aConnectedStore('Australia/Sydney');
    shop.name = 'Bondi Surf Co';

    const result = await installStore(
      { ...deps, newSecret: () => 'fixed-secret-0123456789' },
      { storeId: store.id },
    );

    expect(result).toEqual({
      ok: true,
      report: {
        timezone: 'Australia/Sydney',
        templateCreated: true,
        secretRotated: true,
        hooks: { created: WEBHOOK_SCOPES.length, updated: 0, deleted: 0 },
        script: 'created',
      },
    });
    const after = (await repos.stores.getStore(store.id))!;
    expect(after).toMatchObject({
      timezone: 'Australia/Sydney',
      // What the merchant's emails call the store.
      name: 'Bondi Surf Co',
      webhookSecretHash: sha256('fixed-secret-0123456789'),
    });
    expect(await repos.templates.getDefaultTemplate(store.id)).toMatchObject({
      ...DEFAULT_TEMPLATE,
      isDefault: true,
    });
    expect(shop.webhooks()).toEqual(
      WEBHOOK_SCOPES.map((scope) => ({
        id: expect.any(Number),
        scope,
        destination: DESTINATION,
        active: true,
        headers: { 'X-Backorder-Secret': 'fixed-secret-0123456789' },
      })),
    );
    expect(shop.scripts()).toEqual([
      { id: expect.any(String), inline: false, ...storefrontScriptFor(APP_URL, hash) },
    ]);
  });

  it('changes nothing when run again on a store set up as it should be', async () => {
    const { deps, shop, store } = await aConnectedStore();
    await installStore(deps, { storeId: store.id });
    shop.writes.length = 0;

    const again = await installStore(deps, { storeId: store.id });

    expect(again).toEqual({
      ok: true,
      report: {
        timezone: 'America/New_York',
        templateCreated: false,
        secretRotated: false,
        hooks: { created: 0, updated: 0, deleted: 0 },
        script: 'unchanged',
      },
    });
    expect(shop.writes).toEqual([]);
  });

  it('keeps the store’s time zone when BigCommerce names none, or one that is not a time zone', async () => {
    for (const timeZone of [null, 'Mars/Olympus_Mons']) {
      const { deps, repos, store } = await aConnectedStore(timeZone);
      const result = await installStore(deps, { storeId: store.id });
      expect(result.ok && result.report.timezone).toBe(store.timezone);
      expect((await repos.stores.getStore(store.id))?.timezone).toBe(store.timezone);
    }
  });

  it("replaces the app's stale hooks: elsewhere, old secret, inactive, unwanted scope", async () => {
    const world = await aConnectedStore();
    await installStore(world.deps, { storeId: world.store.id });
    const setup = world.deps.storeSetup;
    const byScope = (scope: string) => world.shop.webhooks().find((h) => h.scope === scope)!;
    const secret = byScope('store/order/created').headers!['X-Backorder-Secret']!;
    // An older deployment's destination, a hook with an old secret, a deactivated one, an extra scope.
    await setup.deleteWebhook(world.store.id, byScope('store/order/created').id);
    await setup.createWebhook(world.store.id, {
      scope: 'store/order/created',
      destination: 'https://old.example.com/webhooks',
      active: true,
      headers: { 'X-Backorder-Secret': secret },
    });
    await setup.updateWebhook(world.store.id, byScope('store/product/updated').id, {
      headers: { 'X-Backorder-Secret': 'old' },
    });
    await setup.updateWebhook(world.store.id, byScope('store/product/deleted').id, { active: false });
    await setup.createWebhook(world.store.id, {
      scope: 'store/order/archived',
      destination: DESTINATION,
      active: true,
      headers: { 'X-Backorder-Secret': secret },
    });

    const result = await installStore(world.deps, { storeId: world.store.id });

    expect(result.ok && result.report).toMatchObject({
      secretRotated: false,
      hooks: { created: 1, updated: 2, deleted: 2 },
      templateCreated: false,
      script: 'unchanged',
    });
    const fixed = world.shop.webhooks();
    expect(fixed.map((h) => h.scope).sort()).toEqual([...WEBHOOK_SCOPES].sort());
    for (const hook of fixed) {
      expect(hook).toMatchObject({
        destination: DESTINATION,
        active: true,
        headers: { 'X-Backorder-Secret': secret },
      });
    }
  });

  it('draws a new secret when no hook carries the stored one any more, and gives it to every hook', async () => {
    const { deps, repos, shop, store } = await aConnectedStore();
    await installStore(deps, { storeId: store.id });
    const oldHash = (await repos.stores.getStore(store.id))!.webhookSecretHash;
    for (const hook of shop.webhooks()) {
      await deps.storeSetup.updateWebhook(store.id, hook.id, { headers: { 'X-Backorder-Secret': 'leaked' } });
    }

    const result = await installStore(deps, { storeId: store.id });

    expect(result.ok && result.report).toMatchObject({
      secretRotated: true,
      hooks: { created: 0, updated: WEBHOOK_SCOPES.length, deleted: 0 },
    });
    const newHash = (await repos.stores.getStore(store.id))!.webhookSecretHash;
    expect(newHash).not.toBe(oldHash);
    const secrets = new Set(shop.webhooks().map((h) => h.headers!['X-Backorder-Secret']!));
    expect(secrets.size).toBe(1);
    expect(sha256([...secrets][0]!)).toBe(newHash);
  });

  it('updates an outdated storefront script in place and removes duplicates', async () => {
    const { deps, shop, store, hash } = await aConnectedStore();
    const outdated: StorefrontScript = {
      ...storefrontScriptFor('https://old.example.com', hash),
      name: STOREFRONT_SCRIPT_NAME,
      location: 'head',
      loading: 'default',
    };
    await deps.storeSetup.createScript(store.id, outdated);
    await deps.storeSetup.createScript(store.id, {
      ...outdated,
      name: 'Backorder (old name)',
      src: `${APP_URL}/storefront/backorder.js?x=1`,
    });
    const [first] = shop.scripts();

    const result = await installStore(deps, { storeId: store.id });

    expect(result.ok && result.report.script).toBe('updated');
    expect(shop.scripts()).toEqual([{ id: first!.id, inline: false, ...storefrontScriptFor(APP_URL, hash) }]);
  });

  it('keeps a store with templates (and no default) usable: the Default template becomes the default', async () => {
    const { deps, repos, store } = await aConnectedStore();
    const other = await repos.templates.createTemplate(
      store.id,
      { ...DEFAULT_TEMPLATE, name: 'Summer' },
      NOW,
    );
    expect(other.ok && other.template.isDefault).toBe(true);

    const result = await installStore(deps, { storeId: store.id });

    expect(result.ok && result.report.templateCreated).toBe(false);
    expect((await repos.templates.listTemplates(store.id)).map((t) => t.name)).toEqual(['Summer']);
  });

  it('refuses a store that is not installed, which BigCommerce cannot be asked about either', async () => {
    const { deps, repos, shop, store } = await aConnectedStore();
    await repos.stores.markUninstalled(store.id, NOW);

    expect(await installStore(deps, { storeId: store.id })).toMatchObject({
      ok: false,
      code: 'INSTALL.STORE_NOT_INSTALLED',
    });
    expect(shop.calls).toEqual([]);
    await expect(deps.storeSetup.listWebhooks(store.id)).rejects.toBeInstanceOf(StoreNotConnectedError);
  });
});

describe('setUpStore (installStore as the callbacks run it)', () => {
  it('answers INSTALL.SETUP_FAILED when BigCommerce fails on the way; the next run finishes it', async () => {
    const { deps, repos, shop, store } = await aConnectedStore('Europe/Madrid');
    shop.fail({ method: 'createScript' });

    const failed = await setUpStore(deps, store);

    expect(failed).toMatchObject({
      ok: false,
      code: 'INSTALL.SETUP_FAILED',
      storeId: store.id,
      error: expect.objectContaining({ code: 'BIGCOMMERCE.SERVER_ERROR' }),
    });
    // What was done stays done; the secret is stored last, so the setup reads as unfinished.
    expect(shop.webhooks()).toHaveLength(WEBHOOK_SCOPES.length);
    expect(await repos.stores.getStore(store.id)).toMatchObject({
      timezone: 'Europe/Madrid',
      webhookSecretHash: null,
    });

    const healed = await setUpStore(deps, store);

    expect(healed).toMatchObject({
      ok: true,
      store: {
        id: store.id,
        timezone: 'Europe/Madrid',
        webhookSecretHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      },
      report: {
        secretRotated: true,
        hooks: { created: 0, updated: WEBHOOK_SCOPES.length },
        script: 'created',
      },
    });
  });
});

describe('uninstallStore', () => {
  it("deletes the app's hooks and script while the token works, then forgets the credentials", async () => {
    const { deps, repos, shop, store } = await aConnectedStore();
    await installStore(deps, { storeId: store.id });
    await repos.storeUsers.upsertUser(store.id, { bcUserId: 1, email: 'o@x.y', isOwner: true }, NOW);

    const result = await uninstallStore(deps, { storeId: store.id });

    expect(result).toEqual({
      ok: true,
      report: {
        alreadyUninstalled: false,
        remote: { ok: true, hooksDeleted: WEBHOOK_SCOPES.length, scriptsDeleted: 1 },
      },
    });
    expect(shop.webhooks()).toEqual([]);
    expect(shop.scripts()).toEqual([]);
    expect(await repos.stores.getStore(store.id)).toMatchObject({
      status: 'uninstalled',
      accessTokenEncrypted: null,
      webhookSecretHash: null,
      uninstalledAt: NOW,
    });
    expect(await repos.storeUsers.listUsers(store.id)).toEqual([]);
    // Business data stays: the settings and templates are kept.
    expect(await repos.templates.listTemplates(store.id)).toHaveLength(1);

    shop.calls.length = 0;
    const again = await uninstallStore(deps, { storeId: store.id });
    expect(again.ok && again.report).toEqual({
      alreadyUninstalled: true,
      remote: { ok: true, hooksDeleted: 0, scriptsDeleted: 0 },
    });
    expect(shop.calls).toEqual([]);
    expect(await uninstallStore(deps, { storeId: asStoreId(987_654_321) })).toMatchObject({
      ok: false,
      code: 'STORE.NOT_FOUND',
    });
  });

  it('still uninstalls when BigCommerce already revoked the token, and says so', async () => {
    const { deps, repos, shop, store } = await aConnectedStore();
    await installStore(deps, { storeId: store.id });
    shop.revokeToken();

    const result = await uninstallStore(deps, { storeId: store.id });

    expect(result).toEqual({
      ok: true,
      report: { alreadyUninstalled: false, remote: { ok: false, reason: 'BIGCOMMERCE.UNAUTHORIZED' } },
    });
    expect(await repos.stores.getStore(store.id)).toMatchObject({
      status: 'uninstalled',
      accessTokenEncrypted: null,
    });
  });
});
