import type { ApiKeyRecord } from '../ports/api-key-repository.js';
import type { StoreId } from '../ports/store-id.js';
import type { ApiKeysDeps } from './create-api-key.js';

/** The store's usable keys (prefix, name, created, last used); never the keys themselves. */
export function listApiKeys(
  deps: Pick<ApiKeysDeps, 'apiKeys'>,
  input: { storeId: StoreId },
): Promise<ApiKeyRecord[]> {
  return deps.apiKeys.listActive(input.storeId);
}
