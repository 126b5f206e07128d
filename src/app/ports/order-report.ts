import type { StoreId } from './store-id.js';

/**
 * Orders holding backordered units (docs/product.md#orders, the public API's GET /orders),
 * read from the order lines the item pipeline recorded with each sale.
 */
export interface OrderReport {
  /**
   * Orders with at least one line that backordered units and was not entirely given back, newest
   * BigCommerce order id first, each with all of its recorded lines.
   */
  listBackorderedOrders(storeId: StoreId, query?: BackorderedOrdersQuery): Promise<BackorderedOrder[]>;
}

export interface BackorderedOrdersQuery {
  /** Keyset pagination: orders with a BigCommerce id lower than this. */
  readonly beforeBcOrderId?: number;
  /** Default 50. */
  readonly limit?: number;
}

export interface BackorderedOrder {
  readonly bcOrderId: number;
  /** When its first line holding backordered units was recorded. */
  readonly createdAt: Date;
  readonly lines: readonly BackorderedOrderLine[];
}

export interface BackorderedOrderLine {
  readonly bcOrderProductId: number;
  readonly itemId: number;
  readonly sku: string | null;
  readonly bcProductId: number;
  readonly bcVariantId: number | null;
  readonly quantity: number;
  /** Units of this line that were backorders when it was sold. */
  readonly backordered: number;
  readonly returnedQuantity: number;
  readonly createdAt: Date;
}
