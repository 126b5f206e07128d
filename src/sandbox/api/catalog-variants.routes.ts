import type { FastifyInstance } from 'fastify';
import type { VariantBatchItem, VariantCreateInput, VariantUpdateInput } from '../state/catalog.schemas.js';
import type { SandboxState } from '../state/sandbox-state.js';
import { ERROR_TYPE, sendError, sendRefusal } from './errors.js';
import { projectFields } from './fields.js';
import { collection } from './pagination.js';
import { QueryReader } from './query.js';

export const MAX_VARIANT_BATCH = 50;

type Params = { store_hash: string; product_id: string; variant_id: string };

function idOf(value: string): number | undefined {
  const id = Number(value);
  return Number.isInteger(id) && id > 0 ? id : undefined;
}

export function catalogVariantRoutes(app: FastifyInstance, { state }: { state: SandboxState }): void {
  const perProduct = '/stores/:store_hash/v3/catalog/products/:product_id/variants';
  const all = '/stores/:store_hash/v3/catalog/variants';
  const config = { sandboxScope: 'products' as const };
  const productMissing = 'The requested product was not found.';
  const variantMissing = 'The requested variant was not found.';

  app.get<{ Params: Params }>(perProduct, { config }, async (request, reply) => {
    const hash = request.sandbox.store.hash;
    const productId = idOf(request.params.product_id);
    if (productId === undefined || !state.products.getProduct(hash, productId))
      return sendError(reply, 'v3', 404, productMissing);
    const q = new QueryReader(request.query as Record<string, unknown>);
    const page = q.int('page', { min: 1 });
    const limit = q.int('limit', { min: 1, max: 250 });
    if (!q.ok) return sendError(reply, 'v3', 422, 'The filter(s) are invalid', q.problems);
    const result = state.variants.listVariants(hash, { productId, page, limit });
    return collection(
      result.items.map((v) => projectFields(v, q)),
      result.total,
      result.page,
      result.limit,
    );
  });

  app.post<{ Params: Params }>(perProduct, { config }, async (request, reply) => {
    const productId = idOf(request.params.product_id);
    if (productId === undefined) return sendError(reply, 'v3', 404, productMissing);
    const result = state.variants.createVariant(
      request.sandbox.store.hash,
      productId,
      request.body as VariantCreateInput,
    );
    if (!result.ok) return sendRefusal(reply, result, 'v3');
    return { data: result.value, meta: {} };
  });

  app.get<{ Params: Params }>(`${perProduct}/:variant_id`, { config }, async (request, reply) => {
    const productId = idOf(request.params.product_id);
    const variantId = idOf(request.params.variant_id);
    const variant =
      productId && variantId
        ? state.variants.getVariant(request.sandbox.store.hash, productId, variantId)
        : undefined;
    if (!variant) return sendError(reply, 'v3', 404, variantMissing);
    return {
      data: projectFields(variant, new QueryReader(request.query as Record<string, unknown>)),
      meta: {},
    };
  });

  app.put<{ Params: Params }>(`${perProduct}/:variant_id`, { config }, async (request, reply) => {
    const productId = idOf(request.params.product_id);
    const variantId = idOf(request.params.variant_id);
    if (!productId || !variantId) return sendError(reply, 'v3', 404, variantMissing);
    const result = state.variants.updateVariant(
      request.sandbox.store.hash,
      productId,
      variantId,
      (request.body ?? {}) as VariantUpdateInput,
    );
    if (!result.ok) return sendRefusal(reply, result, 'v3');
    return { data: result.value, meta: {} };
  });

  app.delete<{ Params: Params }>(`${perProduct}/:variant_id`, { config }, async (request, reply) => {
    const productId = idOf(request.params.product_id);
    const variantId = idOf(request.params.variant_id);
    if (!productId || !variantId) return sendError(reply, 'v3', 404, variantMissing);
    const result = state.variants.deleteVariant(request.sandbox.store.hash, productId, variantId);
    if (!result.ok) return sendRefusal(reply, result, 'v3');
    return reply.code(204).send();
  });

  app.get<{ Params: Params }>(all, { config }, async (request, reply) => {
    const q = new QueryReader(request.query as Record<string, unknown>);
    const query = {
      id: q.int('id'),
      idIn: q.ints('id:in'),
      sku: q.string('sku'),
      upc: q.string('upc'),
      productIdIn: q.ints('product_id:in'),
      page: q.int('page', { min: 1 }),
      limit: q.int('limit', { min: 1, max: 250 }),
    };
    if (!q.ok) return sendError(reply, 'v3', 422, 'The filter(s) are invalid', q.problems);
    const result = state.variants.listVariants(request.sandbox.store.hash, query);
    return collection(
      result.items.map((v) => projectFields(v, q)),
      result.total,
      result.page,
      result.limit,
    );
  });

  app.put<{ Params: Params }>(all, { config }, async (request, reply) => {
    const body = request.body;
    if (!Array.isArray(body)) {
      return sendError(reply, 'v3', 422, 'JSON data is missing or invalid', {
        body: 'The body must be an array of variants',
      });
    }
    if (body.length > MAX_VARIANT_BATCH) {
      return reply.code(413).send({
        errors: {},
        status: 413,
        title: `The request payload is too large. The maximum items allowed in the array is ${MAX_VARIANT_BATCH}.`,
        type: '/api-docs/getting-started/api-status-codes',
      });
    }
    const result = state.variants.updateVariants(request.sandbox.store.hash, body as VariantBatchItem[]);
    if (!result.ok) {
      if (result.status !== 422) return sendRefusal(reply, result, 'v3');
      // Batch variant validation errors come wrapped in batch_errors.
      return reply.code(422).send({
        batch_errors: [
          {
            status: 422,
            title: result.message,
            type: ERROR_TYPE,
            instance: request.url,
            errors: { ...(result.errors ?? {}) },
          },
        ],
      });
    }
    return { data: result.value, meta: {} };
  });
}
