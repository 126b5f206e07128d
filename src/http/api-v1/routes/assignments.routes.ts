import { z } from 'zod';
import { assignProducts, MAX_PRODUCTS_PER_REQUEST } from '../../../app/assignment/assign-products.js';
import {
  ACTIVE_RUN_STATUSES,
  getAssignmentRun,
  listAssignmentRuns,
  startBulkAssignment,
} from '../../../app/assignment/bulk-assignment.js';
import { unassignProduct } from '../../../app/assignment/unassign-product.js';
import { productParamsSchema } from '../api-schemas.js';
import type { ApiV1Deps } from '../api-v1.deps.js';
import { type AnyOperation, defineOperation } from '../operation.js';
import {
  assignmentRunDetailsSchema,
  assignmentRunListSchema,
  assignmentsBodySchema,
  runDetailsJson,
  runJson,
  runParamsSchema,
  runsQuerySchema,
  startedAssignmentRunSchema,
  startedRunJson,
  stockDefaultsOf,
} from '../schemas/assignments.schemas.js';
import { catalogFilterOf } from '../schemas/catalog.schemas.js';

const assignedSchema = z.object({
  run_id: z.int(),
  results: z.array(
    z.object({
      product_id: z.int().meta({ description: 'BigCommerce product id.' }),
      status: z.enum(['assigned', 'refused']),
      code: z.string().nullable().meta({
        description: 'Why it was refused, e.g. ASSIGNMENT.ALREADY_ASSIGNED, ASSIGNMENT.PRODUCT_NOT_FOUND.',
      }),
      message: z.string().nullable(),
      item_count: z.int().meta({ description: 'Items (variants) assigned.' }),
      warnings: z.array(z.string()).meta({
        description:
          'Assigned, but not quite as asked: ASSIGNMENT.STOCK_NOT_TRACKED (BigCommerce tracks no stock: items start at 0), ASSIGNMENT.STOCK_FROM_LEDGER (assigned again while BigCommerce tracks no stock: items start from the stock the app counted when it was unassigned), ASSIGNMENT.STOCK_NOT_PER_VARIANT, ASSIGNMENT.TRACKING_NOT_TURNED_OFF, ASSIGNMENT.LEVEL_NOT_WRITTEN (cap at checkout: BigCommerce refused the level of units still sellable).',
      }),
    }),
  ),
});

const unassignQuerySchema = z.strictObject({
  restore_tracking: z.enum(['true', 'false']).default('false').meta({
    description:
      'false (default): BigCommerce’s inventory tracking stays off, its levels untouched, and the answer is 204. true: the product’s original inventory tracking (recorded at its first assignment) is turned back on with the app’s last stock as its levels — the product’s level when it tracked by product (its variants’ stock added up), each variant’s level when it tracked by variant, a negative stock written as 0; nothing is written for a product that did not track inventory before. The answer is then 200 with what was restored. Either way purchase stays disabled.',
  }),
});

const unassignedSchema = z.object({
  product_id: z.int().meta({ description: 'BigCommerce product id.' }),
  tracking_restored: z.enum(['none', 'product', 'variant']).nullable().meta({
    description:
      'The inventory tracking BigCommerce has again, with the app’s last stock as its levels (`none`: the product did not track inventory before; nothing was written). Null when it could not be restored (see warnings).',
  }),
  warnings: z.array(z.string()).meta({
    description:
      'ASSIGNMENT.TRACKING_NOT_RESTORED: BigCommerce refused the write (or no original setting was recorded); tracking stays off. The product is unassigned either way.',
  }),
});

export function assignmentOperations(deps: ApiV1Deps): AnyOperation[] {
  const assignment = (request: { log: { warn: (obj: object, msg: string) => void } }) => ({
    ...deps.assignment,
    reportError: (error: unknown, context: string) => {
      deps.assignment.reportError?.(error, context);
      request.log.warn({ err: error }, context);
    },
  });
  return [
    defineOperation({
      operationId: 'assignProducts',
      method: 'POST',
      path: '/assignments',
      tag: 'Assignments',
      summary: 'Assign products',
      description: `Assigns BigCommerce products (all their variants): stock copied from BigCommerce, the template's stock defaults applied (or those given here: threshold, incoming_stock, back_in_stock_date override the template's for every item), inventory tracking turned off, purchasability written back. Give the products (product_ids) or a catalog filter ("select all matching"). Up to ${MAX_PRODUCTS_PER_REQUEST} products by id are assigned before the answer (200, each product's outcome: one refused does not stop the others); more, and every filter, are queued as a background run (202) whose progress GET /assignments/runs/{run_id} tells.`,
      access: 'store',
      body: assignmentsBodySchema,
      responses: {
        200: { description: 'Done; each product’s outcome.', schema: assignedSchema },
        202: { description: 'Queued as a background run.', schema: startedAssignmentRunSchema },
      },
      errors: [400, 404, 422, 502],
    }).handle(async ({ principal, body, request }) => {
      const common = {
        storeId: principal.storeId,
        templateId: body.template_id ?? null,
        stockDefaults: stockDefaultsOf(body),
        actor: principal.actor,
      };
      const productIds = body.product_ids ?? [];
      if (body.filter !== undefined || new Set(productIds).size > MAX_PRODUCTS_PER_REQUEST) {
        const started = await startBulkAssignment(
          assignment(request),
          body.filter === undefined
            ? { ...common, productIds }
            : { ...common, filter: catalogFilterOf(body.filter) },
        );
        if (!started.ok) return started;
        return { status: 202, body: startedRunJson(started) };
      }
      const input = { ...common, productIds };
      const result = await assignProducts(assignment(request), input);
      if (!result.ok) return result;
      return {
        status: 200,
        body: {
          run_id: result.runId,
          results: result.results.map((r) =>
            r.ok
              ? {
                  product_id: r.bcProductId,
                  status: 'assigned' as const,
                  code: null,
                  message: null,
                  item_count: r.itemCount,
                  warnings: [...r.warnings],
                }
              : {
                  product_id: r.bcProductId,
                  status: 'refused' as const,
                  code: r.code,
                  message: r.message,
                  item_count: 0,
                  warnings: [],
                },
          ),
        },
      };
    }),
    defineOperation({
      operationId: 'listAssignmentRuns',
      method: 'GET',
      path: '/assignments/runs',
      tag: 'Assignments',
      summary: 'List assignment runs',
      description:
        'The store’s assignment runs, newest first, with their progress; `status=active` gives those still being worked, to come back to one.',
      access: 'store',
      query: runsQuerySchema,
      responses: { 200: { description: 'The runs.', schema: assignmentRunListSchema } },
      errors: [400],
    }).handle(async ({ principal, query }) => {
      const runs = await listAssignmentRuns(deps.assignment, {
        storeId: principal.storeId,
        limit: query.limit,
        ...(query.status === undefined
          ? {}
          : { statuses: query.status === 'active' ? ACTIVE_RUN_STATUSES : [query.status] }),
      });
      return { status: 200, body: { data: runs.map(runJson) } };
    }),
    defineOperation({
      operationId: 'getAssignmentRun',
      method: 'GET',
      path: '/assignments/runs/{run_id}',
      tag: 'Assignments',
      summary: 'Read an assignment run’s progress',
      description:
        'Progress (total, pending, assigned, skipped, failed), status and times of a run, and the products skipped or failed with their codes. ASSIGNMENT.RUN_NOT_FOUND (404) for a run of another store or none.',
      access: 'store',
      params: runParamsSchema,
      responses: { 200: { description: 'The run.', schema: assignmentRunDetailsSchema } },
      errors: [400, 404],
    }).handle(async ({ principal, params }) => {
      const details = await getAssignmentRun(deps.assignment, {
        storeId: principal.storeId,
        runId: params.run_id,
      });
      if (!details.ok) return details;
      return { status: 200, body: runDetailsJson(details) };
    }),
    defineOperation({
      operationId: 'unassignProduct',
      method: 'DELETE',
      path: '/assignments/{product_id}',
      tag: 'Assignments',
      summary: 'Unassign a product',
      description:
        'The app stops tracking the product: its stock data is emailed (CSV), purchase is disabled in BigCommerce, history is kept; it can be assigned again (assigned again while BigCommerce tracks no inventory for it, its items start from the stock the app last counted: warning ASSIGNMENT.STOCK_FROM_LEDGER). BigCommerce’s inventory tracking stays off unless restore_tracking=true hands it back with the app’s last stock. ASSIGNMENT.NOT_ASSIGNED (404) when it is not assigned (also on a retry of an unassignment that was done; a retried restore_tracking=true first writes the levels again, while BigCommerce still tracks nothing for the product).',
      access: 'store',
      params: productParamsSchema,
      query: unassignQuerySchema,
      responses: {
        200: { description: 'Unassigned, with restore_tracking=true.', schema: unassignedSchema },
        204: { description: 'Unassigned; tracking stays off.' },
      },
      errors: [400, 404, 502],
    }).handle(async ({ principal, params, query, request }) => {
      const restoreTracking = query.restore_tracking === 'true';
      const result = await unassignProduct(assignment(request), {
        storeId: principal.storeId,
        bcProductId: params.product_id,
        actor: principal.actor,
        restoreTracking,
      });
      if (!result.ok) return result;
      if (result.tracking === null) return { status: 204, body: undefined };
      return {
        status: 200,
        body: {
          product_id: params.product_id,
          tracking_restored: result.tracking.restored,
          warnings: [...result.tracking.warnings],
        },
      };
    }),
  ];
}
