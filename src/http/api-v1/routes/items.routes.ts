import type { FastifyRequest } from 'fastify';
import { disableBackorder } from '../../../app/items/disable-backorder.js';
import { editItem } from '../../../app/items/edit-item.js';
import { enableBackorder } from '../../../app/items/enable-backorder.js';
import {
  type ChangeRequest,
  findAssignedItem,
  type ItemChangeDeps,
  type ItemChangeResult,
  itemNotFound,
} from '../../../app/items/item-change.js';
import { listItems } from '../../../app/items/list-items.js';
import { receiveStock } from '../../../app/items/receive-stock.js';
import { itemJson } from '../api-json.js';
import {
  encodeCursor,
  idempotencyKeyHeader,
  itemListSchema,
  itemPatchSchema,
  itemSchema,
  itemsQuerySchema,
  receiveBodySchema,
  skuParamsSchema,
} from '../api-schemas.js';
import type { ApiV1Deps } from '../api-v1.deps.js';
import { type AnyOperation, defineOperation } from '../operation.js';
import type { Principal } from '../principal.js';

const IDEMPOTENCY_KEY = 'idempotency-key';

export function itemOperations(deps: ApiV1Deps): AnyOperation[] {
  const changeDeps = (request: FastifyRequest): ItemChangeDeps => ({
    items: deps.items,
    itemTransactions: deps.itemTransactions,
    jobs: deps.jobs,
    clock: deps.clock,
    reportError: (error, context) => request.log.warn({ err: error }, context),
  });
  const changeRequest = (
    principal: Principal,
    sku: string,
    headers: Readonly<Record<string, string | undefined>>,
  ): ChangeRequest => ({
    storeId: principal.storeId,
    item: { sku },
    source: principal.kind === 'api_key' ? 'api' : 'admin',
    actor: principal.actor,
    requestKey: headers[IDEMPOTENCY_KEY] ?? null,
  });
  const changed = (result: ItemChangeResult) =>
    result.ok
      ? {
          status: 200 as const,
          body: itemJson(result.item),
          ...(result.replayed ? { headers: { 'idempotent-replayed': 'true' } } : {}),
        }
      : result;
  const changeResponses = { 200: { description: 'The item after the change.', schema: itemSchema } };
  const skuDescription = 'Items are addressed by SKU (unique among the store’s assigned items).';

  return [
    defineOperation({
      operationId: 'listItems',
      method: 'GET',
      path: '/items',
      tag: 'Items',
      summary: 'List assigned items',
      description: 'Oldest first; filter by SKU, BigCommerce product id or status. Pages with `cursor`.',
      access: 'store',
      query: itemsQuerySchema,
      responses: { 200: { description: 'A page of items.', schema: itemListSchema } },
      errors: [400],
    }).handle(async ({ principal, query }) => {
      const page = await listItems(deps, {
        storeId: principal.storeId,
        limit: query.limit,
        ...(query.sku === undefined ? {} : { sku: query.sku }),
        ...(query.product_id === undefined ? {} : { bcProductId: query.product_id }),
        ...(query.status === undefined ? {} : { status: query.status }),
        ...(query.cursor === undefined ? {} : { afterId: query.cursor }),
      });
      return {
        status: 200,
        body: {
          data: page.items.map(itemJson),
          next_cursor: page.nextAfterId === null ? null : encodeCursor(page.nextAfterId),
          product:
            page.product === null
              ? null
              : { product_id: page.product.bcProductId, name: page.product.name, sku: page.product.sku },
        },
      };
    }),
    defineOperation({
      operationId: 'getItem',
      method: 'GET',
      path: '/items/{sku}',
      tag: 'Items',
      summary: 'Get an item by SKU',
      description: skuDescription,
      access: 'store',
      params: skuParamsSchema,
      responses: { 200: { description: 'The item.', schema: itemSchema } },
      errors: [400, 404],
    }).handle(async ({ principal, params }) => {
      const item = await findAssignedItem(deps.items, principal.storeId, { sku: params.sku });
      return item === null ? itemNotFound({ sku: params.sku }) : { status: 200, body: itemJson(item) };
    }),
    defineOperation({
      operationId: 'updateItem',
      method: 'PATCH',
      path: '/items/{sku}',
      tag: 'Items',
      summary: 'Set stock, threshold, incoming stock or back-in-stock date',
      description:
        'Any of the fields; the rules then decide the status. A back-in-stock date written by the API lifts a date block (set again at once if the date has been reached).',
      access: 'store',
      params: skuParamsSchema,
      headers: { [IDEMPOTENCY_KEY]: idempotencyKeyHeader },
      body: itemPatchSchema,
      responses: changeResponses,
      errors: [400, 404, 409, 422],
    }).handle(async ({ principal, params, headers, body, request }) =>
      changed(
        await editItem(changeDeps(request), {
          ...changeRequest(principal, params.sku, headers),
          edit: {
            ...(body.stock === undefined ? {} : { stock: body.stock }),
            ...(body.threshold === undefined ? {} : { threshold: body.threshold }),
            ...(body.incoming_stock === undefined ? {} : { incomingStock: body.incoming_stock }),
            ...(body.back_in_stock_date === undefined ? {} : { backInStockDate: body.back_in_stock_date }),
          },
        }),
      ),
    ),
    defineOperation({
      operationId: 'enableBackorder',
      method: 'POST',
      path: '/items/{sku}/enable',
      tag: 'Items',
      summary: 'Enable backorder',
      description:
        'Lifts any block. Refused (409) with BACKORDER.THRESHOLD_REACHED or BACKORDER.DATE_PASSED when the item would be blocked again at once, BACKORDER.ALREADY_ENABLED when nothing blocks it.',
      access: 'store',
      params: skuParamsSchema,
      headers: { [IDEMPOTENCY_KEY]: idempotencyKeyHeader },
      responses: changeResponses,
      errors: [400, 404, 409],
    }).handle(async ({ principal, params, headers, request }) =>
      changed(await enableBackorder(changeDeps(request), changeRequest(principal, params.sku, headers))),
    ),
    defineOperation({
      operationId: 'disableBackorder',
      method: 'POST',
      path: '/items/{sku}/disable',
      tag: 'Items',
      summary: 'Disable backorder',
      description:
        'Sets the manual block, which only “enable” lifts. BACKORDER.ALREADY_DISABLED (409) when set.',
      access: 'store',
      params: skuParamsSchema,
      headers: { [IDEMPOTENCY_KEY]: idempotencyKeyHeader },
      responses: changeResponses,
      errors: [400, 404, 409],
    }).handle(async ({ principal, params, headers, request }) =>
      changed(await disableBackorder(changeDeps(request), changeRequest(principal, params.sku, headers))),
    ),
    defineOperation({
      operationId: 'receiveStock',
      method: 'POST',
      path: '/items/{sku}/receive',
      tag: 'Items',
      summary: 'Receive incoming stock',
      description:
        'Moves `quantity` units from incoming stock into stock. More than is incoming: ITEM.RECEIVE_EXCEEDS_INCOMING (409); set the stock instead.',
      access: 'store',
      params: skuParamsSchema,
      headers: { [IDEMPOTENCY_KEY]: idempotencyKeyHeader },
      body: receiveBodySchema,
      responses: changeResponses,
      errors: [400, 404, 409, 422],
    }).handle(async ({ principal, params, headers, body, request }) =>
      changed(
        await receiveStock(changeDeps(request), {
          ...changeRequest(principal, params.sku, headers),
          quantity: body.quantity,
        }),
      ),
    ),
  ];
}
