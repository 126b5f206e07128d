import { CLIENT_ERROR_CODES, sentenceFor } from './error-sentences.js';

/** One problem of a VALIDATION.* refusal: where (`switch_condition`, `notification_emails.2`) and what. */
export interface ErrorDetail {
  readonly path: string;
  readonly message: string;
}

/**
 * A refusal or failure of an API call, as the screens see it: the stable `code` to branch on, the
 * HTTP status, and `sentence`, the plain sentence to show (error-sentences.ts).
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly sentence: string;
  constructor(
    readonly code: string,
    readonly status: number,
    readonly details: readonly ErrorDetail[] = [],
  ) {
    super(`${code} (${status})`);
    this.sentence = sentenceFor(code);
  }
}

function isEnvelope(body: unknown): body is { error: { code: string; details?: ErrorDetail[] } } {
  const error = (body as { error?: { code?: unknown } } | null)?.error;
  return typeof error?.code === 'string';
}

/** The ApiError of a non-2xx answer's body (the API's `{error: {code, message, details?}}`). */
export function apiErrorOf(status: number, body: unknown): ApiError {
  if (!isEnvelope(body)) return new ApiError(CLIENT_ERROR_CODES.unexpected, status);
  return new ApiError(body.error.code, status, Array.isArray(body.error.details) ? body.error.details : []);
}

/** Anything a query or mutation threw, as an ApiError (a failed fetch is CLIENT.NETWORK). */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof TypeError) return new ApiError(CLIENT_ERROR_CODES.network, 0);
  return new ApiError(CLIENT_ERROR_CODES.unexpected, 0);
}

/**
 * The sentence to show for an error, with the fields a VALIDATION.* refusal names
 * ("Some values are not valid: notification_emails.1.").
 */
export function describeError(error: unknown): string {
  const apiError = toApiError(error);
  if (apiError.details.length === 0) return apiError.sentence;
  const fields = [...new Set(apiError.details.map((d) => d.path).filter((p) => p !== ''))];
  return fields.length === 0
    ? apiError.sentence
    : `${apiError.sentence.replace(/\.$/, '')}: ${fields.join(', ')}.`;
}
