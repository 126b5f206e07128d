import { z } from 'zod';
import type { ImportRunView } from '../../../app/imports/get-import.js';
import type { ImportProblemRecord } from '../../../app/ports/import-run-repository.js';
import { SHEET_FORMATS } from '../../../app/ports/sheet.js';
import { STATUSES } from '../../../core/item.js';
import { count, cursor, idParam, limit, timestamp } from '../api-schemas.js';

/** Stock files uploaded, their dry run, how they are applied, and their problems. */

export const importProblemSchema = z
  .object({
    line: z
      .int()
      .meta({ description: 'The line in the file as a spreadsheet program numbers it (1: the header).' }),
    column: z.string().nullable().meta({ description: 'The column’s header as in the file.' }),
    sku: z.string().nullable(),
    value: z.string().nullable().meta({ description: 'The cell as text, cut to 100 characters.' }),
    code: z.string().meta({
      description:
        'IMPORT.* for what the file says (IMPORT.NOT_A_NUMBER, IMPORT.UNKNOWN_SKU, IMPORT.INVALID_DATE, …), or the rules’ own code for a row they refuse (ITEM.STOCK_OUT_OF_RANGE, …).',
    }),
    message: z.string().meta({ description: 'For people; may change.' }),
  })
  .meta({ id: 'ImportProblem' });

export const importRunSchema = z
  .object({
    id: z.int(),
    status: z.enum(['validated', 'applying', 'done', 'failed']).meta({
      description:
        'validated: the dry run is done and nothing changed yet; applying: the rows are being applied (progress in rows.applied); done; failed.',
    }),
    file_name: z.string(),
    format: z.enum(['csv', 'xlsx']),
    encoding: z.string().nullable().meta({
      description: 'How a CSV file was read: utf-8, utf-16le, utf-16be or windows-1252; null for XLSX.',
    }),
    actor: z
      .string()
      .meta({ description: 'Who uploaded it (and applies it): `admin:<email>`, `api-key:<prefix>`.' }),
    created_at: timestamp,
    applied_at: timestamp.nullable().meta({ description: 'When applying was asked for.' }),
    finished_at: timestamp.nullable(),
    rows: z.object({
      total: count.meta({ description: 'Data rows in the file (the header and empty rows not counted).' }),
      valid: count.meta({ description: 'Rows that can be applied.' }),
      with_problems: count.meta({ description: 'Rows with at least one problem (they are not applied).' }),
      applied: count.meta({
        description:
          'Progress: rows worked through so far (applied, found applied before, unchanged, or refused by the rules now — those become problems).',
      }),
      unchanged: count.meta({ description: 'Valid rows that would change nothing (at upload).' }),
    }),
    apply_valid_rows: z
      .boolean()
      .nullable()
      .meta({ description: 'The choice made when applying (null until then).' }),
    changes: z
      .object({ stock: count, threshold: count, incoming_stock: count, back_in_stock_date: count })
      .meta({ description: 'Valid rows whose value differs from the item’s, per column (at upload).' }),
    status_changes: z
      .array(z.object({ from: z.enum(STATUSES), to: z.enum(STATUSES), items: count }))
      .meta({ description: 'The status changes the rules would make (at upload).' }),
    same_file_as: z
      .object({ id: z.int(), finished_at: timestamp.nullable() })
      .nullable()
      .meta({ description: 'The latest other import of the same file (same bytes) that was applied.' }),
    problems_preview: z
      .array(importProblemSchema)
      .meta({ description: 'The first 20 problems by line; GET /imports/{id}/problems pages them all.' }),
  })
  .meta({ id: 'ImportRun', description: 'An uploaded stock file, its dry run, and how it is applied.' });

export const importRunListSchema = z
  .object({
    data: z.array(importRunSchema),
    next_cursor: z.string().nullable().meta({ description: 'Null on the last page.' }),
  })
  .meta({ id: 'ImportRunList' });

export const importProblemListSchema = z
  .object({
    data: z.array(importProblemSchema),
    next_cursor: z.string().nullable().meta({ description: 'Null on the last page.' }),
  })
  .meta({ id: 'ImportProblemList' });

export const importParamsSchema = z.strictObject({ id: idParam });

export const importUploadQuerySchema = z.strictObject({
  file_name: z
    .string()
    .min(1)
    .max(255)
    .optional()
    .meta({ description: 'The file’s name, shown with the run (default `stock.csv` or `stock.xlsx`).' }),
});

export const importsQuerySchema = z.strictObject({
  limit: limit(100, 20),
  cursor: cursor.optional(),
});

export const importProblemsQuerySchema = z.strictObject({
  limit: limit(500, 100),
  cursor: cursor.optional(),
});

export const importReportQuerySchema = z.strictObject({
  format: z.enum(SHEET_FORMATS).default('csv'),
});

export const importApplyBodySchema = z
  .strictObject({
    apply_valid_rows: z.boolean().default(false).meta({
      description:
        'Apply the valid rows of a file that has problems (the rows with problems are left out). Without it such a file is refused (IMPORT.HAS_PROBLEMS).',
    }),
  })
  .default({ apply_valid_rows: false });

export function importProblemJson(p: ImportProblemRecord): z.input<typeof importProblemSchema> {
  return { line: p.line, column: p.column, sku: p.sku, value: p.value, code: p.code, message: p.message };
}

export function importRunJson(view: ImportRunView): z.input<typeof importRunSchema> {
  const { run } = view;
  const changes = run.summary?.changes ?? { stock: 0, threshold: 0, incomingStock: 0, backInStockDate: 0 };
  return {
    id: run.id,
    status: run.status === 'validating' ? 'validated' : run.status,
    file_name: run.fileName,
    format: run.format ?? 'csv',
    encoding: run.encoding,
    actor: run.actor,
    created_at: run.createdAt.toISOString(),
    applied_at: run.appliedAt?.toISOString() ?? null,
    finished_at: run.finishedAt?.toISOString() ?? null,
    rows: {
      total: run.totalRows,
      valid: run.validRows,
      with_problems: run.errorRows,
      applied: run.appliedRows,
      unchanged: run.unchangedRows,
    },
    apply_valid_rows: run.applyValidRows,
    changes: {
      stock: changes.stock,
      threshold: changes.threshold,
      incoming_stock: changes.incomingStock,
      back_in_stock_date: changes.backInStockDate,
    },
    status_changes: (run.summary?.statusChanges ?? []).map((c) => ({ ...c })),
    same_file_as:
      view.sameFileAs === null
        ? null
        : { id: view.sameFileAs.id, finished_at: view.sameFileAs.finishedAt?.toISOString() ?? null },
    problems_preview: view.problemsPreview.map(importProblemJson),
  };
}
