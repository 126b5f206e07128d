import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  type ProductStorefrontViewDeps,
  productStorefrontView,
  productStorefrontViews,
} from '../../../app/storefront/product-storefront-view.js';
import { storefrontScript } from '../../../storefront-script/index.js';

/**
 * What shoppers' browsers ask for: the storefront script (installed through the Scripts API as
 * `{appUrl}/storefront/backorder.js?store={hash}`) and the storefront view of one product, as public,
 * read-only JSON that any storefront origin may read (CORS `*`, no credentials, nothing secret in it).
 */
export type StorefrontRoutesOptions = ProductStorefrontViewDeps;

export const STOREFRONT_SCRIPT_PATH = '/storefront/backorder.js';

export const STOREFRONT_HTTP_ERRORS = {
  invalidProductId: 'STOREFRONT.INVALID_PRODUCT_ID',
  invalidProductIds: 'STOREFRONT.INVALID_PRODUCT_IDS',
  invalidVariantIds: 'STOREFRONT.INVALID_VARIANT_IDS',
  invalidStoreHash: 'STOREFRONT.INVALID_STORE_HASH',
} as const;

/** Browsers re-use the script for a few minutes, then revalidate it with its ETag. */
const SCRIPT_CACHE = 'public, max-age=300';
/** Product views change with stock: shoppers may see one a few seconds old, never older. */
const VIEW_CACHE = 'public, max-age=5';
/** BigCommerce allows 600 variants per product. */
const MAX_VARIANT_IDS = 600;
/** Products one request may ask for: a category page's cards, a cart's lines. */
export const MAX_STOREFRONT_PRODUCT_IDS = 50;
const MAX_ID = 2_147_483_647;

const storeHash = z.string().regex(/^[a-z0-9]{1,64}$/);
/** Digits only (no `1e3`, `0x10`, `+1`), then a positive 32-bit id as BigCommerce issues them. */
const positiveId = z
  .string()
  .regex(/^\d{1,10}$/)
  .transform(Number)
  .pipe(z.number().int().min(1).max(MAX_ID));
const params = z.object({ storeHash: z.string(), productId: z.string().optional() });
/** `1,2,3`, or the parameter repeated; empty parts are ignored. */
function idList(max: number) {
  return z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((value) =>
      value === undefined
        ? undefined
        : [value]
            .flat()
            .flatMap((part) => part.split(','))
            .map((id) => id.trim())
            .filter((id) => id !== ''),
    )
    .pipe(z.array(positiveId).max(max).optional());
}
const variantIds = idList(MAX_VARIANT_IDS);
const productIds = idList(MAX_STOREFRONT_PRODUCT_IDS).pipe(z.array(z.number()).min(1));

function queryOf(request: FastifyRequest): Record<string, unknown> {
  return (request.query ?? {}) as Record<string, unknown>;
}

function refuse(reply: FastifyReply, status: number, code: string, message: string) {
  return reply
    .code(status)
    .header('cache-control', status === 400 ? 'no-store' : VIEW_CACHE)
    .send({ error: { code, message } });
}

export const storefrontRoutes: FastifyPluginAsync<StorefrontRoutesOptions> = async (app, deps) => {
  const script = storefrontScript();

  // Every answer of this plugin, errors included, is readable from any storefront origin (this
  // context is encapsulated: the hook does not reach other routes).
  app.addHook('onSend', async (_request, reply) => {
    reply.header('access-control-allow-origin', '*').header('x-content-type-options', 'nosniff');
  });

  // Public endpoints hit by every storefront page view: only warnings and errors are logged.
  app.get(STOREFRONT_SCRIPT_PATH, { logLevel: 'warn' }, async (request, reply) => {
    reply
      .header('content-type', 'application/javascript; charset=utf-8')
      .header('cache-control', SCRIPT_CACHE)
      .header('etag', script.etag)
      // With CORS `*` (onSend), a store may also load it with SRI (`crossorigin`) or under a
      // cross-origin embedder policy.
      .header('cross-origin-resource-policy', 'cross-origin');
    if (request.headers['if-none-match'] === script.etag) return reply.code(304).send();
    return reply.send(script.source);
  });

  for (const path of ['/storefront/:storeHash/products/:productId', '/storefront/:storeHash/products']) {
    app.options(path, { logLevel: 'warn' }, async (_request, reply) =>
      reply
        .code(204)
        .header('access-control-allow-methods', 'GET, HEAD, OPTIONS')
        .header('access-control-allow-headers', 'accept, content-type')
        .header('access-control-max-age', '86400')
        .send(),
    );
  }

  function storeOf(request: FastifyRequest, reply: FastifyReply): string | null {
    const hash = storeHash.safeParse(params.parse(request.params).storeHash);
    if (hash.success) return hash.data;
    refuse(
      reply,
      400,
      STOREFRONT_HTTP_ERRORS.invalidStoreHash,
      'A store hash is lowercase letters and digits.',
    );
    return null;
  }

  function variantsOf(request: FastifyRequest, reply: FastifyReply): { ids?: number[] } | null {
    const variants = variantIds.safeParse(queryOf(request).variant_ids);
    if (variants.success) return variants.data === undefined ? {} : { ids: variants.data };
    refuse(
      reply,
      400,
      STOREFRONT_HTTP_ERRORS.invalidVariantIds,
      `variant_ids must be up to ${MAX_VARIANT_IDS} positive whole numbers separated by commas.`,
    );
    return null;
  }

  app.get('/storefront/:storeHash/products/:productId', { logLevel: 'warn' }, async (request, reply) => {
    const hash = storeOf(request, reply);
    if (hash === null) return reply;
    const productId = positiveId.safeParse(params.parse(request.params).productId);
    if (!productId.success) {
      return refuse(
        reply,
        400,
        STOREFRONT_HTTP_ERRORS.invalidProductId,
        'The product id must be a positive whole number.',
      );
    }
    const variants = variantsOf(request, reply);
    if (variants === null) return reply;

    const result = await productStorefrontView(deps, {
      storeHash: hash,
      bcProductId: productId.data,
      ...(variants.ids === undefined ? {} : { variantIds: variants.ids }),
    });
    if (!result.ok) return refuse(reply, 404, result.code, result.message);
    return reply.header('cache-control', VIEW_CACHE).send({ ...result.view, native: result.native });
  });

  /** Several products at once: `?ids=1,2,3` (at most 50), optionally narrowed by `variant_ids`. */
  app.get('/storefront/:storeHash/products', { logLevel: 'warn' }, async (request, reply) => {
    const hash = storeOf(request, reply);
    if (hash === null) return reply;
    const ids = productIds.safeParse(queryOf(request).ids);
    if (!ids.success) {
      return refuse(
        reply,
        400,
        STOREFRONT_HTTP_ERRORS.invalidProductIds,
        `ids must be 1 to ${MAX_STOREFRONT_PRODUCT_IDS} positive whole numbers separated by commas.`,
      );
    }
    const variants = variantsOf(request, reply);
    if (variants === null) return reply;

    const result = await productStorefrontViews(deps, {
      storeHash: hash,
      bcProductIds: ids.data,
      ...(variants.ids === undefined ? {} : { variantIds: variants.ids }),
    });
    if (!result.ok) return refuse(reply, 404, result.code, result.message);
    return reply.header('cache-control', VIEW_CACHE).send({ native: result.native, products: result.views });
  });
};
