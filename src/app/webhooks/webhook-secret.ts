import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The per-store secret BigCommerce echoes in the `X-Backorder-Secret` header of every webhook delivery.
 * Only its SHA-256 is stored (stores.webhook_secret_hash): 32 random bytes need no slow hash, and a
 * database leak then does not let anyone forge deliveries. The secret itself lives only in the hooks
 * registered at BigCommerce.
 */
export const WEBHOOK_SECRET_HEADER = 'X-Backorder-Secret';

export function newWebhookSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function hashWebhookSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Constant-time: compares the hashes, which always have the same length. */
export function webhookSecretMatches(given: string, storedHash: string): boolean {
  const expected = Buffer.from(storedHash, 'hex');
  const actual = createHash('sha256').update(given, 'utf8').digest();
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
