import { defineJob } from '../jobs/define-job.js';
import { type ProcessWebhookDeps, processWebhook } from './process-webhook.js';

/** The `webhook.process` job ({storeId, inboxId}): processes one recorded webhook. */
export const processWebhookJob = (deps: ProcessWebhookDeps) =>
  defineJob('webhook.process', async (payload) => {
    await processWebhook(deps, payload);
  });
