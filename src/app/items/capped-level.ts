import type { Item } from '../../core/item.js';
import { sellableUnits } from '../../core/sellable.js';
import type { ItemRecord } from '../ports/item-repository.js';
import type { ItemRules } from '../ports/settings-repository.js';

/**
 * What BigCommerce already did to the item's inventory level with the change being applied: a sale
 * placed at BigCommerce's checkout took its units (`changedBy: −q`); someone wrote a level there
 * (`setTo`, an ERP's absolute write); most changes come from the app and left it alone (`changedBy: 0`).
 */
export type BigCommerceLevelChange = { readonly changedBy: number } | { readonly setTo: number };

export const LEVEL_UNCHANGED: BigCommerceLevelChange = { changedBy: 0 };

/**
 * The cap-at-checkout mode's bookkeeping for one change (docs/product.md#modes): the level BigCommerce
 * should hold after it (the item's sellable units) and the difference to write, from the level
 * BigCommerce holds as far as the app knows. Null when the store is in another mode, the item's level was
 * never written (it is not published yet), or the item was unassigned (unassignment writes its own).
 */
export function cappedLevelAfter(
  rules: ItemRules,
  before: Pick<ItemRecord, 'cappedLevel'>,
  after: Item | null,
  bigCommerce: BigCommerceLevelChange,
): { readonly level: number; readonly delta: number } | null {
  if (rules.inventoryMode !== 'capped' || before.cappedLevel === null || after === null) return null;
  const held =
    'setTo' in bigCommerce ? bigCommerce.setTo : Math.max(0, before.cappedLevel + bigCommerce.changedBy);
  const level = sellableUnits(after, rules.switchCondition);
  return { level, delta: level - held };
}
