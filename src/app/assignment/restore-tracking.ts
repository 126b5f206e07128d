import type { UnassignedItem } from '../notifications/index.js';
import type { InventoryTracking, ProductChange, VariantChange } from '../ports/store-catalog.js';
import type { StoreId } from '../ports/store-id.js';
import { ASSIGNMENT_WARNINGS, type AssignmentWarning } from './assignment-codes.js';
import type { AssignmentDeps } from './assignment-deps.js';

/** What an unassignment with `restoreTracking` did in BigCommerce. */
export interface TrackingRestored {
  /**
   * The inventory tracking BigCommerce has again (the product's original setting), with the app's
   * last stock as its levels; `none` when the product did not track inventory before the app (nothing
   * is written). Null when it could not be restored (see the warnings).
   */
  readonly restored: InventoryTracking | null;
  readonly warnings: readonly AssignmentWarning[];
}

/** BigCommerce's inventory levels: 0…2,147,483,647 (the app's stock may be negative). */
const MAX_LEVEL = 2_147_483_647;

function level(stock: number): number {
  return Math.min(Math.max(0, stock), MAX_LEVEL);
}

/**
 * Gives an unassigned product's inventory back to BigCommerce (docs/product.md#unassignment): its
 * original inventory tracking, recorded at the first assignment, with each item's stock at
 * unassignment as its level — the product's level when it tracked by product (the variants' stock
 * added up, since the app counted them one by one), each variant's when it tracked by variant; a
 * negative stock is written as 0. Absolute writes, harmless to repeat while BigCommerce still tracks
 * nothing (`onlyWhileUntracked`, for a retry: once tracking is on, BigCommerce's own levels are newer).
 * A write BigCommerce refuses is a warning (the unassignment stands); an outage throws.
 */
export async function restoreTracking(
  deps: Pick<AssignmentDeps, 'storeCatalog' | 'reportError'>,
  storeId: StoreId,
  bcProductId: number,
  originalSettings: unknown,
  items: readonly UnassignedItem[],
  options: { readonly onlyWhileUntracked?: boolean } = {},
): Promise<TrackingRestored> {
  const original = originalTrackingOf(originalSettings);
  if (original === null) {
    deps.reportError?.(
      new Error('No original inventory tracking was recorded for the product.'),
      `restoring inventory tracking of product ${bcProductId}`,
    );
    return { restored: null, warnings: [ASSIGNMENT_WARNINGS.trackingNotRestored] };
  }
  if (original === 'none') return { restored: 'none', warnings: [] };
  if (options.onlyWhileUntracked === true) {
    const now = await deps.storeCatalog.getProduct(storeId, bcProductId);
    if (now === null || now.tracking !== 'none') return { restored: now?.tracking ?? null, warnings: [] };
  }

  const product: { -readonly [K in keyof ProductChange]: ProductChange[K] } = {
    bcProductId,
    tracking: original,
  };
  const variants: VariantChange[] = [];
  if (original === 'product') {
    product.stockLevel = level(items.reduce((sum, i) => sum + Math.max(0, i.stock), 0));
  } else {
    for (const item of items) {
      if (item.bcVariantId === null) product.stockLevel = level(item.stock);
      else variants.push({ bcProductId, bcVariantId: item.bcVariantId, stockLevel: level(item.stock) });
    }
  }
  const refusals = [
    ...(await deps.storeCatalog.updateProducts(storeId, [product])),
    ...(variants.length > 0 ? await deps.storeCatalog.updateVariants(storeId, variants) : []),
  ];
  if (refusals.length > 0) {
    deps.reportError?.(
      new Error(refusals.map((r) => `${r.id}: ${r.reason}`).join('; ')),
      `restoring inventory tracking of product ${bcProductId}`,
    );
    return { restored: null, warnings: [ASSIGNMENT_WARNINGS.trackingNotRestored] };
  }
  return { restored: original, warnings: [] };
}

/** Whether `restoreTracking` writes levels for a product with these original settings (it tracked inventory). */
export function restoresLevels(originalSettings: unknown): boolean {
  const original = originalTrackingOf(originalSettings);
  return original === 'product' || original === 'variant';
}

function originalTrackingOf(settings: unknown): InventoryTracking | null {
  if (typeof settings !== 'object' || settings === null) return null;
  const tracking = (settings as { inventory_tracking?: unknown }).inventory_tracking;
  return tracking === 'none' || tracking === 'product' || tracking === 'variant' ? tracking : null;
}
