import type { Item } from '../../core/item.js';
import type { ItemRecord } from '../ports/item-repository.js';
import type { ItemRules } from '../ports/settings-repository.js';
import type { BigCommerceLevelChange } from './capped-level.js';

/**
 * What BigCommerce's native backorders (beta) hold for an item, as the app sets them
 * (docs/product.md#modes): the safety stock is S (what is available to sell is the units on hand above
 * it, so units sold at or below S are BigCommerce's backorders, as the app's); backorders are unlimited
 * without a threshold, and otherwise BigCommerce may backorder up to its quantity backordered plus the
 * units the episode still allows (T − B); a block (threshold, date, manual) sets the limit to 0.
 */
export interface NativeSettings {
  readonly safetyStock: number;
  readonly unlimited: boolean;
  readonly limit: number;
}

export function nativeSettingsOf(
  item: Pick<Item, 'threshold' | 'backordered' | 'block'>,
  switchCondition: number,
  storeBackordered: number,
): NativeSettings {
  if (item.block !== null) return { safetyStock: switchCondition, unlimited: false, limit: 0 };
  if (item.threshold === null) return { safetyStock: switchCondition, unlimited: true, limit: 0 };
  return {
    safetyStock: switchCondition,
    unlimited: false,
    limit: storeBackordered + Math.max(0, item.threshold - item.backordered),
  };
}

export function sameNativeSettings(a: NativeSettings, b: NativeSettings): boolean {
  return a.safetyStock === b.safetyStock && a.unlimited === b.unlimited && a.limit === b.limit;
}

/** The units BigCommerce may still backorder under these settings (Infinity when unlimited). */
function allowanceOf(settings: NativeSettings, storeBackordered: number): number {
  return settings.unlimited ? Number.POSITIVE_INFINITY : Math.max(0, settings.limit - storeBackordered);
}

export interface NativeChangeInput {
  /** The stock movement of the change (stock after − stock before). */
  readonly movementDelta: number;
  /** What BigCommerce already did to its count with this change (a sale at its checkout: −q). */
  readonly bigCommerce: BigCommerceLevelChange;
  /** A sale: the units BigCommerce backordered (its `quantity_backordered`), or the app's b when absent. */
  readonly soldBackordered: number | null;
  /** A give-back: the units of it that were backorders (they leave BigCommerce's quantity backordered). */
  readonly returnedBackordered: number;
  /** A change that moves every item's settings without moving the item (S changed). */
  readonly reevaluated: boolean;
}

export interface NativeChange {
  /** The item's quantity backordered in BigCommerce after the change (ItemRecord.nativeBackordered). */
  readonly storeBackordered: number;
  /**
   * What the app writes to BigCommerce's counts (relative): units on hand and quantity backordered; null
   * when BigCommerce already holds the change (its own sale, someone's write there).
   */
  readonly adjustment: { readonly delta: number; readonly backorderedDelta: number } | null;
  /** The limit or safety stock changed: write them (state-based, the latest wins). */
  readonly settingsChanged: boolean;
  /** The units BigCommerce may backorder went down: the write is urgent. */
  readonly narrows: boolean;
}

/**
 * The native mode's bookkeeping for one change: BigCommerce's quantity backordered as the app knows it
 * after the change, the counts the app must move in BigCommerce (changes that did not happen there:
 * an edit, a receipt, a give-back), and whether the limit must be written again. Null when the store is
 * in another mode, the item's native numbers were never set up (not published yet) or it was unassigned.
 *
 * The app's stock is BigCommerce's on hand minus its quantity backordered, and stays so: a give-back of
 * q units, b of them backordered, puts q − b units back on hand and takes b off the quantity backordered.
 */
export function nativeChangeAfter(
  rules: ItemRules,
  before: ItemRecord,
  after: Item | null,
  input: NativeChangeInput,
): NativeChange | null {
  if (rules.inventoryMode !== 'native' || before.nativeBackordered === null || after === null) return null;
  if (before.status === null) return null;
  const storeBackordered = Math.max(
    0,
    before.nativeBackordered + (input.soldBackordered ?? 0) - input.returnedBackordered,
  );
  const already = 'setTo' in input.bigCommerce ? input.movementDelta : input.bigCommerce.changedBy;
  const delta = input.movementDelta - already - input.returnedBackordered;
  const backorderedDelta = input.returnedBackordered === 0 ? 0 : -input.returnedBackordered;
  const S = rules.switchCondition;
  const settingsBefore = nativeSettingsOf(before, S, before.nativeBackordered);
  const settingsAfter = nativeSettingsOf(after, S, storeBackordered);
  // A sale at BigCommerce's checkout was counted there against the limit as it stands: the limit is
  // not written again for it (only a block it brings, which sets it to 0). Written again, it would mix
  // BigCommerce's quantity backordered, which counts every order already placed, with the app's B, which
  // counts the orders processed so far, in whatever order their webhooks came — and let a burst pass T.
  const fromSale = input.soldBackordered !== null;
  const settingsChanged =
    input.reevaluated ||
    (fromSale ? after.block !== before.block : !sameNativeSettings(settingsBefore, settingsAfter));
  return {
    storeBackordered,
    adjustment: delta === 0 && backorderedDelta === 0 ? null : { delta, backorderedDelta },
    settingsChanged,
    narrows:
      allowanceOf(settingsAfter, storeBackordered) < allowanceOf(settingsBefore, before.nativeBackordered),
  };
}
