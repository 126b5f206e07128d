import type { Result } from '../../core/item.js';
import { refuse } from '../../core/item.js';
import { enqueue } from '../jobs/enqueue.js';
import type { StoreId } from '../ports/store-id.js';
import { type ImportRunView, importNotFound, importRunView } from './get-import.js';
import { IMPORT_CODES } from './import-codes.js';
import type { ImportDeps } from './import-deps.js';

export interface ApplyImportInput {
  readonly storeId: StoreId;
  readonly runId: number;
  /** Apply the valid rows of a file that has problems (without it, such a file changes nothing). */
  readonly applyValidRows: boolean;
}

/**
 * Starts applying a validated import run: the run becomes `applying` and the `import.apply` job works
 * its rows (progress in the run). A file with problems applies only when the merchant chose to apply
 * its valid rows (IMPORT.HAS_PROBLEMS otherwise). Asking again for a run that is applying or done with
 * the same choice is a retry and answers the run (`started: false`); any other run is
 * IMPORT.NOT_APPLICABLE.
 */
export async function applyImport(
  deps: Pick<ImportDeps, 'importRuns' | 'jobs' | 'clock'>,
  input: ApplyImportInput,
): Promise<Result<{ readonly view: ImportRunView; readonly started: boolean }, string>> {
  let run = await deps.importRuns.getRun(input.storeId, input.runId);
  if (run === null || run.status === 'validating') return importNotFound(input.runId);
  if (run.status === 'validated') {
    if (run.errorRows > 0 && !input.applyValidRows) {
      return refuse(
        IMPORT_CODES.hasProblems,
        `The file has ${run.errorRows} row(s) with problems: correct them and upload it again, or apply the valid rows only.`,
      );
    }
    if (await deps.importRuns.startApplying(input.storeId, run.id, input.applyValidRows, deps.clock.now())) {
      await enqueue(deps.jobs, 'import.apply', { storeId: input.storeId, runId: run.id });
      const started = await deps.importRuns.getRun(input.storeId, run.id);
      return { ok: true, started: true, view: await importRunView(deps, started ?? run) };
    }
    // Another request started it first: answer as a retry of that one.
    run = (await deps.importRuns.getRun(input.storeId, run.id)) ?? run;
  }
  const retry =
    (run.status === 'applying' || run.status === 'done') && run.applyValidRows === input.applyValidRows;
  if (!retry) {
    return refuse(
      IMPORT_CODES.notApplicable,
      `Import ${run.id} is ${run.status}: only a validated import can be applied.`,
    );
  }
  // A retry also asks for the job again, should the first send have been lost (one waiting job per run).
  if (run.status === 'applying')
    await enqueue(deps.jobs, 'import.apply', { storeId: input.storeId, runId: run.id });
  return { ok: true, started: false, view: await importRunView(deps, run) };
}
