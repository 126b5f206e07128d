import type { Result } from '../../core/item.js';
import { storeNotFound } from '../items/item-refusals.js';
import type { ItemRepository } from '../ports/item-repository.js';
import type { BackorderedOrder, OrderReport } from '../ports/order-report.js';
import type { StoreId } from '../ports/store-id.js';
import type { StoreRecord, StoreRepository } from '../ports/store-repository.js';
import { isRefusal, type LocalPeriod, periodInstants } from './order-period.js';

export interface ListBackorderedOrdersDeps {
  readonly items: ItemRepository;
  readonly stores: Pick<StoreRepository, 'getStore'>;
  readonly orderReport: OrderReport;
}

export interface ListBackorderedOrdersInput extends LocalPeriod {
  readonly storeId: StoreId;
  /** Only orders holding backordered units of the assigned item with this SKU. */
  readonly sku?: string;
  readonly beforeBcOrderId?: number;
  readonly limit: number;
}

/**
 * Orders holding backordered units, newest first, a page at a time: of a period of store-local dates
 * (an order is dated by its first backordered line) and of one item when a SKU is given. With the
 * store, whose hash addresses its orders in the control panel.
 */
export async function listBackorderedOrders(
  deps: ListBackorderedOrdersDeps,
  input: ListBackorderedOrdersInput,
): Promise<
  Result<{ store: StoreRecord; orders: readonly BackorderedOrder[]; nextBeforeBcOrderId: number | null }>
> {
  const store = await deps.stores.getStore(input.storeId);
  if (store === null) return storeNotFound(input.storeId);
  const period = periodInstants(input, store.timezone);
  if (isRefusal(period)) return period;

  let itemId: number | undefined;
  if (input.sku !== undefined) {
    const item = await deps.items.findItemBySku(input.storeId, input.sku);
    // A SKU no assigned item has holds no backorders: nothing matches.
    if (item === null) return { ok: true, store, orders: [], nextBeforeBcOrderId: null };
    itemId = item.id;
  }
  // One more than asked for tells whether another page follows.
  const rows = await deps.orderReport.listBackorderedOrders(input.storeId, {
    ...period,
    ...(itemId === undefined ? {} : { itemId }),
    ...(input.beforeBcOrderId === undefined ? {} : { beforeBcOrderId: input.beforeBcOrderId }),
    limit: input.limit + 1,
  });
  const orders = rows.slice(0, input.limit);
  const last = orders[orders.length - 1];
  return {
    ok: true,
    store,
    orders,
    nextBeforeBcOrderId: rows.length > input.limit && last !== undefined ? last.bcOrderId : null,
  };
}
