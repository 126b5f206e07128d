import type { BigCommerceErrorCode } from '../../adapters/bigcommerce/index.js';

/**
 * Use cases know the BigCommerce client only by its types (dependency rule
 * `app-knows-bigcommerce-only-by-type`), so they recognise its typed errors by their stable code.
 */
export function hasBigCommerceCode(error: unknown, code: BigCommerceErrorCode): boolean {
  return (
    error instanceof Error &&
    error.name === 'BigCommerceError' &&
    (error as Error & { code?: unknown }).code === code
  );
}

/** The order or product is gone from BigCommerce (deleted since the webhook was sent). */
export function isBigCommerceNotFound(error: unknown): boolean {
  return hasBigCommerceCode(error, 'BIGCOMMERCE.NOT_FOUND');
}
