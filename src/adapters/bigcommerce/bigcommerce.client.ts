import type { Dispatcher } from 'undici';
import { BigCommerceError, isBigCommerceError, isRecord } from './bigcommerce.errors.js';
import {
  type BigCommerceLimits,
  type BigCommerceLogger,
  createDispatcher,
  type HttpRequest,
  type Query,
  StoreLane,
  Transport,
  type TransportDeps,
  transportDeps,
} from './bigcommerce.transport.js';
import type {
  AbsoluteAdjustment,
  BatchItemFailure,
  BatchResult,
  Brand,
  Category,
  Hook,
  HookCreate,
  HookQuery,
  HookUpdate,
  InventoryItem,
  InventoryItemQuery,
  InventoryLocation,
  InventorySettings,
  LocationItemSetting,
  Order,
  OrderPatch,
  OrderProduct,
  OrderQuery,
  OrderShippingAddress,
  OrderStatus,
  OrderWithConsignments,
  Page,
  PageRequest,
  Pagination,
  Product,
  ProductInclude,
  ProductPatch,
  ProductQuery,
  Script,
  ScriptCreate,
  ScriptUpdate,
  StoreInfo,
  Variant,
  VariantPatch,
  VariantQuery,
} from './bigcommerce.types.js';
import { QuotaBudget } from './quota.budget.js';
import { MemoryQuotaLedger, type QuotaLedger } from './quota.ledger.js';
import type { RateLimitStatus } from './rate-limit.gate.js';

export const DEFAULT_API_BASE_URL = 'https://api.bigcommerce.com';

/** BigCommerce's documented limits. */
export const BIGCOMMERCE_LIMITS = {
  pageSize: 250,
  productsPerBatch: 10,
  variantsPerBatch: 50,
  inventoryItemsPerAdjustment: 2000,
} as const;

/** What every client creation accepts besides the store: where and how to talk. */
export interface BigCommerceClientSettings {
  /** Default https://api.bigcommerce.com; the sandbox's URL in demo mode and tests. */
  readonly apiBaseUrl?: string;
  /** Epoch ms; injectable so tests can run rate-limit waits without waiting. */
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
  /** [0, 1) for backoff jitter. */
  readonly random?: () => number;
  readonly logger?: BigCommerceLogger;
  readonly limits?: Partial<BigCommerceLimits>;
  /**
   * Where the stores' quotas are kept: a table shared by every instance on PostgreSQL. Default: this
   * process's memory (one instance, SQLite, tests).
   */
  readonly quotaLedger?: QuotaLedger;
}

export interface BigCommerceClientOptions extends BigCommerceClientSettings {
  readonly storeHash: string;
  readonly accessToken: string;
}

export interface BigCommerceClient {
  readonly storeHash: string;

  getStore(): Promise<StoreInfo>;

  listProducts(query?: ProductQuery, page?: PageRequest): Promise<Page<Product>>;
  iterateProducts(query?: ProductQuery): AsyncGenerator<Product>;
  /** The products among `ids` that exist, in BigCommerce's order (ids are queried 250 at a time). */
  getProductsByIds(
    ids: readonly number[],
    options?: { readonly include?: readonly ProductInclude[] },
  ): Promise<Product[]>;
  /** One product; `include` defaults to `['variants']`. NOT_FOUND when it does not exist. */
  getProduct(id: number, options?: { readonly include?: readonly ProductInclude[] }): Promise<Product>;
  listVariants(query?: VariantQuery, page?: PageRequest): Promise<Page<Variant>>;
  iterateVariants(query?: VariantQuery): AsyncGenerator<Variant>;
  /** Batch PUT /catalog/products, 10 per request, sequentially. */
  updateProducts(patches: readonly ProductPatch[]): Promise<BatchResult<Product>>;
  /** Batch PUT /catalog/variants, 50 per request, sequentially. */
  updateVariants(patches: readonly VariantPatch[]): Promise<BatchResult<Variant>>;
  listCategories(): Promise<Category[]>;
  listBrands(): Promise<Brand[]>;

  getOrder(id: number): Promise<Order>;
  /**
   * GET /v2/orders/{id}?include=consignments.line_items&consignment_structure=object: the order with its
   * lines in one call. NOT_FOUND when it does not exist.
   */
  getOrderWithLines(id: number): Promise<OrderWithConsignments>;
  /**
   * One page (up to 250, lowest id first) of GET /v2/orders with the lines side-loaded as in
   * getOrderWithLines: one call.
   */
  listOrdersWithLines(query: OrderQuery, page?: PageRequest): Promise<OrderWithConsignments[]>;
  /** All lines of an order (every page). */
  getOrderProducts(orderId: number): Promise<OrderProduct[]>;
  /** All shipping addresses of an order (every page). */
  getOrderShippingAddresses(orderId: number): Promise<OrderShippingAddress[]>;
  iterateOrders(query?: OrderQuery): AsyncGenerator<Order>;
  /** PUT /v2/orders/{id} with only the given fields. */
  updateOrder(id: number, patch: OrderPatch): Promise<Order>;
  listOrderStatuses(): Promise<OrderStatus[]>;

  /** Retried safely: after an ambiguous failure it first looks for the hook the first send created. */
  createHook(hook: HookCreate): Promise<Hook>;
  /** The calling app's hooks (BigCommerce returns only those), every page. */
  listHooks(query?: HookQuery): Promise<Hook[]>;
  updateHook(id: number, patch: HookUpdate): Promise<Hook>;
  /** Resolves once the hook is gone; a hook already gone (404) counts as deleted. */
  deleteHook(id: number): Promise<void>;

  /** Retried safely like createHook (matched by name, kind, src/html). */
  createScript(script: ScriptCreate): Promise<Script>;
  listScripts(): Promise<Script[]>;
  updateScript(uuid: string, patch: ScriptUpdate): Promise<Script>;
  /** Resolves once the script is gone; 404 counts as deleted. */
  deleteScript(uuid: string): Promise<void>;

  getInventoryItems(query: InventoryItemQuery): Promise<InventoryItem[]>;
  /** GET /v3/inventory/locations, every page. */
  listInventoryLocations(): Promise<InventoryLocation[]>;
  /** GET /v3/settings/inventory (the store-wide inventory settings). */
  getInventorySettings(): Promise<InventorySettings>;
  /** PUT /inventory/adjustments/absolute, 2000 items per request; one transaction id per request. */
  adjustInventoryAbsolute(adjustment: AbsoluteAdjustment): Promise<{ readonly transaction_ids: string[] }>;
  /**
   * POST /inventory/adjustments/relative, 2000 items per request. Changes add up, so a request whose
   * failure may have been applied (5xx, timeout) is not re-sent: the error is thrown.
   */
  adjustInventoryRelative(adjustment: AbsoluteAdjustment): Promise<{ readonly transaction_ids: string[] }>;
  /** PUT /inventory/locations/{id}/items: settings of items at one location, 2000 per request. */
  updateLocationItems(
    locationId: number,
    settings: readonly LocationItemSetting[],
  ): Promise<{ readonly transaction_ids: string[] }>;

  /**
   * Any other call of this store's API, with the same rate limiting, retries and typed errors, for
   * endpoints not wrapped above. `path` is relative to `/stores/{hash}/{api}`, e.g. `/time`.
   */
  request<T>(req: RawRequest): Promise<{ readonly status: number; readonly body: T }>;

  /** Last rate-limit headers seen for this store and whether requests are paused. */
  rateLimitStatus(): RateLimitStatus;
  /** Frees connections (only when this client owns them, i.e. it was not made by a pool). */
  close(): Promise<void>;
}

export interface RawRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly api: 'v2' | 'v3';
  readonly path: string;
  readonly query?: Query;
  readonly body?: unknown;
}

interface V3Envelope<T> {
  readonly data: T;
  readonly meta?: { readonly pagination?: Pagination };
}

/** A client for one store, with its own connections and rate-limit lane. */
export function createBigCommerceClient(options: BigCommerceClientOptions): BigCommerceClient {
  const deps = transportDeps(options);
  const dispatcher = createDispatcher();
  const lane = new StoreLane(deps, options.storeHash, {
    storeHash: options.storeHash,
    quota: quotaBudgetOf(options, deps),
  });
  return buildClient(options, deps, dispatcher, lane, async () => {
    await lane.close();
    await dispatcher.close();
  });
}

export interface BigCommerceClientPool {
  /** A client for the store; clients of the same store share its rate-limit window and concurrency. */
  forStore(store: { readonly storeHash: string; readonly accessToken: string }): BigCommerceClient;
  close(): Promise<void>;
}

/**
 * For a multi-store app: one connection pool, one rate-limit lane per store hash, however many client
 * objects the request handlers and jobs create.
 */
/**
 * The query that side-loads an order's lines in its consignments (orders.v2.oas2.yml `order_includes`),
 * in the object structure BigCommerce supports since 2025 (`consignment_structure=object`).
 */
const ORDER_WITH_LINES: Query = { include: 'consignments.line_items', consignment_structure: 'object' };

export function createBigCommerceClientPool(settings: BigCommerceClientSettings = {}): BigCommerceClientPool {
  const deps = transportDeps(settings);
  const dispatcher = createDispatcher();
  const budget = quotaBudgetOf(settings, deps);
  const lanes = new Map<string, StoreLane>();
  return {
    forStore(store) {
      let lane = lanes.get(store.storeHash);
      if (!lane) {
        lane = new StoreLane(deps, store.storeHash, { storeHash: store.storeHash, quota: budget });
        lanes.set(store.storeHash, lane);
      }
      return buildClient({ ...settings, ...store }, deps, dispatcher, lane, async () => {});
    },
    async close() {
      await Promise.all([...lanes.values()].map((lane) => lane.close()));
      lanes.clear();
      await dispatcher.close();
    },
  };
}

function quotaBudgetOf(settings: BigCommerceClientSettings, deps: TransportDeps): QuotaBudget {
  return new QuotaBudget({
    ledger: settings.quotaLedger ?? new MemoryQuotaLedger(),
    maxInFlight: deps.limits.maxConcurrent,
    now: deps.now,
    sleep: deps.sleep,
    onLedgerError: (error) =>
      deps.logger?.warn({ err: error }, 'BigCommerce quota ledger unreachable; calling without it'),
  });
}

function buildClient(
  options: BigCommerceClientOptions,
  deps: TransportDeps,
  dispatcher: Dispatcher,
  lane: StoreLane,
  close: () => Promise<void>,
): BigCommerceClient {
  const { storeHash, accessToken } = options;
  if (!/^[a-z0-9]+$/i.test(storeHash)) throw new TypeError(`invalid BigCommerce store hash: "${storeHash}"`);
  if (accessToken.trim() === '') throw new TypeError('BigCommerce access token is empty');
  const baseUrl = (options.apiBaseUrl ?? DEFAULT_API_BASE_URL).replace(/\/+$/, '');
  const transport = new Transport(baseUrl, { 'x-auth-token': accessToken }, dispatcher, lane, deps);
  const v3 = (path: string) => `/stores/${storeHash}/v3${path}`;
  const v2 = (path: string) => `/stores/${storeHash}/v2${path}`;
  const send = <T>(req: HttpRequest<T>) => transport.send<T>(req);

  async function getV3<T>(path: string, query?: Query): Promise<T> {
    const res = await send<V3Envelope<T>>({ method: 'GET', path: v3(path), ...(query ? { query } : {}) });
    return dataOf(res.body, 'GET', v3(path));
  }

  async function listPageV3<T>(path: string, query: Query, page: PageRequest): Promise<Page<T>> {
    const limit = Math.min(page.limit ?? BIGCOMMERCE_LIMITS.pageSize, BIGCOMMERCE_LIMITS.pageSize);
    const res = await send<V3Envelope<T[]>>({
      method: 'GET',
      path: v3(path),
      query: { ...query, page: page.page ?? 1, limit },
    });
    const data = dataOf(res.body, 'GET', v3(path));
    const pagination = res.body.meta?.pagination ?? {
      total: data.length,
      count: data.length,
      per_page: limit,
      current_page: page.page ?? 1,
      total_pages: 1,
    };
    return { data, pagination };
  }

  async function* iterateV3<T>(path: string, query: Query = {}): AsyncGenerator<T> {
    let page = 1;
    for (;;) {
      const result = await listPageV3<T>(path, query, { page });
      yield* result.data;
      // Counting pages ourselves: a server that ignored `page` must not keep us asking forever.
      if (result.data.length === 0 || page >= result.pagination.total_pages) return;
      page += 1;
    }
  }

  async function* iterateV2<T>(path: string, query: Query = {}): AsyncGenerator<T> {
    const limit = BIGCOMMERCE_LIMITS.pageSize;
    for (let page = 1; ; page++) {
      const res = await send<T[] | undefined>({
        method: 'GET',
        path: v2(path),
        query: { ...query, page, limit },
      });
      // v2 answers an empty collection with 204 and no body.
      if (res.status === 204 || res.body === undefined) return;
      if (!Array.isArray(res.body)) throw unexpected('GET', v2(path), 'expected a JSON array');
      yield* res.body;
      if (res.body.length < limit) return;
    }
  }

  async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
    const all: T[] = [];
    for await (const item of items) all.push(item);
    return all;
  }

  async function getV2<T>(path: string, query?: Query): Promise<T> {
    const res = await send<T>({ method: 'GET', path: v2(path), ...(query ? { query } : {}) });
    if (res.body === undefined) throw unexpected('GET', v2(path), 'empty response body');
    return res.body;
  }

  /**
   * Sends the patches `size` at a time, one request after the other (BigCommerce asks not to run bulk
   * writes in parallel). When BigCommerce refuses or half-applies a multi-item request, the items are
   * re-sent one by one (the PUTs are absolute, so re-sending is harmless) to say exactly which failed
   * while the others still get written.
   */
  async function batchWrite<T, P extends { readonly id: number }>(
    path: string,
    patches: readonly P[],
    size: number,
  ): Promise<BatchResult<T>> {
    const updated: T[] = [];
    const failures: BatchItemFailure[] = [];
    const writeChunk = async (chunk: readonly P[]): Promise<void> => {
      try {
        const res = await send<V3Envelope<T[]> & { errors?: unknown }>({
          method: 'PUT',
          path: v3(path),
          body: chunk,
        });
        if (res.status === 207 && chunk.length > 1) {
          for (const item of chunk) await writeChunk([item]);
          return;
        }
        updated.push(...(Array.isArray(res.body?.data) ? res.body.data : []));
        if (res.status === 207) {
          const errors = isRecord(res.body?.errors) ? res.body.errors : {};
          const title = typeof errors.title === 'string' ? errors.title : 'partially applied';
          failures.push({
            id: chunk[0]!.id,
            status: 207,
            code: 'BIGCOMMERCE.MULTI_STATUS',
            title,
            errors: isRecord(errors.errors) ? errors.errors : {},
            details: res.body?.errors,
          });
        }
      } catch (error) {
        if (!isBigCommerceError(error) || error.status === null || !ITEM_FAILURE_STATUS.has(error.status))
          throw error;
        if (chunk.length > 1) {
          for (const item of chunk) await writeChunk([item]);
          return;
        }
        failures.push({
          id: chunk[0]!.id,
          status: error.status,
          code: error.code,
          title: error.title,
          errors: error.errors,
          ...(error.details === undefined ? {} : { details: error.details }),
        });
      }
    };
    for (const chunk of chunks(patches, size)) await writeChunk(chunk);
    return { updated, failures };
  }

  async function deleteIgnoringMissing(path: string): Promise<void> {
    try {
      await send<unknown>({ method: 'DELETE', path });
    } catch (error) {
      // A retry after a lost answer, or a merchant who removed it: either way it is gone.
      if (!isBigCommerceError(error, 'BIGCOMMERCE.NOT_FOUND')) throw error;
    }
  }

  const client: BigCommerceClient = {
    storeHash,

    getStore: async () => getV2<StoreInfo>('/store'),

    listProducts: async (query = {}, page = {}) =>
      listPageV3<Product>('/catalog/products', { ...query }, page),
    iterateProducts: (query = {}) => iterateV3<Product>('/catalog/products', { ...query }),
    async getProductsByIds(ids, opts = {}) {
      const unique = [...new Set(ids.map((id) => positiveInt(id, 'product id')))];
      const products: Product[] = [];
      for (const chunk of chunks(unique, BIGCOMMERCE_LIMITS.pageSize)) {
        const query: Query = { 'id:in': chunk, ...(opts.include ? { include: opts.include } : {}) };
        products.push(...(await collect(iterateV3<Product>('/catalog/products', query))));
      }
      return products;
    },
    getProduct: async (id, opts = {}) => {
      const include = opts.include ?? ['variants'];
      return getV3<Product>(
        `/catalog/products/${positiveInt(id, 'product id')}`,
        include.length > 0 ? { include } : undefined,
      );
    },
    listVariants: async (query = {}, page = {}) =>
      listPageV3<Variant>('/catalog/variants', { ...query }, page),
    iterateVariants: (query = {}) => iterateV3<Variant>('/catalog/variants', { ...query }),
    updateProducts: async (patches) =>
      batchWrite<Product, ProductPatch>('/catalog/products', patches, BIGCOMMERCE_LIMITS.productsPerBatch),
    updateVariants: async (patches) =>
      batchWrite<Variant, VariantPatch>('/catalog/variants', patches, BIGCOMMERCE_LIMITS.variantsPerBatch),
    listCategories: async () => collect(iterateV3<Category>('/catalog/categories')),
    listBrands: async () => collect(iterateV3<Brand>('/catalog/brands')),

    getOrder: async (id) => getV2<Order>(`/orders/${positiveInt(id, 'order id')}`),
    getOrderWithLines: async (id) =>
      getV2<OrderWithConsignments>(`/orders/${positiveInt(id, 'order id')}`, ORDER_WITH_LINES),
    async listOrdersWithLines(query, page = {}) {
      const limit = Math.min(page.limit ?? BIGCOMMERCE_LIMITS.pageSize, BIGCOMMERCE_LIMITS.pageSize);
      const res = await send<OrderWithConsignments[] | undefined>({
        method: 'GET',
        path: v2('/orders'),
        query: { ...query, ...ORDER_WITH_LINES, page: page.page ?? 1, limit },
      });
      // v2 answers an empty collection with 204 and no body.
      if (res.status === 204 || res.body === undefined) return [];
      if (!Array.isArray(res.body)) throw unexpected('GET', v2('/orders'), 'expected a JSON array');
      return res.body;
    },
    getOrderProducts: async (orderId) =>
      collect(iterateV2<OrderProduct>(`/orders/${positiveInt(orderId, 'order id')}/products`)),
    getOrderShippingAddresses: async (orderId) =>
      collect(
        iterateV2<OrderShippingAddress>(`/orders/${positiveInt(orderId, 'order id')}/shipping_addresses`),
      ),
    iterateOrders: (query = {}) => iterateV2<Order>('/orders', { ...query }),
    async updateOrder(id, patch) {
      const body = definedOnly(patch);
      if (Object.keys(body).length === 0)
        throw new TypeError('updateOrder needs at least one field to change');
      const path = v2(`/orders/${positiveInt(id, 'order id')}`);
      const res = await send<Order>({ method: 'PUT', path, body });
      return res.body;
    },
    listOrderStatuses: async () => getV2<OrderStatus[]>('/order_statuses'),

    async createHook(hook) {
      const res = await send<V3Envelope<Hook>>({
        method: 'POST',
        path: v3('/hooks'),
        body: definedOnly(hook),
        recover: async () => {
          const found = (await client.listHooks({ scope: hook.scope, destination: hook.destination })).find(
            (h) => sameHeaders(h.headers, hook.headers ?? null),
          );
          return found ? { data: found } : undefined;
        },
      });
      return dataOf(res.body, 'POST', v3('/hooks'));
    },
    listHooks: async (query = {}) => collect(iterateV3<Hook>('/hooks', { ...query })),
    async updateHook(id, patch) {
      const path = v3(`/hooks/${positiveInt(id, 'hook id')}`);
      const res = await send<V3Envelope<Hook>>({ method: 'PUT', path, body: definedOnly(patch) });
      return dataOf(res.body, 'PUT', path);
    },
    deleteHook: async (id) => deleteIgnoringMissing(v3(`/hooks/${positiveInt(id, 'hook id')}`)),

    async createScript(script) {
      const res = await send<V3Envelope<Script>>({
        method: 'POST',
        path: v3('/content/scripts'),
        body: definedOnly(script),
        recover: async () => {
          const found = (await client.listScripts()).find(
            (s) =>
              s.name === script.name &&
              (script.kind === undefined || s.kind === script.kind) &&
              (script.src === undefined || s.src === script.src) &&
              (script.html === undefined || s.html === script.html),
          );
          return found ? { data: found } : undefined;
        },
      });
      return dataOf(res.body, 'POST', v3('/content/scripts'));
    },
    listScripts: async () => collect(iterateV3<Script>('/content/scripts')),
    async updateScript(uuid, patch) {
      const path = v3(`/content/scripts/${scriptId(uuid)}`);
      const res = await send<V3Envelope<Script>>({ method: 'PUT', path, body: definedOnly(patch) });
      return dataOf(res.body, 'PUT', path);
    },
    deleteScript: async (uuid) => deleteIgnoringMissing(v3(`/content/scripts/${scriptId(uuid)}`)),

    getInventoryItems: async (query) => collect(iterateV3<InventoryItem>('/inventory/items', { ...query })),
    listInventoryLocations: async () => collect(iterateV3<InventoryLocation>('/inventory/locations')),
    getInventorySettings: async () => getV3<InventorySettings>('/settings/inventory'),
    async adjustInventoryAbsolute(adjustment) {
      const transaction_ids: string[] = [];
      const path = v3('/inventory/adjustments/absolute');
      for (const items of chunks(adjustment.items, BIGCOMMERCE_LIMITS.inventoryItemsPerAdjustment)) {
        const body = { ...(adjustment.reason === undefined ? {} : { reason: adjustment.reason }), items };
        const res = await send<{ transaction_id?: string }>({ method: 'PUT', path, body });
        if (typeof res.body?.transaction_id === 'string') transaction_ids.push(res.body.transaction_id);
      }
      return { transaction_ids };
    },

    async updateLocationItems(locationId, settings) {
      const transaction_ids: string[] = [];
      const path = v3(`/inventory/locations/${positiveInt(locationId, 'location id')}/items`);
      for (const part of chunks(settings, BIGCOMMERCE_LIMITS.inventoryItemsPerAdjustment)) {
        const res = await send<{ transaction_id?: string }>({
          method: 'PUT',
          path,
          body: { settings: part },
        });
        if (typeof res.body?.transaction_id === 'string') transaction_ids.push(res.body.transaction_id);
      }
      return { transaction_ids };
    },

    async adjustInventoryRelative(adjustment) {
      const transaction_ids: string[] = [];
      const path = v3('/inventory/adjustments/relative');
      for (const items of chunks(adjustment.items, BIGCOMMERCE_LIMITS.inventoryItemsPerAdjustment)) {
        const body = { ...(adjustment.reason === undefined ? {} : { reason: adjustment.reason }), items };
        const res = await send<{ transaction_id?: string }>({ method: 'POST', path, body, once: true });
        if (typeof res.body?.transaction_id === 'string') transaction_ids.push(res.body.transaction_id);
      }
      return { transaction_ids };
    },

    async request<T>(req: RawRequest) {
      if (!/^\/[\w\-/.:]*$/.test(req.path) || req.path.split('/').includes('..')) {
        throw new TypeError(`invalid BigCommerce API path: "${req.path}"`);
      }
      const path = req.api === 'v2' ? v2(req.path) : v3(req.path);
      return send<T>({
        method: req.method,
        path,
        ...(req.query ? { query: req.query } : {}),
        ...(req.body === undefined ? {} : { body: req.body }),
      });
    },

    rateLimitStatus: () => transport.rateLimitStatus(),
    close,
  };
  return client;
}

/** Statuses of a batch write that concern its items, not the request: reported per item, not thrown. */
const ITEM_FAILURE_STATUS = new Set([404, 409, 422]);

function dataOf<T>(body: V3Envelope<T> | undefined, method: string, path: string): T {
  if (!isRecord(body) || !('data' in body)) throw unexpected(method, path, 'expected a {data} envelope');
  return body.data;
}

function unexpected(method: string, path: string, title: string): BigCommerceError {
  return new BigCommerceError({ code: 'BIGCOMMERCE.UNEXPECTED_RESPONSE', status: null, method, path, title });
}

export function* chunks<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function positiveInt(value: number, what: string): number {
  if (!Number.isSafeInteger(value) || value <= 0) throw new TypeError(`invalid ${what}: ${value}`);
  return value;
}

function scriptId(uuid: string): string {
  if (!/^[0-9a-f-]{1,64}$/i.test(uuid)) throw new TypeError(`invalid script uuid: "${uuid}"`);
  return uuid;
}

function sameHeaders(
  a: Readonly<Record<string, string>> | null,
  b: Readonly<Record<string, string>> | null,
): boolean {
  const norm = (h: Readonly<Record<string, string>> | null) =>
    JSON.stringify(Object.entries(h ?? {}).sort(([x], [y]) => x.localeCompare(y)));
  return norm(a) === norm(b);
}
