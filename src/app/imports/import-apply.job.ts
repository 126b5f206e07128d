import { defineJob } from '../jobs/define-job.js';
import { applyImportRun } from './apply-import-run.js';
import type { ImportDeps } from './import-deps.js';

/** The `import.apply` job ({storeId, runId}). An outage throws: the queue retries and the run resumes. */
export const importApplyJob = (deps: ImportDeps) =>
  defineJob('import.apply', async (payload) => {
    await applyImportRun(deps, payload);
  });
