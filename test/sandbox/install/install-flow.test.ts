import * as cheerio from 'cheerio';
import { decodeProtectedHeader, jwtVerify } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type ControlPanel, createControlPanel } from '../../../src/sandbox/control-panel/index.js';
import { sandboxConfigFor } from '../../../src/sandbox/sandbox.config.js';
import { createSandbox, type Sandbox } from '../../../src/sandbox/server.js';
import type { ProductCreateInput } from '../../../src/sandbox/state/catalog.schemas.js';
import type { OrderCreateInput } from '../../../src/sandbox/state/orders.repo.js';
import { anOrder, aProduct } from '../support/sandbox.builders.js';
import { FakeApp } from './fake-app.js';

const STORE = 'demo1234';
const CLIENT_ID = 'backorder-test-client';
const SECRET = 'test-client-secret-0123456789';
const SCOPES = ['store_v2_products', 'store_v2_orders', 'store_v2_content', 'store_v2_information'];

let sandbox: Sandbox;
let cp: ControlPanel;
let app: FakeApp;

beforeAll(async () => {
  cp = createControlPanel({ callbackTimeoutMs: 5000 });
  sandbox = await createSandbox({
    config: { ...sandboxConfigFor(), webhooks: { timeScale: 0.001, duplicateRate: 0, timeoutMs: 2000 } },
    ensureDemoStore: true,
    plugins: [cp.plugin],
  });
  app = new FakeApp({ clientId: CLIENT_ID, clientSecret: SECRET, loginUrl: () => sandbox.url });
  await app.start();
  cp.apps.register({
    clientId: CLIENT_ID,
    clientSecret: SECRET,
    name: 'Backorder <Test>',
    authCallbackUrl: app.authCallback,
    loadCallbackUrl: `${app.url}/load`,
    uninstallCallbackUrl: `${app.url}/uninstall`,
    removeUserCallbackUrl: `${app.url}/remove-user`,
    scopes: SCOPES,
  });
});

afterAll(async () => {
  await sandbox?.close();
  await app?.close();
});

beforeEach(async () => {
  // Every test starts with the app not installed.
  if (cp.service().isInstalled(STORE, CLIENT_ID)) await cp.service().uninstall(STORE, CLIENT_ID);
  app.calls.length = 0;
  app.exchanges.length = 0;
});

const get = (path: string, init: RequestInit = {}) =>
  fetch(`${sandbox.url}${path}`, { redirect: 'manual', ...init });
const post = (path: string, init: RequestInit = {}) => get(path, { method: 'POST', ...init });

/** Clicks Install and lets the browser follow the redirect to the app's auth callback. */
async function install(): Promise<{ query: URLSearchParams; token: Record<string, unknown> }> {
  const res = await post(`/cp/${STORE}/apps/${CLIENT_ID}/install`);
  expect(res.status).toBe(303);
  const location = new URL(res.headers.get('location')!);
  expect(`${location.origin}${location.pathname}`).toBe(app.authCallback);
  const auth = await fetch(location);
  expect(auth.status).toBe(200);
  const exchange = app.exchanges.at(-1)!;
  expect(exchange.status).toBe(200);
  return { query: location.searchParams, token: exchange.body };
}

async function verifyJwt(jwt: string) {
  const { payload } = await jwtVerify(jwt, new TextEncoder().encode(SECRET), {
    algorithms: ['HS256'],
    audience: CLIENT_ID,
    issuer: 'bc',
  });
  return payload;
}

describe('app install flow', () => {
  it('lists registered apps on the control panel, escaped, with Install', async () => {
    const res = await get(`/cp/${STORE}/apps`);
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(body).toContain('Backorder &lt;Test&gt;');
    const $ = cheerio.load(body);
    const row = $(`tr.cp-app[data-client-id="${CLIENT_ID}"]`);
    expect(row.attr('data-installed')).toBe('false');
    expect(row.find(`form[action="/cp/${STORE}/apps/${CLIENT_ID}/install"] button.cp-install`).length).toBe(
      1,
    );
    expect((await get('/cp/nostore/apps')).status).toBe(404);
  });

  it('shows a notice from the query string as text, never as markup', async () => {
    const notice = '<img src=x onerror=alert(1)>';
    const body = await (await get(`/cp/${STORE}/apps?notice=${encodeURIComponent(notice)}`)).text();
    expect(body).not.toContain('<img src=x');
    expect(cheerio.load(body)('.cp-notice').text()).toBe(notice);
  });

  it('sends the browser to the auth callback and exchanges the one-time code for a working token', async () => {
    const { query, token } = await install();
    expect(query.get('context')).toBe(`stores/${STORE}`);
    expect(query.get('scope')).toBe(SCOPES.join(' '));
    expect(query.get('account_uuid')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(query.get('code')).toMatch(/^[\w-]{20,}$/);

    const store = sandbox.state.stores.get(STORE)!;
    expect(token).toEqual({
      access_token: expect.any(String),
      scope: SCOPES.join(' '),
      user: { id: store.storeId, username: store.settings.adminEmail, email: store.settings.adminEmail },
      owner: { id: store.storeId, username: store.settings.adminEmail, email: store.settings.adminEmail },
      context: `stores/${STORE}`,
      account_uuid: query.get('account_uuid'),
    });

    const api = await get(`/stores/${STORE}/v2/store`, {
      headers: { 'x-auth-token': token.access_token as string, accept: 'application/json' },
    });
    expect(api.status).toBe(200);
    // Scopes are those granted: inventory was not asked for.
    const inventory = await get(`/stores/${STORE}/v3/inventory/items`, {
      headers: { 'x-auth-token': token.access_token as string },
    });
    expect(inventory.status).toBe(403);

    const row = cheerio.load(await (await get(`/cp/${STORE}/apps`)).text())(
      `tr.cp-app[data-client-id="${CLIENT_ID}"]`,
    );
    expect(row.attr('data-installed')).toBe('true');
    expect(row.find('a.cp-open').attr('href')).toBe(`/cp/${STORE}/apps/${CLIENT_ID}`);
  });

  it('refuses a reused code', async () => {
    const { query } = await install();
    const again = await app.exchange(query);
    expect(again).toEqual({ status: 400, body: { error: 'Invalid code.' } });
  });

  it('refuses a wrong secret, client, redirect_uri, context or grant, without burning the code', async () => {
    const res = await post(`/cp/${STORE}/apps/${CLIENT_ID}/install`);
    const query = new URL(res.headers.get('location')!).searchParams;
    expect(await app.exchange(query, { client_secret: 'wrong' })).toEqual({
      status: 400,
      body: { error: 'invalid_client', error_description: 'Parameter client_secret does not match' },
    });
    expect(await app.exchange(query, { client_id: 'nobody' })).toEqual({
      status: 400,
      body: { error: 'Invalid client id.' },
    });
    expect((await app.exchange(query, { redirect_uri: 'http://127.0.0.1:1/elsewhere' })).body.error).toBe(
      'redirect_uri_mismatch',
    );
    expect((await app.exchange(query, { grant_type: 'client_credentials' })).body.error).toBe(
      'unsupported_grant_type',
    );
    expect((await app.exchange(query, { scope: 'store_v2_products store_inventory' })).body.error).toBe(
      'invalid_scope',
    );
    const otherStore = await app.exchange(query, { context: 'stores/other' });
    expect(otherStore.status).toBe(403);
    expect(await app.exchange(query, { code: 'made-up' })).toEqual({
      status: 400,
      body: { error: 'Invalid code.' },
    });
    expect(sandbox.state.tokens.forClient(STORE, CLIENT_ID)).toBeUndefined();
    expect((await app.exchange(query)).status).toBe(200);
  });

  it('accepts a form-encoded token request too', async () => {
    const res = await post(`/cp/${STORE}/apps/${CLIENT_ID}/install`);
    const query = new URL(res.headers.get('location')!).searchParams;
    const token = await fetch(`${sandbox.url}/oauth2/token`, {
      method: 'POST',
      body: new URLSearchParams({
        client_id: CLIENT_ID,
        client_secret: SECRET,
        code: query.get('code')!,
        context: query.get('context')!,
        scope: query.get('scope')!,
        grant_type: 'authorization_code',
        redirect_uri: app.authCallback,
      }),
    });
    expect(token.status).toBe(200);
    expect((await token.json()).context).toBe(`stores/${STORE}`);
  });

  it('opens the app with a signed_payload_jwt carrying BigCommerce claims', async () => {
    await install();
    const page = await get(`/cp/${STORE}/apps/${CLIENT_ID}`);
    expect(page.status).toBe(200);
    const src = cheerio
      .load(await page.text())('iframe.cp-app-frame')
      .attr('src')!;
    const loadUrl = new URL(src);
    expect(`${loadUrl.origin}${loadUrl.pathname}`).toBe(`${app.url}/load`);
    expect((await fetch(loadUrl)).status).toBe(200);
    const jwt = app.callsTo('/load')[0]!.query.get('signed_payload_jwt')!;
    expect(decodeProtectedHeader(jwt)).toMatchObject({ alg: 'HS256', typ: 'JWT' });
    const claims = await verifyJwt(jwt);
    const store = sandbox.state.stores.get(STORE)!;
    expect(claims).toEqual({
      aud: CLIENT_ID,
      iss: 'bc',
      iat: expect.any(Number),
      nbf: claims.iat,
      exp: (claims.iat as number) + 86_400,
      jti: expect.stringMatching(/^[0-9a-f-]{36}$/),
      sub: `stores/${STORE}`,
      user: { id: store.storeId, email: store.settings.adminEmail, locale: 'en-US' },
      owner: { id: store.storeId, email: store.settings.adminEmail },
      url: '/',
      channel_id: null,
    });
    await expect(jwtVerify(jwt, new TextEncoder().encode('another-secret'))).rejects.toThrow();

    const direct = await get(`/cp/${STORE}/apps/${CLIENT_ID}?frame=0&url=/products/42`);
    expect(direct.status).toBe(303);
    const deepLink = await verifyJwt(
      new URL(direct.headers.get('location')!).searchParams.get('signed_payload_jwt')!,
    );
    expect(deepLink.url).toBe('/products/42');
    expect(deepLink.jti).not.toBe(claims.jti);
  });

  it('refuses to open an app that is not installed', async () => {
    expect((await get(`/cp/${STORE}/apps/${CLIENT_ID}`)).status).toBe(409);
    expect((await get(`/cp/${STORE}/apps/unknown-client`)).status).toBe(404);
  });

  it('uninstalls: calls the uninstall callback, removes the app’s hooks and scripts, revokes its token', async () => {
    const { token } = await install();
    const headers = { 'x-auth-token': token.access_token as string, 'content-type': 'application/json' };
    const hook = (scope: string, auth: Record<string, string>) =>
      post(`/stores/${STORE}/v3/hooks`, {
        headers: auth,
        body: JSON.stringify({
          scope,
          destination: `${app.url}/webhooks`,
          is_active: true,
          headers: { 'x-app-secret': 's3' },
        }),
      });
    expect((await hook('store/app/uninstalled', headers)).status).toBe(200);
    expect((await hook('store/order/created', headers)).status).toBe(200);
    const otherClient = { 'x-auth-token': sandbox.config.demoApiToken, 'content-type': 'application/json' };
    expect((await hook('store/app/uninstalled', otherClient)).status).toBe(200);
    const script = await post(`/stores/${STORE}/v3/content/scripts`, {
      headers,
      body: JSON.stringify({
        name: 'app script',
        kind: 'src',
        src: 'https://cdn.example.com/app.js',
        auto_uninstall: true,
      }),
    });
    expect(script.status).toBe(200);

    const res = await post(`/cp/${STORE}/apps/${CLIENT_ID}/uninstall`);
    expect(res.status).toBe(303);
    const notice = cheerio
      .load(await (await get(res.headers.get('location')!)).text())('.cp-notice')
      .text();
    expect(notice).toContain('2 webhooks and 1 scripts removed; uninstall callback answered 200');

    const uninstallCall = app.callsTo('/uninstall')[0]!;
    const claims = await verifyJwt(uninstallCall.query.get('signed_payload_jwt')!);
    expect(claims.sub).toBe(`stores/${STORE}`);

    const remaining = sandbox.state.hooks.listAll(STORE);
    expect(remaining.map((h) => h.client_id)).toEqual([expect.not.stringMatching(CLIENT_ID)]);
    expect(
      sandbox.state.scripts.forPage(STORE, 'storefront').some((s) => s.api_client_id === CLIENT_ID),
    ).toBe(false);
    const revoked = await get(`/stores/${STORE}/v2/store`, {
      headers: { 'x-auth-token': token.access_token as string },
    });
    expect(revoked.status).toBe(401);

    // store/app/uninstalled went to the uninstalled app's hook only (the other client's hook is not told).
    await sandbox.dispatcher.settled();
    const deliveries = app
      .callsTo('/webhooks')
      .map((c) => ({ body: JSON.parse(c.body), secret: c.headers['x-app-secret'] }));
    expect(deliveries).toEqual([
      {
        body: expect.objectContaining({ scope: 'store/app/uninstalled', producer: `stores/${STORE}` }),
        secret: 's3',
      },
    ]);
    for (const h of remaining) sandbox.state.hooks.delete(STORE, h.client_id, h.id);

    expect((await post(`/cp/${STORE}/apps/${CLIENT_ID}/uninstall`)).status).toBe(409);
    const again = await install();
    expect(again.token.access_token).not.toBe(token.access_token);
  });

  it('still uninstalls when the app’s uninstall callback is down', async () => {
    await install();
    const saved = cp.apps.get(CLIENT_ID)!;
    cp.apps.register({ ...saved, uninstallCallbackUrl: 'http://127.0.0.1:9/uninstall' });
    try {
      const result = await cp.service().uninstall(STORE, CLIENT_ID);
      expect(result).toMatchObject({ ok: true, callback: { status: null, error: expect.any(String) } });
      expect(cp.service().isInstalled(STORE, CLIENT_ID)).toBe(false);
    } finally {
      cp.apps.register(saved);
    }
  });

  it('calls remove_user with a JWT naming the removed user, and never removes the owner', async () => {
    await install();
    const user = { id: 777, username: 'staff@example.com', email: 'staff@example.com' };
    const removed = await cp.service().removeUser(STORE, CLIENT_ID, user);
    expect(removed).toMatchObject({ ok: true, callback: { status: 200 } });
    const claims = await verifyJwt(app.callsTo('/remove-user')[0]!.query.get('signed_payload_jwt')!);
    expect(claims.user).toEqual({ id: 777, email: 'staff@example.com', locale: 'en-US' });
    const owner = sandbox.state.stores.get(STORE)!;
    const refused = await cp.service().removeUser(STORE, CLIENT_ID, {
      id: owner.storeId,
      username: owner.settings.adminEmail,
      email: owner.settings.adminEmail,
    });
    expect(refused).toMatchObject({ ok: false, code: 'SANDBOX.CP.CANNOT_REMOVE_OWNER' });
  });

  it('refuses cross-site posts to the control panel', async () => {
    const res = await post(`/cp/${STORE}/apps/${CLIENT_ID}/install`, {
      headers: { origin: 'http://evil.example' },
    });
    expect(res.status).toBe(403);
    expect(app.calls).toEqual([]);
  });
});

describe('the control panel’s order page', () => {
  it('shows an order at /cp/{store}/manage/orders/{id}, where apps link, its texts as text', async () => {
    const product = sandbox.state.products.createProduct(STORE, aProduct() as ProductCreateInput);
    if (!product.ok) throw new Error(product.message);
    const created = sandbox.state.orders.create(
      STORE,
      anOrder([{ product_id: product.value.id, quantity: 2 }], {
        staff_notes: '<b>Backorder</b> note',
      }) as OrderCreateInput,
    );
    if (!created.ok) throw new Error(created.message);
    const res = await get(`/cp/${STORE}/manage/orders/${created.value.id}`);
    expect(res.status).toBe(200);
    const $ = cheerio.load(await res.text());
    expect($('h1').text()).toBe(`Order #${created.value.id}`);
    expect($('.cp-order-status').text()).toContain(String(created.value.status));
    expect($('.cp-order-lines tbody tr td').eq(2).text()).toBe('2');
    expect($('.cp-order-staff-notes').text()).toBe('<b>Backorder</b> note');
    expect($('.cp-order-staff-notes b').length).toBe(0);

    for (const path of [
      `/cp/${STORE}/manage/orders/999999`,
      `/cp/${STORE}/manage/orders/x`,
      '/cp/nostore/manage/orders/1',
    ]) {
      expect((await get(path)).status, path).toBe(404);
    }
  });
});
