import { createServer } from 'node:net';
import path from 'node:path';
import type { JobQueueTuning } from '../adapters/jobs/index.js';
import { createApiKey } from '../app/api-keys/create-api-key.js';
import { listApiKeys } from '../app/api-keys/list-api-keys.js';
import { revokeApiKey } from '../app/api-keys/revoke-api-key.js';
import { type Clock, systemClock } from '../app/ports/clock.js';
import { type App, createApp } from '../composition-root.js';
import { ConfigError, type DemoConfig, type StoresConfig } from '../config.js';
import { type FullSandbox, startFullSandbox } from '../sandbox/full-sandbox.js';
import { loadSandboxConfig, type SandboxConfig, SandboxConfigError } from '../sandbox/sandbox.config.js';
import { loadOrCreateDemoSecrets } from './demo-secrets.js';

/** Scopes the app asks for when it is installed (the same as in the Developer Portal). */
export const APP_SCOPES = [
  'store_v2_products',
  'store_v2_orders',
  'store_v2_content',
  'store_v2_information',
  'store_inventory',
  // The store's inventory locations: how many it has (docs/bigcommerce.md#inventory-settings-and-locations).
  'store_locations_read_only',
] as const;

/** The name of the API key demo mode creates at each start (the previous one is revoked). */
const GENERATED_KEY_NAME = 'demo (generated at start)';

export interface DemoInfo {
  readonly appUrl: string;
  /** The control panel page of the demo store, where the app is opened (in its iframe). */
  readonly adminUrl: string;
  readonly storefrontUrl: string;
  readonly mailboxUrl: string;
  readonly sandboxUrl: string;
  readonly apiUrl: string;
  readonly apiKey: string;
  readonly storeHash: string;
  readonly sandboxApiToken: string;
}

export interface Demo {
  /** The running app (replaced by restartApp). */
  readonly app: App;
  readonly info: DemoInfo;
  readonly sandbox: FullSandbox;
  /**
   * The configuration the app runs with: real stores' settings (credentials of the app registered in
   * the sandbox, its URLs, the secrets, the database, the mail catcher) pointed at the sandbox. Another
   * process started with it in production mode serves the demo store beside this one.
   */
  readonly storesConfig: StoresConfig;
  /** Stops the app as a deploy would and starts it again on the same database and port. */
  restartApp(): Promise<App>;
  /**
   * Starts one more instance of the app: the same configuration and database (and so the same job
   * queue), its own HTTP server on a free port and its own job runner, as a second process of a
   * deployment would be. Requests reach it only when something in front of the instances sends them
   * there (APP_URL pointing at a load balancer). Closed with the demo.
   */
  startInstance(): Promise<App>;
  close(): Promise<void>;
}

/** Knobs for tests: time, job timings and the sandbox's behaviour (faults, duplicate deliveries). */
export interface DemoOptions {
  readonly clock?: Clock;
  readonly jobTuning?: JobQueueTuning;
  readonly periodicJobsMs?: number;
  readonly sandbox?: Partial<SandboxConfig>;
  /**
   * Told where each instance of the app listens, as it starts (the first, a restarted one, and those of
   * `startInstance`): what a load balancer at APP_URL in front of several instances needs to know.
   */
  readonly onListening?: (instanceUrl: string) => void;
}

/**
 * Demo mode (no BigCommerce credentials configured): starts the BigCommerce sandbox with its seeded demo
 * store, registers the app in the sandbox's control panel, starts the app pointed at the sandbox, and
 * installs the app into the demo store through the real install flow (auth callback, code exchange,
 * webhooks, script). The app talks to the sandbox only over HTTP, exactly as it would to BigCommerce.
 */
export async function startDemo(config: DemoConfig, options: DemoOptions = {}): Promise<Demo> {
  const secrets = loadOrCreateDemoSecrets(config.dataDir);
  const sandboxSettings = sandboxSettingsOf(config);
  // Held until the app listens: freed earlier, the port could go to any other socket meanwhile (an
  // outgoing connection's ephemeral port comes from the same range) while the sandbox starts.
  const reserved = config.port === 0 ? await reservePort(config.host) : null;
  const port = reserved?.port ?? config.port;
  const { overrides } = config.demo;
  const appUrl = overrides.appUrl ?? `http://${config.host}:${port}`;

  // The sandbox's own SANDBOX_* settings apply (rate limit, faults, webhook timing, …); where it listens,
  // which store it seeds and where it keeps its data are the demo's.
  const full = await startFullSandbox({
    ...sandboxSettings,
    port: config.demo.sandboxPort,
    host: config.host,
    logLevel:
      config.demo.sandboxEnvironment.SANDBOX_LOG_LEVEL === undefined
        ? config.logLevel === 'silent'
          ? 'silent'
          : 'warn'
        : sandboxSettings.logLevel,
    demoStoreHash: config.demo.storeHash,
    demoApiToken: config.demo.sandboxApiToken ?? sandboxSettings.demoApiToken,
    databaseFile: path.join(config.dataDir, 'sandbox.sqlite'),
    // Any free port: the app is told which one the catcher took.
    smtp: { host: '127.0.0.1', port: 0 },
    ...options.sandbox,
  }).catch(async (error: unknown) => {
    await reserved?.release();
    throw error;
  });
  const sandboxUrl = full.sandbox.url;
  full.controlPanel.apps.register({
    clientId: secrets.clientId,
    clientSecret: secrets.clientSecret,
    name: 'Backorder',
    authCallbackUrl: `${appUrl}/auth`,
    loadCallbackUrl: `${appUrl}/load`,
    uninstallCallbackUrl: `${appUrl}/uninstall`,
    removeUserCallbackUrl: `${appUrl}/remove_user`,
    scopes: APP_SCOPES,
  });

  // The configuration real stores would have, pointed at the sandbox.
  const servedConfig = (listenOn: { readonly port: number }): StoresConfig => ({
    mode: 'stores',
    port: listenOn.port,
    host: config.host,
    logLevel: config.logLevel,
    dataDir: config.dataDir,
    database: config.database,
    appUrl,
    bigcommerce: {
      clientId: secrets.clientId,
      clientSecret: secrets.clientSecret,
      apiUrl: sandboxUrl,
      loginUrl: sandboxUrl,
      // The sandbox's control panel shows orders at /cp/{store_hash}/manage/orders/{id}.
      controlPanelUrl: `${sandboxUrl}/cp/{store_hash}`,
    },
    secrets: {
      tokenEncryptionKey: overrides.tokenEncryptionKey ?? Buffer.from(secrets.tokenEncryptionKey, 'hex'),
      sessionSecret: overrides.sessionSecret ?? secrets.sessionSecret,
    },
    mail: { ...config.mail, smtpUrl: overrides.smtpUrl ?? `smtp://127.0.0.1:${full.mailbox.smtpPort()}` },
  });

  const launchApp = async (listenOn: { readonly port: number } = { port }): Promise<App> => {
    const served = servedConfig(listenOn);
    const launched = await createApp({
      config: served,
      extraFrameAncestors: [sandboxUrl],
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.jobTuning ? { jobTuning: options.jobTuning } : {}),
      ...(options.periodicJobsMs ? { periodicJobsMs: options.periodicJobsMs } : {}),
    });
    try {
      await reserved?.release();
      // Listening first: an optional call would skip evaluating its argument when no one listens.
      const address = await launched.listen();
      options.onListening?.(address);
      return launched;
    } catch (error) {
      await launched.close();
      throw error;
    }
  };

  let app: App | undefined;
  try {
    app = await launchApp();
    await installIntoDemoStore(full.controlPanel.service(), config.demo.storeHash, secrets.clientId);
    const apiKey = await demoApiKey(app, config);
    const storeHash = config.demo.storeHash;
    const info: DemoInfo = {
      appUrl,
      adminUrl: `${sandboxUrl}/cp/${storeHash}/apps`,
      storefrontUrl: `${sandboxUrl}/s/${storeHash}/`,
      mailboxUrl: `${sandboxUrl}/mailbox`,
      sandboxUrl,
      apiUrl: `${appUrl}/api/v1`,
      apiKey,
      storeHash,
      sandboxApiToken: full.sandbox.config.demoApiToken,
    };
    let running: App = app;
    const others: App[] = [];
    return {
      get app() {
        return running;
      },
      info,
      sandbox: full,
      storesConfig: servedConfig({ port }),
      async restartApp() {
        await running.close();
        running = await launchApp();
        return running;
      },
      async startInstance() {
        const another = await launchApp({ port: 0 });
        others.push(another);
        return another;
      },
      async close() {
        await Promise.all([running, ...others].map((instance) => instance.close()));
        await full.close();
      },
    };
  } catch (error) {
    await app?.close();
    await full.close();
    throw error;
  } finally {
    await reserved?.release();
  }
}

type InstallService = ReturnType<FullSandbox['controlPanel']['service']>;

/** What the merchant's browser does on "Install": follow the control panel to the app's auth callback. */
async function installIntoDemoStore(
  service: InstallService,
  storeHash: string,
  clientId: string,
): Promise<void> {
  if (service.isInstalled(storeHash, clientId)) return;
  const started = service.startInstall(storeHash, clientId);
  if (!started.ok) throw new Error(`The sandbox refused to install the app: ${started.message}`);
  const response = await fetch(started.redirectUrl, { redirect: 'follow' });
  if (!response.ok) {
    throw new Error(`Installing into the demo store failed: ${response.status} ${await response.text()}`);
  }
}

/** DEMO_API_KEY when given; otherwise a fresh key, printed once (only its hash is stored). */
async function demoApiKey(app: App, config: DemoConfig): Promise<string> {
  const repositories = app.repositories;
  const store = await repositories.stores.findStoreByHash(config.demo.storeHash);
  if (store === null) throw new Error('The demo store is not installed');
  const deps = { apiKeys: repositories.apiKeys, clock: systemClock };
  if (config.demo.apiKey !== null) {
    const created = await createApiKey(deps, {
      storeId: store.id,
      name: 'demo (DEMO_API_KEY)',
      key: config.demo.apiKey,
    });
    // Created now, or already this store's (a restart); any refusal (another store's, revoked) is fatal.
    if (!created.ok) throw new Error(`DEMO_API_KEY cannot be used: ${created.message} (${created.code})`);
    return config.demo.apiKey;
  }
  for (const key of await listApiKeys(deps, { storeId: store.id })) {
    if (key.name === GENERATED_KEY_NAME && key.revokedAt === null) {
      await revokeApiKey(deps, { storeId: store.id, keyId: key.id });
    }
  }
  const created = await createApiKey(deps, { storeId: store.id, name: GENERATED_KEY_NAME });
  if (!created.ok) throw new Error(`Cannot create the demo API key: ${created.message}`);
  return created.key;
}

/**
 * The app must know its URL before it listens (callbacks are registered with it): a free port, held by a
 * placeholder server until `release()` (idempotent) just before the app listens on it.
 */
function reservePort(host: string): Promise<{ readonly port: number; release(): Promise<void> }> {
  return new Promise((resolve, reject) => {
    const holder = createServer();
    holder.once('error', reject);
    holder.listen(0, host, () => {
      const address = holder.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      let released: Promise<void> | null = null;
      resolve({
        port,
        release: () => {
          released ??= new Promise<void>((done) => holder.close(() => done()));
          return released;
        },
      });
    });
  });
}

/** The sandbox's settings from the SANDBOX_* variables, a mistake in them said like any other setting's. */
function sandboxSettingsOf(config: DemoConfig): SandboxConfig {
  try {
    return loadSandboxConfig(config.demo.sandboxEnvironment);
  } catch (error) {
    if (error instanceof SandboxConfigError) throw new ConfigError(error.message);
    throw error;
  }
}
