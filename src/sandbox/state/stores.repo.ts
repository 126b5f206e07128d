import { done, type Result, refuse } from './results.js';
import type { SandboxDb } from './sandbox-db.js';
import { parseDoc } from './sandbox-db.js';
import { DEFAULT_INVENTORY_SETTINGS, type StoreInventorySettings } from './store-inventory-settings.js';

/** A store's settings as GET /v2/store reports them (the fields the sandbox lets you choose). */
export interface StoreSettings {
  readonly name: string;
  readonly timezone: string;
  readonly currency: string;
  readonly currencySymbol: string;
  readonly adminEmail: string;
  readonly orderEmail: string;
  readonly country: string;
  readonly countryCode: string;
  readonly planName: string;
  readonly weightUnits: 'Ounces' | 'LBS' | 'Grams' | 'Kilograms' | 'Tonnes';
  readonly dimensionUnits: 'Inches' | 'Centimeters';
  /**
   * BigCommerce's native backorders (beta), which a merchant opts in to per store in the control panel
   * (the beta guide, docs.bigcommerce.com/developer/docs/admin/catalog-and-inventory/backorders-beta):
   * off by default, as on BigCommerce. While off every response stays as the merged OpenAPI specs say.
   */
  readonly nativeBackorders: boolean;
  /**
   * The default message of the store's backorder message library (control panel; Cornerstone shows it
   * through `backorder_messages` / `stock_position.backorder_message`). The library has no API in the
   * merged specs, so the sandbox keeps the default message only; its text is the sandbox's own.
   */
  readonly defaultBackorderMessage: string;
  /** The store's inventory settings (`/v3/settings/inventory`), see store-inventory-settings.ts. */
  readonly inventory: StoreInventorySettings;
}

export interface Store {
  readonly hash: string;
  /** BigCommerce's numeric store id (webhook payloads carry it as a string in `store_id`). */
  readonly storeId: number;
  readonly settings: StoreSettings;
  readonly createdAt: Date;
}

export const DEFAULT_STORE_SETTINGS: StoreSettings = {
  name: 'Sandbox Store',
  timezone: 'America/Chicago',
  currency: 'USD',
  currencySymbol: '$',
  adminEmail: 'merchant@sandbox.example',
  orderEmail: 'orders@sandbox.example',
  country: 'United States',
  countryCode: 'US',
  planName: 'Standard',
  weightUnits: 'Ounces',
  dimensionUnits: 'Inches',
  nativeBackorders: false,
  defaultBackorderMessage: 'This item is on backorder: it ships as soon as it is back in stock.',
  inventory: DEFAULT_INVENTORY_SETTINGS,
};

interface StoreRow {
  hash: string;
  store_id: number;
  doc: string;
  created_at: number;
}

export const STORE_HASH_PATTERN = /^[a-z0-9]{1,32}$/;

export class StoresRepo {
  constructor(
    private readonly db: SandboxDb,
    private readonly now: () => Date,
  ) {}

  create(hash: string, settings: Partial<StoreSettings> = {}): Result<Store> {
    if (!STORE_HASH_PATTERN.test(hash)) {
      return refuse(422, 'SANDBOX.STORE.INVALID_HASH', 'A store hash is 1-32 lowercase letters and digits.');
    }
    if (this.get(hash)) return refuse(409, 'SANDBOX.STORE.EXISTS', `Store ${hash} already exists.`);
    const full = withInventoryDefaults({ ...DEFAULT_STORE_SETTINGS, ...settings });
    const next = this.db.prepare('SELECT COALESCE(MAX(store_id), 1000000) + 1 AS id FROM stores').get() as {
      id: number;
    };
    this.db
      .prepare('INSERT INTO stores (hash, store_id, doc, created_at) VALUES (?, ?, ?, ?)')
      .run(hash, next.id, JSON.stringify(full), this.now().getTime());
    return done(this.get(hash)!);
  }

  get(hash: string): Store | undefined {
    const row = this.db.prepare('SELECT * FROM stores WHERE hash = ?').get(hash) as StoreRow | undefined;
    return row ? toStore(row) : undefined;
  }

  list(): Store[] {
    return (this.db.prepare('SELECT * FROM stores ORDER BY created_at, hash').all() as StoreRow[]).map(
      toStore,
    );
  }

  updateSettings(hash: string, settings: Partial<StoreSettings>): Result<Store> {
    const store = this.get(hash);
    if (!store) return refuse(404, 'SANDBOX.STORE.NOT_FOUND', `Store ${hash} does not exist.`);
    const full = withInventoryDefaults({ ...store.settings, ...settings });
    this.db.prepare('UPDATE stores SET doc = ? WHERE hash = ?').run(JSON.stringify(full), hash);
    return done(this.get(hash)!);
  }

  /** Removes the store and everything in it (tokens, catalog, orders, hooks, scripts). */
  delete(hash: string): boolean {
    const tx = this.db.transaction(() => {
      // Rows without a foreign key to stores (deliveries, settings) are cleared by hand.
      this.db.prepare('DELETE FROM webhook_deliveries WHERE store_hash = ?').run(hash);
      this.db.prepare('DELETE FROM inventory_settings WHERE store_hash = ?').run(hash);
      this.db.prepare('DELETE FROM inventory_backorders WHERE store_hash = ?').run(hash);
      return this.db.prepare('DELETE FROM stores WHERE hash = ?').run(hash).changes > 0;
    });
    return tx();
  }
}

function toStore(row: StoreRow): Store {
  return {
    hash: row.hash,
    storeId: row.store_id,
    settings: withInventoryDefaults({
      ...DEFAULT_STORE_SETTINGS,
      ...parseDoc<Partial<StoreSettings>>(row.doc),
    }),
    createdAt: new Date(row.created_at),
  };
}

/** A partial `inventory` (a store created before a field existed, or a caller's partial) gets the defaults. */
function withInventoryDefaults(settings: StoreSettings): StoreSettings {
  return { ...settings, inventory: { ...DEFAULT_INVENTORY_SETTINGS, ...settings.inventory } };
}
