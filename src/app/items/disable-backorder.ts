import { type ChangeRequest, changeItem, type ItemChangeDeps, type ItemChangeResult } from './item-change.js';

/** The merchant's "disable backorder": a manual block only "enable" lifts (BACKORDER.ALREADY_DISABLED if set). */
export function disableBackorder(deps: ItemChangeDeps, input: ChangeRequest): Promise<ItemChangeResult> {
  return changeItem(deps, input, 'disable', { kind: 'disabled' });
}
