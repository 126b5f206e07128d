import { REFUSAL_CODES } from '../../core/codes.js';
import { assignProductItems } from '../items/assign-product-items.js';
import { ITEM_REFUSALS } from '../items/item-refusals.js';
import { assignmentRunNotificationKey, assignmentRunProductKey } from '../jobs/keys.js';
import { requestDelivery } from '../jobs/request-delivery.js';
import { notify } from '../notifications/index.js';
import {
  changesFor,
  DEFAULT_DISABLED_MESSAGE,
  merchantOrderMaximum,
  purchasabilityTarget,
} from '../outbox/purchasability.js';
import type { AssignmentRunOutcome, AssignmentRunRecord } from '../ports/assignment-run-repository.js';
import type { ProductRecord } from '../ports/product-repository.js';
import type { InventoryMode } from '../ports/settings-repository.js';
import {
  MAX_PAGE_SIZE,
  type ProductChange,
  type StoreProduct,
  type VariantChange,
} from '../ports/store-catalog.js';
import type { StoreId } from '../ports/store-id.js';
import { type InventoryItemRef, inventoryItemKey, type LevelReading } from '../ports/store-inventory.js';
import type { TemplateRecord } from '../ports/template-repository.js';
import { ASSIGNMENT_CODES, ASSIGNMENT_WARNINGS } from './assignment-codes.js';
import type { AssignmentDeps } from './assignment-deps.js';
import {
  hasOptionVariants,
  optionVariants,
  originalSettingsOf,
  stockFromBigCommerce,
} from './catalog-product.js';
import { matchingProductIds, parseCatalogFilter } from './search-catalog.js';
import { itemDefaults } from './stock-defaults.js';
import { type AssignedStock, withStockFromLedger } from './stock-from-ledger.js';

/** A page of BigCommerce's catalog (250 products, variants included): one read per chunk. */
const DEFAULT_CHUNK_SIZE = MAX_PAGE_SIZE;
/** Pending outbox messages read per query when a chunk looks for the purchasability writes it carries. */
const PENDING_PAGE = 500;

/** The assigned-products email lists at most this many per notification (MAIL's payload limit). */
const PRODUCTS_PER_NOTIFICATION = 10_000;

/**
 * Works an assignment run to its end: resolves its filter into products (if it has one), then assigns
 * its pending products a chunk at a time, and finally tells the merchant. Safe to run again at any
 * point — after a crash, by a retried job, or by two workers at once — because each product is
 * assigned under a key of its own (`assignment-run:{run}:product:{id}`): a product already assigned by
 * this run is recognised as such, and its BigCommerce writes (absolute, so harmless to repeat) are
 * done again before its outcome is recorded.
 * Throws on an outage (BigCommerce unreachable): the job is retried and resumes where it stopped.
 */
export async function processAssignmentRun(
  deps: AssignmentDeps,
  storeId: StoreId,
  runId: number,
): Promise<AssignmentRunRecord | null> {
  const run = await deps.assignmentRuns.getRun(storeId, runId);
  if (run === null || run.status === 'done' || run.status === 'failed') return run;

  let template: TemplateRecord | null = null;
  if (run.templateId !== null) {
    template = await deps.templates.getTemplate(storeId, run.templateId);
    if (template === null) {
      await deps.assignmentRuns.setStatus(
        storeId,
        runId,
        'failed',
        deps.clock.now(),
        `${ASSIGNMENT_CODES.templateNotFound}: template ${run.templateId} was deleted before the run finished.`,
      );
      return deps.assignmentRuns.getRun(storeId, runId);
    }
  }
  if (run.status === 'pending')
    await deps.assignmentRuns.setStatus(storeId, runId, 'running', deps.clock.now());
  if (!run.resolved) await resolveFilter(deps, run);

  const chunkSize = deps.options?.chunkSize ?? DEFAULT_CHUNK_SIZE;
  for (;;) {
    const pending = await deps.assignmentRuns.nextPending(storeId, runId, chunkSize);
    if (pending.length === 0) break;
    await assignChunk(
      deps,
      run,
      template,
      pending.map((p) => p.bcProductId),
    );
    await requestDelivery(deps, storeId);
  }

  await notifyAssigned(deps, run);
  await deps.assignmentRuns.setStatus(storeId, runId, 'done', deps.clock.now());
  return deps.assignmentRuns.getRun(storeId, runId);
}

/** Lists the products a filter run matches (again from the start after a crash: listing is idempotent). */
async function resolveFilter(deps: AssignmentDeps, run: AssignmentRunRecord): Promise<void> {
  const parsed = parseCatalogFilter(run.filter);
  if (!parsed.ok) {
    await deps.assignmentRuns.setStatus(run.storeId, run.id, 'failed', deps.clock.now(), parsed.message);
    throw new Error(`assignment run ${run.id} has an invalid filter: ${parsed.message}`);
  }
  let buffer: number[] = [];
  for await (const id of matchingProductIds(deps, run.storeId, parsed.filter)) {
    buffer.push(id);
    if (buffer.length >= 250) {
      await deps.assignmentRuns.addProducts(run.storeId, run.id, buffer, deps.clock.now());
      buffer = [];
    }
  }
  if (buffer.length > 0) await deps.assignmentRuns.addProducts(run.storeId, run.id, buffer, deps.clock.now());
  await deps.assignmentRuns.markResolved(run.storeId, run.id, deps.clock.now());
}

interface Assigned {
  readonly product: StoreProduct;
  readonly itemCount: number;
  readonly warnings: string[];
}

/**
 * Assigns up to a chunk of products: one BigCommerce read for all of them (a page of 250, variants
 * included), one item transaction per product, then one batched write of tracking and purchasability
 * together (10 products / 50 variants per request), only where BigCommerce differs from what it should be.
 */
async function assignChunk(
  deps: AssignmentDeps,
  run: AssignmentRunRecord,
  template: TemplateRecord | null,
  bcProductIds: readonly number[],
): Promise<void> {
  const { storeId } = run;
  const mode = (await deps.settings.getSettings(storeId))?.inventoryMode ?? 'emulated';
  // Cap at checkout and native backorders keep BigCommerce counting (tracking on).
  const counted = mode !== 'emulated';
  const fetched = new Map((await deps.storeCatalog.getProducts(storeId, bcProductIds)).map((p) => [p.id, p]));
  const readings = mode === 'native' ? await nativeReadings(deps, storeId, [...fetched.values()]) : null;
  const outcomes = new Map<number, AssignmentRunOutcome>();
  const assigned: Assigned[] = [];

  for (const bcProductId of bcProductIds) {
    const product = fetched.get(bcProductId);
    if (product === undefined) {
      outcomes.set(bcProductId, {
        status: 'failed',
        code: ASSIGNMENT_CODES.productNotFound,
        message: `BigCommerce has no product ${bcProductId}.`,
      });
      continue;
    }
    const result = await assignOne(deps, run, template, product, mode, readings);
    if ('assigned' in result) assigned.push(result.assigned);
    else outcomes.set(bcProductId, result.outcome);
  }

  // One write per product (and per variant) for the whole chunk, batched 10 products / 50 variants per
  // request: tracking as the mode needs it, and the purchasability the items were just evaluated to.
  // Emulated: BigCommerce's inventory tracking goes off so it never refuses a backorder; the app counts
  // stock now. Cap at checkout / native: tracking stays on (per variant for a product with variants).
  // A product with variants is also made available as a whole: its variants' purchasability is the
  // app's from now on (a product the app unassigned before was left disabled).
  const writes = await chunkWrites(deps, storeId, assigned, counted);
  // Their outbox messages are written here: done before the write, so a delivery job running meanwhile
  // does not write them a second time (an outage throws, and the resumed run writes again).
  if (writes.messageIds.length > 0) {
    await deps.outbox.markDelivered(storeId, writes.messageIds, deps.clock.now());
  }
  await deps.catalogEchoes.expect(
    storeId,
    writes.products.map((c) => c.bcProductId),
    deps.clock.now(),
  );
  const refused = new Map<number, string>();
  if (writes.products.length > 0) {
    for (const refusal of await deps.storeCatalog.updateProducts(storeId, writes.products)) {
      refused.set(refusal.id, refusal.reason);
    }
  }
  if (writes.variants.length > 0) {
    for (const refusal of await deps.storeCatalog.updateVariants(storeId, writes.variants)) {
      const bcProductId = writes.variants.find((v) => v.bcVariantId === refusal.id)?.bcProductId;
      if (bcProductId !== undefined && !refused.has(bcProductId)) refused.set(bcProductId, refusal.reason);
    }
  }
  if (counted) {
    const retracked = assigned.filter(
      (a) => a.product.tracking !== countedTracking(a.product) && !refused.has(a.product.id),
    );
    for (const [id, reason] of await writeCountedLevels(deps, storeId, retracked)) refused.set(id, reason);
  }
  for (const entry of assigned) {
    const refusal = refused.get(entry.product.id);
    if (refusal !== undefined) {
      entry.warnings.push(
        counted ? ASSIGNMENT_WARNINGS.levelNotWritten : ASSIGNMENT_WARNINGS.trackingNotTurnedOff,
      );
      deps.reportError?.(
        new Error(refusal),
        counted
          ? `writing the level of product ${entry.product.id}`
          : `turning inventory tracking off for product ${entry.product.id}`,
      );
    }
    outcomes.set(entry.product.id, {
      status: 'assigned',
      productName: entry.product.name,
      productSku: entry.product.sku === '' ? null : entry.product.sku,
      itemCount: entry.itemCount,
      warnings: entry.warnings,
      ...(refusal === undefined ? {} : { message: refusal }),
    });
  }

  const now = deps.clock.now();
  for (const [bcProductId, outcome] of outcomes) {
    await deps.assignmentRuns.recordOutcome(storeId, run.id, bcProductId, outcome, now);
  }
}

async function assignOne(
  deps: AssignmentDeps,
  run: AssignmentRunRecord,
  template: TemplateRecord | null,
  product: StoreProduct,
  mode: InventoryMode,
  readings: ReadonlyMap<string, LevelReading> | null,
): Promise<{ assigned: Assigned } | { outcome: AssignmentRunOutcome }> {
  const { storeId } = run;
  const now = deps.clock.now();
  const existing = await deps.products.findProductByBcId(storeId, product.id);
  const stock =
    existing !== null && !existing.assigned
      ? await withStockFromLedger(deps, storeId, product, stockFromBigCommerce(product))
      : fromBigCommerce(stockFromBigCommerce(product));
  // A product the app assigned before shows BigCommerce as the app left it; what it was before the app
  // touched it is what the first assignment recorded.
  const originalSettings =
    existing !== null && !existing.assigned && existing.originalSettings !== null
      ? existing.originalSettings
      : originalSettingsOf(product, now);

  const outcome = await assignProductItems(deps, {
    storeId,
    idempotencyKey: assignmentRunProductKey(run.id, product.id),
    cause: { type: 'assignment', ref: `assignment-run:${run.id}` },
    actor: run.actor,
    now,
    product: {
      bcProductId: product.id,
      name: product.name,
      sku: product.sku === '' ? null : product.sku,
      templateId: template?.id ?? null,
      originalSettings,
    },
    items: stock.items.map((item) => ({
      ...item,
      ...itemDefaults(template, run.stockDefaults),
      ...(mode === 'capped' ? { bigCommerceLevel: countedLevel(product, item.bcVariantId) } : {}),
      ...(mode === 'native' ? nativeStock(product, item, readings) : {}),
    })),
  });

  const warnings: string[] = [...stock.warnings];
  if (outcome.applied) return { assigned: { product, itemCount: outcome.items.length, warnings } };
  if (outcome.duplicate) {
    // Assigned by this run before a crash: finish its BigCommerce side.
    return { assigned: { product, itemCount: stock.items.length, warnings } };
  }
  const { refusal } = outcome;
  const base = { productName: product.name, productSku: product.sku === '' ? null : product.sku };
  switch (refusal.code) {
    case REFUSAL_CODES.alreadyAssigned:
      return {
        outcome: {
          ...base,
          status: 'skipped',
          code: ASSIGNMENT_CODES.alreadyAssigned,
          message: 'The product is already assigned to Backorder.',
        },
      };
    case ITEM_REFUSALS.skuTaken:
      return {
        outcome: { ...base, status: 'failed', code: ASSIGNMENT_CODES.skuTaken, message: refusal.message },
      };
    default:
      return {
        outcome: {
          ...base,
          status: 'failed',
          code: ASSIGNMENT_CODES.invalidProductData,
          message: `${refusal.code}: ${refusal.message}`,
        },
      };
  }
}

interface ChunkWrites {
  readonly products: ProductChange[];
  readonly variants: VariantChange[];
  /** The chunk's pending `setPurchasable` messages: what they ask for is in these writes. */
  readonly messageIds: number[];
}

/**
 * What the chunk writes to BigCommerce: per product, tracking as the mode needs it and the purchasability
 * its items were evaluated to, compared with the product as read at the start of the chunk (nothing
 * for what already is so).
 */
async function chunkWrites(
  deps: AssignmentDeps,
  storeId: StoreId,
  assigned: readonly Assigned[],
  counted: boolean,
): Promise<ChunkWrites> {
  const products: ProductChange[] = [];
  const variants: VariantChange[] = [];
  const disabledMessage = deps.options?.disabledMessage ?? DEFAULT_DISABLED_MESSAGE;
  const records = new Map<number, ProductRecord | null>();
  for (const { product } of assigned) {
    records.set(product.id, await deps.products.findProductByBcId(storeId, product.id));
  }
  const appProductIds = new Set([...records.values()].flatMap((r) => (r === null ? [] : [r.id])));
  // The purchasability messages this write carries, listed BEFORE the items are read: a change made
  // after the read (a sale that disables purchase) keeps its own message for the outbox to deliver.
  const messageIds: number[] = [];
  // A page at a time: a run over a large catalog can leave many messages pending (one per item changed),
  // and holding them all at once made the app's memory grow with the catalog.
  for (let afterId = 0; appProductIds.size > 0; ) {
    const page = await deps.outbox.listPending(storeId, PENDING_PAGE, afterId);
    for (const message of page) {
      if (message.kind === 'setPurchasable' && appProductIds.has(message.payload.productId)) {
        messageIds.push(message.id);
      }
    }
    if (page.length < PENDING_PAGE) break;
    afterId = page[page.length - 1]!.id;
  }
  for (const { product } of assigned) {
    const record = records.get(product.id) ?? null;
    const items =
      record === null ? [] : await deps.items.listItems(storeId, { productId: record.id, limit: 1000 });
    const merchantMaximum = merchantOrderMaximum(record?.originalSettings ?? null);
    const tracking = counted ? countedTracking(product) : 'none';
    let change: { -readonly [K in keyof ProductChange]: ProductChange[K] } = { bcProductId: product.id };
    if (product.tracking !== tracking) change.tracking = tracking;
    if (hasOptionVariants(product) && product.availability !== 'available') change.availability = 'available';
    const byVariant = new Map(product.variants.map((v) => [v.id, v]));
    for (const item of items) {
      const target = purchasabilityTarget(item, true, merchantMaximum);
      if (target === null) continue;
      if (target.kind === 'product') {
        if (product.availability !== target.availability) change.availability = target.availability;
        if (
          target.orderQuantityMaximum !== undefined &&
          product.orderQuantityMaximum !== target.orderQuantityMaximum
        ) {
          change = { ...change, orderQuantityMaximum: target.orderQuantityMaximum };
        }
        continue;
      }
      const variant = byVariant.get(target.bcVariantId);
      if (variant === undefined) continue;
      const message = target.purchasable ? '' : disabledMessage;
      if (variant.purchasable !== target.purchasable || variant.unavailableMessage !== message) {
        variants.push(changesFor([target], disabledMessage).variants[0]!);
      }
    }
    if (Object.keys(change).length > 1) products.push(change);
  }
  return { products, variants, messageIds };
}

/**
 * Cap at checkout and native backorders count each item's level: per variant for a product with
 * variants, else the product's.
 */
function countedTracking(product: StoreProduct): 'product' | 'variant' {
  return hasOptionVariants(product) ? 'variant' : 'product';
}

/** The level BigCommerce counts for the item the way the cap needs it; null when it counts none so. */
function countedLevel(product: StoreProduct, bcVariantId: number | null): number | null {
  if (product.tracking !== countedTracking(product)) return null;
  if (bcVariantId === null) return product.stockLevel;
  return product.variants.find((v) => v.id === bcVariantId)?.stockLevel ?? null;
}

/**
 * For products whose tracking the assignment just turned on (or from product to variant): their levels
 * are written, absolute — no sale could have changed a level BigCommerce did not count. Cap at checkout:
 * the items' sellable units; native backorders: the stock as on hand and quantity backordered (on hand
 * minus backordered = stock). Each write is remembered first, so its webhook is known as the app's.
 * Returns the products the store refused, with the reason.
 */
async function writeCountedLevels(
  deps: AssignmentDeps,
  storeId: StoreId,
  retracked: readonly Assigned[],
): Promise<Map<number, string>> {
  const refused = new Map<number, string>();
  const levels: {
    itemId: number;
    bcProductId: number;
    bcVariantId: number | null;
    level: number;
    backordered?: number;
  }[] = [];
  for (const { product } of retracked) {
    const record = await deps.products.findProductByBcId(storeId, product.id);
    if (record === null) continue;
    for (const item of await deps.items.listItems(storeId, { productId: record.id, limit: 1000 })) {
      const ref = { itemId: item.id, bcProductId: product.id, bcVariantId: item.bcVariantId };
      if (item.cappedLevel !== null) levels.push({ ...ref, level: item.cappedLevel });
      else if (item.nativeBackordered !== null) {
        levels.push({
          ...ref,
          level: item.stock + item.nativeBackordered,
          backordered: item.nativeBackordered,
        });
      }
    }
  }
  if (levels.length === 0) return refused;
  await deps.levelEchoes.expect(
    storeId,
    levels.map((l) => ({ itemId: l.itemId, method: 'absolute' as const, value: l.level })),
    deps.clock.now(),
  );
  for (const refusal of await deps.storeInventory.setLevels(storeId, levels)) {
    refused.set(refusal.bcProductId, refusal.reason);
  }
  return refused;
}

/** Native backorders: BigCommerce's on hand and quantity backordered of the products it counts. */
async function nativeReadings(
  deps: AssignmentDeps,
  storeId: StoreId,
  products: readonly StoreProduct[],
): Promise<Map<string, LevelReading>> {
  const refs = products
    .filter((p) => p.tracking === countedTracking(p))
    .flatMap((p): InventoryItemRef[] => {
      const variants = optionVariants(p);
      return variants.length === 0
        ? [{ bcProductId: p.id, bcVariantId: null }]
        : variants.map((v) => ({ bcProductId: p.id, bcVariantId: v.id }));
    });
  const readings = refs.length === 0 ? [] : await deps.storeInventory.readLevels(storeId, refs);
  return new Map(readings.map((r) => [inventoryItemKey(r), r]));
}

/**
 * Native backorders: the item's stock is BigCommerce's on hand minus its quantity backordered; where
 * BigCommerce does not count it, the stock found otherwise (0, or the app's ledger) with the units owed
 * as backordered, which the assignment then writes there.
 */
function nativeStock(
  product: StoreProduct,
  item: { readonly bcVariantId: number | null; readonly stock: number },
  readings: ReadonlyMap<string, LevelReading> | null,
): { stock: number; storeBackordered: number } {
  const reading = readings?.get(inventoryItemKey({ bcProductId: product.id, bcVariantId: item.bcVariantId }));
  if (reading === undefined) return { stock: item.stock, storeBackordered: Math.max(0, -item.stock) };
  return { stock: reading.onHand - reading.backordered, storeBackordered: reading.backordered };
}

function fromBigCommerce(stock: ReturnType<typeof stockFromBigCommerce>): AssignedStock {
  return { items: stock.items, warnings: stock.warning === null ? [] : [stock.warning] };
}

/** One email for the whole run (or one per 10 000 products), however many chunks it took. */
async function notifyAssigned(deps: AssignmentDeps, run: AssignmentRunRecord): Promise<void> {
  let afterId: number | undefined;
  let part = 0;
  let products: { bcProductId: number; name: string; sku: string | null; itemCount: number }[] = [];
  const send = async () => {
    if (products.length === 0) return;
    const result = await notify(deps, {
      storeId: run.storeId,
      event: 'assigned',
      dedupeKey: assignmentRunNotificationKey(run.id, part),
      payload: { products },
    });
    // A refused notification (e.g. the store is gone) is not worth failing the run for; an outage throws.
    if (!result.ok) {
      deps.reportError?.(
        new Error(`${result.code}: ${result.message}`),
        `notifying assignment run ${run.id}`,
      );
    }
    part += 1;
    products = [];
  };
  for (;;) {
    const rows = await deps.assignmentRuns.listProducts(run.storeId, run.id, {
      status: 'assigned',
      limit: 1000,
      ...(afterId === undefined ? {} : { afterId }),
    });
    for (const row of rows) {
      products.push({
        bcProductId: row.bcProductId,
        name: (row.productName ?? `Product ${row.bcProductId}`).slice(0, 1000),
        sku: row.productSku === null ? null : row.productSku.slice(0, 255),
        itemCount: row.itemCount,
      });
      if (products.length >= PRODUCTS_PER_NOTIFICATION) await send();
    }
    if (rows.length < 1000) break;
    afterId = rows[rows.length - 1]!.id;
  }
  await send();
}
