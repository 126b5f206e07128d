import { defineJob } from '../jobs/define-job.js';
import { type DeliverOutboxDeps, deliverOutbox } from './deliver-outbox.js';

/**
 * The `outbox.deliver` job ({storeId}): purchasability writes of one store, coalesced per product.
 * An outage throws (the queue retries the job); refused writes are retried by a delayed job.
 */
export const outboxDeliverJob = (deps: DeliverOutboxDeps) =>
  defineJob('outbox.deliver', async ({ storeId }) => {
    await deliverOutbox(deps, { storeId });
  });
