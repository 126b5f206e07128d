import type { JobQueue } from '../ports/job-queue.js';

export interface EffectDeliveryDeps {
  readonly jobs: JobQueue;
  /**
   * Told when the jobs could not be queued. The change and its outbox rows are already committed, and
   * the periodic sweep queues delivery for due outbox rows, so the caller still succeeds.
   */
  readonly reportError?: (error: unknown, context: string) => void;
}

/**
 * Asks for a change's effects to be delivered: purchasability writes (outbox) and notification emails.
 * One queued job per store and kind at a time, so a burst of changes is delivered together.
 */
export async function requestEffectDelivery(deps: EffectDeliveryDeps, storeId: number): Promise<void> {
  const results = await Promise.allSettled([
    deps.jobs.send('outbox.deliver', { storeId }, { singletonKey: `outbox.deliver:${storeId}` }),
    deps.jobs.send('notifications.flush', { storeId }, { singletonKey: `notifications.flush:${storeId}` }),
  ]);
  for (const result of results) {
    if (result.status === 'rejected') {
      deps.reportError?.(result.reason, `queueing effect delivery for store ${storeId}`);
    }
  }
}
