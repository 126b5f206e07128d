import type { Result } from '../../core/item.js';
import { findAssignedItem, type ItemRef, itemNotFound } from '../items/item-change.js';
import { storeNotFound } from '../items/item-refusals.js';
import type { ItemRepository } from '../ports/item-repository.js';
import type { ItemOrderLine, ItemOrderLinesQuery, OrderReport } from '../ports/order-report.js';
import type { StoreId } from '../ports/store-id.js';
import type { StoreRecord, StoreRepository } from '../ports/store-repository.js';

export interface ListItemOrdersDeps {
  readonly items: ItemRepository;
  readonly stores: Pick<StoreRepository, 'getStore'>;
  readonly orderReport: OrderReport;
}

export type ItemOrdersPosition = NonNullable<ItemOrderLinesQuery['before']>;

export interface ListItemOrdersInput {
  readonly storeId: StoreId;
  readonly item: ItemRef;
  /** The previous page's `next`. */
  readonly before?: ItemOrdersPosition;
  readonly limit: number;
}

/**
 * The order lines holding an assigned item's backordered units, newest order first, a page at a time;
 * with the store, whose hash addresses its orders in the control panel.
 */
export async function listItemOrders(
  deps: ListItemOrdersDeps,
  input: ListItemOrdersInput,
): Promise<Result<{ store: StoreRecord; lines: readonly ItemOrderLine[]; next: ItemOrdersPosition | null }>> {
  const store = await deps.stores.getStore(input.storeId);
  if (store === null) return storeNotFound(input.storeId);
  const item = await findAssignedItem(deps.items, input.storeId, input.item);
  if (item === null) return itemNotFound(input.item);

  // One more than asked for tells whether another page follows.
  const rows = await deps.orderReport.listItemOrderLines(input.storeId, item.id, {
    ...(input.before === undefined ? {} : { before: input.before }),
    limit: input.limit + 1,
  });
  const lines = rows.slice(0, input.limit);
  const last = lines[lines.length - 1];
  return {
    ok: true,
    store,
    lines,
    next:
      rows.length > input.limit && last !== undefined
        ? { bcOrderId: last.bcOrderId, bcOrderProductId: last.bcOrderProductId }
        : null,
  };
}
