import { createHash } from 'node:crypto';
import {
  type BigCommerceClient,
  type BigCommerceClientPool,
  bigCommerceWebhookEvents,
  createBigCommerceClientPool,
  createStoreCatalog,
  createStoreInventory,
  createStoreOrders,
  type StoreClients,
} from '../../../../src/adapters/bigcommerce/index.js';
import type { Repositories } from '../../../../src/adapters/db/repositories.js';
import { assignProductItems } from '../../../../src/app/items/assign-product-items.js';
import type { Clock } from '../../../../src/app/ports/clock.js';
import type { ItemRecord } from '../../../../src/app/ports/item-repository.js';
import type { StoreId } from '../../../../src/app/ports/store-id.js';
import { StoreNotConnectedError } from '../../../../src/app/ports/store-not-connected.js';
import type { ProcessWebhookDeps } from '../../../../src/app/webhooks/process-webhook.js';
import { sandboxConfigFor } from '../../../../src/sandbox/sandbox.config.js';
import { createSandbox, type Sandbox } from '../../../../src/sandbox/server.js';
import type { StoreEvent } from '../../../../src/sandbox/state/events.js';
import { aStore, uniqueStoreHash } from '../../../builders/store.builder.js';
import { fixedClock } from '../../../fakes/clock.js';
import { RecordingJobQueue } from '../../../fakes/job-queue.js';

/** The instant the webhook tests run at (the sandbox keeps its own wall clock). */
export const TEST_NOW = new Date('2026-03-10T15:00:00.000Z');

/** One sandbox (real HTTP, port 0) for a test file, and the real BigCommerce client pool pointed at it. */
export interface WebhookWorld {
  readonly sandbox: Sandbox;
  readonly pool: BigCommerceClientPool;
  close(): Promise<void>;
}

export async function startWorld(): Promise<WebhookWorld> {
  const sandbox = await createSandbox({ config: sandboxConfigFor() });
  // Retries stay on (the client's own behaviour), only their waiting is shortened for the tests.
  const pool = createBigCommerceClientPool({
    apiBaseUrl: sandbox.url,
    limits: { backoffBaseMs: 1, backoffMaxMs: 5, maxRetries: 2 },
  });
  return {
    sandbox,
    pool,
    close: async () => {
      await pool.close();
      await sandbox.close();
    },
  };
}

/** A store installed in the sandbox and in the app's database, with what its webhooks need. */
export interface TestStore {
  readonly storeId: StoreId;
  readonly storeHash: string;
  /** The store's BigCommerce client (as the app's jobs get it). */
  readonly client: BigCommerceClient;
  /** The merchant's / ERP's own API access to the sandbox store, for setting up products and orders. */
  readonly merchant: BigCommerceClient;
  readonly jobs: RecordingJobQueue;
  readonly clock: Clock & { set(at: Date): void };
  readonly deps: ProcessWebhookDeps;
  /** The sandbox events of this store not yet fed to the inbox, oldest first. */
  readonly events: StoreEvent[];
}

/** Creates the store on both sides, with the job handler's dependencies wired as the app wires them. */
export async function aConnectedStore(
  world: WebhookWorld,
  repos: Repositories,
  options: { timezone?: string; locale?: string } = {},
): Promise<TestStore> {
  const storeHash = uniqueStoreHash();
  const token = `token-${storeHash}`;
  const created = world.sandbox.state.createStore(storeHash, { apiToken: token });
  if (!created.ok) throw new Error(`sandbox store: ${created.message}`);
  const store = await aStore(repos, { storeHash, timezone: options.timezone ?? 'America/Chicago' });
  if (options.locale !== undefined) {
    await repos.stores.updateProfile(store.id, { locale: options.locale }, TEST_NOW);
  }
  const events: StoreEvent[] = [];
  world.sandbox.state.events.subscribe((event) => {
    if (event.storeHash === storeHash) events.push(event);
  });
  const client = world.pool.forStore({ storeHash, accessToken: token });
  const merchant = world.pool.forStore({ storeHash, accessToken: token });
  const jobs = new RecordingJobQueue();
  const clock = fixedClock(TEST_NOW);
  // As the composition root's store clients: refused once the store is uninstalled.
  const clients: StoreClients = async (storeId) => {
    const found = await repos.stores.getStore(storeId);
    if (found === null || found.status !== 'installed' || found.id !== store.id) {
      throw new StoreNotConnectedError(storeId);
    }
    return client;
  };
  const deps: ProcessWebhookDeps = {
    ...repos,
    storeOrders: createStoreOrders(clients),
    storeCatalog: createStoreCatalog(clients),
    storeInventory: createStoreInventory(clients),
    webhookEvents: bigCommerceWebhookEvents,
    jobs,
    clock,
    notificationWindowMs: 0,
  };
  return { storeId: store.id, storeHash, client, merchant, jobs, clock, deps, events };
}

/** The delivery BigCommerce would POST for a store event (as the sandbox's dispatcher builds it). */
export function deliveryOf(store: TestStore, event: StoreEvent) {
  return {
    scope: event.scope,
    store_id: String(store.storeId),
    data: event.data,
    hash: createHash('sha1').update(JSON.stringify(event.data)).digest('hex'),
    created_at: Math.floor(TEST_NOW.getTime() / 1000),
    producer: `stores/${store.storeHash}`,
  };
}

/**
 * Records the store's pending sandbox events of `scope` in the inbox (what the webhook route does on
 * receipt) and returns the ids of the new entries, oldest first. Events of other scopes stay pending.
 */
export async function receive(repos: Repositories, store: TestStore, scope: string): Promise<number[]> {
  const ids: number[] = [];
  const matching = store.events.filter((event) => event.scope === scope);
  const others = store.events.filter((event) => event.scope !== scope);
  store.events.splice(0, store.events.length, ...others);
  for (const event of matching) {
    const delivery = deliveryOf(store, event);
    const recorded = await repos.inbox.record(store.storeId, {
      eventHash: delivery.hash,
      scope: delivery.scope,
      payload: delivery,
      receivedAt: TEST_NOW,
    });
    if (!recorded.duplicate) ids.push(recorded.id);
  }
  return ids;
}

/** Creates a product in the sandbox (POST /v3/catalog/products) as the merchant would. */
export async function createProduct(store: TestStore, body: Record<string, unknown>) {
  const res = await store.merchant.request<{ data: SandboxProduct }>({
    method: 'POST',
    api: 'v3',
    path: '/catalog/products',
    query: { include: 'variants' },
    body,
  });
  return res.body.data;
}

export interface SandboxProduct {
  readonly id: number;
  readonly name: string;
  readonly sku: string;
  readonly inventory_level: number;
  readonly base_variant_id?: number | null;
  readonly variants?: readonly {
    id: number;
    sku: string;
    inventory_level: number;
    option_values: unknown[];
  }[];
}

let counter = 0;

/** A product without variants, with tracking off (as the app leaves an assigned product). */
export function aSimpleProduct(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  counter += 1;
  return {
    name: `Simple ${process.pid}-${counter}`,
    type: 'physical',
    weight: 1,
    price: 10,
    sku: `S-${process.pid}-${counter}`,
    inventory_tracking: 'none',
    ...overrides,
  };
}

/** A product with one variant per size, tracking off. */
export function aSizedProduct(sizes: readonly string[], overrides: Record<string, unknown> = {}) {
  counter += 1;
  const sku = `V-${process.pid}-${counter}`;
  return {
    name: `Sized ${process.pid}-${counter}`,
    type: 'physical',
    weight: 1,
    price: 20,
    sku,
    inventory_tracking: 'none',
    variants: sizes.map((size) => ({
      sku: `${sku}-${size}`,
      option_values: [{ option_display_name: 'Size', label: size }],
    })),
    ...overrides,
  };
}

/**
 * Assigns a sandbox product straight through the ItemRepository (the assignment use case is tested on
 * its own): one item for a product without variants, one per variant otherwise.
 */
export async function assign(
  repos: Repositories,
  store: TestStore,
  product: SandboxProduct,
  stock: Record<string, number> | number,
  options: { threshold?: number | null; templateId?: number | null } = {},
): Promise<ItemRecord[]> {
  const variants = (product.variants ?? []).filter((v) => v.option_values.length > 0);
  const items =
    variants.length === 0
      ? [{ bcVariantId: null, sku: product.sku, stock: stock as number }]
      : variants.map((v) => ({
          bcVariantId: v.id,
          sku: v.sku,
          stock: (stock as Record<string, number>)[v.sku] ?? 0,
        }));
  const outcome = await assignProductItems(repos, {
    storeId: store.storeId,
    idempotencyKey: `test-assign:${product.id}`,
    cause: { type: 'assignment', ref: null },
    actor: 'admin:merchant@example.com',
    now: TEST_NOW,
    product: {
      bcProductId: product.id,
      name: product.name,
      sku: product.sku,
      templateId: options.templateId ?? null,
      originalSettings: { inventory_tracking: 'none' },
    },
    items: items.map((i) => ({
      ...i,
      threshold: options.threshold ?? null,
      incoming: 0,
      backInStockDate: null,
    })),
  });
  if (!outcome.applied) throw new Error(`assignment failed: ${JSON.stringify(outcome)}`);
  return outcome.items.map((i) => i.item);
}

/** Places an order in the sandbox (POST /v2/orders); returns its id. */
export async function placeOrder(
  store: TestStore,
  lines: readonly { product_id: number; quantity: number; variant_id?: number }[],
  overrides: Record<string, unknown> = {},
): Promise<number> {
  const res = await store.merchant.request<{ id: number }>({
    method: 'POST',
    api: 'v2',
    path: '/orders',
    body: {
      billing_address: { first_name: 'Jane', last_name: 'Doe', zip: '78751', email: 'jane@example.com' },
      products: lines,
      ...overrides,
    },
  });
  return res.body.id;
}

export async function setOrderStatus(store: TestStore, orderId: number, statusId: number): Promise<void> {
  await store.merchant.updateOrder(orderId, { status_id: statusId });
}
