import { defineJob } from '../jobs/define-job.js';
import type { JobQueue } from '../ports/job-queue.js';
import { type FlushNotificationsDeps, flushNotifications } from './flush-notifications.js';
import { scheduleNotificationsFlush } from './schedule-flush.js';

export type NotificationsFlushJobDeps = FlushNotificationsDeps & { readonly jobs: Pick<JobQueue, 'send'> };

/**
 * The `notifications.flush` job ({storeId}). Flushes the store; when notifications are still waiting
 * for their window (or beyond this run's limit), queues the next flush for when they are due. A failed
 * send throws, so the queue retries the job with backoff.
 */
export const notificationsFlushJob = (deps: NotificationsFlushJobDeps) =>
  defineJob('notifications.flush', async ({ storeId }) => {
    const outcome = await flushNotifications(deps, { storeId });
    if (outcome.nextFlushAt !== null) {
      await scheduleNotificationsFlush(
        { ...deps, notificationWindowMs: deps.config.notificationWindowMs },
        storeId,
        outcome.nextFlushAt,
      );
    }
  });
