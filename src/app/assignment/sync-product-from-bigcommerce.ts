import { type Result, refuse } from '../../core/item.js';
import { applyItemEvent } from '../items/apply-item-event.js';
import { catalogSyncKey } from '../jobs/keys.js';
import { requestDelivery } from '../jobs/request-delivery.js';
import {
  changesFor,
  DEFAULT_DISABLED_MESSAGE,
  type PurchasabilityTarget,
  purchasabilityTarget,
  sendChanges,
} from '../outbox/purchasability.js';
import type { ItemRecord } from '../ports/item-repository.js';
import type { Cause } from '../ports/item-transactions.js';
import type { ProductChange, StoreProduct } from '../ports/store-catalog.js';
import type { StoreId } from '../ports/store-id.js';
import { ASSIGNMENT_CODES, ASSIGNMENT_WARNINGS } from './assignment-codes.js';
import type { AssignmentDeps } from './assignment-deps.js';
import { optionVariants } from './catalog-product.js';

/**
 * Why a sync runs: a BigCommerce webhook about the product (product or SKU updated, inventory updated)
 * or the merchant's "sync" button. Strings are accepted for callers that have nothing more to say.
 */
export type SyncCause =
  | 'webhook'
  | 'manual'
  | { readonly kind: 'webhook'; readonly inboxId?: number; readonly scope?: string }
  | { readonly kind: 'manual'; readonly actor?: string }
  | Cause;

export interface SyncProductInput {
  readonly storeId: StoreId;
  readonly bcProductId: number;
  readonly cause: SyncCause;
}

export interface StockTaken {
  readonly itemId: number;
  readonly bcVariantId: number | null;
  readonly from: number;
  readonly to: number;
}

export type SyncProductResult = Result<
  {
    readonly productId: number;
    /** BigCommerce's level taken as stock, per item whose stock it changed. */
    readonly stockTaken: readonly StockTaken[];
    /** BigCommerce tracked the product's inventory (an ERP or a person turned it on or wrote a level). */
    readonly trackingWasOn: boolean;
    readonly trackingTurnedOff: boolean;
    /** Products and variants whose purchasability was set back to the app's (someone changed it). */
    readonly purchasabilityCorrected: number;
    readonly warnings: readonly string[];
  },
  string
>;

/**
 * Brings an assigned product back in line after a change in BigCommerce
 * (docs/product.md#changes-made-in-bigcommerce):
 *
 * - When BigCommerce tracks its inventory again (an ERP or a person turned tracking on, or wrote a level,
 *   which turns it on), its levels are taken as the items' stock — a `synced` event per item — and,
 *   with the store setting "keep tracking off" (default on), tracking is turned off again.
 *   Each level is applied once, keyed by the product's last-modified stamp, the item and the level: a
 *   repeated webhook re-reads the same product and changes nothing, while two ERP writes differ in
 *   that stamp (or, within the same second, in level) and both apply.
 * - The app's own writes come back as webhooks too. They never turn tracking on, so with tracking off
 *   there is no level to take; and purchasability equal to the app's (or about to be written by the
 *   outbox) changes nothing. Purchasability someone else changed is set back: the app owns it.
 *
 * With "keep tracking off" disabled, BigCommerce keeps counting too and its level is taken again on
 * every change of the product: BigCommerce's count is then the merchant's source of truth.
 */
export async function syncProductFromBigCommerce(
  deps: AssignmentDeps,
  input: SyncProductInput,
): Promise<SyncProductResult> {
  const { storeId, bcProductId } = input;
  const record = await deps.products.findProductByBcId(storeId, bcProductId);
  if (record === null || !record.assigned) {
    return refuse(ASSIGNMENT_CODES.notAssigned, `Product ${bcProductId} is not assigned to Backorder.`);
  }
  const product = await deps.storeCatalog.getProduct(storeId, bcProductId);
  if (product === null) {
    return refuse(ASSIGNMENT_CODES.productNotFound, `BigCommerce has no product ${bcProductId} any more.`);
  }
  const items = await deps.items.listItems(storeId, { productId: record.id, limit: 1000 });
  const settings = await deps.settings.getSettings(storeId);
  // Cap at checkout and native backorders: tracking is meant to be on, and BigCommerce's level is the
  // app's own (cap: the units still sellable) or on hand (native); someone's change of a level arrives as an inventory webhook with its numbers
  // (webhooks/inventory-changed.ts). Here only purchasability is brought back in line.
  const capped = (settings?.inventoryMode ?? 'emulated') !== 'emulated';
  const keepTrackingOff = !capped && (settings?.keepTrackingOff ?? true);
  const { cause, actor } = causeOf(input.cause);
  const warnings = new Set<string>(itemMismatches(product, items));

  const stockTaken: StockTaken[] = [];
  const trackingWasOn = product.tracking !== 'none';
  if (trackingWasOn && !capped) {
    const levels = levelsOf(product, items);
    if (levels.warning !== null) warnings.add(levels.warning);
    for (const item of items) {
      const level = levels.byItem.get(item.id);
      if (level === undefined) continue;
      const outcome = await applyItemEvent(deps, {
        storeId,
        itemId: item.id,
        idempotencyKey: catalogSyncKey(item.id, product.modifiedAt, level),
        cause,
        actor,
        now: deps.clock.now(),
        event: { kind: 'synced', stock: level },
      });
      if (outcome.applied && outcome.decision.movement !== null) {
        stockTaken.push({
          itemId: item.id,
          bcVariantId: item.bcVariantId,
          from: item.stock,
          to: outcome.item.stock,
        });
      } else if (!outcome.applied && !outcome.duplicate) {
        warnings.add(outcome.refusal.code);
      }
    }
  }

  const current = await deps.items.listItems(storeId, { productId: record.id, limit: 1000 });
  const drift = await purchasabilityDrift(deps, storeId, record.id, product, current);
  const productChange: ProductChange | null =
    (trackingWasOn && keepTrackingOff) || drift.productAvailability !== null
      ? {
          bcProductId: product.id,
          ...(trackingWasOn && keepTrackingOff ? { tracking: 'none' as const } : {}),
          ...(drift.productAvailability === null ? {} : { availability: drift.productAvailability }),
        }
      : null;
  const changes = changesFor(drift.targets, deps.options?.disabledMessage ?? DEFAULT_DISABLED_MESSAGE);
  const products = mergeProductChange(changes.products, productChange);
  let trackingTurnedOff = false;
  if (products.length > 0 || changes.variants.length > 0) {
    // Not recorded as an echo (CatalogEchoes), unlike the assignment's and the outbox's writes: made in
    // answer to a webhook, its own webhook may come in the same second as that one, which the inbox takes
    // for the same event; the record left over would then hide the next real change. Its echo is re-read
    // once instead, and finds nothing to change.
    const sent = await sendChanges(deps.storeCatalog, storeId, { products, variants: changes.variants });
    for (const [key, failure] of sent.failures) {
      deps.reportError?.(new Error(failure.reason), `sync of ${key}`);
    }
    trackingTurnedOff = trackingWasOn && keepTrackingOff && !sent.failures.has(`product:${product.id}`);
    if (trackingWasOn && keepTrackingOff && !trackingTurnedOff)
      warnings.add(ASSIGNMENT_WARNINGS.trackingNotTurnedOff);
  }
  if (stockTaken.length > 0) await requestDelivery(deps, storeId);

  return {
    ok: true,
    productId: record.id,
    stockTaken,
    trackingWasOn,
    trackingTurnedOff,
    purchasabilityCorrected: drift.targets.length + (drift.productAvailability === null ? 0 : 1),
    warnings: [...warnings],
  };
}

function causeOf(cause: SyncCause): { cause: Cause; actor: string } {
  if (cause === 'webhook') return { cause: { type: 'bigcommerce_webhook', ref: null }, actor: 'bigcommerce' };
  if (cause === 'manual') return { cause: { type: 'bigcommerce_sync', ref: null }, actor: 'system' };
  if ('type' in cause) return { cause, actor: cause.type === 'bigcommerce_sync' ? 'system' : 'bigcommerce' };
  if (cause.kind === 'webhook') {
    const ref = cause.inboxId === undefined ? (cause.scope ?? null) : `inbox:${cause.inboxId}`;
    return { cause: { type: 'bigcommerce_webhook', ref }, actor: 'bigcommerce' };
  }
  return { cause: { type: 'bigcommerce_sync', ref: null }, actor: cause.actor ?? 'system' };
}

/**
 * BigCommerce's level for each item, when it has one per item: the product's level for a product
 * without option variants, each variant's level when tracking by variant. A product-wide level of a
 * product with variants cannot be attributed to any of them (see catalog-product.ts).
 */
function levelsOf(
  product: StoreProduct,
  items: readonly ItemRecord[],
): { byItem: Map<number, number>; warning: string | null } {
  const byItem = new Map<number, number>();
  const variants = optionVariants(product);
  const level = (n: number | null | undefined) => Math.max(0, n ?? 0);
  if (variants.length === 0) {
    const item = items.find((i) => i.bcVariantId === null);
    if (item !== undefined) byItem.set(item.id, level(product.stockLevel));
    return { byItem, warning: null };
  }
  if (product.tracking !== 'variant') return { byItem, warning: ASSIGNMENT_WARNINGS.stockNotPerVariant };
  const byVariant = new Map(variants.map((v) => [v.id, v]));
  for (const item of items) {
    const variant = item.bcVariantId === null ? undefined : byVariant.get(item.bcVariantId);
    if (variant !== undefined) byItem.set(item.id, level(variant.stockLevel));
  }
  return { byItem, warning: null };
}

/** Variants added in BigCommerce since the assignment are not tracked; variants removed are. */
function itemMismatches(product: StoreProduct, items: readonly ItemRecord[]): string[] {
  const variants = optionVariants(product);
  const bcIds = new Set(variants.map((v) => v.id));
  const itemIds = new Set(items.flatMap((i) => (i.bcVariantId === null ? [] : [i.bcVariantId])));
  const warnings: string[] = [];
  if (variants.some((v) => !itemIds.has(v.id))) warnings.push(ASSIGNMENT_WARNINGS.untrackedVariants);
  if (items.some((i) => (i.bcVariantId === null ? variants.length > 0 : !bcIds.has(i.bcVariantId)))) {
    warnings.push(ASSIGNMENT_WARNINGS.missingVariants);
  }
  return warnings;
}

/**
 * Purchasability BigCommerce shows that differs from the app's, unless the outbox is about to write
 * this product anyway (then the difference is the app's own write on its way, not someone's change).
 */
async function purchasabilityDrift(
  deps: AssignmentDeps,
  storeId: StoreId,
  productId: number,
  product: StoreProduct,
  items: readonly ItemRecord[],
): Promise<{ targets: PurchasabilityTarget[]; productAvailability: 'available' | null }> {
  const pending = await deps.outbox.listPending(storeId, 5_000);
  if (pending.some((m) => m.kind === 'setPurchasable' && m.payload.productId === productId)) {
    return { targets: [], productAvailability: null };
  }
  const variants = new Map(product.variants.map((v) => [v.id, v]));
  const targets: PurchasabilityTarget[] = [];
  let productAvailability: 'available' | null = null;
  for (const item of items) {
    const target = purchasabilityTarget(item, true);
    if (target === null) continue;
    if (target.kind === 'product') {
      if (product.availability !== target.availability) targets.push(target);
    } else {
      const variant = variants.get(target.bcVariantId);
      if (variant !== undefined && variant.purchasable !== target.purchasable) targets.push(target);
      // The variants' purchasability only counts while the product as a whole is available.
      if (product.availability !== 'available') productAvailability = 'available';
    }
  }
  return { targets, productAvailability };
}

function mergeProductChange(changes: readonly ProductChange[], extra: ProductChange | null): ProductChange[] {
  if (extra === null) return [...changes];
  const same = changes.find((c) => c.bcProductId === extra.bcProductId);
  return same === undefined
    ? [...changes, extra]
    : changes.map((c) => (c.bcProductId === extra.bcProductId ? { ...extra, ...c } : c));
}
