import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { installStore, WEBHOOK_SCOPES } from '../../../../src/app/lifecycle/install-store.js';
import { signPayloadJwt } from '../../../../src/sandbox/control-panel/index.js';
import {
  appDatabases,
  CLIENT_ID,
  LifecycleHarness,
  SCOPES,
  uniqueHash,
} from './support/lifecycle-harness.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe.each(appDatabases(inject('postgresUrl')))('app lifecycle on %s', (_name, database, available) => {
  describe.skipIf(!available)('', () => {
    let h: LifecycleHarness;
    beforeAll(async () => {
      h = await LifecycleHarness.start(database ? { database } : {});
    });
    afterAll(async () => {
      await h?.close();
    });

    const storeIdOf = async (hash: string) => (await h.repos.stores.findStoreByHash(hash))!.id;

    it('installs through the control panel: token sealed at rest, store set up on both sides', async () => {
      const hash = uniqueHash();
      h.createStore(hash, { timezone: 'Europe/Berlin', adminEmail: 'owner@berlin.example' });

      const page = await h.install(hash);
      expect(page.status).toBe(200);
      // The admin app, handed the new session, the store and the user (src/admin reads it once).
      expect(page.sessionToken).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
      expect(page.handover).toMatchObject({
        store: { hash, timezone: 'Europe/Berlin' },
        user: { email: 'owner@berlin.example' },
        just_installed: true,
      });
      expect(page.$('#root')).toHaveLength(1);
      expect(page.html).not.toContain('<script>'); // only nonce'd scripts

      const issued = h.issuedToken(hash)!;
      const row = (await h.storeRow(hash))!;
      expect(row.status).toBe('installed');
      expect(row.access_token_encrypted).toMatch(/^v1:[\w-]+:[\w-]+:[\w-]+$/);
      expect(row.access_token_encrypted).not.toContain(issued);
      expect(row.access_token_encrypted).not.toContain(Buffer.from(issued).toString('base64'));
      expect(h.cipher.open(row.access_token_encrypted!, hash)).toBe(issued);
      expect(row.scope.split(' ').sort()).toEqual([...SCOPES].sort());
      expect(row.timezone).toBe('Europe/Berlin');
      expect(row.webhook_secret_hash).toMatch(/^[0-9a-f]{64}$/);

      // BigCommerce's side, read with the app's own token (GET /hooks lists only the caller's hooks).
      const hooks = await h.hooksOf(hash, issued);
      expect(hooks.map((x) => x.scope).sort()).toEqual([...WEBHOOK_SCOPES].sort());
      const secrets = new Set(hooks.map((x) => x.headers?.['X-Backorder-Secret']));
      expect(secrets.size).toBe(1);
      const [secret] = [...secrets];
      expect(secret).toMatch(/^[\w-]{40,}$/);
      expect(sha256(secret!)).toBe(row.webhook_secret_hash);
      for (const hook of hooks) {
        expect(hook.destination).toBe(`${h.appUrl}/webhooks/bigcommerce`);
        expect(hook.is_active).toBe(true);
      }

      const scripts = await h.scriptsOf(hash, issued);
      expect(scripts).toHaveLength(1);
      expect(scripts[0]).toMatchObject({
        kind: 'src',
        src: `${h.appUrl}/storefront/backorder.js?store=${hash}`,
        location: 'footer',
        visibility: 'storefront',
        load_method: 'defer',
        auto_uninstall: true,
        consent_category: 'essential',
        enabled: true,
      });

      const storeId = await storeIdOf(hash);
      const template = await h.repos.templates.getDefaultTemplate(storeId);
      expect(template).toMatchObject({ name: 'Default', buttonText: 'Pre-order now', isDefault: true });
      expect(template!.backorderMessage).toContain('{back_in_stock_date}');
      expect(template!.cartMessage).not.toBe('');
      expect(template!.packingSlipMessage).not.toBe('');
      // The owner is told about every event until they choose otherwise in Settings.
      expect(await h.repos.settings.getSettings(storeId)).toMatchObject({
        notificationEmails: ['owner@berlin.example'],
        notifyEvents: [
          'backorder_enabled',
          'backorder_disabled',
          'assigned',
          'unassigned',
          'import_finished',
        ],
      });
      expect(await h.repos.storeUsers.listUsers(storeId)).toMatchObject([
        { email: 'owner@berlin.example', isOwner: true },
      ]);

      const session = await h.api('/api/session', page.sessionToken);
      expect(session.status).toBe(200);
      expect(await session.json()).toMatchObject({
        store: { id: storeId, hash, timezone: 'Europe/Berlin' },
        user: { email: 'owner@berlin.example' },
      });
    });

    it('/load verifies signed_payload_jwt and starts a session; forged, expired or foreign JWTs are refused', async () => {
      const hash = uniqueHash();
      h.createStore(hash);
      await h.install(hash);

      const loaded = await h.load(hash);
      expect(loaded.status).toBe(200);
      expect(loaded.sessionToken).not.toBeNull();
      expect(loaded.handover).toMatchObject({ store: { hash }, just_installed: false });
      const session = await h.api('/api/session', loaded.sessionToken);
      expect(session.status).toBe(200);
      expect(((await session.json()) as { store: { hash: string } }).store.hash).toBe(hash);

      const app = h.cp.apps.get(CLIENT_ID)!;
      const owner = h.sandbox.state.stores.get(hash)!;
      const claims = {
        storeHash: hash,
        user: { id: owner.storeId, email: owner.settings.adminEmail },
        owner: { id: owner.storeId, email: owner.settings.adminEmail },
      };
      const loadWith = (jwt: string) =>
        h.page(`${h.appUrl}/load?signed_payload_jwt=${encodeURIComponent(jwt)}`);

      const validJwt = await signPayloadJwt(app, claims, new Date());
      const valid = await loadWith(validJwt);
      expect(valid.status).toBe(200);
      // A link works once (its jti is remembered); the control panel makes a new one for each opening.
      const replayed = await loadWith(validJwt);
      expect(replayed.status).toBe(401);
      expect(replayed.errorCode).toBe('AUTH.SIGNED_PAYLOAD_USED');
      expect(replayed.sessionToken).toBeNull();
      expect((await h.load(hash)).status).toBe(200);
      expect((await h.load(hash)).status).toBe(200);

      const forged = await loadWith(
        await signPayloadJwt({ ...app, clientSecret: 'not-the-client-secret-000000' }, claims, new Date()),
      );
      const expired = await loadWith(
        await signPayloadJwt(app, claims, new Date(Date.now() - 25 * 60 * 60 * 1000)),
      );
      const notYet = await loadWith(await signPayloadJwt(app, claims, new Date(Date.now() + 10 * 60 * 1000)));
      const otherApp = await loadWith(
        await signPayloadJwt({ ...app, clientId: 'another-app' }, claims, new Date()),
      );
      const tampered = await loadWith(
        retarget(await signPayloadJwt(app, claims, new Date()), 'stores/other1'),
      );
      const missing = await h.page(`${h.appUrl}/load`);
      for (const refused of [forged, expired, notYet, otherApp, tampered, missing]) {
        expect(refused.status).toBe(401);
        expect(refused.errorCode).toBe('AUTH.INVALID_SIGNED_PAYLOAD');
        expect(refused.sessionToken).toBeNull();
      }

      // A valid JWT for a store that has not installed the app.
      const stranger = uniqueHash();
      h.createStore(stranger);
      const notInstalled = await loadWith(
        await signPayloadJwt(app, { ...claims, storeHash: stranger }, new Date()),
      );
      expect(notInstalled.status).toBe(403);
      expect(notInstalled.errorCode).toBe('STORE.NOT_INSTALLED');
    });

    it('answers the callback pages without caching, referrers or foreign framing', async () => {
      const hash = uniqueHash();
      h.createStore(hash);
      await h.install(hash);
      const open = await fetch(`${h.sandbox.url}/cp/${hash}/apps/${CLIENT_ID}?frame=0`, {
        redirect: 'manual',
      });
      const res = await fetch(open.headers.get('location')!);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      const csp = res.headers.get('content-security-policy')!;
      expect(csp).toContain(`frame-ancestors ${h.sandbox.url}`);
      expect(res.headers.get('set-cookie')).toBeNull();
      // The admin app's scripts, preloads and styled-components' styles run with this response's nonce.
      const nonce = /script-src 'nonce-([^']+)' 'strict-dynamic'/.exec(csp)?.[1];
      expect(nonce).toMatch(/^[\w+/=]{20,}$/);
      expect(csp).toContain(`style-src 'nonce-${nonce}'`);
      const page = await res.text();
      expect(page).not.toContain('BACKORDER_CSP_NONCE');
      const tags = [...page.matchAll(/<(script|link|meta)\b[^>]*>/g)].map((m) => m[0]);
      const executable = tags.filter((t) => /^<script\b/.test(t) && !t.includes('application/json'));
      expect(executable.length).toBeGreaterThan(0);
      for (const tag of executable) expect(tag).toContain(`nonce="${nonce}"`);
      expect(tags.find((t) => t.includes('property="csp-nonce"'))).toContain(`nonce="${nonce}"`);
    });

    it('refuses an install callback with a bad or replayed code and writes nothing', async () => {
      const hash = uniqueHash();
      h.createStore(hash);
      const start = await fetch(`${h.sandbox.url}/cp/${hash}/apps/${CLIENT_ID}/install`, {
        method: 'POST',
        redirect: 'manual',
      });
      const authUrl = new URL(start.headers.get('location')!);

      const incomplete = await h.page(`${h.appUrl}/auth?context=stores/${hash}`);
      expect(incomplete.status).toBe(400);
      expect(incomplete.errorCode).toBe('INSTALL.INVALID_CALLBACK');

      const badCode = new URL(authUrl);
      badCode.searchParams.set('code', 'not-a-code');
      const refused = await h.page(badCode.toString());
      expect(refused.status).toBe(400);
      expect(refused.errorCode).toBe('INSTALL.CODE_REFUSED');
      expect(await h.storeRow(hash)).toBeUndefined();

      const first = await h.page(authUrl.toString());
      expect(first.status).toBe(200);
      const replayed = await h.page(authUrl.toString());
      expect(replayed.status).toBe(400);
      expect(replayed.errorCode).toBe('INSTALL.CODE_REFUSED');
      // The replay changed nothing: the first install's token still opens and still works.
      const row = (await h.storeRow(hash))!;
      expect(h.cipher.open(row.access_token_encrypted!, hash)).toBe(h.issuedToken(hash));
    });

    it('re-installing is idempotent: no duplicate hooks or scripts, same secret, new token', async () => {
      const hash = uniqueHash();
      h.createStore(hash);
      await h.install(hash);
      const before = (await h.storeRow(hash))!;
      const storeId = before.id;
      const firstToken = h.issuedToken(hash)!;
      await h.repos.settings.updateSettings(storeId, { notificationEmails: ['ops@example.com'] }, new Date());

      // BigCommerce sends a fresh auth callback when scopes change: the app is installed again on top.
      const again = await h.install(hash);
      expect(again.status).toBe(200);
      const secondToken = h.issuedToken(hash)!;
      expect(secondToken).not.toBe(firstToken);
      const after = (await h.storeRow(hash))!;
      expect(after.id).toBe(storeId);
      expect(h.cipher.open(after.access_token_encrypted!, hash)).toBe(secondToken);
      expect(after.webhook_secret_hash).toBe(before.webhook_secret_hash);

      const hooks = await h.hooksOf(hash, secondToken);
      expect(hooks).toHaveLength(WEBHOOK_SCOPES.length);
      expect(new Set(hooks.map((x) => x.scope)).size).toBe(WEBHOOK_SCOPES.length);
      expect(await h.scriptsOf(hash, secondToken)).toHaveLength(1);
      expect(await h.repos.templates.listTemplates(storeId)).toHaveLength(1);
      // A re-install keeps the merchant's settings.
      expect((await h.repos.settings.getSettings(storeId))?.notificationEmails).toEqual(['ops@example.com']);

      // And the use case itself finds nothing to do.
      const rerun = await installStore(
        {
          stores: h.repos.stores,
          settings: h.repos.settings,
          templates: h.repos.templates,
          storeSetup: h.storeSetup,
          clock: { now: () => new Date() },
          appUrl: h.appUrl,
        },
        { storeId },
      );
      expect(rerun).toEqual({
        ok: true,
        report: {
          timezone: 'America/Chicago',
          templateCreated: false,
          secretRotated: false,
          hooks: { created: 0, updated: 0, deleted: 0 },
          script: 'unchanged',
        },
      });
    });

    it('uninstall cleans up, revokes sessions and keeps history; a later install sets up anew', async () => {
      const hash = uniqueHash();
      h.createStore(hash);
      const installed = await h.install(hash);
      const before = (await h.storeRow(hash))!;
      const storeId = before.id;
      const template = await h.repos.templates.getDefaultTemplate(storeId);

      const notice = await h.uninstall(hash);
      expect(notice).toContain('uninstall callback answered 200');

      const row = (await h.storeRow(hash))!;
      expect(row).toMatchObject({
        status: 'uninstalled',
        access_token_encrypted: null,
        webhook_secret_hash: null,
      });
      expect(row.uninstalled_at).not.toBeNull();
      expect(await h.repos.storeUsers.listUsers(storeId)).toEqual([]);
      expect(await h.repos.templates.getDefaultTemplate(storeId)).toEqual(template);
      expect(await h.repos.settings.getSettings(storeId)).not.toBeNull();
      expect(h.sandbox.state.hooks.listAll(hash)).toEqual([]);

      const revoked = await h.api('/api/session', installed.sessionToken);
      expect(revoked.status).toBe(401);
      expect(await revoked.json()).toMatchObject({ error: { code: 'AUTH.INVALID_SESSION' } });

      // BigCommerce may call /uninstall again (or the webhook arrives too): nothing changes.
      const app = h.cp.apps.get(CLIENT_ID)!;
      const owner = h.sandbox.state.stores.get(hash)!;
      const jwt = await signPayloadJwt(
        app,
        {
          storeHash: hash,
          user: { id: owner.storeId, email: owner.settings.adminEmail },
          owner: { id: owner.storeId, email: owner.settings.adminEmail },
        },
        new Date(),
      );
      const repeat = await fetch(`${h.appUrl}/uninstall?signed_payload_jwt=${jwt}`);
      expect(repeat.status).toBe(200);
      expect(await repeat.json()).toEqual({ status: 'already_uninstalled' });
      const forged = await fetch(
        `${h.appUrl}/uninstall?signed_payload_jwt=${retarget(jwt, `stores/${hash}x`)}`,
      );
      expect(forged.status).toBe(401);
      expect(await forged.json()).toMatchObject({ error: { code: 'AUTH.INVALID_SIGNED_PAYLOAD' } });

      const reinstalled = await h.install(hash);
      expect(reinstalled.status).toBe(200);
      const fresh = (await h.storeRow(hash))!;
      expect(fresh).toMatchObject({ id: storeId, status: 'installed', uninstalled_at: null });
      expect(fresh.webhook_secret_hash).not.toBe(before.webhook_secret_hash);
      expect(await h.hooksOf(hash, h.issuedToken(hash)!)).toHaveLength(WEBHOOK_SCOPES.length);
      expect(await h.repos.templates.listTemplates(storeId)).toEqual([template]);
    });

    it("remove_user takes a user's access away, and their session with it", async () => {
      const hash = uniqueHash();
      h.createStore(hash);
      await h.install(hash);
      const storeId = await storeIdOf(hash);
      const app = h.cp.apps.get(CLIENT_ID)!;
      const owner = h.sandbox.state.stores.get(hash)!;
      const staff = { id: 9_000_001, username: 'staff@example.com', email: 'staff@example.com' };
      const staffClaims = {
        storeHash: hash,
        user: staff,
        owner: { id: owner.storeId, email: owner.settings.adminEmail },
      };
      const signedBefore = new Date(Date.now() - 5_000);
      const jwt = await signPayloadJwt(app, staffClaims, signedBefore);
      const unusedLink = await signPayloadJwt(app, staffClaims, signedBefore);
      const page = await h.page(`${h.appUrl}/load?signed_payload_jwt=${jwt}`);
      expect(page.status).toBe(200);
      expect((await h.api('/api/session', page.sessionToken)).status).toBe(200);
      expect((await h.repos.storeUsers.findUser(storeId, staff.id))?.isOwner).toBe(false);

      const removed = await h.cp.service().removeUser(hash, CLIENT_ID, staff);
      expect(removed).toMatchObject({ ok: true, callback: { status: 200 } });
      expect(await h.repos.storeUsers.findUser(storeId, staff.id)).toBeNull();
      const refused = await h.api('/api/session', page.sessionToken);
      expect(refused.status).toBe(401);
      // The owner is untouched.
      expect((await h.api('/api/session', (await h.load(hash)).sessionToken)).status).toBe(200);

      // Neither the used link nor one signed before the removal and never used lets the user back in.
      const replayed = await h.page(`${h.appUrl}/load?signed_payload_jwt=${jwt}`);
      const unused = await h.page(`${h.appUrl}/load?signed_payload_jwt=${unusedLink}`);
      for (const refused of [replayed, unused]) {
        expect(refused.status).toBe(403);
        expect(refused.errorCode).toBe('AUTH.USER_REMOVED');
        expect(refused.sessionToken).toBeNull();
      }
      expect(await h.repos.storeUsers.findUser(storeId, staff.id)).toBeNull();
      // BigCommerce signing a /load for them after the removal is the owner giving access back.
      const readded = await h.page(
        `${h.appUrl}/load?signed_payload_jwt=${await signPayloadJwt(app, staffClaims, new Date(Date.now() + 2_000))}`,
      );
      expect(readded.status).toBe(200);
      expect((await h.api('/api/session', readded.sessionToken)).status).toBe(200);

      const bad = await fetch(`${h.appUrl}/remove_user?signed_payload_jwt=not.a.jwt`);
      expect(bad.status).toBe(401);
    });
  });
});

/** Replaces the `sub` claim of a JWT and keeps its signature (which then no longer matches). */
function retarget(jwt: string, sub: string): string {
  const [header, payload, signature] = jwt.split('.') as [string, string, string];
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  claims.sub = sub;
  return `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
}
