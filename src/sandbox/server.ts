import Fastify, { type FastifyInstance } from 'fastify';
import { registerSandboxAdmin } from './admin/sandbox-admin.routes.js';
import { type ApiRoutes, registerApiGateway } from './api/api-gateway.js';
import { catalogOptionRoutes } from './api/catalog-options.routes.js';
import { catalogProductRoutes } from './api/catalog-products.routes.js';
import { catalogTaxonomyRoutes } from './api/catalog-taxonomy.routes.js';
import { catalogVariantRoutes } from './api/catalog-variants.routes.js';
import { FaultInjector } from './api/faults.js';
import { hookRoutes } from './api/hooks.routes.js';
import { inventoryRoutes } from './api/inventory.routes.js';
import { orderRoutes } from './api/orders.routes.js';
import { RateLimiter } from './api/rate-limit.js';
import { scriptRoutes } from './api/scripts.routes.js';
import { settingsRoutes } from './api/settings.routes.js';
import { storeInfoRoutes } from './api/store-info.routes.js';
import { type SandboxConfig, sandboxConfigFor } from './sandbox.config.js';
import { SandboxState } from './state/sandbox-state.js';
import { WebhookDispatcher } from './webhooks/webhook-dispatcher.js';

/** What a plugin (storefront, control panel, mailbox ...) receives besides its Fastify instance. */
export interface SandboxContext {
  readonly state: SandboxState;
  readonly config: SandboxConfig;
  readonly dispatcher: WebhookDispatcher;
  /** e.g. http://127.0.0.1:3100 — valid once the server listens (plugins read it per request). */
  readonly baseUrl: () => string;
}

/**
 * A sandbox feature mounted on the same server. `register` runs inside its own encapsulated Fastify
 * context (its hooks, parsers and decorators stay local); use `app.addHook('onClose', ...)` to stop
 * anything it started (an SMTP server, timers).
 */
export interface SandboxPlugin {
  readonly name: string;
  register(app: FastifyInstance, context: SandboxContext): Promise<void> | void;
}

/** The emulated BigCommerce REST API modules, in registration order. */
export const API_ROUTES: readonly ApiRoutes[] = [
  catalogProductRoutes,
  catalogVariantRoutes,
  catalogOptionRoutes,
  catalogTaxonomyRoutes,
  inventoryRoutes,
  orderRoutes,
  hookRoutes,
  scriptRoutes,
  storeInfoRoutes,
  settingsRoutes,
];

export interface CreateSandboxOptions {
  /** Defaults: sandboxConfigFor() (memory database, port 0, no faults). */
  readonly config?: SandboxConfig;
  readonly plugins?: readonly SandboxPlugin[];
  /** Listen on config.host:config.port (default true). With false, use app.inject(). */
  readonly listen?: boolean;
  readonly now?: () => Date;
  readonly random?: () => number;
  /** Also create the demo store (config.demoStoreHash) with its API token when it does not exist. */
  readonly ensureDemoStore?: boolean;
}

export interface Sandbox {
  readonly app: FastifyInstance;
  /** Base URL, e.g. http://127.0.0.1:3100 ('' when not listening). */
  readonly url: string;
  readonly state: SandboxState;
  readonly config: SandboxConfig;
  readonly dispatcher: WebhookDispatcher;
  readonly faults: FaultInjector;
  readonly rateLimiter: RateLimiter;
  /** Every emulated API route (method + URL pattern), for the contract test. */
  readonly apiRoutes: readonly { method: string; url: string }[];
  close(): Promise<void>;
}

export async function createSandbox(options: CreateSandboxOptions = {}): Promise<Sandbox> {
  const config = options.config ?? sandboxConfigFor();
  const now = options.now ?? (() => new Date());
  const random = options.random ?? Math.random;
  let baseUrl = `http://${config.host}:${config.port}`;
  const state = new SandboxState({ databaseFile: config.databaseFile, now, publicUrl: () => baseUrl });

  if (options.ensureDemoStore && !state.stores.get(config.demoStoreHash)) {
    const created = state.createStore(config.demoStoreHash, {
      apiToken: config.demoApiToken,
      settings: { name: 'Sandbox Demo Store' },
    });
    if (!created.ok) throw new Error(`cannot create the demo store: ${created.message}`);
  } else if (options.ensureDemoStore) {
    // The token may have changed in the environment since the data directory was created.
    state.tokens.put({
      token: config.demoApiToken,
      storeHash: config.demoStoreHash,
      clientId: 'sandbox-store-api-account',
      scopes: state.tokens.forClient(config.demoStoreHash, 'sandbox-store-api-account')?.scopes ?? [
        'store_v2_products',
        'store_v2_orders',
        'store_v2_information',
        'store_v2_content',
        'store_inventory',
        'store_v2_customers',
      ],
    });
  }

  const app = Fastify({
    logger:
      config.logLevel === 'silent'
        ? false
        : {
            level: config.logLevel,
            // Like the app's: no code, token or signed payload from a query string in a log line.
            serializers: {
              req: (request: { method: string; url: string }) => ({
                method: request.method,
                url: request.url.replace(
                  /([?&][^=&]*(?:token|code|signed_payload|secret|jwt|key)[^=&]*=)[^&]*/gi,
                  '$1[redacted]',
                ),
              }),
            },
          },
    // BigCommerce batch bodies can be large (250 products, 2000 inventory items).
    bodyLimit: 20 * 1024 * 1024,
  });
  const apiRoutes: { method: string; url: string }[] = [];
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/stores/') || route.config?.sandboxCatchAll) return;
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') apiRoutes.push({ method, url: route.url });
    }
  });

  const dispatcher = new WebhookDispatcher(state, {
    ...config.webhooks,
    now,
    random,
    log: (message, detail) => app.log.warn(detail ?? {}, message),
  });
  const faults = new FaultInjector(config.faults, random);
  const rateLimiter = new RateLimiter(config.rateLimit, () => now().getTime());

  registerApiGateway(app, { state, rateLimiter, faults }, API_ROUTES);
  app.register(async (admin) =>
    registerSandboxAdmin(admin, { state, dispatcher, faults, rateLimiter, config }),
  );
  const context: SandboxContext = { state, config, dispatcher, baseUrl: () => baseUrl };
  for (const plugin of options.plugins ?? []) {
    app.register(async (scoped) => plugin.register(scoped, context));
  }

  await app.ready();
  dispatcher.start();
  let url = '';
  if (options.listen !== false) {
    await app.listen({ port: config.port, host: config.host });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
    baseUrl = url;
  }

  let closed = false;
  return {
    app,
    url,
    state,
    config,
    dispatcher,
    faults,
    rateLimiter,
    apiRoutes,
    async close() {
      if (closed) return;
      closed = true;
      await dispatcher.close();
      await app.close();
      state.close();
    },
  };
}
