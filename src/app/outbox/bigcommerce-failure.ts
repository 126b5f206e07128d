import type { BigCommerceErrorCode } from '../../adapters/bigcommerce/index.js';

/**
 * Use cases know the BigCommerce client only by its types (dependency rule
 * `app-knows-bigcommerce-only-by-type`), so its typed errors are recognised by their stable code.
 */
export function bigCommerceCodeOf(error: unknown): BigCommerceErrorCode | null {
  if (!(error instanceof Error) || error.name !== 'BigCommerceError') return null;
  const code = (error as Error & { code?: unknown }).code;
  return typeof code === 'string' && code.startsWith('BIGCOMMERCE.') ? (code as BigCommerceErrorCode) : null;
}

export function isBigCommerceNotFound(error: unknown): boolean {
  return bigCommerceCodeOf(error) === 'BIGCOMMERCE.NOT_FOUND';
}

/** A short, token-free description for logs and `last_error` columns, led by the error's stable code. */
export function describeError(error: unknown): string {
  const code = error instanceof Error ? (error as Error & { code?: unknown }).code : undefined;
  const text =
    error instanceof Error
      ? `${typeof code === 'string' ? code : error.name}: ${error.message}`
      : String(error);
  return text.length > 1000 ? `${text.slice(0, 997)}...` : text;
}
