import { type Result, refuse } from '../../core/item.js';
import { enqueue } from '../jobs/enqueue.js';
import type { AssignmentRunProductRecord, StockDefaults } from '../ports/assignment-run-repository.js';
import type { StoreId } from '../ports/store-id.js';
import type { TemplateRecord } from '../ports/template-repository.js';
import { ASSIGNMENT_CODES } from './assignment-codes.js';
import type { AssignmentDeps } from './assignment-deps.js';
import { processAssignmentRun } from './assignment-run.js';
import { checkStockDefaults } from './stock-defaults.js';

/** More than this at once is a bulk assignment (startBulkAssignment), worked by a job with progress. */
export const MAX_PRODUCTS_PER_REQUEST = 250;

export interface AssignProductsInput {
  readonly storeId: StoreId;
  /** BigCommerce product ids. */
  readonly productIds: readonly number[];
  /** The template whose stock defaults the items get; the store's default template when omitted. */
  readonly templateId?: number | null;
  /** Override the template's stock defaults for every item assigned (src/app/assignment/stock-defaults.ts). */
  readonly stockDefaults?: StockDefaults | null;
  /** Who asked: `admin:<email>`, `api-key:<prefix>`, … (default `system`). */
  readonly actor?: string;
}

export type ProductAssignmentResult =
  | {
      readonly bcProductId: number;
      readonly ok: true;
      /** The app's product id. */
      readonly productId: number | null;
      readonly itemCount: number;
      /** e.g. ASSIGNMENT.STOCK_NOT_TRACKED: assigned, but stock starts at 0. */
      readonly warnings: readonly string[];
    }
  | { readonly bcProductId: number; readonly ok: false; readonly code: string; readonly message: string };

export type AssignProductsResult = Result<
  { readonly runId: number; readonly results: readonly ProductAssignmentResult[] },
  string
>;

/**
 * Assigns products to Backorder (docs/product.md#assignment, #templates): for each product, its
 * original settings are recorded, BigCommerce's inventory levels become the items' stock, the
 * template's stock defaults (threshold, incoming, back-in-stock date) are applied, the status is
 * evaluated, BigCommerce's inventory tracking is turned off and the evaluated purchasability is written
 * back (through the outbox, delivered by the `outbox.deliver` job); the merchant is told by email.
 *
 * Per product, not all-or-nothing: a product already assigned is refused with ASSIGNMENT.ALREADY_ASSIGNED
 * and one that does not exist with ASSIGNMENT.PRODUCT_NOT_FOUND, while the others are assigned.
 * Runs inline as an assignment run, whose job is also queued a few minutes ahead: if this process dies
 * half-way, the job finishes the run (and finds nothing to do otherwise).
 */
export async function assignProducts(
  deps: AssignmentDeps,
  input: AssignProductsInput,
): Promise<AssignProductsResult> {
  const ids = checkProductIds(input.productIds, MAX_PRODUCTS_PER_REQUEST);
  if (!ids.ok) return ids;
  const defaults = checkStockDefaults(input.stockDefaults);
  if (!defaults.ok) return defaults;
  const template = await resolveTemplate(deps, input.storeId, input.templateId);
  if (!template.ok) return template;

  const now = deps.clock.now();
  const run = await deps.assignmentRuns.createRun({
    storeId: input.storeId,
    templateId: template.template?.id ?? null,
    filter: null,
    bcProductIds: ids.ids,
    stockDefaults: defaults.defaults,
    actor: input.actor ?? 'system',
    now,
  });
  try {
    await enqueue(
      deps.jobs,
      'assignment.bulk',
      { storeId: input.storeId, runId: run.id },
      { startAfter: new Date(now.getTime() + (deps.options?.resumeAfterMs ?? 5 * 60_000)) },
    );
  } catch (error) {
    deps.reportError?.(error, `queueing the resume job of assignment run ${run.id}`);
  }

  const finished = await processAssignmentRun(deps, input.storeId, run.id);
  const rows = await deps.assignmentRuns.listProducts(input.storeId, run.id, {
    limit: MAX_PRODUCTS_PER_REQUEST,
  });
  const byBcId = new Map(rows.map((row) => [row.bcProductId, row]));
  const results: ProductAssignmentResult[] = [];
  for (const bcProductId of ids.ids) {
    results.push(
      await resultOf(deps, input.storeId, bcProductId, byBcId.get(bcProductId), finished?.error ?? null),
    );
  }
  return { ok: true, runId: run.id, results };
}

async function resultOf(
  deps: AssignmentDeps,
  storeId: StoreId,
  bcProductId: number,
  row: AssignmentRunProductRecord | undefined,
  runError: string | null,
): Promise<ProductAssignmentResult> {
  if (row?.status === 'assigned') {
    const product = await deps.products.findProductByBcId(storeId, bcProductId);
    return {
      bcProductId,
      ok: true,
      productId: product?.id ?? null,
      itemCount: row.itemCount,
      warnings: row.warnings,
    };
  }
  if (row !== undefined && row.status !== 'pending') {
    return {
      bcProductId,
      ok: false,
      code: row.code ?? ASSIGNMENT_CODES.invalidProductData,
      message: row.message ?? '',
    };
  }
  // Only a run that failed as a whole leaves products pending (its template was deleted meanwhile).
  return {
    bcProductId,
    ok: false,
    code: ASSIGNMENT_CODES.templateNotFound,
    message: runError ?? 'The assignment did not finish.',
  };
}

/** Positive whole numbers, at least one, at most `max`; duplicates removed (first occurrence kept). */
export function checkProductIds(
  productIds: readonly unknown[] | undefined,
  max: number,
): Result<{ readonly ids: readonly number[] }, string> {
  if (!Array.isArray(productIds) || productIds.length === 0) {
    return refuse(ASSIGNMENT_CODES.noProducts, 'Give at least one product to assign.');
  }
  const bad = productIds.find(
    (id) => typeof id !== 'number' || !Number.isSafeInteger(id) || id < 1 || id > 2_147_483_647,
  );
  if (bad !== undefined) {
    return refuse(
      ASSIGNMENT_CODES.invalidProductId,
      `Product ids are whole numbers ≥ 1, not ${JSON.stringify(bad)}.`,
    );
  }
  const ids = [...new Set(productIds as number[])];
  if (ids.length > max) {
    return refuse(
      ASSIGNMENT_CODES.tooManyProducts,
      `At most ${max} products at once here; assign more as a bulk assignment.`,
    );
  }
  return { ok: true, ids };
}

/** The template asked for, or the store's default one (null when the store has none: no stock defaults). */
export async function resolveTemplate(
  deps: Pick<AssignmentDeps, 'templates'>,
  storeId: StoreId,
  templateId: number | null | undefined,
): Promise<Result<{ readonly template: TemplateRecord | null }, string>> {
  if (templateId === undefined || templateId === null) {
    return { ok: true, template: await deps.templates.getDefaultTemplate(storeId) };
  }
  const template =
    Number.isSafeInteger(templateId) && templateId > 0
      ? await deps.templates.getTemplate(storeId, templateId)
      : null;
  if (template === null) {
    return refuse(
      ASSIGNMENT_CODES.templateNotFound,
      `There is no template ${String(templateId)} in this store.`,
    );
  }
  return { ok: true, template };
}
