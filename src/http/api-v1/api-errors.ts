import type { FastifyReply } from 'fastify';
import { z } from 'zod';

/**
 * The public API's error envelope: `{error: {code, message, details?}}`. Clients branch on `code`
 * (stable, namespaced); `message` is for people and may change.
 *
 * HTTP statuses follow one rule for every refusal a use case returns:
 * - 404 — what the request names does not exist in the caller's store (`*.NOT_FOUND`);
 * - 422 — the values sent are not acceptable whatever the state (`*.INVALID_*`, `*.NOTHING_TO_CHANGE`,
 *   unknown placeholders, …);
 * - 409 — the values are fine but the current state refuses them (threshold reached, date passed,
 *   already enabled, template in use, …).
 * Requests that do not match the documented schema are 400 `VALIDATION.*`, authentication 401 `AUTH.*`.
 */
export interface ApiError {
  readonly code: string;
  readonly message: string;
  readonly details?: readonly ErrorDetail[];
}

export interface ErrorDetail {
  /** Where in the body, query, path or headers, e.g. `back_in_stock_date` or `product_ids.2`. */
  readonly path: string;
  readonly message: string;
}

export const API_ERROR_CODES = {
  missingKey: 'AUTH.MISSING_KEY',
  invalidKey: 'AUTH.INVALID_KEY',
  revokedKey: 'AUTH.REVOKED_KEY',
  invalidSession: 'AUTH.INVALID_SESSION',
  sessionRequired: 'AUTH.SESSION_REQUIRED',
  invalidBody: 'VALIDATION.INVALID_BODY',
  invalidQuery: 'VALIDATION.INVALID_QUERY',
  invalidPath: 'VALIDATION.INVALID_PATH',
  invalidHeader: 'VALIDATION.INVALID_HEADER',
  unsupportedMediaType: 'VALIDATION.UNSUPPORTED_MEDIA_TYPE',
  bodyTooLarge: 'VALIDATION.BODY_TOO_LARGE',
  nulCharacter: 'VALIDATION.NUL_CHARACTER',
  routeNotFound: 'ROUTE.NOT_FOUND',
  upstreamUnavailable: 'UPSTREAM.BIGCOMMERCE_UNAVAILABLE',
  internal: 'INTERNAL.ERROR',
} as const;

/** Codes whose status the naming rule below would not give. */
const STATUS_BY_CODE: Readonly<Record<string, number>> = {
  [API_ERROR_CODES.missingKey]: 401,
  [API_ERROR_CODES.invalidKey]: 401,
  [API_ERROR_CODES.revokedKey]: 401,
  [API_ERROR_CODES.invalidSession]: 401,
  [API_ERROR_CODES.sessionRequired]: 403,
  [API_ERROR_CODES.invalidBody]: 400,
  [API_ERROR_CODES.invalidQuery]: 400,
  [API_ERROR_CODES.invalidPath]: 400,
  [API_ERROR_CODES.invalidHeader]: 400,
  [API_ERROR_CODES.unsupportedMediaType]: 415,
  [API_ERROR_CODES.bodyTooLarge]: 413,
  // Well-formed, but no text the app keeps may hold a NUL (PostgreSQL's text cannot).
  [API_ERROR_CODES.nulCharacter]: 422,
  // The key names a request that was different: answering the first one's result would mislead.
  'IDEMPOTENCY.KEY_REUSED': 422,
  [API_ERROR_CODES.upstreamUnavailable]: 502,
  [API_ERROR_CODES.internal]: 500,
  // A state refusal despite its name: the units are fine, only not that many are incoming now.
  'ITEM.RECEIVE_EXCEEDS_INCOMING': 409,
  // The key was fine but is taken or was revoked: the state refuses it.
  'API_KEY.TAKEN': 409,
  'API_KEY.REVOKED': 409,
  // No assignment of that product: the resource DELETE /assignments/{id} names does not exist.
  'ASSIGNMENT.NOT_ASSIGNED': 404,
  'ASSIGNMENT.NO_PRODUCTS': 422,
  'ASSIGNMENT.TOO_MANY_PRODUCTS': 422,
  'TEMPLATE.UNKNOWN_PLACEHOLDER': 422,
  'TEMPLATE.UNBALANCED_SECTION': 422,
  'TEMPLATE.TEXT_TOO_LONG': 422,
  'SETTINGS.UNKNOWN_EVENT': 422,
  'SETTINGS.TOO_MANY_EMAILS': 422,
  // A file that cannot be read as a stock file, whatever the state.
  'IMPORT.UNREADABLE_FILE': 422,
  'IMPORT.EMPTY_FILE': 422,
  'IMPORT.MISSING_HEADER': 422,
  'IMPORT.UNKNOWN_HEADER': 422,
  'IMPORT.DUPLICATE_HEADER': 422,
  'IMPORT.TOO_MANY_ROWS': 422,
};

/** The HTTP status of a refusal code (see the rule above). */
export function statusForCode(code: string): number {
  const explicit = STATUS_BY_CODE[code];
  if (explicit !== undefined) return explicit;
  const name = code.slice(code.indexOf('.') + 1);
  if (name === 'NOT_FOUND' || name.endsWith('_NOT_FOUND')) return 404;
  if (name.startsWith('INVALID_') || name === 'NOTHING_TO_CHANGE') return 422;
  return 409;
}

export function sendError(
  reply: FastifyReply,
  error: ApiError,
  status = statusForCode(error.code),
): FastifyReply {
  if (status === 401) reply.header('www-authenticate', 'Bearer realm="backorder-api"');
  return reply.code(status).send({ error });
}

/** Zod's issues as error details, e.g. `{path: 'stock', message: 'Invalid input: expected int'}`. */
export function detailsOf(error: z.ZodError): ErrorDetail[] {
  return error.issues.flatMap((issue): ErrorDetail[] => {
    const path = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        path: path === '' ? key : `${path}.${key}`,
        message: 'Unknown field.',
      }));
    }
    return [{ path, message: issue.message }];
  });
}

export const apiErrorSchema = z
  .object({
    error: z.object({
      code: z
        .string()
        .meta({ description: 'Stable, namespaced: branch on this.', examples: ['ITEM.NOT_FOUND'] }),
      message: z.string().meta({ description: 'For people; may change.' }),
      details: z
        .array(z.object({ path: z.string(), message: z.string() }))
        .optional()
        .meta({ description: 'With VALIDATION.* codes: each problem and where it is.' }),
    }),
  })
  .meta({ id: 'Error', description: 'Every error answer.' });
