/** Delivery of the outbox's purchasability writes to BigCommerce (the `outbox.deliver` job). */
export {
  type DeliverOutboxDeps,
  type DeliverOutboxOptions,
  type DeliverOutboxResult,
  deliverOutbox,
} from './deliver-outbox.js';
export { outboxDeliverJob } from './outbox-deliver.job.js';
export {
  DEFAULT_DISABLED_MESSAGE,
  type PurchasabilityTarget,
  purchasabilityTarget,
} from './purchasability.js';
