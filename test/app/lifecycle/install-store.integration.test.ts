import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scriptCreateOf } from '../../../src/adapters/bigcommerce/index.js';
import {
  DEFAULT_TEMPLATE,
  type InstallStoreDeps,
  installStore,
  STOREFRONT_SCRIPT_NAME,
  storefrontScriptFor,
  WEBHOOK_SCOPES,
} from '../../../src/app/lifecycle/install-store.js';
import { uninstallStore } from '../../../src/app/lifecycle/uninstall-store.js';
import { asStoreId } from '../../../src/app/ports/store-id.js';
import { StoreNotConnectedError } from '../../../src/app/ports/store-not-connected.js';
import {
  CLIENT_ID,
  LifecycleHarness,
  SCOPES,
  uniqueHash,
} from '../../http/routes/lifecycle/support/lifecycle-harness.js';

/**
 * installStore and uninstallStore against the real sandbox, starting from the messy states a store can
 * be in: hooks left by an older deployment or secret, duplicated or outdated scripts, a revoked token.
 */
let h: LifecycleHarness;

beforeAll(async () => {
  // Few, fast retries: one test makes BigCommerce fail on purpose.
  h = await LifecycleHarness.start({ limits: { maxRetries: 1, backoffBaseMs: 1, backoffMaxMs: 5 } });
});

afterAll(async () => {
  await h?.close();
});

const deps = (overrides: Partial<InstallStoreDeps> = {}): InstallStoreDeps => ({
  stores: h.repos.stores,
  settings: h.repos.settings,
  templates: h.repos.templates,
  storeSetup: h.storeSetup,
  clock: { now: () => new Date() },
  appUrl: h.appUrl,
  ...overrides,
});

/** A store with the app's token recorded (as /auth leaves it), but not set up yet. */
async function connectedStore(timezone = 'America/New_York') {
  const hash = uniqueHash('i');
  h.createStore(hash, { timezone });
  const token = h.sandbox.state.issueToken(hash, CLIENT_ID, SCOPES).token;
  const store = await h.repos.stores.install({
    storeHash: hash,
    accessTokenEncrypted: h.cipher.seal(token, hash),
    scope: SCOPES.join(' '),
    now: new Date(),
  });
  const api = (method: string, path: string, body?: unknown) =>
    fetch(`${h.sandbox.url}/stores/${hash}/v3${path}`, {
      method,
      headers: { 'x-auth-token': token, 'content-type': 'application/json', accept: 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    }).then(async (r) => ({
      status: r.status,
      body: (await r.json().catch(() => null)) as { data: { uuid: string } } | null,
    }));
  return { hash, token, store, api };
}

const destination = () => `${h.appUrl}/webhooks/bigcommerce`;

describe('installStore', () => {
  it('sets up a fresh store: time zone, default template, hooks with the secret, script', async () => {
    const { hash, token, store } = await connectedStore('Australia/Sydney');
    const result = await installStore(deps({ newSecret: () => 'fixed-secret-for-this-test-0123456789' }), {
      storeId: store.id,
    });
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
    const after = (await h.repos.stores.getStore(store.id))!;
    expect(after.timezone).toBe('Australia/Sydney');
    expect(after.webhookSecretHash).toBe(
      createHash('sha256').update('fixed-secret-for-this-test-0123456789').digest('hex'),
    );
    expect(await h.repos.templates.getDefaultTemplate(store.id)).toMatchObject({
      ...DEFAULT_TEMPLATE,
      isDefault: true,
    });
    const hooks = await h.hooksOf(hash, token);
    expect(
      hooks.every((x) => x.headers?.['X-Backorder-Secret'] === 'fixed-secret-for-this-test-0123456789'),
    ).toBe(true);
    expect(await h.scriptsOf(hash, token)).toEqual([
      expect.objectContaining(scriptCreateOf(storefrontScriptFor(h.appUrl, hash))),
    ]);
  });

  it("replaces the app's stale hooks: elsewhere, old secret, inactive, unwanted scope", async () => {
    const { hash, token, store, api } = await connectedStore();
    await installStore(deps(), { storeId: store.id });
    const hooks = await h.hooksOf(hash, token);
    const byScope = (scope: string) => hooks.find((x) => x.scope === scope)!;
    const secret = byScope('store/order/created').headers!['X-Backorder-Secret']!;

    // An older deployment's destination, a hook with an old secret, a deactivated one, an extra scope.
    expect(
      (
        await api('PUT', `/hooks/${byScope('store/order/created').id}`, {
          destination: 'https://old.example.com/webhooks',
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await api('PUT', `/hooks/${byScope('store/product/updated').id}`, {
          headers: { 'X-Backorder-Secret': 'old' },
        })
      ).status,
    ).toBe(200);
    expect(
      (await api('PUT', `/hooks/${byScope('store/product/deleted').id}`, { is_active: false })).status,
    ).toBe(200);
    expect(
      (
        await api('POST', '/hooks', {
          scope: 'store/order/archived',
          destination: destination(),
          headers: { 'X-Backorder-Secret': secret },
        })
      ).status,
    ).toBe(200);

    const result = await installStore(deps(), { storeId: store.id });
    expect(result.ok && result.report).toMatchObject({
      secretRotated: false,
      hooks: { created: 1, updated: 2, deleted: 2 },
      templateCreated: false,
      script: 'unchanged',
    });
    const fixed = await h.hooksOf(hash, token);
    expect(fixed.map((x) => x.scope).sort()).toEqual([...WEBHOOK_SCOPES].sort());
    for (const hook of fixed) {
      expect(hook).toMatchObject({
        destination: destination(),
        is_active: true,
        headers: { 'X-Backorder-Secret': secret },
      });
    }
  });

  it('draws a new secret when no hook carries the stored one any more, and gives it to every hook', async () => {
    const { hash, token, store, api } = await connectedStore();
    await installStore(deps(), { storeId: store.id });
    const oldHash = (await h.repos.stores.getStore(store.id))!.webhookSecretHash;
    for (const hook of await h.hooksOf(hash, token)) {
      expect(
        (await api('PUT', `/hooks/${hook.id}`, { headers: { 'X-Backorder-Secret': 'leaked' } })).status,
      ).toBe(200);
    }
    const result = await installStore(deps(), { storeId: store.id });
    expect(result.ok && result.report).toMatchObject({
      secretRotated: true,
      hooks: { created: 0, updated: WEBHOOK_SCOPES.length, deleted: 0 },
    });
    const newHash = (await h.repos.stores.getStore(store.id))!.webhookSecretHash;
    expect(newHash).not.toBe(oldHash);
    const secrets = new Set((await h.hooksOf(hash, token)).map((x) => x.headers!['X-Backorder-Secret']));
    expect(secrets.size).toBe(1);
    expect(
      createHash('sha256')
        .update([...secrets][0]!)
        .digest('hex'),
    ).toBe(newHash);
  });

  it('updates an outdated storefront script in place and removes duplicates', async () => {
    const { hash, token, store, api } = await connectedStore();
    const outdated = {
      name: STOREFRONT_SCRIPT_NAME,
      kind: 'src',
      src: 'https://old.example.com/storefront/backorder.js',
      location: 'head',
      visibility: 'storefront',
      auto_uninstall: true,
    };
    const first = await api('POST', '/content/scripts', outdated);
    expect(first.status).toBe(200);
    expect(
      (await api('POST', '/content/scripts', { ...outdated, src: `${h.appUrl}/storefront/backorder.js?x=1` }))
        .status,
    ).toBe(200);

    const result = await installStore(deps(), { storeId: store.id });
    expect(result.ok && result.report.script).toBe('updated');
    const scripts = await h.scriptsOf(hash, token);
    expect(scripts).toHaveLength(1);
    expect(scripts[0]).toMatchObject({
      uuid: first.body!.data.uuid,
      ...scriptCreateOf(storefrontScriptFor(h.appUrl, hash)),
    });
  });

  it('keeps a store with templates (and no default) usable: the Default template becomes the default', async () => {
    const { store } = await connectedStore();
    const other = await h.repos.templates.createTemplate(
      store.id,
      { ...DEFAULT_TEMPLATE, name: 'Summer' },
      new Date(),
    );
    expect(other.ok && other.template.isDefault).toBe(true);
    const result = await installStore(deps(), { storeId: store.id });
    expect(result.ok && result.report.templateCreated).toBe(false);
    expect((await h.repos.templates.listTemplates(store.id)).map((t) => t.name)).toEqual(['Summer']);
  });

  it('refuses a store that is not installed, and cannot reach BigCommerce for it', async () => {
    const { store } = await connectedStore();
    await h.repos.stores.markUninstalled(store.id, new Date());
    expect(await installStore(deps(), { storeId: store.id })).toMatchObject({
      ok: false,
      code: 'INSTALL.STORE_NOT_INSTALLED',
    });
    await expect(h.storeClients(store.id)).rejects.toBeInstanceOf(StoreNotConnectedError);
    await expect(h.storeClients(asStoreId(987_654_321))).rejects.toMatchObject({
      code: 'STORE.NOT_CONNECTED',
    });
    await expect(h.storeSetup.listWebhooks(store.id)).rejects.toBeInstanceOf(StoreNotConnectedError);
  });
});

describe('a setup that could not finish', () => {
  it('shows an error page on /auth and completes on the next /load', async () => {
    const hash = uniqueHash('f');
    h.createStore(hash, { timezone: 'Europe/Madrid' });
    h.sandbox.faults.configure({ errorRate: 1, errorStatuses: [503] });
    let failed: Awaited<ReturnType<LifecycleHarness['install']>>;
    try {
      failed = await h.install(hash);
    } finally {
      h.sandbox.faults.configure({ errorRate: 0 });
    }
    expect(failed.status).toBe(502);
    expect(failed.errorCode).toBe('INSTALL.SETUP_FAILED');
    expect(failed.sessionToken).toBeNull();
    const half = (await h.storeRow(hash))!;
    expect(half).toMatchObject({ status: 'installed', webhook_secret_hash: null });
    expect(h.sandbox.state.hooks.listAll(hash)).toEqual([]);

    const healed = await h.load(hash);
    expect(healed.status).toBe(200);
    const row = (await h.storeRow(hash))!;
    expect(row.webhook_secret_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.timezone).toBe('Europe/Madrid');
    expect(await h.hooksOf(hash, h.issuedToken(hash)!)).toHaveLength(WEBHOOK_SCOPES.length);
    expect(await h.scriptsOf(hash, h.issuedToken(hash)!)).toHaveLength(1);
  });
});

describe('uninstallStore', () => {
  const uninstallDeps = () => ({
    stores: h.repos.stores,
    storeUsers: h.repos.storeUsers,
    storeSetup: h.storeSetup,
    clock: { now: () => new Date() },
  });

  it("deletes the app's hooks and script while the token works, then forgets the credentials", async () => {
    const { hash, store } = await connectedStore();
    await installStore(deps(), { storeId: store.id });
    await h.repos.storeUsers.upsertUser(store.id, { bcUserId: 1, email: 'o@x.y', isOwner: true }, new Date());

    const result = await uninstallStore(uninstallDeps(), { storeId: store.id });
    expect(result).toEqual({
      ok: true,
      report: {
        alreadyUninstalled: false,
        remote: { ok: true, hooksDeleted: WEBHOOK_SCOPES.length, scriptsDeleted: 1 },
      },
    });
    expect(h.sandbox.state.hooks.listAll(hash)).toEqual([]);
    expect(h.sandbox.state.scripts.forPage(hash, 'storefront')).toEqual([]);
    expect(await h.repos.stores.getStore(store.id)).toMatchObject({
      status: 'uninstalled',
      accessTokenEncrypted: null,
      webhookSecretHash: null,
    });
    expect(await h.repos.storeUsers.listUsers(store.id)).toEqual([]);

    const again = await uninstallStore(uninstallDeps(), { storeId: store.id });
    expect(again.ok && again.report.alreadyUninstalled).toBe(true);
    expect(await uninstallStore(uninstallDeps(), { storeId: asStoreId(987_654_321) })).toMatchObject({
      ok: false,
      code: 'STORE.NOT_FOUND',
    });
  });

  it('still uninstalls when BigCommerce already revoked the token, and says so', async () => {
    const { hash, store } = await connectedStore();
    await installStore(deps(), { storeId: store.id });
    h.sandbox.state.uninstallApp(hash, CLIENT_ID);

    const result = await uninstallStore(uninstallDeps(), { storeId: store.id });
    expect(result).toEqual({
      ok: true,
      report: { alreadyUninstalled: false, remote: { ok: false, reason: 'BIGCOMMERCE.UNAUTHORIZED' } },
    });
    expect(await h.repos.stores.getStore(store.id)).toMatchObject({
      status: 'uninstalled',
      accessTokenEncrypted: null,
    });
  });
});
