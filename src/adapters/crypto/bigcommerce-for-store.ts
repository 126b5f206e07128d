import { type BigCommerceForStore, StoreNotConnectedError } from '../../app/ports/bigcommerce.js';
import type { StoreRepository } from '../../app/ports/store-repository.js';
import type { BigCommerceClientPool } from '../bigcommerce/index.js';
import type { TokenCipher } from './token-cipher.js';

/**
 * The BigCommerceForStore port: loads the store, opens its sealed access token and hands out a client
 * from the shared pool (which paces requests per store hash). The token is read on every call, so a
 * re-install's new token is used at once and an uninstalled store is refused at once.
 */
export function createBigCommerceForStore(deps: {
  readonly stores: Pick<StoreRepository, 'getStore'>;
  readonly cipher: TokenCipher;
  readonly pool: Pick<BigCommerceClientPool, 'forStore'>;
}): BigCommerceForStore {
  return async (storeId) => {
    const store = await deps.stores.getStore(storeId);
    if (store === null || store.status !== 'installed' || store.accessTokenEncrypted === null) {
      throw new StoreNotConnectedError(storeId);
    }
    const accessToken = deps.cipher.open(store.accessTokenEncrypted, store.storeHash);
    return deps.pool.forStore({ storeHash: store.storeHash, accessToken });
  };
}
