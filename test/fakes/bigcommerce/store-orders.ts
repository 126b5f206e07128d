import type { StoreId } from '../../../src/app/ports/store-id.js';
import type { StoreOrder, StoreOrderLine, StoreOrders } from '../../../src/app/ports/store-orders.js';
import type { InMemoryBigCommerce } from './in-memory-store.js';

/**
 * StoreOrders over the in-memory stores, answering as the real adapter over BigCommerce does (held to
 * the same contract suite): an order that does not exist reads as null, and writing its staff notes
 * answers false; the staff notes are the only field written.
 */
export class InMemoryStoreOrders implements StoreOrders {
  constructor(private readonly bigcommerce: InMemoryBigCommerce) {}

  async getOrder(storeId: StoreId, orderId: number): Promise<StoreOrder | null> {
    const order = (await this.bigcommerce.reach(storeId, 'getOrder')).readOrder(orderId);
    return order === undefined
      ? null
      : {
          id: order.id,
          status: order.status,
          staffNotes: order.staffNotes,
          customerName: order.customerName,
        };
  }

  async getOrderLines(storeId: StoreId, orderId: number): Promise<readonly StoreOrderLine[] | null> {
    return (await this.bigcommerce.reach(storeId, 'getOrderLines')).readOrderLines(orderId);
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
