import type { z } from 'zod';
import { type Result, refuse } from '../../core/item.js';
import { notificationDedupeKey } from '../jobs/keys.js';
import type { Clock } from '../ports/clock.js';
import type { JobQueue } from '../ports/job-queue.js';
import type { NotificationRepository } from '../ports/notification-repository.js';
import type { StoreId } from '../ports/store-id.js';
import {
  assignedPayloadSchema,
  importFinishedPayloadSchema,
  itemProblemPayloadSchema,
  MAX_IMPORT_ERRORS_IN_EMAIL,
  unassignedPayloadSchema,
} from './notification-events.js';
import { scheduleNotificationsFlush } from './schedule-flush.js';

export const NOTIFY_REFUSALS = {
  invalidEvent: 'NOTIFICATION.INVALID_EVENT',
  invalidPayload: 'NOTIFICATION.INVALID_PAYLOAD',
  invalidDedupeKey: 'NOTIFICATION.INVALID_DEDUPE_KEY',
  storeNotFound: 'STORE.NOT_FOUND',
} as const;

export type NotifyRefusalCode = (typeof NOTIFY_REFUSALS)[keyof typeof NOTIFY_REFUSALS];

export interface NotifyDeps {
  readonly notifications: NotificationRepository;
  readonly clock: Clock;
  /**
   * When given, a `notifications.flush` is queued for the end of the grouping window. Without it the
   * caller (or the periodic sweep) queues the flush.
   */
  readonly jobs?: Pick<JobQueue, 'send'>;
  /** config.mail.notificationWindowMs; needed with `jobs`. */
  readonly notificationWindowMs?: number;
}

/** Events that are not item effects (those come from the item pipeline's outbox rows). */
export type NotifyInput = {
  readonly storeId: StoreId;
  /**
   * Deterministic from the cause, so a retried caller records nothing twice, e.g.
   * `unassign:{idempotencyKey}`, `import:{runId}:finished`, `assign:bulk:{runId}`.
   */
  readonly dedupeKey: string;
} & (
  | { readonly event: 'assigned'; readonly payload: z.input<typeof assignedPayloadSchema> }
  | { readonly event: 'unassigned'; readonly payload: z.input<typeof unassignedPayloadSchema> }
  | { readonly event: 'import_finished'; readonly payload: z.input<typeof importFinishedPayloadSchema> }
  | { readonly event: 'item_problem'; readonly payload: z.input<typeof itemProblemPayloadSchema> }
);

export type NotifyResult = Result<
  { readonly notificationId: number; readonly duplicate: boolean },
  NotifyRefusalCode
>;

const SCHEMAS = {
  assigned: assignedPayloadSchema,
  unassigned: unassignedPayloadSchema,
  import_finished: importFinishedPayloadSchema,
  item_problem: itemProblemPayloadSchema,
} as const;

/**
 * Records a notification for the store's next grouped email (sent by `flushNotifications`).
 * At most once per (store, dedupe key): the same key again answers `duplicate` and records nothing.
 */
export async function notify(deps: NotifyDeps, input: NotifyInput): Promise<NotifyResult> {
  const schema = (SCHEMAS as Record<string, (typeof SCHEMAS)[keyof typeof SCHEMAS]>)[input.event];
  if (schema === undefined) {
    return refuse(NOTIFY_REFUSALS.invalidEvent, `Unknown notification event: ${String(input.event)}.`);
  }
  if (typeof input.dedupeKey !== 'string' || input.dedupeKey.length === 0 || input.dedupeKey.length > 200) {
    return refuse(
      NOTIFY_REFUSALS.invalidDedupeKey,
      'A notification needs a dedupe key of 1 to 200 characters.',
    );
  }
  const parsed = schema.safeParse(input.payload);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'payload'}: ${i.message}`);
    return refuse(
      NOTIFY_REFUSALS.invalidPayload,
      `Invalid ${input.event} notification: ${problems.join('; ')}.`,
    );
  }
  const payload =
    input.event === 'import_finished' && 'errors' in parsed.data
      ? { ...parsed.data, errors: parsed.data.errors.slice(0, MAX_IMPORT_ERRORS_IN_EMAIL) }
      : parsed.data;

  const outcome = await deps.notifications.record({
    storeId: input.storeId,
    event: input.event,
    payload,
    // Namespaced by event, so callers' keys never meet the item effects' (`outbox:{id}`).
    dedupeKey: notificationDedupeKey(input.event, input.dedupeKey),
    now: deps.clock.now(),
  });
  if (!outcome.recorded && outcome.reason === 'store_not_found') {
    return refuse(NOTIFY_REFUSALS.storeNotFound, `Store ${input.storeId} not found.`);
  }
  if (deps.jobs !== undefined) {
    // Also on a duplicate: the first call may have died before queueing. The job is a singleton.
    await scheduleNotificationsFlush(
      {
        notifications: deps.notifications,
        jobs: deps.jobs,
        clock: deps.clock,
        notificationWindowMs: deps.notificationWindowMs ?? 0,
      },
      input.storeId,
    );
  }
  return { ok: true, notificationId: outcome.id, duplicate: !outcome.recorded };
}
