import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  type ProductStorefrontViewDeps,
  productStorefrontView,
  productStorefrontViews,
} from '../../../app/storefront/product-storefront-view.js';
import { storefrontScript } from '../../../storefront-script/index.js';
import {
  createStorefrontAnswerCache,
  DEFAULT_STOREFRONT_CACHE,
  jsonAnswer,
  matchesEtag,
  type StorefrontAnswer,
  type StorefrontAnswerCacheOptions,
} from './storefront-answer-cache.js';

/**
 * What shoppers' browsers ask for: the storefront script (installed through the Scripts API as
 * `{appUrl}/storefront/backorder.js?store={hash}`) and the storefront view of one product, as public,
 * read-only JSON that any storefront origin may read (CORS `*`, no credentials, nothing secret in it).
 */
export interface StorefrontRoutesOptions extends ProductStorefrontViewDeps {
  /** The answers' cache (storefront-answer-cache.ts); tests turn it off or drive its time. */
  readonly cache?: Partial<StorefrontAnswerCacheOptions>;
}

export const STOREFRONT_SCRIPT_PATH = '/storefront/backorder.js';

export const STOREFRONT_HTTP_ERRORS = {
  invalidProductId: 'STOREFRONT.INVALID_PRODUCT_ID',
  invalidProductIds: 'STOREFRONT.INVALID_PRODUCT_IDS',
  invalidVariantIds: 'STOREFRONT.INVALID_VARIANT_IDS',
  invalidStoreHash: 'STOREFRONT.INVALID_STORE_HASH',
} as const;

/** Browsers re-use the script for a few minutes, then revalidate it with its ETag. */
const SCRIPT_CACHE = 'public, max-age=300';
/**
 * Product views change with stock: shoppers may see one a few seconds old, never older. The server keeps
 * an answer at most 1 s (storefront-answer-cache.ts); a browser uses it 2 s, then once more while it
 * fetches the next in the background during 2 s more: a status is shown at most 5 s after it changed.
 */
const VIEW_CACHE = 'public, max-age=2, stale-while-revalidate=2';
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
    // Minified, then gzipped once when the server started (≤ 4 KB over the wire, issue 12).
    reply.header('vary', 'accept-encoding');
    if (/\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''))) {
      return reply.header('content-encoding', 'gzip').send(script.gzipped);
    }
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

  const cache = createStorefrontAnswerCache({ ...DEFAULT_STOREFRONT_CACHE, ...deps.cache });

  /**
   * Sends an answer made once: the JSON is not serialised again, and a browser holding the same
   * answer (its ETag in `If-None-Match`) gets a 304 without the body.
   */
  function send(request: FastifyRequest, reply: FastifyReply, answer: StorefrontAnswer) {
    reply
      .code(answer.status)
      .header('content-type', 'application/json; charset=utf-8')
      .header('cache-control', answer.status === 400 ? 'no-store' : VIEW_CACHE);
    if (answer.status !== 200) return reply.send(answer.body);
    reply.header('etag', answer.etag);
    if (matchesEtag(request.headers['if-none-match'], answer.etag)) return reply.code(304).send();
    return reply.send(answer.body);
  }

  // The cache is keyed by the URL as asked: the same page asks the same URL, and a hit skips even
  // the validation of its parameters.
  app.get('/storefront/:storeHash/products/:productId', { logLevel: 'warn' }, async (request, reply) =>
    send(request, reply, await cache.answer(request.url, () => oneProduct(deps, request))),
  );

  /** Several products at once: `?ids=1,2,3` (at most 50), optionally narrowed by `variant_ids`. */
  app.get('/storefront/:storeHash/products', { logLevel: 'warn' }, async (request, reply) =>
    send(request, reply, await cache.answer(request.url, () => severalProducts(deps, request))),
  );
};

function refusal(status: number, code: string, message: string): StorefrontAnswer {
  return jsonAnswer(status, { error: { code, message } });
}

const INVALID_STORE_HASH = refusal(
  400,
  STOREFRONT_HTTP_ERRORS.invalidStoreHash,
  'A store hash is lowercase letters and digits.',
);
const INVALID_VARIANT_IDS = refusal(
  400,
  STOREFRONT_HTTP_ERRORS.invalidVariantIds,
  `variant_ids must be up to ${MAX_VARIANT_IDS} positive whole numbers separated by commas.`,
);

function storeOf(request: FastifyRequest): string | null {
  const hash = storeHash.safeParse(params.parse(request.params).storeHash);
  return hash.success ? hash.data : null;
}

function variantsOf(request: FastifyRequest): { ids?: number[] } | null {
  const variants = variantIds.safeParse(queryOf(request).variant_ids);
  if (!variants.success) return null;
  return variants.data === undefined ? {} : { ids: variants.data };
}

async function oneProduct(
  deps: ProductStorefrontViewDeps,
  request: FastifyRequest,
): Promise<StorefrontAnswer> {
  const hash = storeOf(request);
  if (hash === null) return INVALID_STORE_HASH;
  const productId = positiveId.safeParse(params.parse(request.params).productId);
  if (!productId.success) {
    return refusal(
      400,
      STOREFRONT_HTTP_ERRORS.invalidProductId,
      'The product id must be a positive whole number.',
    );
  }
  const variants = variantsOf(request);
  if (variants === null) return INVALID_VARIANT_IDS;

  const result = await productStorefrontView(deps, {
    storeHash: hash,
    bcProductId: productId.data,
    ...(variants.ids === undefined ? {} : { variantIds: variants.ids }),
  });
  if (!result.ok) return refusal(404, result.code, result.message);
  return jsonAnswer(200, { ...result.view, native: result.native });
}

async function severalProducts(
  deps: ProductStorefrontViewDeps,
  request: FastifyRequest,
): Promise<StorefrontAnswer> {
  const hash = storeOf(request);
  if (hash === null) return INVALID_STORE_HASH;
  const ids = productIds.safeParse(queryOf(request).ids);
  if (!ids.success) {
    return refusal(
      400,
      STOREFRONT_HTTP_ERRORS.invalidProductIds,
      `ids must be 1 to ${MAX_STOREFRONT_PRODUCT_IDS} positive whole numbers separated by commas.`,
    );
  }
  const variants = variantsOf(request);
  if (variants === null) return INVALID_VARIANT_IDS;

  const result = await productStorefrontViews(deps, {
    storeHash: hash,
    bcProductIds: ids.data,
    ...(variants.ids === undefined ? {} : { variantIds: variants.ids }),
  });
  if (!result.ok) return refusal(404, result.code, result.message);
  return jsonAnswer(200, { native: result.native, products: result.views });
}
