export { type CreateJobQueueInput, createJobQueue, type JobQueueTuning } from './create-job-queue.js';
export type { JobLogger } from './job-backend.js';
export { type JobRunnerCounts, PollingJobQueue, type PollingJobQueueOptions } from './polling-job-queue.js';
