/**
 * The events a merchant can be emailed about (docs/product.md#notifications: which events notify). The first
 * two are the rules' own notifications (core NotificationEvent); the others come from assignment and
 * imports.
 */
export const NOTIFY_EVENTS = [
  'backorder_enabled',
  'backorder_disabled',
  'assigned',
  'unassigned',
  'import_finished',
] as const;

export type NotifyEvent = (typeof NOTIFY_EVENTS)[number];

export function isNotifyEvent(name: string): name is NotifyEvent {
  return (NOTIFY_EVENTS as readonly string[]).includes(name);
}
