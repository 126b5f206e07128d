import { defineJob } from '../jobs/define-job.js';
import { type SweepDeps, type SweepOptions, sweep } from './sweep.js';

/** The periodic `maintenance.sweep` job: re-queues work whose job was lost. */
export const maintenanceSweepJob = (deps: SweepDeps, options: SweepOptions = {}) =>
  defineJob('maintenance.sweep', async () => {
    await sweep(deps, options);
  });
