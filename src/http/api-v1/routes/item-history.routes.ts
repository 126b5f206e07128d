import { listItemHistory } from '../../../app/items/list-item-history.js';
import { listItemOrders } from '../../../app/orders/list-item-orders.js';
import { skuParamsSchema } from '../api-schemas.js';
import type { ApiV1Deps } from '../api-v1.deps.js';
import { type AnyOperation, defineOperation } from '../operation.js';
import {
  encodeHistoryCursor,
  encodeItemOrdersCursor,
  itemHistoryEntryJson,
  itemHistoryQuerySchema,
  itemHistorySchema,
  itemOrderJson,
  itemOrderListSchema,
  itemOrdersQuerySchema,
} from '../schemas/item-history.schemas.js';
import { orderControlPanelUrl } from '../schemas/orders.schemas.js';

/** What happened to one item, and which orders hold its backordered units (the product detail screen). */
export function itemHistoryOperations(deps: ApiV1Deps): AnyOperation[] {
  return [
    defineOperation({
      operationId: 'listItemHistory',
      method: 'GET',
      path: '/items/{sku}/history',
      tag: 'Items',
      summary: 'An item’s history',
      description:
        'Its stock movements (the ledger) and its changes of status or block (the transition log) together, newest first (a change’s transition before its movement), each with its cause and actor. Pages with `cursor`.',
      access: 'store',
      params: skuParamsSchema,
      query: itemHistoryQuerySchema,
      responses: { 200: { description: 'A page of the history.', schema: itemHistorySchema } },
      errors: [400, 404],
    }).handle(async ({ principal, params, query }) => {
      const result = await listItemHistory(deps, {
        storeId: principal.storeId,
        item: { sku: params.sku },
        limit: query.limit,
        ...(query.cursor === undefined ? {} : { before: query.cursor }),
      });
      if (!result.ok) return result;
      return {
        status: 200,
        body: {
          data: result.entries.map(itemHistoryEntryJson),
          next_cursor: result.next === null ? null : encodeHistoryCursor(result.next),
        },
      };
    }),
    defineOperation({
      operationId: 'listItemOrders',
      method: 'GET',
      path: '/items/{sku}/orders',
      tag: 'Items',
      summary: 'Orders holding an item’s backordered units',
      description:
        'Its order lines that were (partly) sold as backorders and not entirely given back, newest order first, with the episode each was sold in and a link to the order in the control panel. Pages with `cursor`.',
      access: 'store',
      params: skuParamsSchema,
      query: itemOrdersQuerySchema,
      responses: { 200: { description: 'A page of order lines.', schema: itemOrderListSchema } },
      errors: [400, 404],
    }).handle(async ({ principal, params, query }) => {
      const result = await listItemOrders(deps, {
        storeId: principal.storeId,
        item: { sku: params.sku },
        limit: query.limit,
        ...(query.cursor === undefined ? {} : { before: query.cursor }),
      });
      if (!result.ok) return result;
      const storeHash = result.store.storeHash;
      return {
        status: 200,
        body: {
          data: result.lines.map((line) =>
            itemOrderJson(line, orderControlPanelUrl(deps.controlPanelUrl, storeHash, line.bcOrderId)),
          ),
          next_cursor: result.next === null ? null : encodeItemOrdersCursor(result.next),
        },
      };
    }),
  ];
}
