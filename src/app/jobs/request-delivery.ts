import type { JobQueue } from '../ports/job-queue.js';
import type { StoreId } from '../ports/store-id.js';
import { enqueue } from './enqueue.js';

export interface RequestDeliveryDeps {
  readonly jobs: Pick<JobQueue, 'send'>;
  /**
   * Told when a job could not be queued. The change and its outbox rows are already committed, and
   * the periodic sweep queues delivery of due outbox rows and waiting notifications, so the caller
   * still succeeds.
   */
  readonly reportError?: (error: unknown, context: string) => void;
}

/**
 * The effects of committed changes wait in the outbox: asks for them to be delivered — the
 * purchasability writes (`outbox.deliver`) and the notification email (`notifications.flush`). One
 * waiting job per store and kind (their singleton keys), so a burst of changes is delivered together.
 *
 * The urgent lane (`outbox.urgent`) is asked first: the writes that disable purchase (or lower a
 * per-order maximum) go out on their own, never behind the store's other writes, whatever the grouping
 * window of notifications (issue 9.1). When nothing is urgent, its run finds nothing to claim.
 *
 * The flush is queued to run at once, not at the end of the grouping window: the flush job keeps the
 * window itself (it moves the effects into notifications, sends nothing before the oldest is a window
 * old, and queues itself for that time), so the emails are the same either way, and a change needs
 * no notification repository or clock to ask for delivery.
 */
export async function requestDelivery(deps: RequestDeliveryDeps, storeId: StoreId): Promise<void> {
  const results = await Promise.allSettled([
    enqueue(deps.jobs, 'outbox.urgent', { storeId }),
    enqueue(deps.jobs, 'outbox.deliver', { storeId }),
    enqueue(deps.jobs, 'notifications.flush', { storeId }),
  ]);
  for (const result of results) {
    if (result.status === 'rejected') {
      deps.reportError?.(result.reason, `queueing effect delivery for store ${storeId}`);
    }
  }
}
