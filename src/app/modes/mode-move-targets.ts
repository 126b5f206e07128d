import { sellableUnits } from '../../core/sellable.js';
import { type NativeSettings, nativeSettingsOf } from '../items/native-backorders.js';
import type { ItemRecord } from '../ports/item-repository.js';
import type { InventoryMode } from '../ports/settings-repository.js';

/**
 * What BigCommerce holds for an assigned item once it is in a mode (docs/product.md#moving-between-modes),
 * from the app's numbers, which a move never changes:
 * - emulated: inventory tracking off, nothing counted there;
 * - cap at checkout: the level is the units still sellable;
 * - native backorders: on hand and quantity backordered such that on hand − backordered = stock, with
 *   B backordered (more when the stock owes more than B: on hand cannot be negative), and the limit and
 *   safety stock of the rules.
 */
export type ModeTarget =
  | { readonly mode: 'emulated' }
  | { readonly mode: 'capped'; readonly level: number }
  | {
      readonly mode: 'native';
      readonly onHand: number;
      readonly backordered: number;
      readonly settings: NativeSettings;
    };

export function modeTargetOf(item: ItemRecord, mode: InventoryMode, switchCondition: number): ModeTarget {
  switch (mode) {
    case 'emulated':
      return { mode };
    case 'capped':
      return { mode, level: sellableUnits(item, switchCondition) };
    case 'native': {
      const backordered = Math.max(item.backordered, -item.stock, 0);
      return {
        mode,
        onHand: item.stock + backordered,
        backordered,
        settings: nativeSettingsOf(item, switchCondition, backordered),
      };
    }
  }
}

/** The item's bookkeeping columns in a mode (ItemRecord.cappedLevel, .nativeBackordered). */
export function bookkeepingOf(target: ModeTarget): {
  readonly cappedLevel: number | null;
  readonly nativeBackordered: number | null;
} {
  return {
    cappedLevel: target.mode === 'capped' ? target.level : null,
    nativeBackordered: target.mode === 'native' ? target.backordered : null,
  };
}
