import type { FastifyReply, FastifyServerOptions } from 'fastify';
import { API_ERROR_CODES, sendError } from './api-v1/api-errors.js';

/**
 * Where the public API is served. The router's errors for its paths answer in the API's envelope.
 */
export const API_V1_PREFIX = '/api/v1';

/**
 * The longest path parameter the router matches, as sent (percent-encoded). A SKU may have 255
 * characters (BigCommerce's limit), and one character encodes to at most 9 (`€` is `%E2%82%AC`), so
 * 2,295 is the worst a valid SKU needs. Fastify's default of 100 answered 414 to a SKU of 101.
 */
export const MAX_PARAM_LENGTH = 4096;

/**
 * Router options of the app's server (and of tests that serve the API alone). A path the router
 * cannot take — a parameter beyond MAX_PARAM_LENGTH, a malformed percent-encoding — is a bad path:
 * under /api/v1 a 400 VALIDATION.INVALID_PATH in the API's error envelope, elsewhere a plain 400.
 */
export const routerServerOptions: Pick<FastifyServerOptions, 'routerOptions' | 'frameworkErrors'> = {
  routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
  frameworkErrors: (error, request, routerReply) => {
    // The router's own reply is typed by no route's schema; it is a plain reply here.
    const reply = routerReply as unknown as FastifyReply;
    const path = request.url.split('?')[0] ?? '';
    if (path === API_V1_PREFIX || path.startsWith(`${API_V1_PREFIX}/`)) {
      return sendError(reply, {
        code: API_ERROR_CODES.invalidPath,
        message: 'The address is not valid: a path parameter is too long or not properly encoded.',
      });
    }
    // Not the router's message: it quotes the address, which may carry a token.
    return reply
      .code(400)
      .header('cache-control', 'no-store')
      .send({ error: { code: 'REQUEST.INVALID', message: `The address is not valid (${error.code}).` } });
  },
};
