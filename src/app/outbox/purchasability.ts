import type { ItemRecord } from '../ports/item-repository.js';
import type { CatalogRefusal, ProductChange, StoreCatalog, VariantChange } from '../ports/store-catalog.js';
import type { StoreId } from '../ports/store-id.js';

/**
 * Purchasability in BigCommerce (docs/product.md#purchasability): `availability` for a product without
 * variants, `purchasing_disabled` (+ its message) per variant, and `availability: disabled` for the whole
 * product once it is unassigned. Always derived from an item's CURRENT state, never from the order in
 * which changes were reported, so any number of changes collapses into one write of the latest state.
 */
export type PurchasabilityTarget =
  | {
      readonly kind: 'product';
      readonly bcProductId: number;
      readonly availability: 'available' | 'disabled';
    }
  | {
      readonly kind: 'variant';
      readonly bcProductId: number;
      readonly bcVariantId: number;
      readonly purchasable: boolean;
    };

/** Shown by the storefront on a variant the app made unpurchasable. */
export const DEFAULT_DISABLED_MESSAGE = 'Currently unavailable';

export function targetKey(target: PurchasabilityTarget): string {
  return target.kind === 'product' ? `product:${target.bcProductId}` : `variant:${target.bcVariantId}`;
}

/**
 * What BigCommerce should show for this item now; null when there is nothing to write for it (an item
 * left out of its product's current assignment, e.g. a variant deleted between two assignments).
 */
export function purchasabilityTarget(
  item: ItemRecord,
  productAssigned: boolean,
): PurchasabilityTarget | null {
  if (!item.active || item.status === null) {
    return productAssigned
      ? null
      : { kind: 'product', bcProductId: item.bcProductId, availability: 'disabled' };
  }
  const purchasable = item.status !== 'unavailable';
  return item.bcVariantId === null
    ? { kind: 'product', bcProductId: item.bcProductId, availability: purchasable ? 'available' : 'disabled' }
    : { kind: 'variant', bcProductId: item.bcProductId, bcVariantId: item.bcVariantId, purchasable };
}

export function sameTarget(a: PurchasabilityTarget | null, b: PurchasabilityTarget | null): boolean {
  if (a === null || b === null) return a === b;
  if (a.kind === 'product' && b.kind === 'product') {
    return a.bcProductId === b.bcProductId && a.availability === b.availability;
  }
  if (a.kind === 'variant' && b.kind === 'variant') {
    return a.bcVariantId === b.bcVariantId && a.purchasable === b.purchasable;
  }
  return false;
}

export interface CatalogChanges {
  readonly products: ProductChange[];
  readonly variants: VariantChange[];
}

/** One change per product and per variant (a later target for the same one wins). */
export function changesFor(targets: Iterable<PurchasabilityTarget>, disabledMessage: string): CatalogChanges {
  const products = new Map<number, ProductChange>();
  const variants = new Map<number, VariantChange>();
  for (const target of targets) {
    if (target.kind === 'product') {
      products.set(target.bcProductId, {
        bcProductId: target.bcProductId,
        availability: target.availability,
      });
    } else {
      variants.set(target.bcVariantId, {
        bcProductId: target.bcProductId,
        bcVariantId: target.bcVariantId,
        purchasable: target.purchasable,
        unavailableMessage: target.purchasable ? '' : disabledMessage,
      });
    }
  }
  return { products: [...products.values()], variants: [...variants.values()] };
}

export interface SendOutcome {
  /** Per refused product (`product:{id}`) or variant (`variant:{id}`): what the store said. */
  readonly failures: ReadonlyMap<string, CatalogRefusal>;
  /** Items written (products + variants), whether or not they were refused. */
  readonly sent: number;
}

/**
 * Writes the changes through the catalog's batch writes (products first, then variants, paced by the
 * store's rate limit). Items the store refuses are reported; an outage throws.
 */
export async function sendChanges(
  catalog: Pick<StoreCatalog, 'updateProducts' | 'updateVariants'>,
  storeId: StoreId,
  changes: CatalogChanges,
): Promise<SendOutcome> {
  const failures = new Map<string, CatalogRefusal>();
  if (changes.products.length > 0) {
    for (const refusal of await catalog.updateProducts(storeId, changes.products)) {
      failures.set(`product:${refusal.id}`, refusal);
    }
  }
  if (changes.variants.length > 0) {
    for (const refusal of await catalog.updateVariants(storeId, changes.variants)) {
      failures.set(`variant:${refusal.id}`, refusal);
    }
  }
  return { failures, sent: changes.products.length + changes.variants.length };
}
