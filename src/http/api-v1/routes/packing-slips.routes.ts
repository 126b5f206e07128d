import { MAX_PACKING_SLIP_ORDERS, printPackingSlips } from '../../../app/orders/print-packing-slips.js';
import type { StoreId } from '../../../app/ports/store-id.js';
import { localDateAt } from '../../../core/local-date.js';
import type { ApiV1Deps } from '../api-v1.deps.js';
import { type AnyOperation, defineOperation } from '../operation.js';
import {
  PACKING_SLIP_MEDIA_TYPE,
  packingSlipParamsSchema,
  packingSlipsFileName,
  packingSlipsQuerySchema,
} from '../schemas/packing-slips.schemas.js';

const ABOUT =
  'The order must be one the app recorded for this store (an order with a line of an assigned product), else ORDER.NOT_FOUND (404) naming it; it is read from BigCommerce at each request (502 when it cannot be reached).';

export function packingSlipOperations(deps: ApiV1Deps): AnyOperation[] {
  const print = async (storeId: StoreId, orderIds: readonly number[]) => {
    const result = await printPackingSlips(deps, { storeId, orderIds });
    if (!result.ok) return result;
    const store = await deps.stores.getStore(storeId);
    const today = localDateAt(deps.clock.now(), store?.timezone ?? 'UTC');
    return {
      status: 200 as const,
      file: {
        contentType: PACKING_SLIP_MEDIA_TYPE,
        fileName: packingSlipsFileName(result.orderIds, today),
        content: result.pdf,
      },
    };
  };

  return [
    defineOperation({
      operationId: 'printPackingSlips',
      method: 'GET',
      path: '/orders/packing-slips',
      tag: 'Orders',
      summary: 'Packing slips of several orders, as one PDF',
      description: `A printable PDF with one packing slip per order, in the order given (at most ${MAX_PACKING_SLIP_ORDERS}): the store’s name, the order’s number and date, where it ships, its lines with the backordered units of each marked, and the packing-slip messages of its backordered lines with their placeholders filled in. ${ABOUT}`,
      access: 'store',
      query: packingSlipsQuerySchema,
      responses: { 200: { description: 'The packing slips.', file: [PACKING_SLIP_MEDIA_TYPE] } },
      errors: [400, 404, 502],
    }).handle(async ({ principal, query }) => print(principal.storeId, query.order_ids)),
    defineOperation({
      operationId: 'printPackingSlip',
      method: 'GET',
      path: '/orders/{order_id}/packing-slip',
      tag: 'Orders',
      summary: 'The packing slip of one order, as a PDF',
      description: `The order’s packing slip, as \`GET /orders/packing-slips\` prints it. ${ABOUT}`,
      access: 'store',
      params: packingSlipParamsSchema,
      responses: { 200: { description: 'The packing slip.', file: [PACKING_SLIP_MEDIA_TYPE] } },
      errors: [400, 404, 502],
    }).handle(async ({ principal, params }) => print(principal.storeId, [params.order_id])),
  ];
}
