import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe } from 'vitest';
import {
  createBigCommerceClientPool,
  createStoreCatalog,
  createStoreClients,
  createStoreInventory,
  createStoreOrders,
  createStoreSetup,
} from '../../../../src/adapters/bigcommerce/index.js';
import { tokenCipherFromKey } from '../../../../src/adapters/crypto/token-cipher.js';
import type { StoreCatalog, StoreProduct } from '../../../../src/app/ports/store-catalog.js';
import type { StoreId } from '../../../../src/app/ports/store-id.js';
import type { StoreInventory } from '../../../../src/app/ports/store-inventory.js';
import type { StoreOrders } from '../../../../src/app/ports/store-orders.js';
import type { StoreRepository } from '../../../../src/app/ports/store-repository.js';
import type { StoreSetup } from '../../../../src/app/ports/store-setup.js';
import { sandboxConfigFor } from '../../../../src/sandbox/sandbox.config.js';
import { createSandbox, type Sandbox } from '../../../../src/sandbox/server.js';
import type { ProductCreateInput } from '../../../../src/sandbox/state/catalog.schemas.js';
import { uniqueStoreHash } from '../../../builders/store.builder.js';
import { statusIdOf } from '../../../builders/webhook.builder.js';
import type { OrderSeed, ProductSeed } from '../../../fakes/bigcommerce/index.js';
import { createInMemoryStorePorts, InMemoryBigCommerce } from '../../../fakes/bigcommerce/index.js';
import { createInMemoryRepositories } from '../../../fakes/in-memory/index.js';

/**
 * The BigCommerce store ports (StoreCatalog, StoreOrders, StoreSetup, StoreInventory) as a contract suite sees them,
 * on two targets:
 * - `sandbox`: the real adapters, over the real BigCommerce client, against the sandbox over HTTP, with
 *   the store clients of the composition root (the app's store row, the sealed token);
 * - `memory`: the fakes of test/fakes/bigcommerce that the use-case tests run on.
 * A suite seeds each target's store the same way (in the app's terms, from test/builders) and asserts
 * only what the ports show, so the fakes behave as BigCommerce does wherever the use cases look.
 */
export interface StoreTarget {
  readonly name: 'sandbox' | 'memory';
  readonly catalog: StoreCatalog;
  readonly orders: StoreOrders;
  readonly setup: StoreSetup;
  readonly inventory: StoreInventory;
  /** A store of its own on the target, connected. */
  aStore(options?: { readonly timeZone?: string; readonly name?: string }): Promise<TargetStore>;
}

/** One store of a target, seeded and changed as a merchant (not the app) would. */
export interface TargetStore {
  readonly storeId: StoreId;
  brand(name: string): Promise<number>;
  /** A category, top-level or under `parentId`. */
  category(name: string, parentId?: number): Promise<number>;
  /** Creates the product; returns it as the ports read it. */
  product(seed: ProductSeed): Promise<StoreProduct>;
  deleteProduct(bcProductId: number): Promise<void>;
  /** Places the order (catalog and custom lines); returns its id. */
  order(seed: OrderSeed): Promise<number>;
  /** The app's store is uninstalled: the store clients refuse it (StoreNotConnectedError). */
  disconnect(): Promise<void>;
  /** BigCommerce revoked the app's token. */
  revokeToken(): Promise<void>;
  /** Runs `work` while BigCommerce answers every request with 503. */
  duringOutage<T>(work: () => Promise<T>): Promise<T>;
}

export function describeEachStore(title: string, body: (target: () => StoreTarget) => void): void {
  describe.each(['sandbox', 'memory'] as const)(`${title} on %s`, (name) => {
    let current: { target: StoreTarget; close: () => Promise<void> } | undefined;
    beforeAll(async () => {
      current = name === 'sandbox' ? await openSandbox() : openMemory();
    });
    afterAll(async () => {
      await current?.close();
    });
    body(() => {
      if (current === undefined) throw new Error('store target not opened yet');
      return current.target;
    });
  });
}

function openMemory(): { target: StoreTarget; close: () => Promise<void> } {
  const { stores } = createInMemoryRepositories();
  const ports = createInMemoryStorePorts(new InMemoryBigCommerce({ stores }));
  const target: StoreTarget = {
    name: 'memory',
    catalog: ports.storeCatalog,
    orders: ports.storeOrders,
    setup: ports.storeSetup,
    inventory: ports.storeInventory,
    async aStore(options = {}) {
      const hash = uniqueStoreHash();
      const store = ports.bigcommerce.store(hash, { timeZone: options.timeZone ?? 'America/Chicago' });
      if (options.name !== undefined) store.name = options.name;
      const record = await appStore(stores, hash, 'v1:sealed-token');
      return {
        storeId: record.id,
        brand: async (name) => store.brand(name),
        category: async (name, parentId) => store.category(name, parentId),
        product: async (seed) => store.addProduct(seed),
        deleteProduct: async (id) => store.deleteProduct(id),
        order: async (seed) => store.addOrder(seed).id,
        disconnect: () => stores.markUninstalled(record.id, new Date()),
        revokeToken: async () => store.revokeToken(),
        async duringOutage(work) {
          store.goDown();
          try {
            return await work();
          } finally {
            store.recover();
          }
        },
      };
    },
  };
  return { target, close: async () => {} };
}

/** The app's record of an installed store (what the store clients read). */
function appStore(stores: StoreRepository, storeHash: string, accessTokenEncrypted: string) {
  return stores.install({
    storeHash,
    accessTokenEncrypted,
    scope: SCOPES.join(' '),
    timezone: 'America/Chicago',
    now: new Date(),
  });
}

/** The scopes the app asks for on install (its registration in the control panel). */
const SCOPES = [
  'store_v2_products',
  'store_v2_orders',
  'store_v2_content',
  'store_v2_information',
  'store_inventory',
];

const CLIENT_ID = 'store-ports-contract';

async function openSandbox(): Promise<{ target: StoreTarget; close: () => Promise<void> }> {
  // A generous quota: the suites are about what the ports answer, the client's pacing is tested apart.
  const sandbox = await createSandbox({
    config: sandboxConfigFor({ rateLimit: { quota: 100_000, windowMs: 30_000 } }),
  });
  // Few, fast retries: an outage is given up on quickly.
  const pool = createBigCommerceClientPool({
    apiBaseUrl: sandbox.url,
    limits: { maxRetries: 1, backoffBaseMs: 1, backoffMaxMs: 5 },
  });
  const { stores } = createInMemoryRepositories();
  const tokens = tokenCipherFromKey(randomBytes(32));
  const clients = createStoreClients({ stores, tokens, pool });
  const catalog = createStoreCatalog(clients);
  const target: StoreTarget = {
    name: 'sandbox',
    catalog,
    orders: createStoreOrders(clients),
    setup: createStoreSetup(clients),
    inventory: createStoreInventory(clients),
    aStore: (options = {}) =>
      sandboxStore({ sandbox, stores, catalog, seal: (token, hash) => tokens.seal(token, hash) }, options),
  };
  return {
    target,
    close: async () => {
      await pool.close();
      await sandbox.close();
    },
  };
}

async function sandboxStore(
  on: {
    readonly sandbox: Sandbox;
    readonly stores: StoreRepository;
    readonly catalog: StoreCatalog;
    readonly seal: (token: string, storeHash: string) => string;
  },
  options: { readonly timeZone?: string; readonly name?: string },
): Promise<TargetStore> {
  const { sandbox, stores, catalog, seal } = on;
  const { state } = sandbox;
  const hash = uniqueStoreHash();
  const created = state.createStore(hash, {
    settings: {
      timezone: options.timeZone ?? 'America/Chicago',
      ...(options.name === undefined ? {} : { name: options.name }),
    },
  });
  if (!created.ok) throw new Error(`sandbox store: ${created.message}`);
  const token = state.issueToken(hash, CLIENT_ID, SCOPES).token;
  const record = await appStore(stores, hash, seal(token, hash));
  const ok = <T>(result: { ok: true; value: T } | { ok: false; message: string }, what: string): T => {
    if (!result.ok) throw new Error(`sandbox ${what}: ${result.message}`);
    return result.value;
  };
  return {
    storeId: record.id,
    brand: async (name) => ok(state.taxonomy.createBrand(hash, { name }), 'brand').id,
    category: async (name, parentId) =>
      ok(
        state.taxonomy.createCategory(hash, {
          name,
          ...(parentId === undefined ? {} : { parent_id: parentId }),
        }),
        'category',
      ).id,
    async product(seed) {
      const made = ok(state.products.createProduct(hash, productInputOf(seed)), 'product');
      const product = await catalog.getProduct(record.id, made.id);
      if (product === null) throw new Error(`sandbox product ${made.id} vanished`);
      return product;
    },
    async deleteProduct(id) {
      ok(state.products.deleteProducts(hash, [id]), 'delete');
    },
    async order(seed) {
      const lines = seed.lines.map((line) => {
        if ('giftCertificate' in line) throw new Error('The sandbox takes no gift certificate lines');
        if ('custom' in line) {
          return {
            name: line.custom,
            quantity: line.quantity,
            price_ex_tax: 1,
            price_inc_tax: 1,
            ...(line.sku === undefined ? {} : { sku: line.sku }),
          };
        }
        return {
          product_id: line.bcProductId,
          quantity: line.quantity,
          ...(line.bcVariantId === undefined ? {} : { variant_id: line.bcVariantId }),
        };
      });
      const order = ok(
        state.orders.create(hash, {
          // An order names the customer a test gives, or nobody (as the in-memory store's).
          billing_address: {
            first_name: seed.customer?.firstName ?? '',
            last_name: seed.customer?.lastName ?? '',
            zip: '78751',
            email: 'jane@example.com',
          },
          products: lines,
          // Nowhere, unless told: an order without shipping (the sandbox would ship to the billing address).
          shipping_addresses: (seed.shippingAddresses ?? []).map((a) => ({
            first_name: a.firstName ?? '',
            last_name: a.lastName ?? '',
            company: a.company ?? '',
            street_1: a.street1 ?? '',
            street_2: a.street2 ?? '',
            city: a.city ?? '',
            state: a.state ?? '',
            zip: a.zip ?? '',
            country: a.country ?? '',
            phone: a.phone ?? '',
          })),
          status_id: statusIdOf(seed.status ?? 'pending'),
          staff_notes: seed.staffNotes ?? '',
        } as Parameters<typeof state.orders.create>[1]),
        'order',
      );
      return order.id;
    },
    async disconnect() {
      await stores.markUninstalled(record.id, new Date());
    },
    async revokeToken() {
      state.tokens.revokeClient(hash, CLIENT_ID);
    },
    async duringOutage(work) {
      sandbox.faults.configure({ errorRate: 1, errorStatuses: [503] });
      try {
        return await work();
      } finally {
        sandbox.faults.configure({ errorRate: 0 });
      }
    },
  };
}

/** The seed as the Catalog API's POST /catalog/products body. */
function productInputOf(seed: ProductSeed): ProductCreateInput {
  return {
    name: seed.name ?? `Product ${uniqueStoreHash()}`,
    type: 'physical',
    weight: 1,
    price: 10,
    ...(seed.sku === undefined ? {} : { sku: seed.sku }),
    ...(seed.description === undefined ? {} : { description: seed.description }),
    ...(seed.brandId === undefined ? {} : { brand_id: seed.brandId }),
    ...(seed.categoryIds === undefined ? {} : { categories: [...seed.categoryIds] }),
    ...(seed.visible === undefined ? {} : { is_visible: seed.visible }),
    ...(seed.availability === undefined ? {} : { availability: seed.availability }),
    ...(seed.availabilityDescription === undefined
      ? {}
      : { availability_description: seed.availabilityDescription }),
    ...(seed.tracking === undefined ? {} : { inventory_tracking: seed.tracking }),
    ...(seed.stockLevel === undefined ? {} : { inventory_level: seed.stockLevel }),
    ...(seed.warningLevel === undefined ? {} : { inventory_warning_level: seed.warningLevel }),
    ...(seed.orderQuantityMaximum === undefined ? {} : { order_quantity_maximum: seed.orderQuantityMaximum }),
    ...(seed.variants === undefined || seed.variants.length === 0
      ? {}
      : {
          variants: seed.variants.map((v) => ({
            sku: v.sku,
            option_values: v.options.map((o) => ({ option_display_name: o.name, label: o.value })),
            ...(v.stockLevel === undefined ? {} : { inventory_level: v.stockLevel }),
            ...(v.warningLevel === undefined ? {} : { inventory_warning_level: v.warningLevel }),
            ...(v.purchasable === undefined ? {} : { purchasing_disabled: !v.purchasable }),
            ...(v.unavailableMessage === undefined
              ? {}
              : { purchasing_disabled_message: v.unavailableMessage }),
          })),
        }),
  } as ProductCreateInput;
}
