import type { StoreId } from './store-id.js';

/**
 * Thrown by the store ports (StoreOrders, StoreCatalog, StoreSetup) when the store cannot be reached on
 * BigCommerce's side any more: it is unknown, uninstalled, or holds no token. Not an outage: a job that
 * meets it should stop, not retry.
 */
export class StoreNotConnectedError extends Error {
  override readonly name = 'StoreNotConnectedError';
  readonly code = 'STORE.NOT_CONNECTED';
  constructor(readonly storeId: StoreId) {
    super(`Store ${storeId} is not installed (or has no access token); BigCommerce cannot be called for it.`);
  }
}
