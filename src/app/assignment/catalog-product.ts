import type { Product, Variant } from '../../adapters/bigcommerce/index.js';
import { ASSIGNMENT_WARNINGS, type AssignmentWarning } from './assignment-codes.js';

/**
 * How the app reads a BigCommerce product (docs/bigcommerce.md#catalog): which of its variants are
 * items, what its original settings were, and which inventory levels are stock.
 */

/**
 * The variants that are items: those made of option values. A product without options still has one
 * base variant (no option values), and then the product itself is the single item.
 */
export function optionVariants(product: Product): readonly Variant[] {
  return (product.variants ?? []).filter((v) => v.option_values.length > 0);
}

export function hasOptionVariants(product: Product): boolean {
  return optionVariants(product).length > 0;
}

/** `Size: L, Colour: Red`, as the control panel names a variant. */
export function variantLabel(variant: Variant): string {
  return variant.option_values.map((v) => `${v.option_display_name}: ${v.label}`).join(', ');
}

/** The settings assignment changes, as BigCommerce had them before: kept on the products row. */
export interface OriginalSettings {
  readonly recordedAt: string;
  readonly inventory_tracking: Product['inventory_tracking'];
  readonly inventory_level: number;
  readonly inventory_warning_level: number;
  readonly availability: Product['availability'];
  readonly availability_description: string;
  readonly variants: readonly {
    readonly id: number;
    readonly sku: string;
    readonly purchasing_disabled: boolean;
    readonly purchasing_disabled_message: string;
    readonly inventory_level: number | null;
    readonly inventory_warning_level: number | null;
  }[];
}

export function originalSettingsOf(product: Product, now: Date): OriginalSettings {
  return {
    recordedAt: now.toISOString(),
    inventory_tracking: product.inventory_tracking,
    inventory_level: product.inventory_level,
    inventory_warning_level: product.inventory_warning_level,
    availability: product.availability,
    availability_description: product.availability_description ?? '',
    variants: (product.variants ?? []).map((v) => ({
      id: v.id,
      sku: v.sku,
      purchasing_disabled: v.purchasing_disabled,
      purchasing_disabled_message: v.purchasing_disabled_message ?? '',
      inventory_level: v.inventory_level,
      inventory_warning_level: v.inventory_warning_level,
    })),
  };
}

export interface BigCommerceStock {
  /** One per item: `bcVariantId` null for a product without option variants. */
  readonly items: readonly {
    readonly bcVariantId: number | null;
    readonly sku: string | null;
    readonly stock: number;
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
export function stockFromBigCommerce(product: Product): BigCommerceStock {
  const variants = optionVariants(product);
  const level = (n: number | null | undefined) => Math.max(0, n ?? 0);
  if (variants.length === 0) {
    const tracked = product.inventory_tracking !== 'none';
    return {
      items: [
        {
          bcVariantId: null,
          sku: emptyToNull(product.sku),
          stock: tracked ? level(product.inventory_level) : 0,
        },
      ],
      warning: tracked ? null : ASSIGNMENT_WARNINGS.stockNotTracked,
    };
  }
  const perVariant = product.inventory_tracking === 'variant';
  return {
    items: variants.map((v) => ({
      bcVariantId: v.id,
      sku: emptyToNull(v.sku),
      stock: perVariant ? level(v.inventory_level) : 0,
    })),
    warning: perVariant
      ? null
      : product.inventory_tracking === 'none'
        ? ASSIGNMENT_WARNINGS.stockNotTracked
        : ASSIGNMENT_WARNINGS.stockNotPerVariant,
  };
}

function emptyToNull(value: string | null | undefined): string | null {
  return value === undefined || value === null || value.trim() === '' ? null : value;
}
