import { type Result, refuse } from '../../core/item.js';
import type {
  ImportProblemRecord,
  ImportRunRecord,
  ImportRunRepository,
} from '../ports/import-run-repository.js';
import type { StoreId } from '../ports/store-id.js';
import { IMPORT_CODES } from './import-codes.js';

/** Problems shown with a run; the rest are paged (listImportProblems) or downloaded as a report. */
export const PROBLEMS_PREVIEW = 20;

/** A run as the API shows it: with the first problems, and the last time the same file was applied. */
export interface ImportRunView {
  readonly run: ImportRunRecord;
  readonly problemsPreview: readonly ImportProblemRecord[];
  /** The latest other run of the same file (by its hash) that was applied to its end. */
  readonly sameFileAs: { readonly id: number; readonly finishedAt: Date | null } | null;
}

export interface GetImportDeps {
  readonly importRuns: ImportRunRepository;
}

/** One import run of the store (IMPORT.NOT_FOUND for another store's or none). */
export async function getImport(
  deps: GetImportDeps,
  input: { readonly storeId: StoreId; readonly runId: number },
): Promise<Result<{ readonly view: ImportRunView }, typeof IMPORT_CODES.notFound>> {
  const run = await deps.importRuns.getRun(input.storeId, input.runId);
  if (run === null || run.status === 'validating') return importNotFound(input.runId);
  return { ok: true, view: await importRunView(deps, run) };
}

export function importNotFound(runId: number) {
  return refuse(IMPORT_CODES.notFound, `No import ${runId} in this store.`);
}

export async function importRunView(deps: GetImportDeps, run: ImportRunRecord): Promise<ImportRunView> {
  const [problemsPreview, same] = await Promise.all([
    deps.importRuns.listProblems(run.storeId, run.id, { limit: PROBLEMS_PREVIEW }),
    run.fileHash === null
      ? Promise.resolve(null)
      : deps.importRuns.findByFileHash(run.storeId, run.fileHash, ['done'], run.id),
  ]);
  return {
    run,
    problemsPreview,
    sameFileAs: same === null ? null : { id: same.id, finishedAt: same.finishedAt },
  };
}
