import { type Refusal, refuse } from '../../core/item.js';
import type { StoreId } from '../ports/store-id.js';

/**
 * Refusals of the item pipeline itself, beside the rules' own codes (src/core/codes.ts) and the order
 * lines' (src/app/orders/order-line-rules.ts). Stable: the API and tests match on them.
 */
export const ITEM_REFUSALS = {
  itemNotFound: 'ITEM.NOT_FOUND',
  productNotFound: 'PRODUCT.NOT_FOUND',
  productNotAssigned: 'PRODUCT.NOT_ASSIGNED',
  productHasNoItems: 'PRODUCT.NO_ITEMS',
  skuTaken: 'ITEM.SKU_TAKEN',
  storeNotFound: 'STORE.NOT_FOUND',
  /** A client's Idempotency-Key sent again with another request (another body, item or operation). */
  requestKeyReused: 'IDEMPOTENCY.KEY_REUSED',
} as const;

export type ItemRefusalCode = (typeof ITEM_REFUSALS)[keyof typeof ITEM_REFUSALS];

/** An outcome of the item pipeline that changed nothing because of `refusal`. */
export function refused(refusal: Refusal): { applied: false; duplicate: false; refusal: Refusal } {
  return { applied: false, duplicate: false, refusal };
}

export function storeNotFound(storeId: StoreId): Refusal {
  return refuse(ITEM_REFUSALS.storeNotFound, `No store ${storeId}.`);
}
