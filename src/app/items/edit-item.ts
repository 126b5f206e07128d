import type { LocalDate } from '../../core/item.js';
import { refuse } from '../../core/item.js';
import { type ChangeRequest, changeItem, type ItemChangeDeps, type ItemChangeResult } from './item-change.js';

/** Any of the item's numbers; `null` clears the threshold (unlimited) or the date. */
export interface ItemEdit {
  readonly stock?: number;
  readonly threshold?: number | null;
  readonly incomingStock?: number;
  readonly backInStockDate?: LocalDate | null;
}

export const EDIT_REFUSALS = { nothingToChange: 'ITEM.NOTHING_TO_CHANGE' } as const;

/**
 * Sets stock, threshold, incoming stock or back-in-stock date of an item (the API or an admin edit).
 * The rules check each value (ITEM.INVALID_STOCK, …) and apply what follows (R12: a date written by
 * the API lifts a date block; an admin's needs a manual enable).
 */
export function editItem(
  deps: ItemChangeDeps,
  input: ChangeRequest & { readonly edit: ItemEdit },
): Promise<ItemChangeResult> {
  const { stock, threshold, incomingStock, backInStockDate } = input.edit;
  if (
    stock === undefined &&
    threshold === undefined &&
    incomingStock === undefined &&
    backInStockDate === undefined
  ) {
    return Promise.resolve(
      refuse(
        EDIT_REFUSALS.nothingToChange,
        'Give at least one of stock, threshold, incoming stock or back-in-stock date.',
      ),
    );
  }
  return changeItem(deps, input, 'edit', {
    kind: 'edited',
    source: input.source,
    ...(stock === undefined ? {} : { stock }),
    ...(threshold === undefined ? {} : { threshold }),
    ...(incomingStock === undefined ? {} : { incoming: incomingStock }),
    ...(backInStockDate === undefined ? {} : { backInStockDate }),
  });
}
