import type { StoreId } from './store-id.js';

/**
 * Order lines of assigned items, each with the units it backordered. Written by the item pipeline together
 * with the sale or give-back (ApplyEventInput.orderLine); read here.
 */
export interface OrderLineRepository {
  findOrderLine(storeId: StoreId, bcOrderProductId: number): Promise<OrderLineRecord | null>;
  listOrderLines(storeId: StoreId, bcOrderId: number): Promise<OrderLineRecord[]>;
}

export interface OrderLineRecord {
  readonly id: number;
  readonly storeId: StoreId;
  readonly bcOrderId: number;
  readonly bcOrderProductId: number;
  readonly itemId: number;
  readonly quantity: number;
  /** b of the sale: the units of this line that were backorders. */
  readonly backordered: number;
  /** The item's episode at the sale (a give-back reduces B only within it). */
  readonly episode: number;
  readonly returnedQuantity: number;
  readonly returnedAt: Date | null;
  readonly createdAt: Date;
}
