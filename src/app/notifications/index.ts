/** Merchant notifications: recorded by `notify` and the item pipeline's effects, emailed grouped per store. */
export {
  type FlushNotificationsDeps,
  type FlushNotificationsInput,
  type FlushNotificationsOutcome,
  flushNotifications,
  type NotificationSettings,
} from './flush-notifications.js';
export { renderNotificationEmail, UNASSIGNED_CSV_FILENAME } from './notification-email.js';
export {
  type AssignedPayload,
  type ImportFinishedPayload,
  MAX_IMPORT_ERRORS_IN_EMAIL,
  NOTIFICATION_EVENTS,
  type UnassignedItem,
  type UnassignedPayload,
} from './notification-events.js';
export { type NotificationsFlushJobDeps, notificationsFlushJob } from './notifications-flush.job.js';
export { NOTIFY_REFUSALS, type NotifyDeps, type NotifyInput, type NotifyResult, notify } from './notify.js';
export {
  type ScheduleFlushDeps,
  scheduleFlushesForPendingStores,
  scheduleNotificationsFlush,
} from './schedule-flush.js';
export { UNASSIGNED_CSV_HEADER, unassignedItemsCsv } from './unassigned-items.csv.js';
