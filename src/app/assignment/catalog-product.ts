import type { ItemOptionValue } from '../ports/item-repository.js';
import type { InventoryTracking, StoreProduct, StoreVariant } from '../ports/store-catalog.js';
import { ASSIGNMENT_WARNINGS, type AssignmentWarning } from './assignment-codes.js';

/**
 * How the app reads a product of the store's catalog (docs/bigcommerce.md#catalog): which of its
 * variants are items, what its original settings were, and which inventory levels are stock.
 */

/**
 * The variants that are items: those made of option values. A product without options still has one
 * base variant (no option values), and then the product itself is the single item.
 */
export function optionVariants(product: StoreProduct): readonly StoreVariant[] {
  return product.variants.filter((v) => v.options.length > 0);
}

export function hasOptionVariants(product: StoreProduct): boolean {
  return optionVariants(product).length > 0;
}

/** `Size: L, Colour: Red`, as the control panel names a variant. */
export function variantLabel(variant: StoreVariant): string {
  return variant.options.map((o) => `${o.name}: ${o.value}`).join(', ');
}

/**
 * The settings assignment changes, as BigCommerce had them before: kept on the products row as JSON,
 * under BigCommerce's own field names (the stored format; a restore writes them back as they were).
 */
export interface OriginalSettings {
  readonly recordedAt: string;
  readonly inventory_tracking: InventoryTracking;
  readonly inventory_level: number;
  readonly inventory_warning_level: number;
  readonly availability: StoreProduct['availability'];
  readonly availability_description: string;
  /**
   * The merchant's own per-order maximum (0 = no limit), which the app lowers to the units left to
   * backorder while a product without variants is in backorder with a threshold, and restores after.
   * Absent from settings recorded before the app kept it: the app then leaves the maximum alone.
   */
  readonly order_quantity_maximum?: number;
  readonly variants: readonly {
    readonly id: number;
    readonly sku: string;
    readonly purchasing_disabled: boolean;
    readonly purchasing_disabled_message: string;
    readonly inventory_level: number | null;
    readonly inventory_warning_level: number | null;
  }[];
}

export function originalSettingsOf(product: StoreProduct, now: Date): OriginalSettings {
  return {
    recordedAt: now.toISOString(),
    inventory_tracking: product.tracking,
    inventory_level: product.stockLevel,
    inventory_warning_level: product.warningLevel,
    availability: product.availability,
    availability_description: product.availabilityDescription,
    order_quantity_maximum: product.orderQuantityMaximum,
    variants: product.variants.map((v) => ({
      id: v.id,
      sku: v.sku,
      purchasing_disabled: !v.purchasable,
      purchasing_disabled_message: v.unavailableMessage,
      inventory_level: v.stockLevel,
      inventory_warning_level: v.warningLevel,
    })),
  };
}

export interface BigCommerceStock {
  /** One per item: `bcVariantId` null for a product without option variants. */
  readonly items: readonly {
    readonly bcVariantId: number | null;
    readonly sku: string | null;
    readonly stock: number;
    /** What the storefront's product form sends for the variant (none for the product itself). */
    readonly optionValues: readonly ItemOptionValue[];
  }[];
  readonly warning: AssignmentWarning | null;
}

/**
 * BigCommerce's inventory levels as the items' stock:
 * - tracking by product, or a product without option variants: the product's level;
 * - tracking by variant: each variant's level;
 * - no tracking: 0 (docs/product.md#assignment: when BigCommerce has no stock for a product, the
 *   merchant enters it in Backorder);
 * - tracking by product for a product WITH option variants: one shared count that cannot be split over
 *   the variants the app tracks one by one, so 0 as well (counting the whole pool for every variant
 *   would let it sell several times the units it has without ever calling them backorders).
 */
export function stockFromBigCommerce(product: StoreProduct): BigCommerceStock {
  const variants = optionVariants(product);
  const level = (n: number | null | undefined) => Math.max(0, n ?? 0);
  if (variants.length === 0) {
    const tracked = product.tracking !== 'none';
    return {
      items: [
        {
          bcVariantId: null,
          sku: emptyToNull(product.sku),
          stock: tracked ? level(product.stockLevel) : 0,
          optionValues: [],
        },
      ],
      warning: tracked ? null : ASSIGNMENT_WARNINGS.stockNotTracked,
    };
  }
  const perVariant = product.tracking === 'variant';
  return {
    items: variants.map((v) => ({
      bcVariantId: v.id,
      sku: emptyToNull(v.sku),
      stock: perVariant ? level(v.stockLevel) : 0,
      optionValues: v.options.map((o) => ({
        optionId: o.optionId,
        valueId: o.valueId,
        name: o.name,
        label: o.value,
      })),
    })),
    warning: perVariant
      ? null
      : product.tracking === 'none'
        ? ASSIGNMENT_WARNINGS.stockNotTracked
        : ASSIGNMENT_WARNINGS.stockNotPerVariant,
  };
}

function emptyToNull(value: string | null | undefined): string | null {
  return value === undefined || value === null || value.trim() === '' ? null : value;
}
