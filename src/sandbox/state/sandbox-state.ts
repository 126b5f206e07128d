import { type StoreEvent, StoreEventBus } from './events.js';
import { HooksRepo } from './hooks.repo.js';
import { InventoryRepo } from './inventory.repo.js';
import { OptionRepo } from './option.repo.js';
import { OrdersRepo } from './orders.repo.js';
import { ProductRepo } from './product.repo.js';
import { done, type Result } from './results.js';
import { openSandboxDb, type SandboxDb } from './sandbox-db.js';
import { ScriptsRepo } from './scripts.repo.js';
import { StockCells } from './stock-cells.js';
import { type Store, type StoreSettings, StoresRepo } from './stores.repo.js';
import { TaxonomyRepo } from './taxonomy.repo.js';
import { ALL_SCOPES, type ApiCredential, TokensRepo } from './tokens.repo.js';
import { UnitOfWork } from './unit-of-work.js';
import { VariantRepo } from './variant.repo.js';

export interface SandboxStateOptions {
  /** SQLite file, or ':memory:'. */
  readonly databaseFile: string;
  readonly now?: () => Date;
  /** Public base URL of the sandbox (e.g. http://127.0.0.1:3100), known once the server listens. */
  readonly publicUrl?: () => string;
}

/**
 * Everything an emulated store holds, behind one object. The HTTP routes, the storefront, the control
 * panel and the seed all go through these repos (never through SQL), so every change enforces the same
 * rules and publishes the same store events (which become webhook deliveries).
 */
export class SandboxState {
  readonly db: SandboxDb;
  readonly events = new StoreEventBus();
  readonly now: () => Date;
  readonly stores: StoresRepo;
  readonly tokens: TokensRepo;
  readonly products: ProductRepo;
  readonly variants: VariantRepo;
  readonly options: OptionRepo;
  readonly taxonomy: TaxonomyRepo;
  /** Where stock is counted and how it changes; shared by the catalog, inventory and orders. */
  readonly stock: StockCells;
  readonly inventory: InventoryRepo;
  readonly orders: OrdersRepo;
  readonly hooks: HooksRepo;
  readonly scripts: ScriptsRepo;
  private readonly publicUrl: () => string;

  constructor(options: SandboxStateOptions) {
    this.db = openSandboxDb(options.databaseFile);
    this.now = options.now ?? (() => new Date());
    this.publicUrl = options.publicUrl ?? (() => 'http://127.0.0.1:3100');
    const uow = new UnitOfWork(this.db, this.events, this.now);
    this.stores = new StoresRepo(this.db, this.now);
    this.tokens = new TokensRepo(this.db, this.now);
    this.stock = new StockCells(this.db);
    this.taxonomy = new TaxonomyRepo(this.db, uow);
    this.options = new OptionRepo(this.db, uow);
    this.variants = new VariantRepo(this.db, uow, this.options, this.stock);
    this.products = new ProductRepo(this.db, uow, this.variants, this.taxonomy, this.stock);
    const catalog = {
      products: this.products,
      variants: this.variants,
      taxonomy: this.taxonomy,
      stock: this.stock,
    };
    this.inventory = new InventoryRepo(
      this.db,
      uow,
      catalog,
      (hash) => this.stores.get(hash)?.settings.nativeBackorders === true,
    );
    this.orders = new OrdersRepo(this.db, uow, catalog, this.inventory, (hash) => this.apiBaseUrl(hash));
    this.hooks = new HooksRepo(this.db, this.now);
    this.scripts = new ScriptsRepo(this.db, this.now);
  }

  /** `https://api.bigcommerce.com/stores/{hash}` of this sandbox (append /v2 or /v3). */
  apiBaseUrl(storeHash: string): string {
    return `${this.publicUrl()}/stores/${storeHash}`;
  }

  baseUrl(): string {
    return this.publicUrl();
  }

  /**
   * Creates a store and, when `apiToken` is given, a store-level API account token with every scope
   * (what a merchant creates under Settings > API accounts).
   */
  createStore(
    hash: string,
    options: { settings?: Partial<StoreSettings>; apiToken?: string; apiClientId?: string } = {},
  ): Result<Store> {
    const created = this.stores.create(hash, options.settings);
    if (!created.ok) return created;
    if (options.apiToken) {
      this.tokens.put({
        token: options.apiToken,
        storeHash: hash,
        clientId: options.apiClientId ?? 'sandbox-store-api-account',
        scopes: [...ALL_SCOPES],
      });
    }
    return done(created.value);
  }

  /** Whether the store has BigCommerce's native backorders (beta) on; off by default, as on BigCommerce. */
  nativeBackorders(storeHash: string): boolean {
    return this.inventory.nativeBackorders(storeHash);
  }

  /**
   * The merchant opting the store in to (or out of) the native backorders beta in the control panel.
   * Switching off keeps each item's limit and quantity backordered; they are hidden and not applied.
   */
  setNativeBackorders(storeHash: string, enabled: boolean): Result<boolean> {
    const updated = this.stores.updateSettings(storeHash, { nativeBackorders: enabled });
    return updated.ok ? done(updated.value.settings.nativeBackorders) : updated;
  }

  /** The OAuth token exchange's effect: an access token for (store, app client, scopes). */
  issueToken(storeHash: string, clientId: string, scopes: readonly string[]): ApiCredential {
    return this.tokens.issue(storeHash, clientId, scopes);
  }

  /**
   * What BigCommerce does when a merchant uninstalls an app: store/app/uninstalled goes to that app's
   * hooks, then its hooks and scripts are removed and its token stops working.
   * Returns how many hooks and scripts were removed.
   */
  uninstallApp(storeHash: string, clientId: string): { hooks: number; scripts: number } {
    const event: StoreEvent = {
      storeHash,
      scope: 'store/app/uninstalled',
      data: { type: 'app', id: clientId },
      onlyClientId: clientId,
    };
    // Published before the hooks go: the dispatcher snapshots the destinations when the event arrives.
    this.events.publish([event]);
    const removed = this.db.transaction(() => ({
      hooks: this.hooks.deleteForClient(storeHash, clientId),
      scripts: this.scripts.deleteForClient(storeHash, clientId),
    }))();
    this.tokens.revokeClient(storeHash, clientId);
    return removed;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
