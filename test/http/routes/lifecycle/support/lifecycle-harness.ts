import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as cheerio from 'cheerio';
import type { FastifyInstance } from 'fastify';
import {
  type BigCommerceClientPool,
  type BigCommerceLimits,
  bigCommerceWebhookEvents,
  createAppAuthorization,
  createBigCommerceClientPool,
  createSignedRequests,
  createStoreClients,
  createStoreSetup,
  type StoreClients,
} from '../../../../../src/adapters/bigcommerce/index.js';
import { type TokenCipher, tokenCipherFromKey } from '../../../../../src/adapters/crypto/token-cipher.js';
import { type DatabaseHandle, openDatabase } from '../../../../../src/adapters/db/database.js';
import { migrateToLatest } from '../../../../../src/adapters/db/migrate.js';
import { createRepositories, type Repositories } from '../../../../../src/adapters/db/repositories.js';
import type { AppAuthorization } from '../../../../../src/app/ports/app-authorization.js';
import { type Clock, systemClock } from '../../../../../src/app/ports/clock.js';
import type { StoreSetup } from '../../../../../src/app/ports/store-setup.js';
import type { Database } from '../../../../../src/config.js';
import {
  loadAdminBuild,
  SESSION_HANDOVER_ID,
  type SessionHandover,
} from '../../../../../src/http/routes/admin/index.js';
import { AUTH_CALLBACK_PATH, lifecycleRoutes } from '../../../../../src/http/routes/lifecycle/index.js';
import { webhookRoutes } from '../../../../../src/http/routes/webhooks/index.js';
import { buildServer } from '../../../../../src/http/server.js';
import { createSessionTokens, type SessionTokens } from '../../../../../src/http/session.js';
import { type ControlPanel, createControlPanel } from '../../../../../src/sandbox/control-panel/index.js';
import { sandboxConfigFor } from '../../../../../src/sandbox/sandbox.config.js';
import { createSandbox, type Sandbox } from '../../../../../src/sandbox/server.js';
import { RecordingJobQueue } from '../../../../fakes/job-queue.js';

export const CLIENT_ID = 'backorder-lifecycle-test';
export const CLIENT_SECRET = 'lifecycle-client-secret-0123456789abcdef';
export const SESSION_SECRET = 'lifecycle-session-secret-0123456789abcdef';
export const SCOPES = [
  'store_v2_products',
  'store_v2_orders',
  'store_v2_content',
  'store_v2_information',
  'store_inventory',
];

let sequence = 0;
/** Unique across parallel test files sharing one PostgreSQL database; a valid BigCommerce store hash. */
export function uniqueHash(prefix = 's'): string {
  sequence += 1;
  return `${prefix}${process.pid.toString(36)}${Date.now().toString(36)}${sequence.toString(36)}`;
}

export interface HarnessOptions {
  /** Default: a fresh SQLite file. */
  readonly database?: Database;
  /** Client limits; tests that inject faults use few, fast retries. */
  readonly limits?: Partial<BigCommerceLimits>;
  readonly clock?: Clock;
  /** Replaces the login service's code exchange (default: the sandbox's, through the real adapter). */
  readonly appAuthorization?: AppAuthorization;
}

export interface AppPage {
  readonly status: number;
  readonly html: string;
  readonly $: cheerio.CheerioAPI;
  /** The session token the page holds, or null on an error page. */
  readonly sessionToken: string | null;
  /** The session the admin app is handed (store, user, token), or null on an error page. */
  readonly handover: SessionHandover | null;
  readonly errorCode: string | null;
}

/**
 * The real sandbox (API, login service, control panel, webhook deliveries) and the app's lifecycle and
 * webhook routes, wired the way the composition root wires them, both on ephemeral ports.
 */
export class LifecycleHarness {
  private constructor(
    readonly sandbox: Sandbox,
    readonly cp: ControlPanel,
    readonly server: FastifyInstance,
    readonly appUrl: string,
    readonly database: DatabaseHandle,
    readonly repos: Repositories,
    readonly cipher: TokenCipher,
    readonly sessions: SessionTokens,
    readonly jobs: RecordingJobQueue,
    readonly pool: BigCommerceClientPool,
    readonly storeClients: StoreClients,
    readonly storeSetup: StoreSetup,
    private readonly cleanup: () => Promise<void>,
  ) {}

  static async start(options: HarnessOptions = {}): Promise<LifecycleHarness> {
    const cp = createControlPanel({ callbackTimeoutMs: 5000 });
    const sandbox = await createSandbox({
      config: { ...sandboxConfigFor(), webhooks: { timeScale: 0.001, duplicateRate: 0, timeoutMs: 3000 } },
      plugins: [cp.plugin],
    });

    let dir: string | undefined;
    let dbConfig = options.database;
    if (dbConfig === undefined) {
      dir = mkdtempSync(path.join(tmpdir(), 'backorder-lifecycle-'));
      dbConfig = { kind: 'sqlite', file: path.join(dir, 'app.sqlite') };
    }
    const database = await openDatabase(dbConfig);
    await migrateToLatest(database.db);
    const repos = createRepositories(database);

    const clock = options.clock ?? systemClock;
    const cipher = tokenCipherFromKey(randomBytes(32));
    const sessions = createSessionTokens({ secret: SESSION_SECRET, clock });
    // Nothing runs here, so every job the routes queue is still waiting: singleton keys dedupe as queued.
    const jobs = new RecordingJobQueue({ honourSingletonKeys: true });
    const pool = createBigCommerceClientPool({
      apiBaseUrl: sandbox.url,
      ...(options.limits ? { limits: options.limits } : {}),
    });
    const storeClients = createStoreClients({ stores: repos.stores, tokens: cipher, pool });
    const storeSetup = createStoreSetup(storeClients);

    const port = await freePort();
    const appUrl = `http://127.0.0.1:${port}`;
    const server = buildServer({ logLevel: 'silent', checkDatabase: async () => {} });
    await server.register(lifecycleRoutes, {
      stores: repos.stores,
      storeUsers: repos.storeUsers,
      usedSignedRequests: repos.usedSignedRequests,
      settings: repos.settings,
      templates: repos.templates,
      clock,
      appUrl,
      appAuthorization:
        options.appAuthorization ??
        createAppAuthorization({
          clientId: CLIENT_ID,
          clientSecret: CLIENT_SECRET,
          loginUrl: sandbox.url,
          redirectUri: `${appUrl}${AUTH_CALLBACK_PATH}`,
        }),
      signedRequests: createSignedRequests({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, clock }),
      tokens: cipher,
      sessions,
      storeSetup,
      jobs,
      // The build the test setup made fresh (test/support/global-setup.ts).
      adminBuild: loadAdminBuild(),
      frameAncestors: [sandbox.url],
    });
    await server.register(webhookRoutes, {
      stores: repos.stores,
      inbox: repos.inbox,
      webhookEvents: bigCommerceWebhookEvents,
      jobs,
      clock,
    });
    await server.listen({ host: '127.0.0.1', port });

    cp.apps.register({
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      name: 'Backorder',
      authCallbackUrl: `${appUrl}/auth`,
      loadCallbackUrl: `${appUrl}/load`,
      uninstallCallbackUrl: `${appUrl}/uninstall`,
      removeUserCallbackUrl: `${appUrl}/remove_user`,
      scopes: SCOPES,
    });

    return new LifecycleHarness(
      sandbox,
      cp,
      server,
      appUrl,
      database,
      repos,
      cipher,
      sessions,
      jobs,
      pool,
      storeClients,
      storeSetup,
      async () => {
        await server.close();
        await sandbox.close();
        await pool.close();
        await database.destroy();
        if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
      },
    );
  }

  close(): Promise<void> {
    return this.cleanup();
  }

  /** A new store in the sandbox, with an API account token (for checking BigCommerce's side). */
  createStore(hash: string, settings: { timezone?: string; adminEmail?: string } = {}): string {
    const token = `api-${hash}-token`;
    const created = this.sandbox.state.createStore(hash, { settings, apiToken: token });
    if (!created.ok) throw new Error(`cannot create sandbox store ${hash}: ${created.message}`);
    return token;
  }

  /** Clicks Install in the control panel and follows the browser to the app's /auth. */
  async install(hash: string): Promise<AppPage> {
    const start = await fetch(`${this.sandbox.url}/cp/${hash}/apps/${CLIENT_ID}/install`, {
      method: 'POST',
      redirect: 'manual',
    });
    if (start.status !== 303) throw new Error(`install did not redirect: ${start.status}`);
    return this.page(start.headers.get('location')!);
  }

  /** Opens the app from the control panel (full page), i.e. the app's /load with a fresh JWT. */
  async load(hash: string): Promise<AppPage> {
    const open = await fetch(`${this.sandbox.url}/cp/${hash}/apps/${CLIENT_ID}?frame=0`, {
      redirect: 'manual',
    });
    if (open.status !== 303) throw new Error(`open did not redirect: ${open.status} ${await open.text()}`);
    return this.page(open.headers.get('location')!);
  }

  /** Uninstall in the control panel: the sandbox cleans up, then calls the app's /uninstall. */
  async uninstall(hash: string): Promise<string> {
    const res = await fetch(`${this.sandbox.url}/cp/${hash}/apps/${CLIENT_ID}/uninstall`, {
      method: 'POST',
      redirect: 'manual',
    });
    if (res.status !== 303) throw new Error(`uninstall failed: ${res.status}`);
    return decodeURIComponent(res.headers.get('location') ?? '');
  }

  async page(url: string): Promise<AppPage> {
    const res = await fetch(url, { redirect: 'manual' });
    const html = await res.text();
    const $ = cheerio.load(html);
    const json = $(`#${SESSION_HANDOVER_ID}`).text();
    const handover = json ? (JSON.parse(json) as SessionHandover) : null;
    return {
      status: res.status,
      html,
      $,
      sessionToken: handover?.token ?? null,
      handover,
      errorCode: $('[data-error-code]').attr('data-error-code') ?? null,
    };
  }

  /** Calls the app with an admin session. */
  api(pathname: string, token: string | null, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (token !== null) headers.set('authorization', `Bearer ${token}`);
    return fetch(`${this.appUrl}${pathname}`, { ...init, headers });
  }

  /** The app's hooks as BigCommerce holds them (the sandbox's GET /v3/hooks with the app's own token). */
  async hooksOf(hash: string, accessToken: string): Promise<SandboxHook[]> {
    const res = await fetch(`${this.sandbox.url}/stores/${hash}/v3/hooks`, {
      headers: { 'x-auth-token': accessToken, accept: 'application/json' },
    });
    if (res.status !== 200) throw new Error(`GET /hooks answered ${res.status}`);
    return ((await res.json()) as { data: SandboxHook[] }).data;
  }

  async scriptsOf(hash: string, accessToken: string): Promise<SandboxScript[]> {
    const res = await fetch(`${this.sandbox.url}/stores/${hash}/v3/content/scripts`, {
      headers: { 'x-auth-token': accessToken, accept: 'application/json' },
    });
    if (res.status !== 200) throw new Error(`GET /content/scripts answered ${res.status}`);
    return ((await res.json()) as { data: SandboxScript[] }).data;
  }

  /** The app's access token as the sandbox issued it (the one the app must hold, sealed). */
  issuedToken(hash: string): string | undefined {
    return this.sandbox.state.tokens.forClient(hash, CLIENT_ID)?.token;
  }

  async storeRow(hash: string) {
    return this.database.db
      .selectFrom('stores')
      .selectAll()
      .where('store_hash', '=', hash)
      .executeTakeFirst();
  }

  /** Posts a webhook to the app as BigCommerce would. */
  postWebhook(body: unknown, secret: string | null, raw = false): Promise<Response> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (secret !== null) headers['x-backorder-secret'] = secret;
    return fetch(`${this.appUrl}/webhooks/bigcommerce`, {
      method: 'POST',
      headers,
      body: raw ? String(body) : JSON.stringify(body),
    });
  }
}

export interface SandboxHook {
  id: number;
  scope: string;
  destination: string;
  is_active: boolean;
  headers: Record<string, string> | null;
  client_id: string;
}

export interface SandboxScript {
  uuid: string;
  name: string;
  kind: string;
  src?: string;
  location: string;
  visibility: string;
  load_method: string;
  auto_uninstall: boolean;
  consent_category?: string;
  enabled: boolean;
}

/** A webhook payload as BigCommerce sends it. */
export function aWebhook(hash: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    scope: 'store/product/updated',
    store_id: '1001',
    data: { type: 'product', id: 111 },
    hash: randomBytes(20).toString('hex'),
    created_at: Math.floor(Date.now() / 1000),
    producer: `stores/${hash}`,
    ...overrides,
  };
}

/**
 * The app must know its public URL (webhook destination, callbacks) before it listens, so tests take
 * an ephemeral port from the OS first.
 */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** The databases a suite runs on: SQLite always, PostgreSQL when this run has one (CI always does). */
export function appDatabases(postgresUrl: string | null): [string, Database | undefined, boolean][] {
  return [
    ['sqlite', undefined, true],
    [
      'postgres',
      postgresUrl === null ? undefined : { kind: 'postgres', url: postgresUrl },
      postgresUrl !== null,
    ],
  ];
}
