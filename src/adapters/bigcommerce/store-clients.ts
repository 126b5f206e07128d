import type { StoreId } from '../../app/ports/store-id.js';
import { StoreNotConnectedError } from '../../app/ports/store-not-connected.js';
import type { StoreRepository } from '../../app/ports/store-repository.js';
import type { TokenSealer } from '../../app/ports/token-sealer.js';
import type { BigCommerceClient, BigCommerceClientPool } from './bigcommerce.client.js';

/**
 * The BigCommerce client of one installed store (its access token opened), from the shared pool that
 * paces requests per store. The store adapters (StoreOrders, StoreCatalog, StoreSetup) take one per
 * call; tests hand in their own.
 */
export type StoreClients = (storeId: StoreId) => Promise<BigCommerceClient>;

/**
 * Loads the store, opens its sealed access token and hands out a client from the shared pool. The token
 * is read on every call, so a re-install's new token is used at once and an uninstalled store is
 * refused at once (StoreNotConnectedError).
 */
export function createStoreClients(deps: {
  readonly stores: Pick<StoreRepository, 'getStore'>;
  /** Opens the sealed token (the same TokenSealer the install sealed it with). */
  readonly tokens: Pick<TokenSealer, 'open'>;
  readonly pool: Pick<BigCommerceClientPool, 'forStore'>;
}): StoreClients {
  return async (storeId) => {
    const store = await deps.stores.getStore(storeId);
    if (store === null || store.status !== 'installed' || store.accessTokenEncrypted === null) {
      throw new StoreNotConnectedError(storeId);
    }
    const accessToken = deps.tokens.open(store.accessTokenEncrypted, store.storeHash);
    return deps.pool.forStore({ storeHash: store.storeHash, accessToken });
  };
}
