import {
  type BigCommerceClient,
  type BigCommerceClientPool,
  createBigCommerceClientPool,
  createStoreCatalog,
  createStoreInventory,
  type Product,
} from '../../../../src/adapters/bigcommerce/index.js';
import type { AssignmentDeps } from '../../../../src/app/assignment/assignment-deps.js';
import type { DeliverBackorderLimitsDeps } from '../../../../src/app/outbox/deliver-backorder-limits.js';
import type { DeliverLevelsDeps } from '../../../../src/app/outbox/deliver-levels.js';
import type { DeliverOutboxDeps } from '../../../../src/app/outbox/deliver-outbox.js';
import type { JobContext, JobName } from '../../../../src/app/ports/job-queue.js';
import type { StoreId } from '../../../../src/app/ports/store-id.js';
import type { StoreRecord } from '../../../../src/app/ports/store-repository.js';
import type { TemplateInput, TemplateRecord } from '../../../../src/app/ports/template-repository.js';
import { sandboxConfigFor } from '../../../../src/sandbox/sandbox.config.js';
import { createSandbox, type Sandbox } from '../../../../src/sandbox/server.js';
import type { ProductCreateInput } from '../../../../src/sandbox/state/catalog.schemas.js';
import type { TestDatabase } from '../../../adapters/db/support/databases.js';
import { uniqueStoreHash } from '../../../builders/store.builder.js';
import { fixedClock } from '../../../fakes/clock.js';
import { RecordingJobQueue } from '../../../fakes/job-queue.js';

/**
 * The assignment and outbox use cases against the REAL sandbox over HTTP (the app's own BigCommerce
 * client), on SQLite or PostgreSQL. Each test works in a BigCommerce store and an app store of its own.
 */
export interface Harness {
  readonly sandbox: Sandbox;
  readonly pool: BigCommerceClientPool;
  /** Clients acting as someone else than the app (an ERP, a person in the control panel). */
  readonly erpPool: BigCommerceClientPool;
  /** Moves the sandbox's clock (its `date_modified` has one-second resolution, like BigCommerce's). */
  advanceSandbox(ms: number): void;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  let offsetMs = 0;
  const sandbox = await createSandbox({
    now: () => new Date(Date.now() + offsetMs),
    // A generous quota: these tests are about the app's logic, the client's pacing is tested apart.
    config: sandboxConfigFor({ rateLimit: { quota: 100_000, windowMs: 30_000 } }),
  });
  // Fast retries so that fault-injection tests do not wait for production backoffs.
  const pool = createBigCommerceClientPool({
    apiBaseUrl: sandbox.url,
    limits: {
      maxRetries: 1,
      backoffBaseMs: 1,
      backoffMaxMs: 5,
      rateLimitFallbackMs: 5,
      rateLimitFallbackMaxMs: 20,
    },
  });
  const erpPool = createBigCommerceClientPool({ apiBaseUrl: sandbox.url });
  return {
    sandbox,
    pool,
    erpPool,
    advanceSandbox(ms) {
      offsetMs += ms;
    },
    async close() {
      await pool.close();
      await erpPool.close();
      await sandbox.close();
    },
  };
}

export const jobContext = (name: JobName, attempt = 1): JobContext => ({ id: 'test', name, attempt });

/** Counts the writes that go through the client: one entry per call with the patches it was given. */
export interface WriteLog {
  readonly products: { id: number; [field: string]: unknown }[][];
  readonly variants: { id: number; [field: string]: unknown }[][];
  /** Catalog reads: `getProduct` (one product) or `getProductsByIds` (the ids asked for). */
  readonly reads: { method: 'getProduct' | 'getProductsByIds'; ids: number }[];
  /** HTTP PUT requests these calls made (10 products, 50 variants per request). */
  requests(): number;
  reset(): void;
}

function countingClient(client: BigCommerceClient, log: WriteLog): BigCommerceClient {
  return new Proxy(client, {
    get(target, property, receiver) {
      if (property === 'updateProducts') {
        return (patches: { id: number }[]) => {
          log.products.push(patches.map((p) => ({ ...p })));
          return target.updateProducts(patches);
        };
      }
      if (property === 'getProduct' || property === 'getProductsByIds') {
        return (ids: number | readonly number[], ...rest: unknown[]) => {
          log.reads.push({ method: property, ids: typeof ids === 'number' ? 1 : ids.length });
          return (target[property] as (...args: unknown[]) => unknown)(ids, ...rest);
        };
      }
      if (property === 'updateVariants') {
        return (patches: { id: number }[]) => {
          log.variants.push(patches.map((p) => ({ ...p })));
          return target.updateVariants(patches);
        };
      }
      return Reflect.get(target, property, receiver);
    },
  });
}

export interface StoreContext {
  readonly store: StoreRecord;
  readonly storeHash: string;
  readonly token: string;
  readonly template: TemplateRecord;
  readonly jobs: RecordingJobQueue;
  readonly clock: ReturnType<typeof fixedClock>;
  readonly deps: AssignmentDeps & DeliverOutboxDeps & DeliverLevelsDeps & DeliverBackorderLimitsDeps;
  readonly writes: WriteLog;
  /** The app's client for this store (counted); an ERP would use its own, see `erp`. */
  client(): BigCommerceClient;
  /** Another API client of the same store, acting as an ERP or a person in the control panel. */
  readonly erp: BigCommerceClient;
  readonly errors: { error: unknown; context: string }[];
  /** Creates a product directly in the sandbox's catalog. */
  createProduct(input: Partial<ProductCreateInput> & { name?: string }): number;
  /** The product as BigCommerce has it now (over HTTP). */
  product(bcProductId: number): Promise<Product>;
}

let productCounter = 0;

export const DEFAULT_TEMPLATE: TemplateInput = {
  name: 'Default',
  buttonText: 'Pre-order',
  backorderMessage: 'Ships later',
  cartMessage: 'Backordered',
  unavailableMessage: '',
  threshold: 5,
  incomingStock: 12,
  backInStockDate: '2099-01-31',
  packingSlipMessage: 'Backordered items ship separately.',
};

export async function aConnectedStore(
  database: TestDatabase,
  harness: Harness,
  options: { switchCondition?: number; keepTrackingOff?: boolean } = {},
): Promise<StoreContext> {
  const { repos } = database;
  const storeHash = uniqueStoreHash();
  const token = `token-${storeHash}`;
  const created = harness.sandbox.state.createStore(storeHash, { apiToken: token });
  if (!created.ok) throw new Error(`sandbox store: ${created.message}`);
  const clock = fixedClock(new Date());
  const store = await repos.stores.install({
    storeHash,
    accessTokenEncrypted: 'v1:not-used-by-these-tests',
    scope: 'store_v2_products',
    timezone: 'America/Chicago',
    now: clock.now(),
  });
  const patch = {
    ...(options.switchCondition === undefined ? {} : { switchCondition: options.switchCondition }),
    ...(options.keepTrackingOff === undefined ? {} : { keepTrackingOff: options.keepTrackingOff }),
  };
  if (Object.keys(patch).length > 0) await repos.settings.updateSettings(store.id, patch, clock.now());
  const made = await repos.templates.createTemplate(store.id, DEFAULT_TEMPLATE, clock.now());
  if (!made.ok) throw new Error(`template: ${made.message}`);

  const writes: WriteLog = {
    products: [],
    variants: [],
    reads: [],
    requests() {
      return (
        this.products.reduce((n, call) => n + Math.ceil(call.length / 10), 0) +
        this.variants.reduce((n, call) => n + Math.ceil(call.length / 50), 0)
      );
    },
    reset() {
      this.products.length = 0;
      this.variants.length = 0;
      this.reads.length = 0;
    },
  };
  const client = countingClient(harness.pool.forStore({ storeHash, accessToken: token }), writes);
  const erp = harness.erpPool.forStore({ storeHash, accessToken: token });
  const jobs = new RecordingJobQueue();
  const errors: { error: unknown; context: string }[] = [];
  const clients = async (storeId: StoreId) => {
    if (storeId !== store.id) throw new Error(`no BigCommerce client for store ${storeId} in this test`);
    return client;
  };
  const deps: AssignmentDeps & DeliverOutboxDeps & DeliverLevelsDeps & DeliverBackorderLimitsDeps = {
    // The composition root's adapters, over this test's (counted) client.
    storeCatalog: createStoreCatalog(clients),
    storeInventory: createStoreInventory(clients),
    levelEchoes: repos.levelEchoes,
    catalogEchoes: repos.catalogEchoes,
    items: repos.items,
    itemTransactions: repos.itemTransactions,
    products: repos.products,
    templates: repos.templates,
    settings: repos.settings,
    assignmentRuns: repos.assignmentRuns,
    history: repos.history,
    outbox: repos.outbox,
    notifications: repos.notifications,
    notificationWindowMs: 0,
    jobs,
    clock,
    reportError: (error, context) => errors.push({ error, context }),
    deliveryOptions: { retryBaseMs: 1_000, retryMaxMs: 60_000 },
  };
  return {
    store,
    storeHash,
    token,
    template: made.template,
    jobs,
    clock,
    deps,
    writes,
    client: () => client,
    erp,
    errors,
    createProduct(input) {
      productCounter += 1;
      const n = productCounter;
      const result = harness.sandbox.state.products.createProduct(storeHash, {
        name: `Product ${n}`,
        type: 'physical',
        weight: 1,
        price: 10,
        sku: `P-${storeHash}-${n}`,
        ...input,
      });
      if (!result.ok) throw new Error(`sandbox product: ${result.message}`);
      return result.value.id;
    },
    product: (bcProductId) => client.getProduct(bcProductId, { include: ['variants'] }),
  };
}

/** A product with variants tracked by variant: sizes → inventory levels. */
export function withSizes(sizes: Record<string, number>, prefix: string): Partial<ProductCreateInput> {
  return {
    inventory_tracking: 'variant',
    variants: Object.entries(sizes).map(([size, level]) => ({
      sku: `${prefix}-${size}`,
      inventory_level: level,
      option_values: [{ option_display_name: 'Size', label: size }],
    })),
  };
}
