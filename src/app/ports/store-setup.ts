import type { StoreId } from './store-id.js';

/**
 * What installing and uninstalling need from a merchant's store: its profile, the app's webhook
 * subscriptions and the app's storefront scripts, and which of BigCommerce's inventory features it uses. Store-first like the repositories. The store lists
 * only the calling app's webhooks and scripts. An outage throws; a store the app cannot reach any more
 * throws StoreNotConnectedError. Deleting something already gone counts as deleted.
 */
export interface StoreSetup {
  getProfile(storeId: StoreId): Promise<StoreProfile>;
  /** Whether the store has BigCommerce's native backorders (beta) on, and how many locations it has. */
  getInventoryFeatures(storeId: StoreId): Promise<StoreInventoryFeatures>;

  listWebhooks(storeId: StoreId): Promise<StoreWebhook[]>;
  createWebhook(storeId: StoreId, webhook: WebhookSubscription): Promise<void>;
  updateWebhook(storeId: StoreId, webhookId: number, change: WebhookChange): Promise<void>;
  deleteWebhook(storeId: StoreId, webhookId: number): Promise<void>;

  listScripts(storeId: StoreId): Promise<InstalledScript[]>;
  createScript(storeId: StoreId, script: StorefrontScript): Promise<void>;
  updateScript(storeId: StoreId, scriptId: string, script: StorefrontScript): Promise<void>;
  deleteScript(storeId: StoreId, scriptId: string): Promise<void>;
}

export interface StoreProfile {
  /** The store's time zone as the store names it (an IANA name, unchecked); null when it gives none. */
  readonly timeZone: string | null;
  /** The store's name as the merchant set it; null when it gives none. */
  readonly name: string | null;
}

export interface StoreInventoryFeatures {
  /**
   * BigCommerce's native backorders are on. BigCommerce publishes no flag for it: this is inferred from
   * the store's inventory settings carrying the beta's own fields (docs/bigcommerce.md#inventory-settings).
   */
  readonly nativeBackorders: boolean;
  /**
   * The store's enabled inventory locations (1 for a store that never added one); null when the store
   * does not let the app list them (a grant older than the locations scope).
   */
  readonly locations: number | null;
}

export interface WebhookSubscription {
  /** The event subscribed to (`store/order/created`, …). */
  readonly scope: string;
  /** The URL the store posts deliveries to. */
  readonly destination: string;
  readonly active: boolean;
  /** Sent with every delivery (the app's secret header). */
  readonly headers: Readonly<Record<string, string>>;
}

export interface StoreWebhook extends Omit<WebhookSubscription, 'headers'> {
  readonly id: number;
  readonly headers: Readonly<Record<string, string>> | null;
}

export interface WebhookChange {
  readonly active?: boolean;
  readonly headers?: Readonly<Record<string, string>>;
}

/** A script the storefront loads from a URL. */
export interface StorefrontScript {
  readonly name: string;
  readonly description: string;
  readonly src: string;
  readonly loading: 'default' | 'async' | 'defer';
  readonly location: 'head' | 'footer';
  /** The pages it runs on. */
  readonly pages: 'storefront' | 'all_pages' | 'checkout' | 'order_confirmation';
  /** The store removes it by itself when the app is uninstalled. */
  readonly removedOnUninstall: boolean;
  /** Under which cookie-consent category shoppers get it. */
  readonly consentCategory: ConsentCategory;
  readonly enabled: boolean;
}

export type ConsentCategory = 'essential' | 'functional' | 'analytics' | 'targeting';

/** A script the app has in the store, as the store lists it. */
export interface InstalledScript extends Omit<StorefrontScript, 'src' | 'consentCategory'> {
  readonly id: string;
  /** As the store lists it; null when it has none (an inline script). */
  readonly src: string | null;
  readonly consentCategory: ConsentCategory | null;
  /** The script's code is inline (not loaded from `src`). */
  readonly inline: boolean;
}
