import type { Result } from '../../core/item.js';
import { parseOrderLineRef } from '../orders/record-order-sales.js';
import type { HistoryPosition, HistoryRepository, ItemHistoryEntry } from '../ports/history-repository.js';
import { historyPositionOf } from '../ports/history-repository.js';
import type { ItemRepository } from '../ports/item-repository.js';
import type { OrderReport } from '../ports/order-report.js';
import type { StoreId } from '../ports/store-id.js';
import { findAssignedItem, type ItemRef, itemNotFound } from './item-change.js';

export interface ListItemHistoryDeps {
  readonly items: ItemRepository;
  readonly history: HistoryRepository;
  readonly orderReport: OrderReport;
}

export interface ListItemHistoryInput {
  readonly storeId: StoreId;
  readonly item: ItemRef;
  /** The previous page's `next`. */
  readonly before?: HistoryPosition;
  readonly limit: number;
}

/** A history entry, and the BigCommerce order of the order line that caused it (null for other causes). */
export type ItemHistoryLine = ItemHistoryEntry & { readonly bcOrderId: number | null };

/**
 * An assigned item's stock movements and status changes together, newest first, a page at a time;
 * entries caused by an order line name their order, so a merchant reads "order 123", not a line id.
 */
export async function listItemHistory(
  deps: ListItemHistoryDeps,
  input: ListItemHistoryInput,
): Promise<Result<{ entries: readonly ItemHistoryLine[]; next: HistoryPosition | null }>> {
  const item = await findAssignedItem(deps.items, input.storeId, input.item);
  if (item === null) return itemNotFound(input.item);

  // One more than asked for tells whether another page follows.
  const rows = await deps.history.listItemHistory(input.storeId, item.id, {
    ...(input.before === undefined ? {} : { before: input.before }),
    limit: input.limit + 1,
  });
  const page = rows.slice(0, input.limit);
  // Causes name their order (`order:1:line:2`); a bare line id is looked up among the recorded lines.
  const bareLineIds = page.flatMap((entry) => {
    const ref = orderLineCause(entry);
    return ref !== null && ref.orderId === null ? [ref.orderProductId] : [];
  });
  const orders = await deps.orderReport.orderIdsOfLines(input.storeId, bareLineIds);
  const last = page[page.length - 1];
  return {
    ok: true,
    entries: page.map((entry) => {
      const ref = orderLineCause(entry);
      const bcOrderId = ref === null ? null : (ref.orderId ?? orders.get(ref.orderProductId) ?? null);
      return { ...entry, bcOrderId };
    }),
    next: rows.length > input.limit && last !== undefined ? historyPositionOf(last) : null,
  };
}

/** The order line an entry was caused by, if an order line caused it. */
function orderLineCause(entry: ItemHistoryEntry): { orderId: number | null; orderProductId: number } | null {
  const cause = entry.type === 'movement' ? entry.movement : entry.transition;
  if (cause.causeType !== 'order_line' || cause.causeRef === null) return null;
  const parsed = parseOrderLineRef(cause.causeRef);
  if (parsed !== null) return parsed;
  const id = Number(cause.causeRef);
  return /^\d{1,15}$/.test(cause.causeRef) ? { orderId: null, orderProductId: id } : null;
}
