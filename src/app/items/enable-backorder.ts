import { type ChangeRequest, changeItem, type ItemChangeDeps, type ItemChangeResult } from './item-change.js';

/**
 * The merchant's "enable backorder": clears any block. Refused with BACKORDER.THRESHOLD_REACHED or
 * BACKORDER.DATE_PASSED when the item would be blocked again at once, BACKORDER.ALREADY_ENABLED when
 * nothing blocks it.
 */
export function enableBackorder(deps: ItemChangeDeps, input: ChangeRequest): Promise<ItemChangeResult> {
  return changeItem(deps, input, 'enable', { kind: 'enabled' });
}
