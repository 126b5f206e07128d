import { remainingUnits } from '../../core/messages.js';
import type { CatalogEchoes } from '../ports/catalog-echoes.js';
import type { ItemRecord } from '../ports/item-repository.js';
import type { CatalogRefusal, ProductChange, StoreCatalog, VariantChange } from '../ports/store-catalog.js';
import type { StoreId } from '../ports/store-id.js';

/**
 * Purchasability in BigCommerce (docs/product.md#purchasability): `availability` for a product without
 * variants, `purchasing_disabled` (+ its message) per variant, and `availability: disabled` for the whole
 * product once it is unassigned. Always derived from an item's CURRENT state, never from the order in
 * which changes were reported, so any number of changes collapses into one write of the latest state.
 *
 * A product without variants also gets its per-order maximum (`order_quantity_maximum`): the units left
 * to backorder while it is in backorder with a threshold, the merchant's own value otherwise (issue 9.1).
 */
export type PurchasabilityTarget =
  | {
      readonly kind: 'product';
      readonly bcProductId: number;
      readonly availability: 'available' | 'disabled';
      /**
       * The per-order maximum to write (0 = no limit); absent when the merchant's own value was not
       * recorded (products assigned before the app recorded it): the app then leaves it alone.
       */
      readonly orderQuantityMaximum?: number;
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

/** Why a `setPurchasable` message the shell adds for a change of the per-order maximum was written. */
export const ORDER_LIMIT_REASON = 'order limit';

/**
 * The per-order maximum the app keeps for a product without variants while it is in backorder with a
 * threshold: the units left to backorder, T − B (at least 1: BigCommerce reads 0 as "no limit"). Null
 * when the app keeps none (the merchant's own value applies): another status, no threshold, a variant
 * (BigCommerce's maximum is per product, not per variant), or unassigned.
 */
export function orderLimitOf(
  item: Pick<ItemRecord, 'bcVariantId' | 'active' | 'status' | 'threshold' | 'backordered'>,
): number | null {
  if (item.bcVariantId !== null || !item.active || item.status !== 'backorder') return null;
  const remaining = remainingUnits(item);
  return remaining === null ? null : Math.max(1, remaining);
}

/** The per-order maximum to write: the app's limit, or the merchant's own when lower (0 = no limit). */
export function orderQuantityMaximumFor(
  item: Parameters<typeof orderLimitOf>[0],
  merchantMaximum: number,
): number {
  const limit = orderLimitOf(item);
  if (limit === null) return merchantMaximum;
  return merchantMaximum > 0 ? Math.min(merchantMaximum, limit) : limit;
}

/**
 * The merchant's own per-order maximum, as assignment recorded it in the product's original settings
 * (`order_quantity_maximum`); null when it was not recorded.
 */
export function merchantOrderMaximum(originalSettings: unknown): number | null {
  if (typeof originalSettings !== 'object' || originalSettings === null) return null;
  const value = (originalSettings as { order_quantity_maximum?: unknown }).order_quantity_maximum;
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : null;
}

/**
 * What BigCommerce should show for this item now; null when there is nothing to write for it (an item
 * left out of its product's current assignment, e.g. a variant deleted between two assignments).
 * `merchantMaximum`: the product's own per-order maximum (null: not recorded, left alone).
 */
export function purchasabilityTarget(
  item: ItemRecord,
  productAssigned: boolean,
  merchantMaximum: number | null = null,
): PurchasabilityTarget | null {
  const maximum = (value: number) => (merchantMaximum === null ? {} : { orderQuantityMaximum: value });
  if (!item.active || item.status === null) {
    return productAssigned
      ? null
      : {
          kind: 'product',
          bcProductId: item.bcProductId,
          availability: 'disabled',
          // Unassigned: the merchant's own maximum comes back.
          ...maximum(merchantMaximum ?? 0),
        };
  }
  const purchasable = item.status !== 'unavailable';
  return item.bcVariantId === null
    ? {
        kind: 'product',
        bcProductId: item.bcProductId,
        availability: purchasable ? 'available' : 'disabled',
        ...maximum(orderQuantityMaximumFor(item, merchantMaximum ?? 0)),
      }
    : { kind: 'variant', bcProductId: item.bcProductId, bcVariantId: item.bcVariantId, purchasable };
}

export function sameTarget(a: PurchasabilityTarget | null, b: PurchasabilityTarget | null): boolean {
  if (a === null || b === null) return a === b;
  if (a.kind === 'product' && b.kind === 'product') {
    return (
      a.bcProductId === b.bcProductId &&
      a.availability === b.availability &&
      a.orderQuantityMaximum === b.orderQuantityMaximum
    );
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
        ...(target.orderQuantityMaximum === undefined
          ? {}
          : { orderQuantityMaximum: target.orderQuantityMaximum }),
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
  /** Where the product writes are remembered first, so their webhooks are known as the app's echoes. */
  echoes?: { readonly record: Pick<CatalogEchoes, 'expect'>; readonly at: Date },
): Promise<SendOutcome> {
  const failures = new Map<string, CatalogRefusal>();
  if (changes.products.length > 0) {
    await echoes?.record.expect(
      storeId,
      changes.products.map((c) => c.bcProductId),
      echoes.at,
    );
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
