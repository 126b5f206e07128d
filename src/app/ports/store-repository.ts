import type { StoreId } from './store-id.js';

/** The tenants: BigCommerce stores that installed the app. */
export interface StoreRepository {
  /**
   * Records an install (or a re-install of a store that uninstalled): stores the credentials, marks it
   * installed, and creates its settings with defaults if it has none. Returns the store.
   */
  install(input: InstallStoreInput): Promise<StoreRecord>;
  /** Forgets the access token and marks the store uninstalled; its data stays. */
  markUninstalled(storeId: StoreId, now: Date): Promise<void>;
  getStore(storeId: StoreId): Promise<StoreRecord | null>;
  findStoreByHash(storeHash: string): Promise<StoreRecord | null>;
  updateProfile(storeId: StoreId, profile: StoreProfile, now: Date): Promise<StoreRecord | null>;
  /**
   * Records what the app learnt of the store's inventory features in BigCommerce, and when. Returns the
   * store after, or null when there is no such store.
   */
  recordInventoryFeatures(
    storeId: StoreId,
    features: InventoryFeaturesCheck,
    now: Date,
  ): Promise<StoreRecord | null>;
  /** Every installed store (for the scheduler, which works store by store). */
  listInstalledStores(): Promise<StoreRecord[]>;
}

export interface InstallStoreInput {
  readonly storeHash: string;
  /** Already encrypted by the caller; the storage never sees the token in clear. */
  readonly accessTokenEncrypted: string;
  readonly scope: string;
  readonly timezone?: string;
  readonly locale?: string;
  readonly webhookSecretHash?: string | null;
  /** Settings of a store installed for the first time; a re-installed store keeps the ones it had. */
  readonly initialSettings?: {
    readonly notificationEmails: readonly string[];
    readonly notifyEvents: readonly string[];
  };
  readonly now: Date;
}

export interface StoreProfile {
  readonly timezone?: string;
  /** The store's name in BigCommerce. */
  readonly name?: string | null;
  readonly locale?: string;
  readonly webhookSecretHash?: string | null;
}

export interface InventoryFeaturesCheck {
  /** BigCommerce's native backorders (beta) are on in the store. */
  readonly nativeBackorders: boolean;
  /** The store's enabled inventory locations; null when the store would not list them. */
  readonly locations: number | null;
}

export interface StoreRecord {
  readonly id: StoreId;
  readonly storeHash: string;
  /** The store's name in BigCommerce (read at install); null until known. */
  readonly name: string | null;
  readonly status: 'installed' | 'uninstalled';
  readonly accessTokenEncrypted: string | null;
  readonly scope: string;
  /** IANA time zone; the back-in-stock date is a date there. */
  readonly timezone: string;
  readonly locale: string;
  readonly webhookSecretHash: string | null;
  readonly installedAt: Date;
  readonly uninstalledAt: Date | null;
  readonly updatedAt: Date;
  /** Whether the store has BigCommerce's native backorders on; null until checked. */
  readonly nativeBackorders: boolean | null;
  /** When the app last checked the store's inventory features; null: never. */
  readonly inventoryFeaturesCheckedAt: Date | null;
  /** The store's enabled inventory locations at that check; null until known. */
  readonly locations: number | null;
}
