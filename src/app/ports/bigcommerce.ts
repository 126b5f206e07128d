import type { BigCommerceClient } from '../../adapters/bigcommerce/index.js';

export { StoreNotConnectedError } from './store-not-connected.js';
export type { BigCommerceClient };

/**
 * The BigCommerce client of one installed store (its access token decrypted), from the shared pool
 * that paces requests per store. Use cases ask for it; they never see tokens.
 */
export type BigCommerceForStore = (storeId: number) => Promise<BigCommerceClient>;
