import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { html } from '../html.js';
import type { SandboxState } from '../state/sandbox-state.js';
import type { Store } from '../state/stores.repo.js';
import type { ApiCredential } from '../state/tokens.repo.js';
import { type ApiVersion, apiVersionOf, sendError, v2Error, v3Error } from './errors.js';
import type { FaultInjector } from './faults.js';
import type { RateLimiter } from './rate-limit.js';

/** Which OAuth scope family a route needs; GET accepts the `_read_only` variant as well. */
export type ApiScope = 'products' | 'orders' | 'information' | 'content' | 'inventory' | 'none';

const SCOPE_NAMES: Record<Exclude<ApiScope, 'none'>, string> = {
  products: 'store_v2_products',
  orders: 'store_v2_orders',
  information: 'store_v2_information',
  content: 'store_v2_content',
  inventory: 'store_inventory',
};

export interface ApiRequestContext {
  readonly store: Store;
  readonly credential: ApiCredential;
  readonly version: ApiVersion;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Scope family the route needs (sandbox API routes). */
    sandboxScope?: ApiScope;
    /** A catch-all answering 404 for paths BigCommerce has but the sandbox does not emulate. */
    sandboxCatchAll?: boolean;
  }
  interface FastifyRequest {
    sandbox: ApiRequestContext;
  }
}

export interface ApiGatewayDeps {
  readonly state: SandboxState;
  readonly rateLimiter: RateLimiter;
  readonly faults: FaultInjector;
}

export type ApiRoutes = (app: FastifyInstance, deps: { state: SandboxState }) => void;

/**
 * Everything under /stores/{store_hash}/: the emulated BigCommerce REST API. In front of the routes it does
 * what BigCommerce's API gateway does: store lookup, X-Auth-Token check (tokens are per store and client),
 * the per-store rate limit with its headers, scope checks, and (sandbox only) injected faults. It also makes
 * framework errors (bad JSON, unknown paths) look like BigCommerce's error bodies.
 */
export function registerApiGateway(
  app: FastifyInstance,
  deps: ApiGatewayDeps,
  routes: readonly ApiRoutes[],
): void {
  app.decorateRequest('sandbox', null as unknown as ApiRequestContext);

  app.register(async (api) => {
    api.removeContentTypeParser('application/json');
    api.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
      const text = String(body);
      if (text.trim() === '') {
        done(null, undefined);
        return;
      }
      try {
        done(null, JSON.parse(text));
      } catch {
        const error = new Error('The request body is not valid JSON.') as Error & { statusCode: number };
        error.statusCode = 400;
        done(error, undefined);
      }
    });

    api.addHook('onRequest', async (request, reply) => guard(request, reply, deps));

    api.setErrorHandler((error: Error & { statusCode?: number; validation?: unknown }, request, reply) => {
      const version = apiVersionOf(request.url);
      const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
      if (status >= 500) request.log.error({ err: error }, 'sandbox API handler failed');
      const message =
        status === 400
          ? version === 'v3'
            ? 'Input is invalid.'
            : error.message
          : status >= 500
            ? 'Internal Server Error'
            : error.message;
      return sendError(reply, version, status, message);
    });

    for (const register of routes) register(api, { state: deps.state });

    for (const version of ['v2', 'v3'] as const) {
      api.all(
        `/stores/:store_hash/${version}/*`,
        { config: { sandboxScope: 'none', sandboxCatchAll: true } },
        async (_request, reply) =>
          sendError(
            reply,
            version,
            404,
            version === 'v2'
              ? 'The requested resource was not found.'
              : 'The route is not found, check the URL',
          ),
      );
    }
  });
}

async function guard(
  request: FastifyRequest,
  reply: FastifyReply,
  deps: ApiGatewayDeps,
): Promise<FastifyReply | undefined> {
  const version = apiVersionOf(request.url);
  const latency = deps.faults.latencyMs();
  if (latency > 0) await new Promise((resolve) => setTimeout(resolve, latency));

  const storeHash = (request.params as { store_hash?: string }).store_hash ?? '';
  const store = deps.state.stores.get(storeHash);
  if (!store) {
    return sendError(
      reply,
      version,
      404,
      version === 'v2' ? 'The requested resource was not found.' : 'Store not found',
    );
  }
  reply.headers(deps.rateLimiter.peek(storeHash));

  const tokenHeader = request.headers['x-auth-token'];
  const token = Array.isArray(tokenHeader) ? tokenHeader[0] : tokenHeader;
  const credential = token ? deps.state.tokens.verify(storeHash, token) : undefined;
  if (!credential) {
    reply.code(401);
    return reply.send(
      version === 'v2'
        ? v2Error(
            401,
            'No credentials were supplied in the request or the credentials are not valid for this store.',
          )
        : v3Error(
            401,
            'Unauthorized - the v3 Auth client ID or token in the request are not a valid combination for this store.',
          ),
    );
  }

  const fault = deps.faults.decide();
  if (fault.kind === 'rate-limited') return tooManyRequests(reply, version, deps.rateLimiter.peek(storeHash));
  if (fault.kind === 'error') {
    reply.code(fault.status);
    if (fault.status === 500)
      return reply.send(
        version === 'v2' ? v2Error(500, 'Internal Server Error') : v3Error(500, 'Internal Server Error'),
      );
    // Gateways answer 502/503 with HTML, not JSON: clients must not assume a JSON error body.
    const label = fault.status === 502 ? 'Bad Gateway' : 'Service Unavailable';
    return reply
      .type('text/html')
      .send(html`<html><body><h1>${fault.status} ${label}</h1></body></html>`.value);
  }

  const decision = deps.rateLimiter.take(storeHash);
  reply.headers(decision.headers);
  if (!decision.allowed) return tooManyRequests(reply, version, decision.headers);

  const scope = request.routeOptions.config.sandboxScope ?? 'none';
  if (scope !== 'none') {
    const name = SCOPE_NAMES[scope];
    const readOnly = request.method === 'GET' || request.method === 'HEAD';
    const granted =
      credential.scopes.includes(name) || (readOnly && credential.scopes.includes(`${name}_read_only`));
    if (!granted) {
      return sendError(
        reply,
        version,
        403,
        version === 'v2'
          ? 'You do not have permission to access this resource.'
          : "You don't have a required scope to access the endpoint",
      );
    }
  }
  request.sandbox = { store, credential, version };
  return undefined;
}

function tooManyRequests(
  reply: FastifyReply,
  version: ApiVersion,
  headers: Record<string, string>,
): FastifyReply {
  const resetMs = Number(headers['x-rate-limit-time-reset-ms'] ?? '1000');
  reply.headers({
    ...headers,
    'x-rate-limit-requests-left': '0',
    'x-retry-after': String(Math.max(1, Math.ceil(resetMs / 1000))),
  });
  return sendError(
    reply,
    version,
    429,
    'Too many requests. Please retry after the time in X-Rate-Limit-Time-Reset-Ms.',
  );
}
