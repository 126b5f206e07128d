import { type ChangeRequest, changeItem, type ItemChangeDeps, type ItemChangeResult } from './item-change.js';

/**
 * Incoming units arrived: moves `quantity` from incoming stock into stock. More than is incoming is
 * refused (ITEM.RECEIVE_EXCEEDS_INCOMING): set the stock instead.
 */
export function receiveStock(
  deps: ItemChangeDeps,
  input: ChangeRequest & { readonly quantity: number },
): Promise<ItemChangeResult> {
  return changeItem(deps, input, 'receive', { kind: 'received', quantity: input.quantity });
}
