import { createHash, randomBytes } from 'node:crypto';

/** Generated keys start with this, so a leaked key is recognisable (secret scanners, logs). */
export const API_KEY_PREFIX = 'bo_';

/** 256 bits: enough that a single fast hash is as good as a slow one (nothing to brute-force). */
const KEY_BYTES = 32;

/** A given key (demo mode's DEMO_API_KEY) must be at least this long; generated keys are far longer. */
export const MIN_KEY_LENGTH = 16;
export const MAX_KEY_LENGTH = 256;

export function generateApiKey(): string {
  return `${API_KEY_PREFIX}${randomBytes(KEY_BYTES).toString('base64url')}`;
}

/**
 * What is stored and looked up: SHA-256 of the key. A salted slow hash protects low-entropy
 * passwords; a random 256-bit key cannot be guessed, and a plain hash allows lookup by hash.
 */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/**
 * The first characters shown to tell keys apart: `bo_` and 6 characters of a generated key.
 * A shorter given key shows a quarter of itself at most, so the shown part never gives much away.
 */
export function displayPrefix(key: string): string {
  return key.slice(0, Math.min(API_KEY_PREFIX.length + 6, Math.floor(key.length / 4)));
}
