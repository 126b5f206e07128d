import type { StoreRules } from '../../core/item.js';
import type { StoreId } from './store-id.js';

/** Each store's settings (docs/product.md#settings). Created with defaults when the store installs. */
export interface SettingsRepository {
  getSettings(storeId: StoreId): Promise<StoreSettings | null>;
  /** Validate before calling: the database only backs the rules up (switch condition ≥ 0). */
  updateSettings(storeId: StoreId, patch: SettingsPatch, now: Date): Promise<StoreSettings | null>;
  /** What the rules read: the switch condition and the store's time zone. */
  getRules(storeId: StoreId): Promise<StoreRules | null>;
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
  readonly updatedAt: Date;
}

export type SettingsPatch = Partial<Omit<StoreSettings, 'storeId' | 'updatedAt'>>;
