declare const storeIdBrand: unique symbol;

/**
 * A store's id in the app's database. Branded so that a store id and another bare number (an item id,
 * a BigCommerce product id) cannot be swapped by mistake: every port takes the store first, typed so.
 * Ids come from the storage (a store's row) or from a validated outside value through `asStoreId`.
 */
export type StoreId = number & { readonly [storeIdBrand]: true };

/** Checks an outside value (a job payload, a token's claim) and brands it. */
export function asStoreId(value: number): StoreId {
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new RangeError(`A store id is a positive whole number, not ${value}`);
  }
  return value as StoreId;
}
