import type { StoreOrders } from '../../app/ports/store-orders.js';
import {
  nullWhenNotFound,
  shippingAddressOf,
  storeOrderLineOf,
  storeOrderOf,
} from './bigcommerce-mapping.js';
import type { StoreClients } from './store-clients.js';

/**
 * StoreOrders over BigCommerce's v2 orders API: one call per method. An order BigCommerce answers 404
 * for is `null` (or `false` when writing); every other failure is thrown as the client's error.
 */
export function createStoreOrders(clients: StoreClients): StoreOrders {
  return {
    async getOrder(storeId, orderId) {
      const client = await clients(storeId);
      return nullWhenNotFound(async () => storeOrderOf(await client.getOrder(orderId)));
    },
    async getOrderLines(storeId, orderId) {
      const client = await clients(storeId);
      return nullWhenNotFound(async () => (await client.getOrderProducts(orderId)).map(storeOrderLineOf));
    },
    async getShippingAddresses(storeId, orderId) {
      const client = await clients(storeId);
      return nullWhenNotFound(async () =>
        (await client.getOrderShippingAddresses(orderId)).map(shippingAddressOf),
      );
    },
    async writeStaffNotes(storeId, orderId, staffNotes) {
      const client = await clients(storeId);
      // Only staff_notes: a PUT of other order fields would clear the order's discounts.
      const written = await nullWhenNotFound(() => client.updateOrder(orderId, { staff_notes: staffNotes }));
      return written !== null;
    },
  };
}
