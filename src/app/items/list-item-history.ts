import type { Result } from '../../core/item.js';
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
  const lineIds = page.flatMap((entry) => {
    const ref = orderLineRef(entry);
    return ref === null ? [] : [ref];
  });
  const orders = await deps.orderReport.orderIdsOfLines(input.storeId, lineIds);
  const last = page[page.length - 1];
  return {
    ok: true,
    entries: page.map((entry) => {
      const ref = orderLineRef(entry);
      return { ...entry, bcOrderId: ref === null ? null : (orders.get(ref) ?? null) };
    }),
    next: rows.length > input.limit && last !== undefined ? historyPositionOf(last) : null,
  };
}

/** The BigCommerce order product id an entry was caused by, if an order line caused it. */
function orderLineRef(entry: ItemHistoryEntry): number | null {
  const cause = entry.type === 'movement' ? entry.movement : entry.transition;
  if (cause.causeType !== 'order_line' || cause.causeRef === null) return null;
  const id = Number(cause.causeRef);
  return Number.isSafeInteger(id) ? id : null;
}
