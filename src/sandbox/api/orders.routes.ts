import type { FastifyInstance } from 'fastify';
import {
  ORDER_STATUSES,
  type OrderCreateInput,
  type OrderQuery,
  type OrderUpdateInput,
  type OrderView,
} from '../state/orders.repo.js';
import type { SandboxState } from '../state/sandbox-state.js';
import { sendError, sendRefusal } from './errors.js';
import { QueryReader } from './query.js';

const ORDER_INCLUDES = ['consignments', 'consignments.line_items', 'fees'] as const;

type Params = { store_hash: string; order_id: string; status_id: string };

const SORT_FIELDS = [
  'id',
  'customer_id',
  'date_created',
  'date_modified',
  'status_id',
  'channel_id',
] as const;

function statusView(status: (typeof ORDER_STATUSES)[number], index: number) {
  return {
    id: status.id,
    name: status.name,
    system_label: status.name,
    custom_label: status.name,
    system_description: status.description,
    order: index,
  };
}

/** Orders v2 (orders.v2.oas2.yml): v2 answers bare arrays/objects and v2 error arrays. */
export function orderRoutes(app: FastifyInstance, { state }: { state: SandboxState }): void {
  const base = '/stores/:store_hash/v2/orders';
  const config = { sandboxScope: 'orders' as const };
  const notFound = 'The requested resource was not found.';

  /**
   * `include` (orders.v2.oas2.yml `order_includes`): `consignments` and `consignments.line_items` side-load
   * the consignments (OrdersRepo.consignments), as an object with `consignment_structure=object`, else in
   * BigCommerce's legacy array of one object. `fees` is accepted and not emulated (the sandbox has none).
   */
  function includesOf(q: QueryReader, storeHash: string): ((view: OrderView) => OrderView) | undefined {
    const include = q.strings('include') ?? [];
    const structure = q.string('consignment_structure');
    if (include.some((name) => !(ORDER_INCLUDES as readonly string[]).includes(name))) {
      q.problems.include = `include must be a list of ${ORDER_INCLUDES.join(', ')}`;
    }
    if (structure !== undefined && structure !== 'object') {
      q.problems.consignment_structure = 'consignment_structure must be object';
    }
    const withLines = include.includes('consignments.line_items');
    if (!withLines && !include.includes('consignments')) return undefined;
    return (view) => {
      const consignments = state.orders.consignments(storeHash, view.id, withLines);
      return { ...view, consignments: structure === 'object' ? consignments : [consignments] };
    };
  }

  function orderId(raw: string): number | undefined {
    const id = Number(raw);
    return Number.isInteger(id) && id > 0 ? id : undefined;
  }

  app.get<{ Params: Params }>(base, { config }, async (request, reply) => {
    const q = new QueryReader(request.query as Record<string, unknown>);
    const sortRaw = q.string('sort');
    let sort: OrderQuery['sort'];
    if (sortRaw !== undefined) {
      const [field, direction = 'asc'] = sortRaw.split(':');
      if (!(SORT_FIELDS as readonly string[]).includes(field ?? '') || !['asc', 'desc'].includes(direction)) {
        q.problems.sort = `sort must be one of ${SORT_FIELDS.join(', ')} with :asc or :desc`;
      } else {
        sort = { field: field as (typeof SORT_FIELDS)[number], direction: direction as 'asc' | 'desc' };
      }
    }
    const query: OrderQuery = {
      minId: q.int('min_id'),
      maxId: q.int('max_id'),
      minTotal: q.number('min_total'),
      maxTotal: q.number('max_total'),
      customerId: q.int('customer_id'),
      email: q.string('email'),
      statusId: q.int('status_id'),
      cartId: q.string('cart_id'),
      channelId: q.int('channel_id'),
      paymentMethod: q.string('payment_method'),
      minDateCreated: q.date('min_date_created'),
      maxDateCreated: q.date('max_date_created'),
      minDateModified: q.date('min_date_modified'),
      maxDateModified: q.date('max_date_modified'),
      isDeleted: q.bool('is_deleted'),
      sort,
      page: q.int('page', { min: 1 }),
      limit: q.int('limit', { min: 1, max: 250 }),
    };
    const withIncludes = includesOf(q, request.sandbox.store.hash);
    if (!q.ok) return sendError(reply, 'v2', 400, `The field '${Object.keys(q.problems)[0]}' is invalid.`);
    const orders = state.orders.list(request.sandbox.store.hash, query);
    return withIncludes ? orders.map(withIncludes) : orders;
  });

  app.post<{ Params: Params }>(base, { config }, async (request, reply) => {
    const result = state.orders.create(request.sandbox.store.hash, request.body as OrderCreateInput);
    if (!result.ok) return sendRefusal(reply, result, 'v2');
    return result.value;
  });

  app.get<{ Params: Params }>(`${base}/count`, { config }, async (request) => {
    const statuses = state.orders.count(request.sandbox.store.hash);
    return {
      statuses: statuses.map((s, index) => ({
        id: s.id,
        name: s.name,
        system_label: s.name,
        custom_label: s.name,
        system_description: ORDER_STATUSES[index]!.description,
        count: s.count,
        sort_order: index,
      })),
      count: statuses.reduce((sum, s) => sum + s.count, 0),
    };
  });

  app.get<{ Params: Params }>(`${base}/:order_id`, { config }, async (request, reply) => {
    const id = orderId(request.params.order_id);
    const q = new QueryReader(request.query as Record<string, unknown>);
    const withIncludes = includesOf(q, request.sandbox.store.hash);
    if (!q.ok) return sendError(reply, 'v2', 400, `The field '${Object.keys(q.problems)[0]}' is invalid.`);
    const order = id ? state.orders.get(request.sandbox.store.hash, id) : undefined;
    if (!order) return sendError(reply, 'v2', 404, notFound);
    return withIncludes ? withIncludes(order) : order;
  });

  app.put<{ Params: Params }>(`${base}/:order_id`, { config }, async (request, reply) => {
    const id = orderId(request.params.order_id);
    if (!id) return sendError(reply, 'v2', 404, notFound);
    const result = state.orders.update(
      request.sandbox.store.hash,
      id,
      (request.body ?? {}) as OrderUpdateInput,
    );
    if (!result.ok) return sendRefusal(reply, result, 'v2');
    return result.value;
  });

  app.delete<{ Params: Params }>(`${base}/:order_id`, { config }, async (request, reply) => {
    const id = orderId(request.params.order_id);
    if (!id) return sendError(reply, 'v2', 404, notFound);
    const result = state.orders.archive(request.sandbox.store.hash, id);
    if (!result.ok) return sendRefusal(reply, result, 'v2');
    return reply.code(204).send();
  });

  app.get<{ Params: Params }>(`${base}/:order_id/products`, { config }, async (request, reply) => {
    const id = orderId(request.params.order_id);
    const q = new QueryReader(request.query as Record<string, unknown>);
    const paging = { page: q.int('page', { min: 1 }), limit: q.int('limit', { min: 1, max: 250 }) };
    if (!q.ok) return sendError(reply, 'v2', 400, `The field '${Object.keys(q.problems)[0]}' is invalid.`);
    const products = id ? state.orders.products(request.sandbox.store.hash, id, paging) : undefined;
    if (!products) return sendError(reply, 'v2', 404, notFound);
    return products;
  });

  app.get<{ Params: Params }>(`${base}/:order_id/shipping_addresses`, { config }, async (request, reply) => {
    const id = orderId(request.params.order_id);
    const q = new QueryReader(request.query as Record<string, unknown>);
    const paging = { page: q.int('page', { min: 1 }), limit: q.int('limit', { min: 1, max: 250 }) };
    if (!q.ok) return sendError(reply, 'v2', 400, `The field '${Object.keys(q.problems)[0]}' is invalid.`);
    const addresses = id ? state.orders.shippingAddresses(request.sandbox.store.hash, id, paging) : undefined;
    if (!addresses) return sendError(reply, 'v2', 404, notFound);
    return addresses;
  });

  app.get<{ Params: Params }>('/stores/:store_hash/v2/order_statuses', { config }, async () =>
    ORDER_STATUSES.map(statusView),
  );

  app.get<{ Params: Params }>(
    '/stores/:store_hash/v2/order_statuses/:status_id',
    { config },
    async (request, reply) => {
      const index = ORDER_STATUSES.findIndex((s) => String(s.id) === request.params.status_id);
      if (index < 0) return sendError(reply, 'v2', 404, notFound);
      return statusView(ORDER_STATUSES[index]!, index);
    },
  );
}
