import { z } from 'zod';
import type { JobHandler, JobQueue } from '../ports/job-queue.js';
import { type FlushNotificationsDeps, flushNotifications } from './flush-notifications.js';
import { scheduleNotificationsFlush } from './schedule-flush.js';

export type NotificationsFlushJobDeps = FlushNotificationsDeps & { readonly jobs: Pick<JobQueue, 'send'> };

const payloadSchema = z.object({ storeId: z.number().int().positive() });

/**
 * The `notifications.flush` job ({storeId}). Flushes the store; when notifications are still waiting
 * for their window (or beyond this run's limit), queues the next flush for when they are due. A failed
 * send throws, so the queue retries the job with backoff.
 */
export function notificationsFlushJob(deps: NotificationsFlushJobDeps): JobHandler {
  return async (payload) => {
    const parsed = payloadSchema.safeParse(payload);
    if (!parsed.success)
      throw new TypeError(`notifications.flush needs {storeId}, got ${JSON.stringify(payload)}`);
    const { storeId } = parsed.data;
    const outcome = await flushNotifications(deps, { storeId });
    if (outcome.nextFlushAt !== null) {
      await scheduleNotificationsFlush(
        { ...deps, notificationWindowMs: deps.config.notificationWindowMs },
        storeId,
        outcome.nextFlushAt,
      );
    }
  };
}
