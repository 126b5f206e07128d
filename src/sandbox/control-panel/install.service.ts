import { createHash, timingSafeEqual } from 'node:crypto';
import type { AppRegistry, SandboxApp } from './app-registry.js';
import type { AuthCodeStore } from './auth-codes.js';
import { signPayloadJwt } from './signed-payload.js';

/**
 * The control panel's side of an app's lifecycle: install (auth callback + code exchange at the login
 * service), open (load callback), uninstall and remove user. It reaches the emulated store only through
 * `InstallStatePort`, so the store's tokens, hooks and scripts stay owned by the state layer.
 */
export interface StoreUser {
  readonly id: number;
  readonly username: string;
  readonly email: string;
}

export interface InstallStatePort {
  /** The store's owner, or undefined when there is no such store. */
  storeOwner(storeHash: string): StoreUser | undefined;
  issueToken(storeHash: string, clientId: string, scopes: readonly string[]): string;
  hasToken(storeHash: string, clientId: string): boolean;
  /**
   * Everything uninstall does inside the store, in one go: queue store/app/uninstalled for the app's own
   * hooks, delete its hooks and its auto-uninstall scripts, revoke its token.
   */
  uninstallApp(storeHash: string, clientId: string): { hooksRemoved: number; scriptsRemoved: number };
}

export type InstallRefusal = { ok: false; status: number; code: string; message: string };
type Outcome<T> = ({ ok: true } & T) | InstallRefusal;

function refusal(status: number, code: string, message: string): InstallRefusal {
  return { ok: false, status, code, message };
}

/** What POST /oauth2/token answers: BigCommerce's login-service bodies, success or error. */
export interface TokenExchangeAnswer {
  status: number;
  body: Record<string, unknown>;
}

export interface CallbackResult {
  url: string;
  status: number | null;
  error: string | null;
}

export interface InstallServiceOptions {
  apps: AppRegistry;
  codes: AuthCodeStore;
  state: InstallStatePort;
  now: () => Date;
  /** Timeout of the server-side uninstall/remove_user callbacks. */
  callbackTimeoutMs?: number;
  fetch?: typeof fetch;
}

export class InstallService {
  private readonly fetch: typeof fetch;

  constructor(private readonly o: InstallServiceOptions) {
    this.fetch = o.fetch ?? globalThis.fetch;
  }

  isInstalled(storeHash: string, clientId: string): boolean {
    return this.o.state.hasToken(storeHash, clientId);
  }

  /** Step 1 of install: the URL of the app's auth callback the browser is sent to, with a fresh code. */
  startInstall(storeHash: string, clientId: string): Outcome<{ redirectUrl: string }> {
    const owner = this.o.state.storeOwner(storeHash);
    if (!owner) return refusal(404, 'SANDBOX.CP.STORE_NOT_FOUND', `Store ${storeHash} does not exist.`);
    const app = this.o.apps.get(clientId);
    if (!app)
      return refusal(404, 'SANDBOX.CP.APP_NOT_FOUND', `No app with client id ${clientId} is registered.`);
    const accountUuid = accountUuidOf(storeHash);
    const code = this.o.codes.issue({
      clientId,
      storeHash,
      scopes: app.scopes,
      accountUuid,
      userId: owner.id,
    });
    const url = new URL(app.authCallbackUrl);
    url.searchParams.set('account_uuid', accountUuid);
    url.searchParams.set('code', code);
    url.searchParams.set('context', `stores/${storeHash}`);
    url.searchParams.set('scope', app.scopes.join(' '));
    return { ok: true, redirectUrl: url.toString() };
  }

  /**
   * Step 2 of install, the login service's `POST /oauth2/token`. Error bodies and statuses follow what
   * login.bigcommerce.com answers (`{error}` or `{error, error_description}`).
   */
  exchangeCode(body: Record<string, unknown>): TokenExchangeAnswer {
    const field = (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : '');
    const clientId = field('client_id');
    const app = this.o.apps.get(clientId);
    if (!app) return { status: 400, body: { error: 'Invalid client id.' } };
    if (!secretMatches(app, field('client_secret'))) {
      return {
        status: 400,
        body: { error: 'invalid_client', error_description: 'Parameter client_secret does not match' },
      };
    }
    if (field('grant_type') !== 'authorization_code') {
      return {
        status: 400,
        body: { error: 'unsupported_grant_type', error_description: 'grant_type must be authorization_code' },
      };
    }
    const code = field('code');
    const grant = code === '' ? undefined : this.o.codes.peek(code);
    if (!grant || grant.clientId !== app.clientId) return { status: 400, body: { error: 'Invalid code.' } };
    if (field('redirect_uri') !== app.authCallbackUrl) {
      return {
        status: 400,
        body: { error: 'redirect_uri_mismatch', error_description: 'Parameter redirect_uri does not match' },
      };
    }
    if (field('context') !== `stores/${grant.storeHash}`) {
      return {
        status: 403,
        body: {
          error:
            'Only store owners may install or update apps. Please contact the store owner for assistance',
        },
      };
    }
    const asked = field('scope')
      .split(/\s+/)
      .filter((s) => s !== '');
    if (asked.length > 0 && asked.some((s) => !grant.scopes.includes(s))) {
      return {
        status: 400,
        body: { error: 'invalid_scope', error_description: 'Parameter scope does not match' },
      };
    }
    // Single use: a second exchange of the same code (a replayed callback) gets "Invalid code.".
    if (!this.o.codes.consume(code)) return { status: 400, body: { error: 'Invalid code.' } };
    const owner = this.o.state.storeOwner(grant.storeHash);
    if (!owner) return { status: 400, body: { error: 'Invalid code.' } };
    const token = this.o.state.issueToken(grant.storeHash, app.clientId, grant.scopes);
    const user = owner;
    return {
      status: 200,
      body: {
        access_token: token,
        scope: grant.scopes.join(' '),
        user: { id: user.id, username: user.username, email: user.email },
        owner: { id: owner.id, username: owner.username, email: owner.email },
        context: `stores/${grant.storeHash}`,
        account_uuid: grant.accountUuid,
      },
    };
  }

  /** "Open app": the load callback URL with a fresh signed_payload_jwt, for the control panel's iframe. */
  async loadUrl(storeHash: string, clientId: string, deepLink = '/'): Promise<Outcome<{ url: string }>> {
    const ready = this.installed(storeHash, clientId);
    if (!ready.ok) return ready;
    const jwt = await this.jwtFor(ready.app, storeHash, ready.owner, ready.owner, deepLink);
    return { ok: true, url: withJwt(ready.app.loadCallbackUrl, jwt) };
  }

  /**
   * Uninstall: the store forgets the app (hooks, scripts, token) whatever the app answers, as BigCommerce
   * does; the uninstall callback's outcome is reported so the control panel can show it.
   */
  async uninstall(
    storeHash: string,
    clientId: string,
  ): Promise<Outcome<{ callback: CallbackResult; hooksRemoved: number; scriptsRemoved: number }>> {
    const ready = this.installed(storeHash, clientId);
    if (!ready.ok) return ready;
    const jwt = await this.jwtFor(ready.app, storeHash, ready.owner, ready.owner, '/');
    const removed = this.o.state.uninstallApp(storeHash, clientId);
    const callback = await this.callServer(withJwt(ready.app.uninstallCallbackUrl, jwt));
    return { ok: true, callback, ...removed };
  }

  /** Remove user: tells the app a (non-owner) user lost access to it. */
  async removeUser(
    storeHash: string,
    clientId: string,
    user: StoreUser,
  ): Promise<Outcome<{ callback: CallbackResult }>> {
    const ready = this.installed(storeHash, clientId);
    if (!ready.ok) return ready;
    if (!ready.app.removeUserCallbackUrl) {
      return refusal(
        409,
        'SANDBOX.CP.NO_REMOVE_USER_CALLBACK',
        `App ${clientId} has no remove_user callback.`,
      );
    }
    if (user.id === ready.owner.id) {
      return refusal(409, 'SANDBOX.CP.CANNOT_REMOVE_OWNER', 'The store owner cannot be removed from an app.');
    }
    const jwt = await this.jwtFor(ready.app, storeHash, user, ready.owner, '/');
    return { ok: true, callback: await this.callServer(withJwt(ready.app.removeUserCallbackUrl, jwt)) };
  }

  private installed(
    storeHash: string,
    clientId: string,
  ): { ok: true; app: SandboxApp; owner: StoreUser } | InstallRefusal {
    const owner = this.o.state.storeOwner(storeHash);
    if (!owner) return refusal(404, 'SANDBOX.CP.STORE_NOT_FOUND', `Store ${storeHash} does not exist.`);
    const app = this.o.apps.get(clientId);
    if (!app)
      return refusal(404, 'SANDBOX.CP.APP_NOT_FOUND', `No app with client id ${clientId} is registered.`);
    if (!this.o.state.hasToken(storeHash, clientId)) {
      return refusal(
        409,
        'SANDBOX.CP.APP_NOT_INSTALLED',
        `${app.name} is not installed in store ${storeHash}.`,
      );
    }
    return { ok: true, app, owner };
  }

  private jwtFor(app: SandboxApp, storeHash: string, user: StoreUser, owner: StoreUser, url: string) {
    return signPayloadJwt(
      app,
      {
        storeHash,
        user: { id: user.id, email: user.email },
        owner: { id: owner.id, email: owner.email },
        url,
      },
      this.o.now(),
    );
  }

  private async callServer(url: string): Promise<CallbackResult> {
    const shown = url.replace(/signed_payload_jwt=[^&]+/, 'signed_payload_jwt=…');
    try {
      const res = await this.fetch(url, {
        method: 'GET',
        headers: { accept: 'application/json' },
        signal: AbortSignal.timeout(this.o.callbackTimeoutMs ?? 10_000),
      });
      await res.arrayBuffer().catch(() => undefined);
      return { url: shown, status: res.status, error: null };
    } catch (error) {
      return { url: shown, status: null, error: (error as Error).message };
    }
  }
}

function withJwt(callbackUrl: string, jwt: string): string {
  const url = new URL(callbackUrl);
  url.searchParams.set('signed_payload_jwt', jwt);
  return url.toString();
}

function secretMatches(app: SandboxApp, given: string): boolean {
  const a = createHash('sha256').update(app.clientSecret).digest();
  const b = createHash('sha256').update(given).digest();
  return timingSafeEqual(a, b);
}

/** A stable account UUID per store (BigCommerce's account_uuid identifies the merchant's account). */
export function accountUuidOf(storeHash: string): string {
  const h = createHash('sha256').update(`sandbox-account:${storeHash}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
