import type { ItemOptionValue } from './item-repository.js';
import type { StoreId } from './store-id.js';

/**
 * Orders holding backordered units (docs/product.md#orders, the public API's GET /orders and the
 * Orders screen), read from the order lines the item pipeline recorded with each sale. A line holds
 * backordered units when it backordered some and was not entirely given back.
 */
export interface OrderReport {
  /**
   * Orders with at least one line holding backordered units (of the item asked for, if any), newest
   * BigCommerce order id first, each with all of its recorded lines.
   */
  listBackorderedOrders(storeId: StoreId, query?: BackorderedOrdersQuery): Promise<BackorderedOrder[]>;
  /** One item's lines holding backordered units, newest BigCommerce order (then line) first. */
  listItemOrderLines(storeId: StoreId, itemId: number, query?: ItemOrderLinesQuery): Promise<ItemOrderLine[]>;
  /** The BigCommerce order of each of these order lines (BigCommerce order product ids) the app recorded. */
  orderIdsOfLines(
    storeId: StoreId,
    bcOrderProductIds: readonly number[],
  ): Promise<ReadonlyMap<number, number>>;
  /** Every line holding backordered units recorded in the period (of the item asked for), for totals. */
  listBackorderedLines(storeId: StoreId, query?: BackorderedLinesQuery): Promise<BackorderedOrderLine[]>;
}

/** Recorded at or after `from` and before `to` (instants: the caller turns store-local dates into them). */
export interface RecordedBetween {
  readonly from?: Date;
  readonly to?: Date;
}

export interface BackorderedOrdersQuery extends RecordedBetween {
  /** Only orders with a line of this item holding backordered units. */
  readonly itemId?: number;
  /** Keyset pagination: orders with a BigCommerce id lower than this. */
  readonly beforeBcOrderId?: number;
  /** Default 50. */
  readonly limit?: number;
}

export interface BackorderedLinesQuery extends RecordedBetween {
  readonly itemId?: number;
}

export interface ItemOrderLinesQuery {
  /** Keyset pagination: lines after this one (newest order first, then the newest line). */
  readonly before?: { readonly bcOrderId: number; readonly bcOrderProductId: number };
  /** Default 50. */
  readonly limit?: number;
}

export interface BackorderedOrder {
  readonly bcOrderId: number;
  /** When its first line holding backordered units was recorded. */
  readonly createdAt: Date;
  /** Who placed it (billing first and last name); null for orders recorded before the app kept it. */
  readonly customerName: string | null;
  readonly lines: readonly BackorderedOrderLine[];
}

export interface BackorderedOrderLine {
  readonly bcOrderId: number;
  readonly bcOrderProductId: number;
  readonly itemId: number;
  readonly sku: string | null;
  readonly bcProductId: number;
  readonly bcVariantId: number | null;
  /** The product's name as last read from BigCommerce. */
  readonly productName: string;
  /** The item's option values, for its variant label (`itemVariantLabel`). */
  readonly optionValues: readonly ItemOptionValue[] | null;
  readonly quantity: number;
  /** Units of this line that were backorders when it was sold. */
  readonly backordered: number;
  readonly returnedQuantity: number;
  readonly createdAt: Date;
}

/** A line of one item holding backordered units, with the out-of-stock episode it was sold in. */
export interface ItemOrderLine {
  readonly bcOrderId: number;
  readonly bcOrderProductId: number;
  readonly quantity: number;
  readonly backordered: number;
  readonly returnedQuantity: number;
  readonly episode: number;
  readonly createdAt: Date;
}
