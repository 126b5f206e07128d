import { type Refusal, refuse } from '../../core/item.js';
import type { ApiKeyRecord } from '../ports/api-key-repository.js';
import type { StoreId } from '../ports/store-id.js';
import { API_KEY_REFUSALS, type ApiKeysDeps } from './create-api-key.js';

/** Revokes a key of the store at once; revoking it again changes nothing. */
export async function revokeApiKey(
  deps: ApiKeysDeps,
  input: { storeId: StoreId; keyId: number },
): Promise<{ readonly ok: true; readonly apiKey: ApiKeyRecord } | Refusal> {
  const revoked = await deps.apiKeys.revoke(input.storeId, input.keyId, deps.clock.now());
  return revoked === null
    ? refuse(API_KEY_REFUSALS.notFound, `No API key ${input.keyId} in this store.`)
    : { ok: true, apiKey: revoked };
}
