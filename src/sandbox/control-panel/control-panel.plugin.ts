import type { SandboxContext, SandboxPlugin } from '../server.js';
import type { SandboxState } from '../state/sandbox-state.js';
import { AppRegistry, type SandboxApp } from './app-registry.js';
import { AuthCodeStore } from './auth-codes.js';
import { type ControlPanelOrder, controlPanelRoutes } from './control-panel.routes.js';
import { InstallService, type InstallStatePort } from './install.service.js';

/**
 * The control panel and login service as a sandbox plugin. The returned handle gives tests and demo mode
 * the app registry (register an app at run time) and the install service (install/open/uninstall
 * without a browser), once the sandbox has started.
 */
export interface ControlPanelOptions {
  /** Apps known from the start (SANDBOX_APPS); more can be added with `apps.register`. */
  readonly apps?: readonly SandboxApp[];
  readonly callbackTimeoutMs?: number;
  readonly fetch?: typeof fetch;
}

export interface ControlPanel {
  readonly plugin: SandboxPlugin;
  readonly apps: AppRegistry;
  /** Available once the sandbox registered the plugin. */
  service(): InstallService;
}

export function createControlPanel(options: ControlPanelOptions = {}): ControlPanel {
  const apps = new AppRegistry(options.apps ?? []);
  let service: InstallService | undefined;
  return {
    apps,
    service() {
      if (!service) throw new Error('The control panel has not been registered with a sandbox yet');
      return service;
    },
    plugin: {
      name: 'control-panel',
      async register(app, context: SandboxContext) {
        const { state } = context;
        service = new InstallService({
          apps,
          codes: new AuthCodeStore(state.now),
          state: installStateOf(state),
          now: state.now,
          ...(options.callbackTimeoutMs === undefined
            ? {}
            : { callbackTimeoutMs: options.callbackTimeoutMs }),
          ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
        });
        await app.register(controlPanelRoutes, {
          apps,
          install: service,
          listStores: () => state.stores.list().map((s) => ({ hash: s.hash, name: s.settings.name })),
          findOrder: (storeHash, orderId) => orderOf(state, storeHash, orderId),
        });
      },
    },
  };
}

function orderOf(state: SandboxState, storeHash: string, orderId: number): ControlPanelOrder | undefined {
  const order = state.orders.get(storeHash, orderId);
  if (order === undefined) return undefined;
  const lines = state.orders.products(storeHash, orderId, { limit: 250 }) ?? [];
  return {
    id: order.id,
    status: order.status,
    dateCreated: String(order.date_created ?? ''),
    staffNotes: String(order.staff_notes ?? ''),
    lines: lines.map((line) => ({ name: String(line.name ?? ''), sku: line.sku, quantity: line.quantity })),
  };
}

/** The store owner is the only control-panel user; BigCommerce user ids are global, so the store id serves. */
function installStateOf(state: SandboxState): InstallStatePort {
  return {
    storeOwner(storeHash) {
      const store = state.stores.get(storeHash);
      if (!store) return undefined;
      return { id: store.storeId, username: store.settings.adminEmail, email: store.settings.adminEmail };
    },
    issueToken: (storeHash, clientId, scopes) => state.issueToken(storeHash, clientId, scopes).token,
    hasToken: (storeHash, clientId) => state.tokens.forClient(storeHash, clientId) !== undefined,
    uninstallApp(storeHash, clientId) {
      const removed = state.uninstallApp(storeHash, clientId);
      return { hooksRemoved: removed.hooks, scriptsRemoved: removed.scripts };
    },
  };
}
