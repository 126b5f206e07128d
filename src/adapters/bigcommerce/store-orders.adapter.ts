import {
  ORDERS_PER_READ,
  type StoreOrderLine,
  type StoreOrders,
  type StoreOrderWithLines,
} from '../../app/ports/store-orders.js';
import type { BigCommerceClient } from './bigcommerce.client.js';
import type { OrderWithConsignments } from './bigcommerce.types.js';
import {
  nullWhenNotFound,
  orderLinesOf,
  shippingAddressOf,
  storeOrderLineOf,
  storeOrderOf,
} from './bigcommerce-mapping.js';
import type { StoreClients } from './store-clients.js';

/**
 * StoreOrders over BigCommerce's v2 orders API: one call per method. An order BigCommerce answers 404
 * for is `null` (or `false` when writing); every other failure is thrown as the client's error.
 * An order's lines come side-loaded in its consignments (`include=consignments.line_items`); only when
 * an answer does not carry all of them (orderLinesOf) are they read from GET /v2/orders/{id}/products,
 * one call more for that order.
 */
export function createStoreOrders(clients: StoreClients): StoreOrders {
  return {
    async getOrder(storeId, orderId) {
      const client = await clients(storeId);
      return nullWhenNotFound(async () => storeOrderOf(await client.getOrder(orderId)));
    },
    async getOrderWithLines(storeId, orderId) {
      const client = await clients(storeId);
      return nullWhenNotFound(async () => withLines(client, await client.getOrderWithLines(orderId)));
    },
    async listOrdersWithLines(storeId, { minId, maxId }) {
      if (maxId < minId) return [];
      if (maxId - minId >= ORDERS_PER_READ) {
        throw new RangeError(`at most ${ORDERS_PER_READ} order ids are read at once (${minId}–${maxId})`);
      }
      const client = await clients(storeId);
      const orders = await client.listOrdersWithLines(
        { min_id: minId, max_id: maxId, sort: 'id:asc' },
        { limit: ORDERS_PER_READ },
      );
      const read: StoreOrderWithLines[] = [];
      for (const order of orders) {
        // Deleted between the list and the lines' own read: absent, as deleted orders are.
        const found = await nullWhenNotFound(() => withLines(client, order));
        if (found !== null) read.push(found);
      }
      return read;
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

async function withLines(
  client: BigCommerceClient,
  order: OrderWithConsignments,
): Promise<StoreOrderWithLines> {
  const lines: readonly StoreOrderLine[] =
    orderLinesOf(order) ?? (await client.getOrderProducts(order.id)).map(storeOrderLineOf);
  return { ...storeOrderOf(order), lines };
}
