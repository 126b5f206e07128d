import { type Refusal, refuse } from '../../core/item.js';
import type { StoreId } from '../ports/store-id.js';
import { hashApiKey, MAX_KEY_LENGTH } from './api-key-secret.js';
import type { ApiKeysDeps } from './create-api-key.js';

export const AUTH_REFUSALS = {
  missingKey: 'AUTH.MISSING_KEY',
  invalidKey: 'AUTH.INVALID_KEY',
  revokedKey: 'AUTH.REVOKED_KEY',
} as const;

/** Last-used times are recorded to the minute: a busy key does not write on every request. */
const LAST_USED_RESOLUTION_MS = 60_000;

export type AuthenticatedKey = {
  readonly ok: true;
  readonly storeId: StoreId;
  readonly keyId: number;
  readonly prefix: string;
};

/** Finds the store a key belongs to, by the key's hash. A revoked key or an uninstalled store's is refused. */
export async function authenticateApiKey(
  deps: ApiKeysDeps,
  input: { key: string },
): Promise<AuthenticatedKey | Refusal> {
  if (input.key.length === 0 || input.key.length > MAX_KEY_LENGTH) {
    return refuse(AUTH_REFUSALS.invalidKey, 'The API key is not valid.');
  }
  const found = await deps.apiKeys.findByHash(hashApiKey(input.key));
  if (found === null || !found.storeInstalled) {
    return refuse(AUTH_REFUSALS.invalidKey, 'The API key is not valid.');
  }
  if (found.revokedAt !== null) return refuse(AUTH_REFUSALS.revokedKey, 'The API key was revoked.');
  const now = deps.clock.now();
  await deps.apiKeys.touch(found.storeId, found.id, now, new Date(now.getTime() - LAST_USED_RESOLUTION_MS));
  return { ok: true, storeId: found.storeId, keyId: found.id, prefix: found.prefix };
}
