import { enqueue } from '../jobs/enqueue.js';
import type { Clock } from '../ports/clock.js';
import type { JobQueue } from '../ports/job-queue.js';
import type { NotificationRepository } from '../ports/notification-repository.js';
import type { StoreId } from '../ports/store-id.js';

export interface ScheduleFlushDeps {
  readonly notifications: Pick<NotificationRepository, 'pendingSince' | 'storesWithPending'>;
  readonly jobs: Pick<JobQueue, 'send'>;
  readonly clock: Clock;
  readonly notificationWindowMs: number;
}

/**
 * Queues `notifications.flush` for the store at the end of its grouping window (the oldest pending
 * notification's creation + the window), or at `at` when given. Returns false when nothing waits.
 */
export async function scheduleNotificationsFlush(
  deps: ScheduleFlushDeps,
  storeId: StoreId,
  at?: Date,
): Promise<boolean> {
  let startAfter = at;
  if (startAfter === undefined) {
    const since = await deps.notifications.pendingSince(storeId);
    if (since === null) return false;
    startAfter = new Date(Math.max(deps.clock.now().getTime(), since.getTime() + deps.notificationWindowMs));
  }
  // One waiting flush per store (its singleton key): a flush already queued covers this one.
  await enqueue(deps.jobs, 'notifications.flush', { storeId }, { startAfter });
  return true;
}

/**
 * For the periodic sweep: queues a flush for every store with notifications waiting, so none is
 * stranded when the job that should have sent it was lost. Returns how many stores it queued.
 */
export async function scheduleFlushesForPendingStores(
  deps: ScheduleFlushDeps,
  pageSize = 500,
): Promise<number> {
  let queued = 0;
  let afterStoreId: StoreId | undefined;
  for (;;) {
    const stores = await deps.notifications.storesWithPending({ afterStoreId, limit: pageSize });
    for (const storeId of stores) {
      if (await scheduleNotificationsFlush(deps, storeId)) queued += 1;
    }
    if (stores.length < pageSize) return queued;
    afterStoreId = stores[stores.length - 1]!;
  }
}
