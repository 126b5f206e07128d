import { randomUUID } from 'node:crypto';
import type {
  Availability,
  CatalogRefusal,
  InventoryTracking,
  OptionValue,
  ProductChange,
  StoreBrand,
  StoreCategory,
  StoreProduct,
  StoreVariant,
  VariantChange,
  VariantOptionValue,
} from '../../../src/app/ports/store-catalog.js';
import type { StoreId } from '../../../src/app/ports/store-id.js';
import { StoreNotConnectedError } from '../../../src/app/ports/store-not-connected.js';
import type {
  OrderStatus,
  ShippingAddress,
  StoreOrder,
  StoreOrderLine,
} from '../../../src/app/ports/store-orders.js';
import type { StoreRepository } from '../../../src/app/ports/store-repository.js';
import type {
  InstalledScript,
  StorefrontScript,
  StoreWebhook,
  WebhookChange,
  WebhookSubscription,
} from '../../../src/app/ports/store-setup.js';

/**
 * BigCommerce as the app's store ports see it, in memory: one `InMemoryStore` per store hash, each
 * holding a catalog (products with their variants, brands, categories), orders, the app's webhooks and
 * scripts, and a profile. The fakes of StoreCatalog, StoreOrders and StoreSetup (this folder) read and
 * write it; tests seed it with the builders of test/builders/catalog.builder.ts and change it as
 * someone else would (an ERP writing a level, a merchant cancelling an order).
 *
 * A port call for an app store id reaches the store as the store clients of the composition root do
 * (src/adapters/bigcommerce/store-clients.ts): through the app's store record, while it is installed and
 * holds a token; otherwise StoreNotConnectedError.
 *
 * Held to the same contract suites as the real adapters over the sandbox (test/adapters/bigcommerce/
 * *.contract.test.ts): what a test can observe through the ports behaves as BigCommerce does. What the
 * app writes through the ports is recorded (`writes`), every call is counted (`calls`), and a store can
 * be made unreachable: down (an outage), refusing the app's token, not connected, for good or for a
 * number of calls.
 */
export class InMemoryBigCommerce {
  readonly #stores = new Map<string, InMemoryStore>();
  readonly #ids: Record<IdKind, number> = {
    product: 0,
    variant: 0,
    order: 0,
    line: 0,
    address: 0,
    webhook: 0,
    brand: 0,
    category: 0,
    option: 0,
    optionValue: 0,
  };
  readonly #appStores: Pick<StoreRepository, 'getStore'>;
  /** When the store last changed a product (`modifiedAt`, whole seconds like BigCommerce). */
  readonly now: () => Date;

  constructor(options: {
    /** The app's stores: which BigCommerce store an app store id reaches, if any. */
    readonly stores: Pick<StoreRepository, 'getStore'>;
    readonly now?: () => Date;
  }) {
    this.#appStores = options.stores;
    this.now = options.now ?? (() => new Date());
  }

  /** The store of this hash, created (empty) on first use. */
  store(storeHash: string, options: { readonly timeZone?: string | null } = {}): InMemoryStore {
    let store = this.#stores.get(storeHash);
    if (store === undefined) {
      store = new InMemoryStore(
        storeHash,
        this,
        options.timeZone === undefined ? 'America/Chicago' : options.timeZone,
      );
      this.#stores.set(storeHash, store);
    }
    return store;
  }

  /** @internal The store a port call for the app's store is for, after its switches: throws as BigCommerce would. */
  async reach(storeId: StoreId, method: StoreMethod): Promise<InMemoryStore> {
    const record = await this.#appStores.getStore(storeId);
    if (record === null || record.status !== 'installed' || record.accessTokenEncrypted === null) {
      throw new StoreNotConnectedError(storeId);
    }
    const store = this.#stores.get(record.storeHash);
    if (store === undefined) {
      throw new Error(`The fake BigCommerce has no store ${record.storeHash}: create it with store(hash)`);
    }
    store.enter(method, storeId);
    return store;
  }

  /** @internal Ids are drawn from sequences shared by every store, as BigCommerce's are unique. */
  nextId(kind: IdKind): number {
    this.#ids[kind] += 1;
    return this.#ids[kind];
  }
}

type IdKind =
  | 'product'
  | 'variant'
  | 'order'
  | 'line'
  | 'address'
  | 'webhook'
  | 'brand'
  | 'category'
  | 'option'
  | 'optionValue';

/** The port methods a store answers, by name (what `calls`, `writes` and `fail` speak of). */
export type StoreMethod =
  | 'getProduct'
  | 'getProducts'
  | 'listProducts'
  | 'iterateProducts'
  | 'iterateProductIds'
  | 'countProducts'
  | 'listBrands'
  | 'listCategories'
  | 'updateProducts'
  | 'updateVariants'
  | 'adjustLevels'
  | 'setLevels'
  | 'readLevels'
  | 'setBackorderSettings'
  | 'getOrder'
  | 'getOrderLines'
  | 'getOrderWithLines'
  | 'listOrdersWithLines'
  | 'getShippingAddresses'
  | 'writeStaffNotes'
  | 'getProfile'
  | 'getInventoryFeatures'
  | 'listWebhooks'
  | 'createWebhook'
  | 'updateWebhook'
  | 'deleteWebhook'
  | 'listScripts'
  | 'createScript'
  | 'updateScript'
  | 'deleteScript';

/** A write the app made through the ports (recorded once the store took it). */
export type StoreWrite =
  | { readonly method: 'updateProducts'; readonly changes: readonly ProductChange[] }
  | { readonly method: 'updateVariants'; readonly changes: readonly VariantChange[] }
  | { readonly method: 'writeStaffNotes'; readonly orderId: number; readonly staffNotes: string }
  | { readonly method: 'createWebhook'; readonly webhook: WebhookSubscription }
  | { readonly method: 'updateWebhook'; readonly webhookId: number; readonly change: WebhookChange }
  | { readonly method: 'deleteWebhook'; readonly webhookId: number }
  | { readonly method: 'createScript'; readonly script: StorefrontScript }
  | { readonly method: 'updateScript'; readonly scriptId: string; readonly script: StorefrontScript }
  | { readonly method: 'deleteScript'; readonly scriptId: string };

/**
 * An error as the real adapters throw it (BigCommerce's client errors carry a stable `code`):
 * `BIGCOMMERCE.SERVER_ERROR` for an outage, `BIGCOMMERCE.UNAUTHORIZED` for a revoked token,
 * `BIGCOMMERCE.NOT_FOUND` / `BIGCOMMERCE.UNPROCESSABLE` for a write the store refuses as a whole.
 */
export class FakeBigCommerceError extends Error {
  override readonly name = 'FakeBigCommerceError';
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export const outage = (): FakeBigCommerceError =>
  new FakeBigCommerceError('BIGCOMMERCE.SERVER_ERROR', 503, 'BigCommerce answered 503 Service Unavailable');

/** A product of the catalog as a test seeds it: everything not given takes BigCommerce's default. */
export interface ProductSeed {
  readonly name?: string;
  readonly sku?: string;
  readonly description?: string;
  readonly brandId?: number;
  readonly categoryIds?: readonly number[];
  readonly visible?: boolean;
  readonly availability?: Availability;
  readonly availabilityDescription?: string;
  readonly tracking?: InventoryTracking;
  /** The product's own level (kept as the variants' sum while it tracks by variant). */
  readonly stockLevel?: number;
  readonly warningLevel?: number;
  /** The most units one order may hold; 0 (default) = no limit. */
  readonly orderQuantityMaximum?: number;
  /** Option variants; none makes a product without options (it has one base variant). */
  readonly variants?: readonly VariantSeed[];
}

export interface VariantSeed {
  readonly sku: string;
  readonly options: readonly OptionValue[];
  readonly stockLevel?: number;
  readonly warningLevel?: number;
  readonly purchasable?: boolean;
  readonly unavailableMessage?: string;
}

/** An order as a test seeds it: its status, notes, lines and where it ships (nowhere by default). */
export interface OrderSeed {
  readonly status?: OrderStatus;
  readonly staffNotes?: string;
  /** The billing address's names; none: an order naming nobody. */
  readonly customer?: { readonly firstName: string; readonly lastName: string };
  readonly lines: readonly OrderLineSeed[];
  readonly shippingAddresses?: readonly ShippingAddressSeed[];
}

/** A shipping address as a test seeds it: the parts not given are ''. */
export type ShippingAddressSeed = Partial<Omit<ShippingAddress, 'id'>>;

export type OrderLineSeed =
  /** A line of a catalog product; a product with option variants needs the variant. */
  | {
      readonly bcProductId: number;
      readonly bcVariantId?: number;
      readonly quantity: number;
      /** BigCommerce's own backordered units (native backorders, beta); absent otherwise. */
      readonly quantityBackordered?: number;
    }
  /** A custom line, not from the catalog. */
  | { readonly custom: string; readonly quantity: number; readonly sku?: string }
  | { readonly giftCertificate: string; readonly quantity?: number };

/** What someone else (an ERP, a person in the control panel) changes on a product. */
export interface ProductEdit {
  readonly name?: string;
  readonly tracking?: InventoryTracking;
  readonly stockLevel?: number;
  readonly availability?: Availability;
  readonly visible?: boolean;
}

export interface VariantEdit {
  readonly stockLevel?: number;
  readonly purchasable?: boolean;
  readonly unavailableMessage?: string;
}

interface VariantState {
  readonly id: number;
  readonly base: boolean;
  sku: string;
  readonly options: readonly VariantOptionValue[];
  stockLevel: number;
  warningLevel: number;
  purchasable: boolean;
  unavailableMessage: string;
}

interface ProductState {
  readonly id: number;
  name: string;
  sku: string;
  description: string;
  brandId: number;
  categoryIds: number[];
  visible: boolean;
  availability: Availability;
  availabilityDescription: string;
  tracking: InventoryTracking;
  stockLevel: number;
  warningLevel: number;
  orderQuantityMaximum: number;
  modifiedAt: string;
  readonly variants: VariantState[];
}

interface OrderState {
  readonly id: number;
  status: OrderStatus;
  staffNotes: string;
  readonly createdAt: Date;
  readonly customerName: string | null;
  readonly lines: readonly StoreOrderLine[];
  readonly shippingAddresses: readonly ShippingAddress[];
}

interface FailurePlan {
  readonly method: StoreMethod | undefined;
  /** Calls of `method` to let through first. */
  after: number;
  times: number;
  readonly error: () => Error;
}

/** One merchant's store on the fake BigCommerce. */
export class InMemoryStore {
  /** The store's time zone as its profile names it (null: it names none). */
  timeZone: string | null;
  /** The store's name as its profile gives it (null: none). */
  name: string | null = 'Demo Outdoor Store';
  /** The store is in BigCommerce's native backorders beta (as its inventory settings tell). */
  nativeBackorders = false;
  /** Its enabled inventory locations; null: it refuses to list them to the app. */
  locations: number | null = 1;
  /** Every port call that reached the store, oldest first (refused ones included). */
  readonly calls: StoreMethod[] = [];
  /** The app's writes the store took, oldest first. */
  readonly writes: StoreWrite[] = [];

  readonly #bigcommerce: InMemoryBigCommerce;
  readonly #products = new Map<number, ProductState>();
  readonly #orders = new Map<number, OrderState>();
  readonly #brands = new Map<number, string>();
  readonly #categories = new Map<number, { readonly name: string; readonly parentId: number }>();
  readonly #webhooks: StoreWebhook[] = [];
  readonly #scripts: InstalledScript[] = [];
  #state: 'connected' | 'not_connected' | 'down' | 'token_revoked' = 'connected';
  readonly #failures: FailurePlan[] = [];
  /** Writes the store refuses, by `product:{id}` or `variant:{id}`: the reason. */
  readonly #refused = new Map<string, string>();

  constructor(
    readonly storeHash: string,
    bigcommerce: InMemoryBigCommerce,
    timeZone: string | null,
  ) {
    this.#bigcommerce = bigcommerce;
    this.timeZone = timeZone;
  }

  // ------------------------------------------------------------------ switches

  /**
   * The app cannot reach the store, whatever its record says (as when it is uninstalled while a job
   * runs): StoreNotConnectedError. `recover()` connects it again.
   */
  disconnect(): void {
    this.#state = 'not_connected';
  }

  /** Every call fails as an outage (BIGCOMMERCE.SERVER_ERROR) until `recover()`. */
  goDown(): void {
    this.#state = 'down';
  }

  /** BigCommerce refuses the app's token (revoked on uninstall): BIGCOMMERCE.UNAUTHORIZED. */
  revokeToken(): void {
    this.#state = 'token_revoked';
  }

  /** Connected and answering again. */
  recover(): void {
    this.#state = 'connected';
  }

  /**
   * The next call(s) of `method` (of any method when omitted) fail, by default as an outage; `after`
   * lets that many such calls through first.
   */
  fail(
    options: {
      readonly method?: StoreMethod;
      readonly after?: number;
      readonly times?: number;
      readonly error?: () => Error;
    } = {},
  ): void {
    this.#failures.push({
      method: options.method,
      after: options.after ?? 0,
      times: options.times ?? 1,
      error: options.error ?? outage,
    });
  }

  /**
   * The store refuses writes to this product or variant (422, with `reason`), as it does data it does
   * not accept, until `acceptWrites`. Other items of the same call are written.
   */
  refuseWrites(
    to: { readonly product: number } | { readonly variant: number },
    reason = 'The data is invalid',
  ): void {
    this.#refused.set(keyOf(to), reason);
  }

  acceptWrites(to: { readonly product: number } | { readonly variant: number }): void {
    this.#refused.delete(keyOf(to));
  }

  /** @internal Called by the ports before each call. */
  enter(method: StoreMethod, storeId: StoreId): void {
    this.calls.push(method);
    if (this.#state === 'not_connected') throw new StoreNotConnectedError(storeId);
    if (this.#state === 'down') throw outage();
    if (this.#state === 'token_revoked') {
      throw new FakeBigCommerceError('BIGCOMMERCE.UNAUTHORIZED', 401, 'BigCommerce refused the access token');
    }
    const plan = this.#failures.find((p) => p.method === undefined || p.method === method);
    if (plan === undefined) return;
    if (plan.after > 0) {
      plan.after -= 1;
      return;
    }
    plan.times -= 1;
    if (plan.times <= 0) this.#failures.splice(this.#failures.indexOf(plan), 1);
    throw plan.error();
  }

  // ------------------------------------------------------------------ seeding and outside changes

  brand(name: string): number {
    const id = this.#bigcommerce.nextId('brand');
    this.#brands.set(id, name);
    return id;
  }

  /** A category, top-level or under `parentId`. */
  category(name: string, parentId = 0): number {
    const id = this.#bigcommerce.nextId('category');
    this.#categories.set(id, { name, parentId });
    return id;
  }

  /** Creates a product (with its variants) as the merchant would; returns it as the ports read it. */
  addProduct(seed: ProductSeed = {}): StoreProduct {
    const id = this.#bigcommerce.nextId('product');
    const sku = seed.sku ?? '';
    // As in BigCommerce, an option (by name) and each of its values get ids of their own, shared by
    // every variant made of them.
    const optionIds = new Map<string, number>();
    const valueIds = new Map<string, number>();
    const withIds = (o: OptionValue): VariantOptionValue => {
      const optionId = optionIds.get(o.name) ?? this.#bigcommerce.nextId('option');
      optionIds.set(o.name, optionId);
      const key = JSON.stringify([o.name, o.value]);
      const valueId = valueIds.get(key) ?? this.#bigcommerce.nextId('optionValue');
      valueIds.set(key, valueId);
      return { name: o.name, value: o.value, optionId, valueId };
    };
    const variants: VariantState[] =
      seed.variants !== undefined && seed.variants.length > 0
        ? seed.variants.map((v) => ({
            id: this.#bigcommerce.nextId('variant'),
            base: false,
            sku: v.sku,
            options: v.options.map(withIds),
            stockLevel: clampStock(v.stockLevel ?? 0),
            warningLevel: clampStock(v.warningLevel ?? 0),
            purchasable: v.purchasable ?? true,
            unavailableMessage: v.unavailableMessage ?? '',
          }))
        : [
            {
              id: this.#bigcommerce.nextId('variant'),
              base: true,
              sku,
              options: [],
              stockLevel: 0,
              warningLevel: 0,
              purchasable: true,
              unavailableMessage: '',
            },
          ];
    const product: ProductState = {
      id,
      name: seed.name ?? `Product ${id}`,
      sku,
      description: seed.description ?? '',
      brandId: seed.brandId ?? 0,
      categoryIds: [...(seed.categoryIds ?? [])].sort((a, b) => a - b),
      visible: seed.visible ?? true,
      availability: seed.availability ?? 'available',
      availabilityDescription: seed.availabilityDescription ?? '',
      tracking: seed.tracking ?? 'none',
      stockLevel: clampStock(seed.stockLevel ?? 0),
      warningLevel: clampStock(seed.warningLevel ?? 0),
      orderQuantityMaximum: seed.orderQuantityMaximum ?? 0,
      modifiedAt: this.#stamp(),
      variants,
    };
    refreshStock(product);
    this.#products.set(id, product);
    return storeProductOf(product);
  }

  /** A product as the ports read it now (undefined when it does not exist). */
  product(bcProductId: number): StoreProduct | undefined {
    const product = this.#products.get(bcProductId);
    return product === undefined ? undefined : storeProductOf(product);
  }

  /** An ERP or a person changes the product (tracking, level, availability): its modification time moves. */
  editProduct(bcProductId: number, edit: ProductEdit): StoreProduct {
    const product = this.#productOrThrow(bcProductId);
    if (edit.name !== undefined) product.name = edit.name;
    if (edit.tracking !== undefined) product.tracking = edit.tracking;
    if (edit.availability !== undefined) product.availability = edit.availability;
    if (edit.visible !== undefined) product.visible = edit.visible;
    if (edit.stockLevel !== undefined) product.stockLevel = clampStock(edit.stockLevel);
    refreshStock(product);
    product.modifiedAt = this.#stamp();
    return storeProductOf(product);
  }

  /** An ERP or a person changes a variant (its level, its purchasability). */
  editVariant(bcVariantId: number, edit: VariantEdit): StoreProduct {
    const product = this.#productOfVariant(bcVariantId);
    if (product === undefined) throw new Error(`The fake store has no variant ${bcVariantId}`);
    const variant = product.variants.find((v) => v.id === bcVariantId)!;
    if (edit.stockLevel !== undefined) {
      if (variant.base) product.stockLevel = clampStock(edit.stockLevel);
      else variant.stockLevel = clampStock(edit.stockLevel);
    }
    if (edit.purchasable !== undefined) variant.purchasable = edit.purchasable;
    if (edit.unavailableMessage !== undefined) variant.unavailableMessage = edit.unavailableMessage;
    refreshStock(product);
    product.modifiedAt = this.#stamp();
    return storeProductOf(product);
  }

  deleteProduct(bcProductId: number): void {
    this.#products.delete(bcProductId);
  }

  /** Places an order as a shopper or the merchant would: its lines copy the catalog's names, SKUs and options. */
  addOrder(seed: OrderSeed): StoreOrder & { readonly lines: readonly StoreOrderLine[] } {
    const id = this.#bigcommerce.nextId('order');
    const lines = seed.lines.map((line) => this.#lineOf(line));
    const order: OrderState = {
      id,
      status: seed.status ?? 'pending',
      staffNotes: seed.staffNotes ?? '',
      // BigCommerce's date_created: whole seconds.
      createdAt: new Date(Math.floor(this.#bigcommerce.now().getTime() / 1000) * 1000),
      customerName: customerNameOf(seed.customer),
      lines,
      shippingAddresses: (seed.shippingAddresses ?? []).map((address) => ({
        id: this.#bigcommerce.nextId('address'),
        ...EMPTY_ADDRESS,
        ...address,
      })),
    };
    this.#orders.set(id, order);
    return { ...orderOf(order), lines: lines.map(copyLine) };
  }

  /** The merchant moves the order on (cancels it, ships it, …). */
  setOrderStatus(orderId: number, status: OrderStatus): void {
    this.#orderOrThrow(orderId).status = status;
  }

  /** The merchant edits the order's staff notes in the control panel. */
  setStaffNotes(orderId: number, staffNotes: string): void {
    this.#orderOrThrow(orderId).staffNotes = staffNotes;
  }

  deleteOrder(orderId: number): void {
    this.#orders.delete(orderId);
  }

  /** The order as the ports read it (undefined when it does not exist). */
  order(orderId: number): (StoreOrder & { readonly lines: readonly StoreOrderLine[] }) | undefined {
    const order = this.#orders.get(orderId);
    return order === undefined ? undefined : { ...orderOf(order), lines: order.lines.map(copyLine) };
  }

  /** The app's hooks and scripts as the store holds them. */
  webhooks(): StoreWebhook[] {
    return this.#webhooks.map(copyWebhook);
  }

  scripts(): InstalledScript[] {
    return this.#scripts.map((s) => ({ ...s }));
  }

  /** The product changes the app wrote, flattened, oldest first. */
  productChanges(): ProductChange[] {
    return this.writes.flatMap((w) => (w.method === 'updateProducts' ? w.changes : []));
  }

  /** The variant changes the app wrote, flattened, oldest first. */
  variantChanges(): VariantChange[] {
    return this.writes.flatMap((w) => (w.method === 'updateVariants' ? w.changes : []));
  }

  /** The staff notes the app wrote, oldest first. */
  staffNoteWrites(): { orderId: number; staffNotes: string }[] {
    return this.writes.flatMap((w) =>
      w.method === 'writeStaffNotes' ? [{ orderId: w.orderId, staffNotes: w.staffNotes }] : [],
    );
  }

  // ------------------------------------------------------------------ what the ports do (internal)

  /** @internal */
  readProduct(bcProductId: number): StoreProduct | null {
    const product = this.#products.get(bcProductId);
    return product === undefined ? null : storeProductOf(product);
  }

  /** @internal Every brand, in id order. */
  brands(): StoreBrand[] {
    return [...this.#brands].sort(([a], [b]) => a - b).map(([id, name]) => ({ id, name }));
  }

  /** @internal Every category, in id order. */
  categories(): StoreCategory[] {
    return [...this.#categories]
      .sort(([a], [b]) => a - b)
      .map(([id, { name, parentId }]) => ({ id, name, parentId }));
  }

  /** @internal Every product, in id order, with what searches match on. */
  searchable(): SearchableProduct[] {
    return [...this.#products.values()]
      .sort((a, b) => a.id - b.id)
      .map((p) => ({
        product: storeProductOf(p),
        description: p.description,
        brandName: this.#brands.get(p.brandId) ?? null,
      }));
  }

  /** @internal Applies one product change, or answers why the store refuses it. */
  applyProductChange(change: ProductChange): CatalogRefusal | null {
    const refused = this.#refused.get(`product:${change.bcProductId}`);
    if (refused !== undefined) return unprocessable(change.bcProductId, refused);
    const product = this.#products.get(change.bcProductId);
    if (product === undefined) return notFound(change.bcProductId, 'Product');
    if (change.tracking !== undefined) product.tracking = change.tracking;
    if (change.availability !== undefined) product.availability = change.availability;
    if (change.stockLevel !== undefined) product.stockLevel = clampStock(change.stockLevel);
    if (change.orderQuantityMaximum !== undefined) {
      if (!Number.isInteger(change.orderQuantityMaximum) || change.orderQuantityMaximum < 0) {
        return unprocessable(change.bcProductId, 'order_quantity_maximum must be an integer ≥ 0');
      }
      product.orderQuantityMaximum = change.orderQuantityMaximum;
    }
    refreshStock(product);
    product.modifiedAt = this.#stamp();
    return null;
  }

  /** @internal Applies one variant change, or answers why the store refuses it. */
  applyVariantChange(change: VariantChange): CatalogRefusal | null {
    const refused = this.#refused.get(`variant:${change.bcVariantId}`);
    if (refused !== undefined) return unprocessable(change.bcVariantId, refused);
    const product = this.#productOfVariant(change.bcVariantId);
    if (product === undefined || product.id !== change.bcProductId) {
      return notFound(change.bcVariantId, 'Variant');
    }
    if (change.unavailableMessage !== undefined && change.unavailableMessage.length > MAX_TEXT) {
      return unprocessable(change.bcVariantId, `purchasing_disabled_message is longer than ${MAX_TEXT}`);
    }
    const variant = product.variants.find((v) => v.id === change.bcVariantId)!;
    if (change.purchasable !== undefined) variant.purchasable = change.purchasable;
    if (change.unavailableMessage !== undefined) variant.unavailableMessage = change.unavailableMessage;
    if (change.stockLevel !== undefined) {
      if (variant.base) product.stockLevel = clampStock(change.stockLevel);
      else variant.stockLevel = clampStock(change.stockLevel);
    }
    refreshStock(product);
    product.modifiedAt = this.#stamp();
    return null;
  }

  /** @internal */
  readOrder(orderId: number): OrderState | undefined {
    return this.#orders.get(orderId);
  }

  /** @internal The ids of the orders in [minId, maxId], lowest first. */
  orderIdsIn(minId: number, maxId: number): number[] {
    return [...this.#orders.keys()].filter((id) => id >= minId && id <= maxId).sort((a, b) => a - b);
  }

  /** @internal */
  readOrderLines(orderId: number): StoreOrderLine[] | null {
    const order = this.#orders.get(orderId);
    return order === undefined ? null : order.lines.map(copyLine);
  }

  /** @internal */
  readShippingAddresses(orderId: number): ShippingAddress[] | null {
    const order = this.#orders.get(orderId);
    return order === undefined ? null : order.shippingAddresses.map((a) => ({ ...a }));
  }

  /** @internal */
  webhookList(): StoreWebhook[] {
    return this.#webhooks;
  }

  /** @internal */
  addWebhook(webhook: WebhookSubscription): void {
    this.#webhooks.push({
      id: this.#bigcommerce.nextId('webhook'),
      scope: webhook.scope,
      destination: webhook.destination,
      active: webhook.active,
      headers: { ...webhook.headers },
    });
  }

  /** @internal */
  scriptList(): InstalledScript[] {
    return this.#scripts;
  }

  /** @internal */
  addScript(script: StorefrontScript): void {
    this.#scripts.push({ ...script, id: randomUUID(), inline: false });
  }

  #lineOf(seed: OrderLineSeed): StoreOrderLine {
    const id = this.#bigcommerce.nextId('line');
    if ('custom' in seed) {
      return {
        id,
        bcProductId: null,
        bcVariantId: null,
        kind: 'product',
        quantity: seed.quantity,
        name: seed.custom,
        sku: seed.sku ?? '',
        options: [],
      };
    }
    if ('giftCertificate' in seed) {
      return {
        id,
        bcProductId: null,
        bcVariantId: null,
        kind: 'giftCertificate',
        quantity: seed.quantity ?? 1,
        name: seed.giftCertificate,
        sku: '',
        options: [],
      };
    }
    const product = this.#productOrThrow(seed.bcProductId);
    const base = product.variants.find((v) => v.base);
    // A line names the variant sold: the base variant for a product without options.
    const variantId = seed.bcVariantId ?? base?.id;
    const variant = product.variants.find((v) => v.id === variantId);
    if (variant === undefined) {
      throw new Error(`Product ${product.id} has options: an order line needs one of its variants`);
    }
    return {
      id,
      bcProductId: product.id,
      bcVariantId: variant.id,
      kind: 'product',
      quantity: seed.quantity,
      name: product.name,
      sku: variant.sku,
      // An order line names its options as the order shows them: by name and value.
      options: variant.options.map((o) => ({ name: o.name, value: o.value })),
      ...(seed.quantityBackordered === undefined ? {} : { quantityBackordered: seed.quantityBackordered }),
    };
  }

  #productOrThrow(bcProductId: number): ProductState {
    const product = this.#products.get(bcProductId);
    if (product === undefined) throw new Error(`The fake store has no product ${bcProductId}`);
    return product;
  }

  #productOfVariant(bcVariantId: number): ProductState | undefined {
    for (const product of this.#products.values()) {
      if (product.variants.some((v) => v.id === bcVariantId)) return product;
    }
    return undefined;
  }

  #orderOrThrow(orderId: number): OrderState {
    const order = this.#orders.get(orderId);
    if (order === undefined) throw new Error(`The fake store has no order ${orderId}`);
    return order;
  }

  /** BigCommerce's `date_modified`: whole seconds, with an explicit offset. */
  #stamp(): string {
    return this.#bigcommerce
      .now()
      .toISOString()
      .replace(/\.\d{3}Z$/, '+00:00');
  }
}

export interface SearchableProduct {
  readonly product: StoreProduct;
  readonly description: string;
  readonly brandName: string | null;
}

function keyOf(to: { readonly product: number } | { readonly variant: number }): string {
  return 'product' in to ? `product:${to.product}` : `variant:${to.variant}`;
}

/** BigCommerce's limit of short texts (a variant's purchasing_disabled_message). */
const MAX_TEXT = 255;

function notFound(id: number, what: 'Product' | 'Variant'): CatalogRefusal {
  return { id, notFound: true, reason: `BIGCOMMERCE.NOT_FOUND (404): ${what} with id ${id} was not found.` };
}

function unprocessable(id: number, reason: string): CatalogRefusal {
  return { id, notFound: false, reason: `BIGCOMMERCE.UNPROCESSABLE (422): ${reason}` };
}

/** BigCommerce's largest inventory level. */
const MAX_INVENTORY = 2_147_483_647;

function clampStock(value: number): number {
  return Math.min(Math.max(0, Math.trunc(value)), MAX_INVENTORY);
}

/** A product tracked by variant, with option variants, counts their sum as its own level. */
function refreshStock(product: ProductState): void {
  const options = product.variants.filter((v) => !v.base);
  if (product.tracking === 'variant' && options.length > 0) {
    product.stockLevel = options.reduce((sum, v) => sum + v.stockLevel, 0);
  }
}

function storeProductOf(product: ProductState): StoreProduct {
  return {
    id: product.id,
    name: product.name,
    sku: product.sku,
    brandId: product.brandId,
    categoryIds: [...product.categoryIds],
    visible: product.visible,
    availability: product.availability,
    availabilityDescription: product.availabilityDescription,
    tracking: product.tracking,
    stockLevel: product.stockLevel,
    warningLevel: product.warningLevel,
    orderQuantityMaximum: product.orderQuantityMaximum,
    modifiedAt: product.modifiedAt,
    variants: product.variants.map((v) => storeVariantOf(product, v)),
  };
}

function storeVariantOf(product: ProductState, variant: VariantState): StoreVariant {
  return {
    id: variant.id,
    sku: variant.sku,
    options: variant.options.map((o) => ({ ...o })),
    purchasable: variant.purchasable,
    unavailableMessage: variant.unavailableMessage,
    // A base variant shows the product's stock: that is where it lives.
    stockLevel: variant.base ? product.stockLevel : variant.stockLevel,
    warningLevel: variant.base ? product.warningLevel : variant.warningLevel,
  };
}

function orderOf(order: OrderState): StoreOrder {
  return {
    id: order.id,
    status: order.status,
    staffNotes: order.staffNotes,
    createdAt: order.createdAt,
    customerName: order.customerName,
  };
}

/** As BigCommerce's billing first and last name read by the real adapter: blank parts left out. */
function customerNameOf(customer: OrderSeed['customer']): string | null {
  const name = [customer?.firstName.trim() ?? '', customer?.lastName.trim() ?? '']
    .filter((part) => part !== '')
    .join(' ');
  return name === '' ? null : name;
}

const EMPTY_ADDRESS: Omit<ShippingAddress, 'id'> = {
  firstName: '',
  lastName: '',
  company: '',
  street1: '',
  street2: '',
  city: '',
  state: '',
  zip: '',
  country: '',
  phone: '',
};

function copyLine(line: StoreOrderLine): StoreOrderLine {
  return { ...line, options: line.options.map((o) => ({ ...o })) };
}

export function copyWebhook(hook: StoreWebhook): StoreWebhook {
  return { ...hook, headers: hook.headers === null ? null : { ...hook.headers } };
}
