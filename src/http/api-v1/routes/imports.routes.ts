import {
  SHEET_MEDIA_TYPES,
  sheetFileName,
  writeSpreadsheet,
} from '../../../adapters/spreadsheets/spreadsheet-writer.js';
import { applyImport } from '../../../app/imports/apply-import.js';
import { getImport } from '../../../app/imports/get-import.js';
import { MAX_IMPORT_ROWS } from '../../../app/imports/import-codes.js';
import { importProblemsSheet, listImportProblems } from '../../../app/imports/list-import-problems.js';
import { listImports } from '../../../app/imports/list-imports.js';
import { startImport } from '../../../app/imports/start-import.js';
import { encodeCursor, idempotencyKeyHeader } from '../api-schemas.js';
import type { ApiV1Deps } from '../api-v1.deps.js';
import { type AnyOperation, defineOperation } from '../operation.js';
import {
  importApplyBodySchema,
  importParamsSchema,
  importProblemJson,
  importProblemListSchema,
  importProblemsQuerySchema,
  importReportQuerySchema,
  importRunJson,
  importRunListSchema,
  importRunSchema,
  importsQuerySchema,
  importUploadQuerySchema,
} from '../schemas/imports.schemas.js';

/** The largest stock file accepted: 200,000 rows of a generous width. */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function importOperations(deps: ApiV1Deps): AnyOperation[] {
  const imports = (request: { log: { warn: (obj: object, msg: string) => void } }) => ({
    ...deps.imports,
    reportError: (error: unknown, context: string) => {
      deps.imports.reportError?.(error, context);
      request.log.warn({ err: error }, context);
    },
  });
  return [
    defineOperation({
      operationId: 'uploadImport',
      method: 'POST',
      path: '/imports',
      tag: 'Imports',
      summary: 'Upload a stock file (dry run)',
      description: `Reads a stock file — CSV (UTF-8 with or without BOM, UTF-16, Windows-1252; comma, semicolon or tab) or XLSX (its first worksheet) — with the columns of the template (GET /exports/items): SKU and any of Stock, Threshold, Incoming stock, Back-in-stock date. Every row is checked and the rules are asked what each would change, but NOTHING changes: the answer (201) is the dry run, with every problem by line and column; POST /imports/{id}/apply applies it. An empty Stock or Incoming stock cell leaves the value as it is; an empty Threshold means unlimited, an empty date none. At most ${MAX_IMPORT_ROWS.toLocaleString('en-US')} rows and 50 MB. The same Idempotency-Key, or the same file while its dry run waits to be applied, answers that run (200). A file that cannot be read as a stock file is refused (422) with where: IMPORT.UNREADABLE_FILE, IMPORT.EMPTY_FILE, IMPORT.MISSING_HEADER, IMPORT.UNKNOWN_HEADER, IMPORT.DUPLICATE_HEADER, IMPORT.TOO_MANY_ROWS; nothing is stored then.`,
      access: 'store',
      query: importUploadQuerySchema,
      headers: { 'idempotency-key': idempotencyKeyHeader },
      upload: { contentTypes: ['text/csv', XLSX, 'application/octet-stream'], maxBytes: MAX_IMPORT_BYTES },
      responses: {
        201: { description: 'Read and checked: the dry run.', schema: importRunSchema },
        200: { description: 'The run this key or this file already made.', schema: importRunSchema },
      },
      errors: [400, 404, 413, 415, 422],
    }).handle(async ({ principal, query, headers, upload, request }) => {
      const xlsx = upload?.contentType === XLSX;
      const result = await startImport(imports(request), {
        storeId: principal.storeId,
        actor: principal.actor,
        fileName: query.file_name ?? (xlsx ? 'stock.xlsx' : 'stock.csv'),
        bytes: upload!.bytes,
        requestKey: headers['idempotency-key'] ?? null,
      });
      if (!result.ok) return result;
      return { status: result.created ? 201 : 200, body: importRunJson(result.view) };
    }),
    defineOperation({
      operationId: 'listImports',
      method: 'GET',
      path: '/imports',
      tag: 'Imports',
      summary: 'List imports',
      description: 'The store’s imports, newest first.',
      access: 'store',
      query: importsQuerySchema,
      responses: { 200: { description: 'A page of imports.', schema: importRunListSchema } },
      errors: [400],
    }).handle(async ({ principal, query }) => {
      const page = await listImports(deps.imports, {
        storeId: principal.storeId,
        limit: query.limit,
        ...(query.cursor === undefined ? {} : { beforeId: query.cursor }),
      });
      return {
        status: 200,
        body: {
          data: page.runs.map(importRunJson),
          next_cursor: page.nextBeforeId === null ? null : encodeCursor(page.nextBeforeId),
        },
      };
    }),
    defineOperation({
      operationId: 'getImport',
      method: 'GET',
      path: '/imports/{id}',
      tag: 'Imports',
      summary: 'Read an import',
      description:
        'Its dry run, its progress while applying (rows.applied) and its result. IMPORT.NOT_FOUND (404) for another store’s import or none.',
      access: 'store',
      params: importParamsSchema,
      responses: { 200: { description: 'The import.', schema: importRunSchema } },
      errors: [400, 404],
    }).handle(async ({ principal, params }) => {
      const result = await getImport(deps.imports, { storeId: principal.storeId, runId: params.id });
      if (!result.ok) return result;
      return { status: 200, body: importRunJson(result.view) };
    }),
    defineOperation({
      operationId: 'listImportProblems',
      method: 'GET',
      path: '/imports/{id}/problems',
      tag: 'Imports',
      summary: 'List an import’s problems',
      description: 'Every problem of the file by line: at upload, and rows the rules refused while applying.',
      access: 'store',
      params: importParamsSchema,
      query: importProblemsQuerySchema,
      responses: { 200: { description: 'A page of problems.', schema: importProblemListSchema } },
      errors: [400, 404],
    }).handle(async ({ principal, params, query }) => {
      const result = await listImportProblems(deps.imports, {
        storeId: principal.storeId,
        runId: params.id,
        offset: query.cursor ?? 0,
        limit: query.limit,
      });
      if (!result.ok) return result;
      return {
        status: 200,
        body: {
          data: result.problems.map(importProblemJson),
          next_cursor: result.nextOffset === null ? null : encodeCursor(result.nextOffset),
        },
      };
    }),
    defineOperation({
      operationId: 'exportImportProblems',
      method: 'GET',
      path: '/imports/{id}/problems/export',
      tag: 'Imports',
      summary: 'Download an import’s error report',
      description:
        'Every problem by line as a file (columns Line, Column, SKU, Value, Problem, Explanation), CSV (UTF-8 with BOM) or XLSX: `import-<id>-problems.csv`.',
      access: 'store',
      params: importParamsSchema,
      query: importReportQuerySchema,
      responses: {
        200: { description: 'The error report.', file: [SHEET_MEDIA_TYPES.csv, SHEET_MEDIA_TYPES.xlsx] },
      },
      errors: [400, 404],
    }).handle(async ({ principal, params, query }) => {
      const result = await importProblemsSheet(deps.imports, {
        storeId: principal.storeId,
        runId: params.id,
      });
      if (!result.ok) return result;
      return {
        status: 200,
        file: {
          contentType: SHEET_MEDIA_TYPES[query.format],
          fileName: sheetFileName(`import-${params.id}-problems`, query.format),
          content: writeSpreadsheet(query.format, result.sheet),
        },
      };
    }),
    defineOperation({
      operationId: 'applyImport',
      method: 'POST',
      path: '/imports/{id}/apply',
      tag: 'Imports',
      summary: 'Apply an import',
      description:
        'Applies a validated import in the background (202; progress in rows.applied, GET /imports/{id}): chunk by chunk, each row once (its change is keyed by the import and line, so a retry, a crash or a second request never applies a row twice), as an edit made by an import (a date written lifts a date block, R12). A file with problems is applied only with apply_valid_rows (IMPORT.HAS_PROBLEMS, 409). Asking again for an import that is applying (202) or done (200) with the same choice answers it; otherwise IMPORT.NOT_APPLICABLE (409). The result is emailed (import_finished).',
      access: 'store',
      params: importParamsSchema,
      body: importApplyBodySchema,
      responses: {
        202: { description: 'Applying.', schema: importRunSchema },
        200: { description: 'Already applied with this choice.', schema: importRunSchema },
      },
      errors: [400, 404, 409],
    }).handle(async ({ principal, params, body }) => {
      const result = await applyImport(deps.imports, {
        storeId: principal.storeId,
        runId: params.id,
        applyValidRows: body?.apply_valid_rows ?? false,
      });
      if (!result.ok) return result;
      const done = !result.started && result.view.run.status === 'done';
      return { status: done ? 200 : 202, body: importRunJson(result.view) };
    }),
  ];
}
