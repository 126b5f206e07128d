import { defineJob } from '../jobs/define-job.js';
import { type DeliverBackorderLimitsDeps, deliverBackorderLimits } from './deliver-backorder-limits.js';
import { type DeliverLevelsDeps, deliverLevels } from './deliver-levels.js';
import { type DeliverOutboxDeps, deliverOutbox } from './deliver-outbox.js';

type DeliveryDeps = DeliverOutboxDeps & DeliverLevelsDeps & DeliverBackorderLimitsDeps;

/**
 * The `outbox.deliver` job ({storeId}): the level changes of the cap-at-checkout and native modes, the
 * native backorder limits, then
 * purchasability writes of one store, coalesced per product. An outage throws (the queue retries the
 * job); refused writes are retried by a delayed job.
 */
export const outboxDeliverJob = (deps: DeliveryDeps) =>
  defineJob('outbox.deliver', async ({ storeId }) => {
    await deliverLevels(deps, { storeId });
    await deliverBackorderLimits(deps, { storeId });
    await deliverOutbox(deps, { storeId });
  });

/**
 * The `outbox.urgent` job ({storeId}): the urgent lane — only the store's writes that lower what
 * BigCommerce may sell (a level decrease, purchase disabled, a lower per-order maximum), so they never
 * wait behind a long `outbox.deliver` of the store.
 */
export const outboxUrgentJob = (deps: DeliveryDeps) =>
  defineJob('outbox.urgent', async ({ storeId }) => {
    await deliverLevels(deps, { storeId, urgentOnly: true });
    await deliverBackorderLimits(deps, { storeId, urgentOnly: true });
    await deliverOutbox(deps, { storeId, urgentOnly: true });
  });
