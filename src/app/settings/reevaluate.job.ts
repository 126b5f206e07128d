import { defineJob } from '../jobs/define-job.js';
import { type RunReevaluationDeps, runReevaluation } from './run-reevaluation.js';

/**
 * The `settings.reevaluate` job ({storeId, reevaluationId}). An outage throws: the queue retries and
 * the re-evaluation resumes after the last page it recorded.
 */
export const reevaluateJob = (deps: RunReevaluationDeps) =>
  defineJob('settings.reevaluate', async (payload) => {
    await runReevaluation(deps, payload);
  });
