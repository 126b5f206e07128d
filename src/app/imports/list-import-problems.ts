import type { Result } from '../../core/item.js';
import type { ImportProblemRecord, ImportRunRepository } from '../ports/import-run-repository.js';
import type { Sheet } from '../ports/sheet.js';
import type { StoreId } from '../ports/store-id.js';
import { importNotFound } from './get-import.js';

interface Deps {
  readonly importRuns: ImportRunRepository;
}

/** Problems read per query while the error report is written. */
const REPORT_PAGE = 1_000;

/** A page of an import's problems, by line (IMPORT.NOT_FOUND for another store's run). */
export async function listImportProblems(
  deps: Deps,
  input: {
    readonly storeId: StoreId;
    readonly runId: number;
    readonly offset: number;
    readonly limit: number;
  },
): Promise<
  Result<{ readonly problems: readonly ImportProblemRecord[]; readonly nextOffset: number | null }>
> {
  const run = await deps.importRuns.getRun(input.storeId, input.runId);
  if (run === null || run.status === 'validating') return importNotFound(input.runId);
  const problems = await deps.importRuns.listProblems(input.storeId, input.runId, {
    offset: input.offset,
    limit: input.limit + 1,
  });
  const page = problems.slice(0, input.limit);
  return {
    ok: true,
    problems: page,
    nextOffset: problems.length > input.limit ? input.offset + page.length : null,
  };
}

/**
 * The error report of an import: every problem by line (Line, Column, SKU, Value, Problem, Explanation),
 * read a page at a time as the file is written.
 */
export async function importProblemsSheet(
  deps: Deps,
  input: { readonly storeId: StoreId; readonly runId: number },
): Promise<Result<{ readonly sheet: Sheet }>> {
  const run = await deps.importRuns.getRun(input.storeId, input.runId);
  if (run === null || run.status === 'validating') return importNotFound(input.runId);
  async function* rows() {
    for (let offset = 0; ; offset += REPORT_PAGE) {
      const page = await deps.importRuns.listProblems(input.storeId, input.runId, {
        offset,
        limit: REPORT_PAGE,
      });
      for (const p of page) yield [p.line, p.column, p.sku, p.value, p.code, p.message];
      if (page.length < REPORT_PAGE) return;
    }
  }
  return {
    ok: true,
    sheet: {
      name: 'Problems',
      columns: [
        { header: 'Line', kind: 'number' },
        { header: 'Column', width: 20 },
        { header: 'SKU', width: 20 },
        { header: 'Value', width: 20 },
        { header: 'Problem', width: 30 },
        { header: 'Explanation', width: 60 },
      ],
      rows: rows(),
    },
  };
}
