import { type Result, refuse } from '../../core/item.js';
import { ITEM_REFUSALS } from '../items/item-refusals.js';
import { unassignProductItems } from '../items/unassign-product-items.js';
import { unassignedItemKey, unassignmentKey } from '../jobs/keys.js';
import { requestDelivery } from '../jobs/request-delivery.js';
import { notify, type UnassignedItem } from '../notifications/index.js';
import type { ItemRecord } from '../ports/item-repository.js';
import type { ProductRecord } from '../ports/product-repository.js';
import type { StoreId } from '../ports/store-id.js';
import { ASSIGNMENT_CODES } from './assignment-codes.js';
import type { AssignmentDeps } from './assignment-deps.js';
import { variantLabel } from './catalog-product.js';
import { restoresLevels, restoreTracking, type TrackingRestored } from './restore-tracking.js';

export interface UnassignProductInput {
  readonly storeId: StoreId;
  readonly bcProductId: number;
  /**
   * The product was deleted in BigCommerce: nothing is written there (there is nothing to write to) and
   * no email is sent; the app's items and history are kept as for any unassignment.
   */
  readonly quiet?: boolean;
  /**
   * Hand the product's inventory back to BigCommerce: its original inventory tracking, with the app's
   * last stock as its levels (restore-tracking.ts). Default false: tracking stays off. Ignored when quiet.
   */
  readonly restoreTracking?: boolean;
  readonly actor?: string;
}

export type UnassignProductResult = Result<
  {
    /** The app's product id. */
    readonly productId: number;
    /** Each item's stock data at the moment it was unassigned (what the emailed CSV lists). */
    readonly items: readonly UnassignedItem[];
    /** What `restoreTracking` did; null when it was not asked for. */
    readonly tracking: TrackingRestored | null;
  },
  string
>;

/** How many pending outbox messages a quiet unassignment looks through for its own. */
const PENDING_SCAN_LIMIT = 5_000;

/**
 * Unassigns a product (docs/product.md#unassignment): the app stops tracking it, purchase is disabled in
 * BigCommerce (`availability: disabled` for the whole product, written through the outbox like every
 * purchasability change), the items' stock data is emailed to the merchant as a CSV, and the history
 * (ledger, transitions) is kept, so the product can be assigned again later (from the stock counted
 * here while BigCommerce tracks none). BigCommerce's inventory tracking stays off — with purchase
 * disabled, no stock discrepancy can arise — unless `restoreTracking` hands it back with the app's
 * last stock.
 *
 * Idempotent: the unassignment is keyed by the assignment it ends, so a retry after a crash finds it
 * done, completes the email (recorded once per key) and delivery, and answers ASSIGNMENT.NOT_ASSIGNED.
 */
export async function unassignProduct(
  deps: AssignmentDeps,
  input: UnassignProductInput,
): Promise<UnassignProductResult> {
  const { storeId, bcProductId } = input;
  const product = await deps.products.findProductByBcId(storeId, bcProductId);
  if (product === null) {
    return refuse(ASSIGNMENT_CODES.notAssigned, `Product ${bcProductId} is not assigned to Backorder.`);
  }
  const key = unassignmentKey(product.id, product.assignedAt);
  const now = deps.clock.now();
  const outcome = await unassignProductItems(deps, {
    storeId,
    productId: product.id,
    idempotencyKey: key,
    // Cap at checkout: BigCommerce's levels go back to the real counts by a relative write, unless there
    // is nothing to write to or restoring the original tracking writes them (absolute) below.
    skipLevelWrites:
      input.quiet === true || (input.restoreTracking === true && restoresLevels(product.originalSettings)),
    cause: input.quiet
      ? { type: 'bigcommerce_webhook', ref: `product-deleted:${bcProductId}` }
      : { type: 'admin_action', ref: null },
    actor: input.actor ?? 'system',
    now,
  });

  let items: UnassignedItem[];
  let current: ProductRecord = product;
  if (outcome.applied) {
    current = outcome.product;
    items = outcome.items.map(({ item, decision }) =>
      unassignedItem(item, {
        stock: item.stock - (decision.movement?.delta ?? 0),
        backordered: item.backordered - (decision.movement?.backorderedDelta ?? 0),
      }),
    );
  } else if (outcome.duplicate) {
    items = await itemsAsUnassigned(deps, storeId, product, key);
  } else if (outcome.refusal.code === ITEM_REFUSALS.productNotAssigned) {
    return refuse(ASSIGNMENT_CODES.notAssigned, `Product ${bcProductId} is not assigned to Backorder.`);
  } else {
    return outcome.refusal;
  }

  let tracking: TrackingRestored | null = null;
  if (input.quiet) {
    await dropOwnPurchasabilityWrites(deps, storeId, product.id);
  } else {
    const labelled = await withVariantLabels(deps, storeId, bcProductId, items);
    const notified = await notify(deps, {
      storeId,
      event: 'unassigned',
      dedupeKey: key,
      payload: {
        product: { bcProductId, name: current.name.slice(0, 1000), sku: current.sku?.slice(0, 255) ?? null },
        items: labelled,
      },
    });
    if (!notified.ok) {
      deps.reportError?.(
        new Error(`${notified.code}: ${notified.message}`),
        `notifying unassignment of ${bcProductId}`,
      );
    }
    await requestDelivery(deps, storeId);
    // Last, so an outage here (which throws) leaves the email and the delivery already on their way.
    if (input.restoreTracking === true) {
      // Also on a retry (duplicate), as the first call may have died before BigCommerce took the write —
      // but then only while BigCommerce still tracks nothing: levels the store counted since are newer.
      tracking = await restoreTracking(deps, storeId, bcProductId, current.originalSettings, items, {
        onlyWhileUntracked: !outcome.applied,
      });
    }
  }
  if (!outcome.applied) {
    return refuse(ASSIGNMENT_CODES.notAssigned, `Product ${bcProductId} is not assigned to Backorder.`);
  }
  return { ok: true, productId: current.id, items, tracking };
}

function unassignedItem(item: ItemRecord, numbers: { stock: number; backordered: number }): UnassignedItem {
  return {
    bcVariantId: item.bcVariantId,
    variant: null,
    sku: item.sku,
    stock: numbers.stock,
    threshold: item.threshold,
    backordered: numbers.backordered,
    incoming: item.incoming,
    backInStockDate: item.backInStockDate,
  };
}

/**
 * The items' numbers at an unassignment done before (a retry after a crash): the unassignment's ledger
 * rows gave stock and B back to zero, so they hold what the items had. An item without such a row had
 * stock 0 and B 0; it belonged to the unassignment when it was last changed with it.
 */
async function itemsAsUnassigned(
  deps: AssignmentDeps,
  storeId: StoreId,
  product: ProductRecord,
  key: string,
): Promise<UnassignedItem[]> {
  const current = await deps.products.findProductByBcId(storeId, product.bcProductId);
  const unassignedAt = current?.unassignedAt?.getTime() ?? null;
  const all = await deps.items.listItems(storeId, { productId: product.id, activeOnly: false, limit: 1000 });
  const items: UnassignedItem[] = [];
  for (const item of all) {
    if (item.active) continue;
    const ledger = await deps.history.listLedger(storeId, { itemId: item.id, limit: 20 });
    const row = ledger.find((entry) => entry.idempotencyKey === unassignedItemKey(key, item.id));
    if (row === undefined && item.updatedAt.getTime() !== unassignedAt) continue;
    items.push(
      unassignedItem(item, { stock: 0 - (row?.delta ?? 0), backordered: 0 - (row?.backorderedDelta ?? 0) }),
    );
  }
  return items;
}

/** Names the variants as the merchant knows them (`Size: L`); without BigCommerce, the CSV has ids only. */
async function withVariantLabels(
  deps: AssignmentDeps,
  storeId: StoreId,
  bcProductId: number,
  items: readonly UnassignedItem[],
): Promise<UnassignedItem[]> {
  if (!items.some((i) => i.bcVariantId !== null)) return [...items];
  try {
    const product = await deps.storeCatalog.getProduct(storeId, bcProductId);
    // The email matters more than its labels: an outage or a deleted product leaves them out.
    if (product === null) return [...items];
    const labels = new Map(product.variants.map((v) => [v.id, variantLabel(v)]));
    return items.map((i) => ({
      ...i,
      variant: i.bcVariantId === null ? null : (labels.get(i.bcVariantId) ?? null),
    }));
  } catch (error) {
    deps.reportError?.(error, `reading variant names of product ${bcProductId}`);
    return [...items];
  }
}

/**
 * A deleted product has nothing left to write: its unassignment's purchasability writes are marked done
 * rather than sent (a delivery already under way would meet BigCommerce's 404, which also ends them).
 */
async function dropOwnPurchasabilityWrites(
  deps: AssignmentDeps,
  storeId: StoreId,
  productId: number,
): Promise<void> {
  const pending = await deps.outbox.listPending(storeId, PENDING_SCAN_LIMIT);
  const own = pending
    .filter((m) => m.kind === 'setPurchasable' && m.payload.productId === productId)
    .map((m) => m.id);
  if (own.length > 0) await deps.outbox.markDelivered(storeId, own, deps.clock.now());
}
