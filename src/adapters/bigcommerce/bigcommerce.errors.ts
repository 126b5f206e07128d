/**
 * Typed failures of BigCommerce calls. From the app's point of view these are outages or bugs, so the
 * client throws them; the stable `code` lets callers branch (e.g. a deleted product answers NOT_FOUND).
 */
export type BigCommerceErrorCode =
  | 'BIGCOMMERCE.BAD_REQUEST'
  | 'BIGCOMMERCE.UNAUTHORIZED'
  | 'BIGCOMMERCE.FORBIDDEN'
  | 'BIGCOMMERCE.NOT_FOUND'
  | 'BIGCOMMERCE.METHOD_NOT_ALLOWED'
  | 'BIGCOMMERCE.CONFLICT'
  | 'BIGCOMMERCE.PAYLOAD_TOO_LARGE'
  | 'BIGCOMMERCE.UNPROCESSABLE'
  | 'BIGCOMMERCE.RATE_LIMITED'
  | 'BIGCOMMERCE.SERVER_ERROR'
  | 'BIGCOMMERCE.TIMEOUT'
  | 'BIGCOMMERCE.NETWORK'
  | 'BIGCOMMERCE.UNEXPECTED_RESPONSE';

/** 207 is not an error of the request; batch writes use this code for items BigCommerce half-applied. */
export type BigCommerceItemFailureCode = BigCommerceErrorCode | 'BIGCOMMERCE.MULTI_STATUS';

const CODE_BY_STATUS: Readonly<Record<number, BigCommerceErrorCode>> = {
  400: 'BIGCOMMERCE.BAD_REQUEST',
  401: 'BIGCOMMERCE.UNAUTHORIZED',
  403: 'BIGCOMMERCE.FORBIDDEN',
  404: 'BIGCOMMERCE.NOT_FOUND',
  405: 'BIGCOMMERCE.METHOD_NOT_ALLOWED',
  409: 'BIGCOMMERCE.CONFLICT',
  413: 'BIGCOMMERCE.PAYLOAD_TOO_LARGE',
  422: 'BIGCOMMERCE.UNPROCESSABLE',
  429: 'BIGCOMMERCE.RATE_LIMITED',
};

export function codeForStatus(status: number): BigCommerceErrorCode {
  const known = CODE_BY_STATUS[status];
  if (known) return known;
  if (status >= 500) return 'BIGCOMMERCE.SERVER_ERROR';
  if (status === 207) return 'BIGCOMMERCE.UNEXPECTED_RESPONSE';
  return status >= 400 ? 'BIGCOMMERCE.BAD_REQUEST' : 'BIGCOMMERCE.UNEXPECTED_RESPONSE';
}

export interface BigCommerceErrorInit {
  readonly code: BigCommerceErrorCode;
  /** HTTP status; null when no response arrived (timeout, network). */
  readonly status: number | null;
  readonly method: string;
  /** Request path without host or query (never holds the token). */
  readonly path: string;
  /** v3 `title`, or the v2 messages joined. */
  readonly title: string;
  /** v3 `errors` object (field → message), empty when BigCommerce gave none. */
  readonly errors?: Readonly<Record<string, unknown>>;
  /** Whatever else BigCommerce said: v2 `details`, v3 `batch_errors`, the raw body when unparseable. */
  readonly details?: unknown;
  readonly attempts?: number;
  readonly cause?: unknown;
}

export class BigCommerceError extends Error {
  override readonly name = 'BigCommerceError';
  readonly code: BigCommerceErrorCode;
  readonly status: number | null;
  readonly method: string;
  readonly path: string;
  readonly title: string;
  readonly errors: Readonly<Record<string, unknown>>;
  readonly details: unknown;
  /** How many times the request was sent before giving up (set by the retry loop). */
  attempts: number;

  constructor(init: BigCommerceErrorInit) {
    super(
      `${init.method} ${init.path} failed: ${init.status ?? init.code}${init.title ? ` ${init.title}` : ''}`,
      init.cause === undefined ? undefined : { cause: init.cause },
    );
    this.code = init.code;
    this.status = init.status;
    this.method = init.method;
    this.path = init.path;
    this.title = init.title;
    this.errors = init.errors ?? {};
    this.details = init.details;
    this.attempts = init.attempts ?? 1;
  }
}

export function isBigCommerceError(error: unknown, code?: BigCommerceErrorCode): error is BigCommerceError {
  return error instanceof BigCommerceError && (code === undefined || error.code === code);
}

export interface ParsedErrorBody {
  readonly title: string;
  readonly errors: Record<string, unknown>;
  readonly details?: unknown;
}

/**
 * Reads the three error shapes BigCommerce uses: v3 `{status,title,type,errors}`, v3 batch
 * `{batch_errors:[...]}` and v2 `[{status,message,details}]`.
 */
export function parseErrorBody(body: unknown, fallbackText: string): ParsedErrorBody {
  if (Array.isArray(body)) {
    const messages = body
      .map((entry) => (isRecord(entry) && typeof entry.message === 'string' ? entry.message : undefined))
      .filter((m): m is string => m !== undefined);
    const details = body.map((entry) => (isRecord(entry) ? entry.details : undefined)).filter(Boolean);
    return {
      title: messages.join('; ') || fallbackText,
      errors: {},
      ...(details.length > 0 ? { details } : {}),
    };
  }
  if (isRecord(body)) {
    if (Array.isArray(body.batch_errors)) {
      const batch = body.batch_errors.filter(isRecord);
      const errors: Record<string, unknown> = {};
      for (const entry of batch) if (isRecord(entry.errors)) Object.assign(errors, entry.errors);
      const titles = batch.map((entry) => entry.title).filter((t): t is string => typeof t === 'string');
      return { title: titles.join('; ') || fallbackText, errors, details: body.batch_errors };
    }
    const title =
      typeof body.title === 'string' ? body.title : typeof body.message === 'string' ? body.message : '';
    return { title: title || fallbackText, errors: isRecord(body.errors) ? { ...body.errors } : {} };
  }
  return { title: fallbackText, errors: {} };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
