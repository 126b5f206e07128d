import type { StoreRules } from '../../core/item.js';
import type { StoreId } from './store-id.js';

/** Each store's settings (docs/product.md#settings). Created with defaults when the store installs. */
export interface SettingsRepository {
  getSettings(storeId: StoreId): Promise<StoreSettings | null>;
  /** Validate before calling: the database only backs the rules up (switch condition ≥ 0). */
  updateSettings(storeId: StoreId, patch: SettingsPatch, now: Date): Promise<StoreSettings | null>;
  /** What the rules read: the switch condition and the store's time zone; and the inventory mode. */
  getRules(storeId: StoreId): Promise<ItemRules | null>;
}

export interface StoreSettings {
  readonly storeId: StoreId;
  /** S: stock ≤ S is out of stock. */
  readonly switchCondition: number;
  /** Give stock and B back when an order is cancelled or refunded. */
  readonly restockOnCancel: boolean;
  /** Turn BigCommerce inventory tracking off again when someone turns it on. */
  readonly keepTrackingOff: boolean;
  readonly notificationEmails: readonly string[];
  readonly notifyEvents: readonly string[];
  /** How the app runs the store's stock in BigCommerce (docs/product.md#modes). */
  readonly inventoryMode: InventoryMode;
  readonly updatedAt: Date;
}

/**
 * - `emulated`: BigCommerce's inventory tracking off, stock kept in the app, purchase disabled when an
 *   item becomes unavailable (every store until issue 11).
 * - `capped`: tracking on, BigCommerce's level is the units still sellable (stock above S plus the
 *   backorder allowance T − B), so checkout refuses what would pass the threshold ("cap at checkout").
 * - `native`: BigCommerce's own backorders (beta); the threshold becomes the backorder limit.
 */
export const INVENTORY_MODES = ['emulated', 'capped', 'native'] as const;
export type InventoryMode = (typeof INVENTORY_MODES)[number];

/** What the item pipeline reads of a store: the rules, and the mode that says what BigCommerce is told. */
export interface ItemRules extends StoreRules {
  readonly inventoryMode: InventoryMode;
}

export function isInventoryMode(value: unknown): value is InventoryMode {
  return typeof value === 'string' && (INVENTORY_MODES as readonly string[]).includes(value);
}

export type SettingsPatch = Partial<Omit<StoreSettings, 'storeId' | 'updatedAt'>>;
