import { z } from 'zod';
import { assignProducts, MAX_PRODUCTS_PER_REQUEST } from '../../../app/assignment/assign-products.js';
import { startBulkAssignment } from '../../../app/assignment/bulk-assignment.js';
import { unassignProduct } from '../../../app/assignment/unassign-product.js';
import { assignmentsBodySchema, productParamsSchema } from '../api-schemas.js';
import type { ApiV1Deps } from '../api-v1.deps.js';
import { type AnyOperation, defineOperation } from '../operation.js';

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
      warnings: z
        .array(z.string())
        .meta({ description: 'Assigned, but not quite as asked, e.g. ASSIGNMENT.STOCK_NOT_TRACKED.' }),
    }),
  ),
});

const queuedSchema = z.object({
  run_id: z.int().meta({ description: 'The background assignment run.' }),
  status: z.enum(['pending', 'running', 'done', 'failed']),
  progress: z.object({
    total: z.int(),
    pending: z.int(),
    assigned: z.int(),
    skipped: z.int(),
    failed: z.int(),
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
      description: `Assigns BigCommerce products (all their variants): stock copied from BigCommerce, the template's stock defaults applied, inventory tracking turned off, purchasability written back. Up to ${MAX_PRODUCTS_PER_REQUEST} products are assigned before the answer (200, each product's outcome: one refused does not stop the others); more are queued as a background run (202).`,
      access: 'store',
      body: assignmentsBodySchema,
      responses: {
        200: { description: 'Done; each product’s outcome.', schema: assignedSchema },
        202: { description: 'Queued as a background run.', schema: queuedSchema },
      },
      errors: [400, 404, 422, 502],
    }).handle(async ({ principal, body, request }) => {
      const input = {
        storeId: principal.storeId,
        productIds: body.product_ids,
        templateId: body.template_id ?? null,
        actor: principal.actor,
      };
      if (new Set(body.product_ids).size > MAX_PRODUCTS_PER_REQUEST) {
        const started = await startBulkAssignment(assignment(request), input);
        if (!started.ok) return started;
        return {
          status: 202,
          body: { run_id: started.run.id, status: started.run.status, progress: { ...started.progress } },
        };
      }
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
      operationId: 'unassignProduct',
      method: 'DELETE',
      path: '/assignments/{product_id}',
      tag: 'Assignments',
      summary: 'Unassign a product',
      description:
        'The app stops tracking the product: its stock data is emailed (CSV), purchase is disabled in BigCommerce, history is kept; it can be assigned again. ASSIGNMENT.NOT_ASSIGNED (404) when it is not assigned.',
      access: 'store',
      params: productParamsSchema,
      responses: { 204: { description: 'Unassigned.' } },
      errors: [400, 404, 502],
    }).handle(async ({ principal, params, request }) => {
      const result = await unassignProduct(assignment(request), {
        storeId: principal.storeId,
        bcProductId: params.product_id,
        actor: principal.actor,
      });
      return result.ok ? { status: 204, body: undefined } : result;
    }),
  ];
}
