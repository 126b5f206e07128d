import type { StoreId } from '../../../src/app/ports/store-id.js';
import {
  ORDERS_PER_READ,
  type ShippingAddress,
  type StoreOrder,
  type StoreOrderLine,
  type StoreOrders,
  type StoreOrderWithLines,
} from '../../../src/app/ports/store-orders.js';
import type { InMemoryBigCommerce, InMemoryStore } from './in-memory-store.js';

/**
 * StoreOrders over the in-memory stores, answering as the real adapter over BigCommerce does (held to
 * the same contract suite): an order that does not exist reads as null, and writing its staff notes
 * answers false; the staff notes are the only field written.
 */
export class InMemoryStoreOrders implements StoreOrders {
  constructor(private readonly bigcommerce: InMemoryBigCommerce) {}

  async getOrder(storeId: StoreId, orderId: number): Promise<StoreOrder | null> {
    return orderOf(await this.bigcommerce.reach(storeId, 'getOrder'), orderId);
  }

  async getOrderWithLines(storeId: StoreId, orderId: number): Promise<StoreOrderWithLines | null> {
    return withLinesOf(await this.bigcommerce.reach(storeId, 'getOrderWithLines'), orderId);
  }

  async listOrdersWithLines(
    storeId: StoreId,
    range: { readonly minId: number; readonly maxId: number },
  ): Promise<readonly StoreOrderWithLines[]> {
    if (range.maxId - range.minId >= ORDERS_PER_READ) {
      throw new RangeError(`at most ${ORDERS_PER_READ} order ids are read at once`);
    }
    const store = await this.bigcommerce.reach(storeId, 'listOrdersWithLines');
    return store
      .orderIdsIn(range.minId, range.maxId)
      .map((id) => withLinesOf(store, id))
      .filter((order) => order !== null);
  }

  async getOrderLines(storeId: StoreId, orderId: number): Promise<readonly StoreOrderLine[] | null> {
    return (await this.bigcommerce.reach(storeId, 'getOrderLines')).readOrderLines(orderId);
  }

  async getShippingAddresses(storeId: StoreId, orderId: number): Promise<readonly ShippingAddress[] | null> {
    return (await this.bigcommerce.reach(storeId, 'getShippingAddresses')).readShippingAddresses(orderId);
  }

  async writeStaffNotes(storeId: StoreId, orderId: number, staffNotes: string): Promise<boolean> {
    const store = await this.bigcommerce.reach(storeId, 'writeStaffNotes');
    const order = store.readOrder(orderId);
    if (order === undefined) return false;
    order.staffNotes = staffNotes;
    store.writes.push({ method: 'writeStaffNotes', orderId, staffNotes });
    return true;
  }
}

function orderOf(store: InMemoryStore, orderId: number): StoreOrder | null {
  const order = store.readOrder(orderId);
  return order === undefined
    ? null
    : {
        id: order.id,
        status: order.status,
        staffNotes: order.staffNotes,
        createdAt: order.createdAt,
        customerName: order.customerName,
      };
}

function withLinesOf(store: InMemoryStore, orderId: number): StoreOrderWithLines | null {
  const order = orderOf(store, orderId);
  const lines = store.readOrderLines(orderId);
  return order === null || lines === null ? null : { ...order, lines };
}
