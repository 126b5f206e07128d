import { defineJob } from '../jobs/define-job.js';
import { type ModeMoveDeps, runModeMove } from './run-mode-move.js';

/**
 * The `mode-move.run` job ({storeId, moveId}). An outage, or orders still being processed, throws: the
 * queue retries and the move resumes after the last product it finished.
 */
export const modeMoveJob = (deps: ModeMoveDeps) =>
  defineJob('mode-move.run', async (payload) => {
    await runModeMove(deps, payload);
  });
