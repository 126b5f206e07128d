/**
 * What a bulk assignment will cost in BigCommerce calls, and how long that takes at the store's quota
 * (issue 12.2), told before the run starts. Pure arithmetic.
 *
 * Calls: one read per page of 250 products (variants included), then at most one product write per
 * product, 10 per request; variant writes (50 per request) come on top only for variants whose
 * purchasability BigCommerce shows differently, which is not known before reading, so they are left out.
 * The webhooks the writes cause cost nothing (their echoes are recognised, not re-read).
 */

/** BigCommerce's default quota (Standard and Plus plans): 150 requests per 30-second window. */
export const DEFAULT_STORE_QUOTA: StoreQuota = { requests: 150, windowMs: 30_000 };

export interface StoreQuota {
  /** Requests the store allows per window, shared by every app of the store. */
  readonly requests: number;
  readonly windowMs: number;
}

export interface AssignmentEstimate {
  readonly products: number;
  readonly reads: number;
  readonly writes: number;
  readonly calls: number;
  readonly quota: StoreQuota;
  /** At the whole quota (other apps of the store may use part of it: then longer). */
  readonly seconds: number;
}

export function estimateAssignment(
  products: number,
  quota: StoreQuota = DEFAULT_STORE_QUOTA,
): AssignmentEstimate {
  const reads = Math.ceil(products / 250);
  const writes = Math.ceil(products / 10);
  const calls = reads + writes;
  // Each full window's requests go at once; a remainder takes a window more only when it is not empty.
  const seconds = Math.ceil((calls / quota.requests) * (quota.windowMs / 1000));
  return { products, reads, writes, calls, quota, seconds };
}
