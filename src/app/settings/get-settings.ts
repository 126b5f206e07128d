import { type Refusal, refuse } from '../../core/item.js';
import type { SettingsRepository, StoreSettings } from '../ports/settings-repository.js';
import type { StoreId } from '../ports/store-id.js';
import type { StoreRecord, StoreRepository } from '../ports/store-repository.js';

export const SETTINGS_REFUSALS = {
  storeNotFound: 'STORE.NOT_FOUND',
  invalidEmail: 'SETTINGS.INVALID_EMAIL',
  tooManyEmails: 'SETTINGS.TOO_MANY_EMAILS',
  unknownEvent: 'SETTINGS.UNKNOWN_EVENT',
  nothingToChange: 'SETTINGS.NOTHING_TO_CHANGE',
  invalidInventoryMode: 'SETTINGS.INVALID_INVENTORY_MODE',
  /** Items are assigned: moving them from one inventory mode to another is not built yet (issue 11). */
  modeMoveRequired: 'SETTINGS.MODE_MOVE_REQUIRED',
  /** The native mode needs BigCommerce's native backorders on in the store, as last checked. */
  nativeBackordersOff: 'SETTINGS.NATIVE_BACKORDERS_OFF',
  /** The store cannot be reached in BigCommerce any more (uninstalled): nothing to check. */
  storeNotConnected: 'STORE.NOT_CONNECTED',
  /** No re-evaluation of the store's items by that id (or none ever, for the latest). */
  reevaluationNotFound: 'SETTINGS.REEVALUATION_NOT_FOUND',
} as const;

/** What the app last learnt of the store's native backorders (beta) and locations. */
export interface NativeBackordersState {
  /** On or not as last checked; null: never checked. */
  readonly enabled: boolean | null;
  readonly checkedAt: Date | null;
  /** Enabled inventory locations at that check; null when unknown. */
  readonly locations: number | null;
}

export function nativeBackordersOf(store: StoreRecord): NativeBackordersState {
  return {
    enabled: store.nativeBackorders,
    checkedAt: store.inventoryFeaturesCheckedAt,
    locations: store.locations,
  };
}

export async function getSettings(
  deps: { readonly settings: SettingsRepository; readonly stores: Pick<StoreRepository, 'getStore'> },
  input: { readonly storeId: StoreId },
): Promise<
  | {
      readonly ok: true;
      readonly settings: StoreSettings;
      readonly nativeBackorders: NativeBackordersState;
    }
  | Refusal
> {
  const [settings, store] = await Promise.all([
    deps.settings.getSettings(input.storeId),
    deps.stores.getStore(input.storeId),
  ]);
  return settings === null || store === null
    ? refuse(SETTINGS_REFUSALS.storeNotFound, `No settings for store ${input.storeId}.`)
    : { ok: true, settings, nativeBackorders: nativeBackordersOf(store) };
}
