import { orderJson } from '../api-json.js';
import { encodeCursor, orderListSchema, ordersQuerySchema } from '../api-schemas.js';
import type { ApiV1Deps } from '../api-v1.deps.js';
import { type AnyOperation, defineOperation } from '../operation.js';

export function orderOperations(deps: ApiV1Deps): AnyOperation[] {
  return [
    defineOperation({
      operationId: 'listBackorderedOrders',
      method: 'GET',
      path: '/orders',
      tag: 'Orders',
      summary: 'List orders holding backordered units',
      description:
        'Orders with at least one line that was (partly) sold as a backorder and not entirely given back, newest BigCommerce order first, with all their lines of assigned items.',
      access: 'store',
      query: ordersQuerySchema,
      responses: { 200: { description: 'A page of orders.', schema: orderListSchema } },
      errors: [400],
    }).handle(async ({ principal, query }) => {
      // One more than asked for tells whether another page follows.
      const orders = await deps.orderReport.listBackorderedOrders(principal.storeId, {
        limit: query.limit + 1,
        ...(query.cursor === undefined ? {} : { beforeBcOrderId: query.cursor }),
      });
      const page = orders.slice(0, query.limit);
      const last = page[page.length - 1];
      return {
        status: 200,
        body: {
          data: page.map(orderJson),
          next_cursor:
            orders.length > query.limit && last !== undefined ? encodeCursor(last.bcOrderId) : null,
        },
      };
    }),
  ];
}
