import type { ItemOptionValue } from './item-repository.js';
import type { StoreId } from './store-id.js';

/**
 * Orders holding backordered units (docs/product.md#orders, the public API's GET /orders and the
 * Orders screen), read from the order lines the item pipeline recorded with each sale. A line holds
 * backordered units when it backordered some and was not entirely given back. The report also reads
 * the items' out-of-stock episodes: the open ones from the items, the ended ones from the transition
 * log (docs/product.md#the-orders-report).
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
  /** Units still owed: Σ B of the assigned items in an episode now, and how many such items owe some. */
  openBackorderTotals(storeId: StoreId, query?: OpenBackordersQuery): Promise<OpenBackorderTotals>;
  /** Those items, most units owed first (then item id), each with when its episode started; keyset pages. */
  listOpenBackorders(storeId: StoreId, query?: OpenBackorderPageQuery): Promise<OpenBackorder[]>;
  /**
   * Episodes that ended in the period (by when the item went back in stock), oldest end first, each
   * with when it started.
   */
  listEndedEpisodes(storeId: StoreId, query?: EndedEpisodesQuery): Promise<EndedEpisode[]>;
}

/**
 * Where an episode shows in the transition log: it starts with a transition from `in_stock` (or from
 * unassigned: an item assigned out of stock) to `backorder` or `unavailable` (R5), and ends with one from
 * `backorder` or `unavailable` to `in_stock` (R4). An item unassigned during an episode never ends it:
 * it is left out of the ended episodes.
 */
export const EPISODE_TRANSITIONS = {
  startsFrom: ['in_stock', null],
  outOfStock: ['backorder', 'unavailable'],
  endsTo: 'in_stock',
} as const;

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

export interface OpenBackordersQuery {
  readonly itemId?: number;
}

export interface OpenBackorderPageQuery extends OpenBackordersQuery {
  /** Keyset pagination: items after this one (most owed first, then item id). */
  readonly after?: { readonly backordered: number; readonly itemId: number };
  /** Default 50. */
  readonly limit?: number;
}

export interface EndedEpisodesQuery extends RecordedBetween {
  readonly itemId?: number;
}

export interface OpenBackorderTotals {
  readonly backorderedUnits: number;
  readonly items: number;
}

/** An assigned item in an out-of-stock episode now, owing B > 0 units. */
export interface OpenBackorder {
  readonly itemId: number;
  readonly sku: string | null;
  readonly bcProductId: number;
  readonly bcVariantId: number | null;
  readonly productName: string;
  readonly optionValues: readonly ItemOptionValue[] | null;
  readonly status: 'backorder' | 'unavailable';
  /** B: units sold as backorders in the current episode and not given back. */
  readonly backordered: number;
  /** When the current episode started; null when the transition log has no start for it. */
  readonly since: Date | null;
}

export interface EndedEpisode {
  readonly itemId: number;
  readonly startedAt: Date;
  /** When the item went back in stock. */
  readonly endedAt: Date;
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
