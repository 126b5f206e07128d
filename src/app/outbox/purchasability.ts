import type {
  BatchItemFailure,
  BigCommerceClient,
  ProductPatch,
  VariantPatch,
} from '../../adapters/bigcommerce/index.js';
import type { ItemRecord } from '../ports/item-repository.js';

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

export interface Patches {
  readonly products: ProductPatch[];
  readonly variants: VariantPatch[];
}

/** One patch per product and per variant (a later target for the same one wins). */
export function patchesFor(targets: Iterable<PurchasabilityTarget>, disabledMessage: string): Patches {
  const products = new Map<number, ProductPatch>();
  const variants = new Map<number, VariantPatch>();
  for (const target of targets) {
    if (target.kind === 'product') {
      products.set(target.bcProductId, { id: target.bcProductId, availability: target.availability });
    } else {
      variants.set(target.bcVariantId, {
        id: target.bcVariantId,
        product_id: target.bcProductId,
        purchasing_disabled: !target.purchasable,
        purchasing_disabled_message: target.purchasable ? '' : disabledMessage,
      });
    }
  }
  return { products: [...products.values()], variants: [...variants.values()] };
}

export interface SendOutcome {
  /** Per refused product (`product:{id}`) or variant (`variant:{id}`): what BigCommerce said. */
  readonly failures: ReadonlyMap<string, BatchItemFailure>;
  /** Items written (products + variants), whether or not they were refused. */
  readonly sent: number;
}

/**
 * Writes the patches through the client's batch calls (10 products, 50 variants per request, paced by
 * the store's rate limit). Items BigCommerce refuses are reported; an outage throws.
 */
export async function sendPatches(client: BigCommerceClient, patches: Patches): Promise<SendOutcome> {
  const failures = new Map<string, BatchItemFailure>();
  if (patches.products.length > 0) {
    const result = await client.updateProducts(patches.products);
    // A 207 means "applied in part": availability is among the fields BigCommerce applied.
    for (const failure of result.failures) {
      if (failure.status !== 207) failures.set(`product:${failure.id}`, failure);
    }
  }
  if (patches.variants.length > 0) {
    const result = await client.updateVariants(patches.variants);
    for (const failure of result.failures) {
      if (failure.status !== 207) failures.set(`variant:${failure.id}`, failure);
    }
  }
  return { failures, sent: patches.products.length + patches.variants.length };
}
