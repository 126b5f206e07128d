import type { StoreId } from './store-id.js';

/**
 * The signed requests (BigCommerce's `signed_payload_jwt` on /load) the app accepted, by their id, so
 * each is accepted once: a link replayed from a browser history, a log or a shoulder is refused even
 * while its signature and times are valid. A request is remembered until it expires; after that its
 * signature no longer verifies, so it need not be.
 */
export interface UsedSignedRequests {
  /**
   * Records the request as used; false when it was used before (a replay), true the first time.
   * Two concurrent uses of one request: exactly one gets true.
   */
  markUsed(storeId: StoreId, requestId: string, expiresAt: Date, now: Date): Promise<boolean>;
  /** Forgets the store's requests that expired before `now`; returns how many. */
  forgetExpired(storeId: StoreId, now: Date): Promise<number>;
}
