import type { JobQueueTuning } from '../../../src/adapters/jobs/index.js';

/** The job queue's timings of the crash test's processes (and of the test, which queues the job). */
export const WORKER_TUNING: JobQueueTuning = {
  pollIntervalMs: 100,
  retryDelayMs: 1000,
  retryBackoff: false,
  // A killed worker's job is taken up again after this (SQLite), or once pg-boss expires it.
  leaseMs: 1500,
  expireInSeconds: 5,
  maintenanceIntervalMs: 1000,
};
