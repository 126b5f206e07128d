import { defineJob } from '../jobs/define-job.js';
import type { AssignmentDeps } from './assignment-deps.js';
import { runBulkAssignment } from './bulk-assignment.js';

/** The `assignment.bulk` job ({storeId, runId}). An outage throws: the queue retries and the run resumes. */
export const assignmentBulkJob = (deps: AssignmentDeps) =>
  defineJob('assignment.bulk', async (payload) => {
    await runBulkAssignment(deps, payload);
  });
