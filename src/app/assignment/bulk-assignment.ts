import { type Result, refuse } from '../../core/item.js';
import { enqueue } from '../jobs/enqueue.js';
import type {
  AssignmentRunProductRecord,
  AssignmentRunProgress,
  AssignmentRunRecord,
  AssignmentRunStatus,
  StockDefaults,
} from '../ports/assignment-run-repository.js';
import type { StoreId } from '../ports/store-id.js';
import { checkProductIds, resolveTemplate } from './assign-products.js';
import { ASSIGNMENT_CODES } from './assignment-codes.js';
import type { AssignmentDeps } from './assignment-deps.js';
import { type AssignmentEstimate, estimateAssignment } from './assignment-estimate.js';
import { processAssignmentRun } from './assignment-run.js';
import { type CatalogFilter, catalogSearchOf, parseCatalogFilter } from './search-catalog.js';
import { checkStockDefaults } from './stock-defaults.js';

/** The most product ids one bulk request may list (a filter has no limit: the job lists them itself). */
export const MAX_BULK_PRODUCT_IDS = 50_000;

export interface StartBulkAssignmentInput {
  readonly storeId: StoreId;
  /** Exactly one of: the products to assign (BigCommerce ids) … */
  readonly productIds?: readonly number[];
  /**
   * … or "select all matching": every product the catalog filter matches. Products already assigned
   * are left out unless the filter says `assigned` itself.
   */
  readonly filter?: unknown;
  readonly templateId?: number | null;
  /** Override the template's stock defaults for every item assigned (src/app/assignment/stock-defaults.ts). */
  readonly stockDefaults?: StockDefaults | null;
  readonly actor?: string;
}

/** A run just started: with the calls it will take, and how long at the store's quota. */
export interface StartedAssignmentRun extends AssignmentRunView {
  readonly estimate: AssignmentEstimate;
}

export interface AssignmentRunView {
  readonly run: AssignmentRunRecord;
  readonly progress: AssignmentRunProgress;
}

/**
 * Starts assigning many products (thousands) in the background: records the run and queues the
 * `assignment.bulk` job, which lists the products (for a filter), assigns them a chunk at a time and
 * records each product's outcome. Read the progress with getAssignmentRun.
 */
export async function startBulkAssignment(
  deps: AssignmentDeps,
  input: StartBulkAssignmentInput,
): Promise<Result<StartedAssignmentRun, string>> {
  const hasIds = input.productIds !== undefined;
  const hasFilter = input.filter !== undefined && input.filter !== null;
  if (hasIds === hasFilter) {
    return refuse(
      hasIds ? ASSIGNMENT_CODES.invalidFilter : ASSIGNMENT_CODES.noProducts,
      'Give either the products to assign or a catalog filter, not both.',
    );
  }
  let bcProductIds: readonly number[] | undefined;
  let filter: CatalogFilter | null = null;
  if (hasIds) {
    const ids = checkProductIds(input.productIds, MAX_BULK_PRODUCT_IDS);
    if (!ids.ok) return ids;
    bcProductIds = ids.ids;
  } else {
    const parsed = parseCatalogFilter(input.filter);
    if (!parsed.ok) return parsed;
    filter = { assigned: false, ...parsed.filter };
  }
  const defaults = checkStockDefaults(input.stockDefaults);
  if (!defaults.ok) return defaults;
  const template = await resolveTemplate(deps, input.storeId, input.templateId);
  if (!template.ok) return template;

  const now = deps.clock.now();
  const run = await deps.assignmentRuns.createRun({
    storeId: input.storeId,
    templateId: template.template?.id ?? null,
    filter,
    stockDefaults: defaults.defaults,
    ...(bcProductIds === undefined ? {} : { bcProductIds }),
    actor: input.actor ?? 'system',
    now,
  });
  try {
    await enqueue(deps.jobs, 'assignment.bulk', { storeId: input.storeId, runId: run.id });
  } catch (error) {
    // Nothing would ever work this run: say so on it, and let the caller see the outage.
    await deps.assignmentRuns.setStatus(
      input.storeId,
      run.id,
      'failed',
      deps.clock.now(),
      'The job could not be queued.',
    );
    throw error;
  }
  const estimate = estimateAssignment(
    bcProductIds?.length ?? (await catalogCount(deps, input.storeId, filter)),
    deps.options?.storeQuota,
  );
  return {
    ok: true,
    run,
    progress: await deps.assignmentRuns.progress(input.storeId, run.id),
    estimate,
  };
}

/** How many products of the catalog a filter matches (one call; before leaving out those assigned). */
async function catalogCount(deps: AssignmentDeps, storeId: StoreId, filter: CatalogFilter | null) {
  if (filter === null) return 0;
  return deps.storeCatalog.countProducts(storeId, catalogSearchOf(filter));
}

/** The `assignment.bulk` job's work: runs (or resumes) the run to its end. */
export async function runBulkAssignment(
  deps: AssignmentDeps,
  input: { readonly storeId: StoreId; readonly runId: number },
): Promise<AssignmentRunRecord | null> {
  return processAssignmentRun(deps, input.storeId, input.runId);
}

export interface AssignmentRunDetails extends AssignmentRunView {
  /** Products that were skipped or failed, with their codes (the first `problemsLimit`). */
  readonly problems: readonly AssignmentRunProductRecord[];
}

/** A run's status and progress (done / total, failures with codes), for the progress bar and the API. */
export async function getAssignmentRun(
  deps: Pick<AssignmentDeps, 'assignmentRuns'>,
  input: { readonly storeId: StoreId; readonly runId: number; readonly problemsLimit?: number },
): Promise<Result<AssignmentRunDetails, string>> {
  const run = await deps.assignmentRuns.getRun(input.storeId, input.runId);
  if (run === null)
    return refuse(ASSIGNMENT_CODES.runNotFound, `There is no assignment run ${input.runId} in this store.`);
  const limit = input.problemsLimit ?? 100;
  const [progress, failed, skipped] = await Promise.all([
    deps.assignmentRuns.progress(input.storeId, run.id),
    deps.assignmentRuns.listProducts(input.storeId, run.id, { status: 'failed', limit }),
    deps.assignmentRuns.listProducts(input.storeId, run.id, { status: 'skipped', limit }),
  ]);
  const problems = [...failed, ...skipped].sort((a, b) => a.id - b.id).slice(0, limit);
  return { ok: true, run, progress, problems };
}

/** Runs still being worked: to come back to a run's progress. */
export const ACTIVE_RUN_STATUSES: readonly AssignmentRunStatus[] = ['pending', 'running'];

/** Recent runs of the store, newest first, with their progress; only those of `statuses` when given. */
export async function listAssignmentRuns(
  deps: Pick<AssignmentDeps, 'assignmentRuns'>,
  input: {
    readonly storeId: StoreId;
    readonly statuses?: readonly AssignmentRunStatus[];
    readonly limit?: number;
  },
): Promise<AssignmentRunView[]> {
  const runs = await deps.assignmentRuns.listRuns(input.storeId, {
    limit: Math.min(Math.max(input.limit ?? 20, 1), 100),
    ...(input.statuses === undefined ? {} : { statuses: input.statuses }),
  });
  return Promise.all(
    runs.map(async (run) => ({ run, progress: await deps.assignmentRuns.progress(input.storeId, run.id) })),
  );
}
