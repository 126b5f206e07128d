import type { FastifyInstance } from 'fastify';
import type { ProductBatchItem, ProductCreateInput, ProductUpdateInput } from '../state/catalog.schemas.js';
import { PRODUCT_SORTS, type ProductQuery } from '../state/catalog.types.js';
import type { SandboxState } from '../state/sandbox-state.js';
import { sendError, sendRefusal } from './errors.js';
import { projectFields } from './fields.js';
import { collection } from './pagination.js';
import { QueryReader } from './query.js';

export const MAX_PRODUCT_BATCH = 10;
const INCLUDES = [
  'variants',
  'images',
  'custom_fields',
  'bulk_pricing_rules',
  'primary_image',
  'modifiers',
  'options',
  'videos',
  'channels',
  'parent_relations',
  'reviews',
];

type Params = { store_hash: string; product_id: string };

/** Reads the product filters of GET (and DELETE) /v3/catalog/products. */
export function readProductQuery(q: QueryReader): ProductQuery {
  return {
    id: q.int('id'),
    idIn: q.ints('id:in'),
    idNotIn: q.ints('id:not_in'),
    idMin: q.int('id:min'),
    idMax: q.int('id:max'),
    idGreater: q.int('id:greater'),
    idLess: q.int('id:less'),
    name: q.string('name'),
    sku: q.string('sku'),
    skuIn: q.strings('sku:in'),
    keyword: q.string('keyword'),
    availability: q.oneOf('availability', ['available', 'disabled', 'preorder'] as const),
    type: q.oneOf('type', ['physical', 'digital'] as const),
    inventoryLevel: q.int('inventory_level'),
    inventoryLevelIn: q.ints('inventory_level:in'),
    inventoryLevelNotIn: q.ints('inventory_level:not_in'),
    inventoryLevelMin: q.int('inventory_level:min'),
    inventoryLevelMax: q.int('inventory_level:max'),
    inventoryLevelGreater: q.int('inventory_level:greater'),
    inventoryLevelLess: q.int('inventory_level:less'),
    inventoryLow: q.bool('inventory_low'),
    outOfStock: q.bool('out_of_stock'),
    isVisible: q.bool('is_visible'),
    isFeatured: q.bool('is_featured'),
    categoriesIn:
      q.ints('categories:in') ?? (q.int('categories') !== undefined ? [q.int('categories')!] : undefined),
    brandId: q.int('brand_id'),
    price: q.number('price'),
    dateModifiedMin: q.string('date_modified:min'),
    dateModifiedMax: q.string('date_modified:max'),
    sort: q.oneOf('sort', PRODUCT_SORTS),
    direction: q.oneOf('direction', ['asc', 'desc'] as const),
    page: q.int('page', { min: 1 }),
    limit: q.int('limit', { min: 1, max: 250 }),
  };
}

function includesOf(q: QueryReader) {
  const include = q.strings('include') ?? [];
  const unknown = include.filter((i) => !INCLUDES.includes(i));
  if (unknown.length > 0) q.problems.include = `include must be among ${INCLUDES.join(', ')}`;
  return {
    variants: include.includes('variants'),
    options: include.includes('options'),
    channels: include.includes('channels'),
  };
}

export function catalogProductRoutes(app: FastifyInstance, { state }: { state: SandboxState }): void {
  const base = '/stores/:store_hash/v3/catalog/products';
  const config = { sandboxScope: 'products' as const };

  app.get<{ Params: Params }>(base, { config }, async (request, reply) => {
    const q = new QueryReader(request.query as Record<string, unknown>);
    const query = readProductQuery(q);
    const include = includesOf(q);
    if (!q.ok) return sendError(reply, 'v3', 422, 'The filter(s) are invalid', q.problems);
    const page = state.products.listProducts(request.sandbox.store.hash, query, include);
    const items = page.items.map((p) => projectFields(include.channels ? { ...p, channels: [1] } : p, q));
    return collection(items, page.total, page.page, page.limit);
  });

  app.get<{ Params: Params }>(`${base}/:product_id`, { config }, async (request, reply) => {
    const q = new QueryReader({
      ...(request.query as Record<string, unknown>),
      product_id: request.params.product_id,
    });
    const id = q.int('product_id', { min: 1 });
    const include = includesOf(q);
    if (!q.ok || id === undefined) return sendError(reply, 'v3', 422, 'The request is invalid', q.problems);
    const product = state.products.getProduct(request.sandbox.store.hash, id, include);
    if (!product) return sendError(reply, 'v3', 404, 'The requested product was not found.');
    return { data: projectFields(include.channels ? { ...product, channels: [1] } : product, q), meta: {} };
  });

  app.post<{ Params: Params }>(base, { config }, async (request, reply) => {
    const result = state.products.createProduct(
      request.sandbox.store.hash,
      request.body as ProductCreateInput,
    );
    if (!result.ok) return sendRefusal(reply, result, 'v3');
    return { data: result.value, meta: {} };
  });

  app.put<{ Params: Params }>(`${base}/:product_id`, { config }, async (request, reply) => {
    const id = Number(request.params.product_id);
    if (!Number.isInteger(id) || id < 1)
      return sendError(reply, 'v3', 404, 'The requested product was not found.');
    const result = state.products.updateProduct(
      request.sandbox.store.hash,
      id,
      (request.body ?? {}) as ProductUpdateInput,
    );
    if (!result.ok) return sendRefusal(reply, result, 'v3');
    return { data: result.value, meta: {} };
  });

  app.put<{ Params: Params }>(base, { config }, async (request, reply) => {
    const body = request.body;
    if (!Array.isArray(body)) {
      return sendError(reply, 'v3', 422, 'JSON data is missing or invalid', {
        body: 'The body must be an array of products',
      });
    }
    if (body.length > MAX_PRODUCT_BATCH) {
      return reply.code(413).send({
        errors: {},
        status: 413,
        title: `The request payload is too large. The maximum items allowed in the array is ${MAX_PRODUCT_BATCH}.`,
        type: '/api-docs/getting-started/api-status-codes',
      });
    }
    const result = state.products.updateProducts(request.sandbox.store.hash, body as ProductBatchItem[]);
    if (!result.ok) return sendRefusal(reply, result, 'v3');
    return { data: result.value, meta: {} };
  });

  app.delete<{ Params: Params }>(`${base}/:product_id`, { config }, async (request, reply) => {
    const id = Number(request.params.product_id);
    if (!Number.isInteger(id) || !state.products.getProduct(request.sandbox.store.hash, id)) {
      return sendError(reply, 'v3', 404, 'The requested product was not found.');
    }
    const result = state.products.deleteProducts(request.sandbox.store.hash, [id]);
    if (!result.ok) return sendRefusal(reply, result, 'v3');
    return reply.code(204).send();
  });

  app.delete<{ Params: Params }>(base, { config }, async (request, reply) => {
    const q = new QueryReader(request.query as Record<string, unknown>);
    const {
      page: _page,
      limit: _limit,
      sort: _sort,
      direction: _direction,
      ...filters
    } = readProductQuery(q);
    if (!q.ok) return sendError(reply, 'v3', 422, 'The filter(s) are invalid', q.problems);
    if (Object.values(filters).every((v) => v === undefined)) {
      // BigCommerce refuses an unfiltered bulk delete rather than emptying the catalog.
      return sendError(reply, 'v3', 422, 'A filter is required to delete products', {
        filter: 'Provide at least one filter, e.g. id:in',
      });
    }
    const ids = state.products
      .listProducts(request.sandbox.store.hash, { ...filters, limit: 250 })
      .items.map((p) => p.id);
    const result = state.products.deleteProducts(request.sandbox.store.hash, ids);
    if (!result.ok) return sendRefusal(reply, result, 'v3');
    return reply.code(204).send();
  });
}
