import { z } from 'zod';
import type {
  AssignmentRunDetails,
  AssignmentRunView,
  StartedAssignmentRun,
} from '../../../app/assignment/bulk-assignment.js';
import type { StockDefaults } from '../../../app/ports/assignment-run-repository.js';
import { count, idParam, localDate, timestamp, wholeNumber } from '../api-schemas.js';
import { catalogFilterBodySchema } from './catalog.schemas.js';

/** Assigning products by selection or by filter, with stock defaults, and the runs that do it. */

const bcId = z.int().min(1).max(2_147_483_647);

export const MAX_PRODUCT_IDS_PER_BODY = 10_000;

export const assignmentsBodySchema = z
  .strictObject({
    product_ids: z
      .array(bcId)
      .min(1)
      .max(MAX_PRODUCT_IDS_PER_BODY)
      .optional()
      .meta({ description: 'BigCommerce product ids. Give these or `filter`.' }),
    filter: catalogFilterBodySchema.optional().meta({
      description:
        '“Select all matching”: every product the filter matches (not yet assigned, unless it says `assigned`). Always a background run (202).',
    }),
    template_id: z
      .int()
      .min(1)
      .max(2_147_483_647)
      .nullable()
      .optional()
      .meta({ description: 'Default: the store’s default template.' }),
    threshold: count.nullable().optional().meta({
      description: 'Every assigned item gets this threshold instead of the template’s (null: unlimited).',
    }),
    incoming_stock: count
      .optional()
      .meta({ description: 'Every assigned item gets this incoming stock instead of the template’s.' }),
    back_in_stock_date: localDate.nullable().optional().meta({
      description: 'Every assigned item gets this back-in-stock date instead of the template’s (null: none).',
    }),
  })
  .refine((body) => (body.product_ids === undefined) !== (body.filter === undefined), {
    message: 'Give either product_ids or filter.',
    path: ['product_ids'],
  });

/** The body's stock defaults in the use cases' terms (only the fields given). */
export function stockDefaultsOf(body: z.output<typeof assignmentsBodySchema>): StockDefaults | null {
  const defaults: { -readonly [K in keyof StockDefaults]: StockDefaults[K] } = {};
  if (body.threshold !== undefined) defaults.threshold = body.threshold;
  if (body.incoming_stock !== undefined) defaults.incomingStock = body.incoming_stock;
  if (body.back_in_stock_date !== undefined) defaults.backInStockDate = body.back_in_stock_date;
  return Object.keys(defaults).length === 0 ? null : defaults;
}

const RUN_STATUSES = ['pending', 'running', 'done', 'failed'] as const;

const runFields = {
  run_id: z.int(),
  status: z.enum(RUN_STATUSES).meta({ description: 'pending and running runs are still being worked.' }),
  kind: z
    .enum(['products', 'filter'])
    .meta({ description: 'Chosen products, or every product a filter matches.' }),
  resolved: z.boolean().meta({
    description:
      'Every product of the run is listed; until then (a filter run) `progress.total` still grows.',
  }),
  template_id: z.int().nullable(),
  stock_defaults: z
    .object({
      threshold: count.nullable().optional(),
      incoming_stock: count.optional(),
      back_in_stock_date: localDate.nullable().optional(),
    })
    .nullable()
    .meta({ description: 'Given with the request; they override the template’s.' }),
  actor: z.string().meta({ description: 'Who started it: `admin:<email>`, `api-key:<prefix>`, …' }),
  error: z.string().nullable().meta({ description: 'Why a failed run failed as a whole.' }),
  started_at: timestamp,
  updated_at: timestamp,
  finished_at: timestamp.nullable(),
  progress: z.object({
    total: z.int(),
    pending: z.int(),
    assigned: z.int(),
    skipped: z.int().meta({ description: 'Already assigned.' }),
    failed: z.int(),
  }),
};

export const assignmentRunSchema = z
  .object(runFields)
  .meta({ id: 'AssignmentRun', description: 'A background assignment and its progress.' });

export const startedAssignmentRunSchema = z
  .object({
    ...runFields,
    estimate: z
      .object({
        products: z
          .int()
          .meta({ description: 'Products to assign (for a filter: the catalog products it matches).' }),
        calls: z.int().meta({
          description: 'BigCommerce calls the run needs: reads of 250 products, writes of 10 products.',
        }),
        quota_requests: z.int().meta({ description: 'The store quota the estimate assumes, per window.' }),
        quota_window_seconds: z.int(),
        seconds: z.int().meta({ description: 'The calls at that quota (longer when other apps share it).' }),
      })
      .meta({
        description: 'What the run costs in BigCommerce calls, and how long that takes at the store quota.',
      }),
  })
  .meta({
    id: 'StartedAssignmentRun',
    description: 'A background assignment just queued, with its estimate.',
  });

/** The 202 of a bulk assignment: the run, and its estimate. */
export function startedRunJson(started: StartedAssignmentRun): z.input<typeof startedAssignmentRunSchema> {
  const { estimate } = started;
  return {
    ...runJson(started),
    estimate: {
      products: estimate.products,
      calls: estimate.calls,
      quota_requests: estimate.quota.requests,
      quota_window_seconds: Math.round(estimate.quota.windowMs / 1000),
      seconds: estimate.seconds,
    },
  };
}

export const assignmentRunDetailsSchema = z
  .object({
    ...runFields,
    failures: z
      .array(
        z.object({
          product_id: z.int().meta({ description: 'BigCommerce product id.' }),
          name: z.string().nullable(),
          sku: z.string().nullable(),
          status: z.enum(['skipped', 'failed']),
          code: z
            .string()
            .nullable()
            .meta({ description: 'e.g. ASSIGNMENT.ALREADY_ASSIGNED, ASSIGNMENT.SKU_TAKEN.' }),
          message: z.string().nullable(),
        }),
      )
      .meta({ description: 'Products skipped or failed (the first 100), with their codes.' }),
  })
  .meta({ id: 'AssignmentRunDetails' });

export const assignmentRunListSchema = z
  .object({ data: z.array(assignmentRunSchema) })
  .meta({ id: 'AssignmentRunList' });

export const runParamsSchema = z.strictObject({
  run_id: idParam,
});

export const runsQuerySchema = z.strictObject({
  status: z
    .enum(['active', ...RUN_STATUSES])
    .optional()
    .meta({ description: '`active`: pending or running (a run to come back to). Default: every run.' }),
  limit: wholeNumber(1, 100).default(20).meta({ description: 'Page size, 1 to 100.' }),
});

export function runJson(view: AssignmentRunView): z.input<typeof assignmentRunSchema> {
  const { run, progress } = view;
  const d = run.stockDefaults;
  return {
    run_id: run.id,
    status: run.status,
    kind: run.filter === null ? 'products' : 'filter',
    resolved: run.resolved,
    template_id: run.templateId,
    stock_defaults:
      d === null
        ? null
        : {
            ...(d.threshold === undefined ? {} : { threshold: d.threshold }),
            ...(d.incomingStock === undefined ? {} : { incoming_stock: d.incomingStock }),
            ...(d.backInStockDate === undefined ? {} : { back_in_stock_date: d.backInStockDate }),
          },
    actor: run.actor,
    error: run.error,
    started_at: run.createdAt.toISOString(),
    updated_at: run.updatedAt.toISOString(),
    finished_at: run.finishedAt?.toISOString() ?? null,
    progress: { ...progress },
  };
}

export function runDetailsJson(details: AssignmentRunDetails): z.input<typeof assignmentRunDetailsSchema> {
  return {
    ...runJson(details),
    failures: details.problems.map((p) => ({
      product_id: p.bcProductId,
      name: p.productName,
      sku: p.productSku,
      status: p.status === 'skipped' ? ('skipped' as const) : ('failed' as const),
      code: p.code,
      message: p.message,
    })),
  };
}
