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

/**
 * The `outbox.urgent` job ({storeId}): the urgent lane — only the store's writes that disable purchase
 * or lower a per-order maximum, so they never wait behind a long `outbox.deliver` of the store.
 */
export const outboxUrgentJob = (deps: DeliverOutboxDeps) =>
  defineJob('outbox.urgent', async ({ storeId }) => {
    await deliverOutbox(deps, { storeId, urgentOnly: true });
  });
