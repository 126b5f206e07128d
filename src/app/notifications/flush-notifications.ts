import { emailDedupeKey } from '../jobs/keys.js';
import type { Clock } from '../ports/clock.js';
import { type ItemRepository, itemVariantLabel } from '../ports/item-repository.js';
import type { Mailer } from '../ports/mailer.js';
import type {
  NotificationBatch,
  NotificationRecord,
  NotificationRepository,
} from '../ports/notification-repository.js';
import type { ProductRepository } from '../ports/product-repository.js';
import type { SettingsRepository } from '../ports/settings-repository.js';
import type { StoreId } from '../ports/store-id.js';
import type { StoreRepository } from '../ports/store-repository.js';
import { renderNotificationEmail } from './notification-email.js';
import { ALWAYS_SENT_EVENTS, type Notification, readNotification } from './notification-events.js';

export interface NotificationSettings {
  /** config.mail.notificationWindowMs: how long the oldest pending notification waits for others. */
  readonly notificationWindowMs: number;
  /** How long a flush holds the email it is sending before another may take it over (default 5 min). */
  readonly leaseMs?: number;
  /** Notifications per email (default 1000); more make several emails. */
  readonly maxPerEmail?: number;
  /** Emails per flush call (default 20); the rest is left to the next flush (`nextFlushAt` = now). */
  readonly maxEmailsPerFlush?: number;
  /** Failed sends of one email before its notifications are given up as `failed` (default 10). */
  readonly maxSendAttempts?: number;
  /**
   * The app's public base URL (config APP_URL): emails link to its admin screens (`/admin/`, and the
   * Settings screen for the notification settings). Without it they carry no links.
   */
  readonly appUrl?: string;
}

export interface FlushNotificationsDeps {
  readonly notifications: NotificationRepository;
  readonly settings: Pick<SettingsRepository, 'getSettings'>;
  readonly products: Pick<ProductRepository, 'getProduct'>;
  /** Variants are named by their option values (`Length: Long`), read from the items. */
  readonly items: Pick<ItemRepository, 'getItem'>;
  readonly stores: Pick<StoreRepository, 'getStore'>;
  readonly mailer: Mailer;
  readonly clock: Clock;
  readonly config: NotificationSettings;
}

export interface FlushNotificationsInput {
  readonly storeId: StoreId;
  /** Send everything pending now, without waiting for the window. */
  readonly force?: boolean;
}

export interface FlushNotificationsOutcome {
  readonly emailsSent: number;
  /** Notifications that reached the merchant. */
  readonly notificationsSent: number;
  /** Notifications done without an email: event switched off, no recipients, unreadable, given up. */
  readonly notificationsDropped: number;
  /** When to flush this store again (a notification is still waiting), or null. */
  readonly nextFlushAt: Date | null;
}

const DEFAULT_LEASE_MS = 5 * 60_000;
const DEFAULT_MAX_PER_EMAIL = 1000;
const DEFAULT_MAX_EMAILS = 20;
const DEFAULT_MAX_ATTEMPTS = 10;

/**
 * Sends a store's pending notifications as grouped emails (job `notifications.flush`).
 *
 * 1. Moves the store's `notify` outbox messages (item effects) into notifications.
 * 2. Finishes any email a previous flush grouped but did not complete (same rows, same key).
 * 3. Unless forced, waits until the oldest pending notification is `notificationWindowMs` old, then
 *    groups everything pending — up to `maxPerEmail` per email — into one email.
 * 4. Applies the store's settings: notifications of events switched off, or of a store without
 *    recipients, are marked done without an email.
 * 5. Sends with a dedupe key derived from the notifications' ids (hence a stable Message-ID) and marks
 *    them sent only after the server accepted the email.
 *
 * At least once: a flush retried after it completed finds nothing to send. A flush that dies after the
 * server accepted the email but before marking the rows resends it on the next flush — the same
 * notifications under the same Message-ID, so mail clients that dedupe by Message-ID show it once.
 * A send that fails throws (the job is retried) and leaves the email grouped for the retry.
 */
export async function flushNotifications(
  deps: FlushNotificationsDeps,
  input: FlushNotificationsInput,
): Promise<FlushNotificationsOutcome> {
  const { storeId } = input;
  const config = deps.config;
  const leaseMs = config.leaseMs ?? DEFAULT_LEASE_MS;
  const totals = { emailsSent: 0, notificationsSent: 0, notificationsDropped: 0 };

  await deps.notifications.absorbItemEffects(storeId, deps.clock.now());

  for (let emails = 0; emails < (config.maxEmailsPerFlush ?? DEFAULT_MAX_EMAILS); emails += 1) {
    const now = deps.clock.now();
    const lease = { now, leaseUntil: new Date(now.getTime() + leaseMs) };
    let batch = await deps.notifications.claimUnfinishedBatch(storeId, lease);
    if (batch === null) {
      if (input.force !== true) {
        const dueAt = await dueAtOfOldest(deps, storeId);
        if (dueAt === null) return { ...totals, nextFlushAt: null };
        if (dueAt > now) return { ...totals, nextFlushAt: dueAt };
      }
      batch = await deps.notifications.openBatch(storeId, {
        ...lease,
        limit: config.maxPerEmail ?? DEFAULT_MAX_PER_EMAIL,
        keyFor: (ids) => emailDedupeKey(storeId, ids),
      });
      if (batch === null) return { ...totals, nextFlushAt: null };
    }
    const result = await deliverBatch(deps, storeId, batch);
    totals.emailsSent += result.sent > 0 ? 1 : 0;
    totals.notificationsSent += result.sent;
    totals.notificationsDropped += result.dropped;
  }
  // Stopped at the per-call limit: more may wait.
  const more = await deps.notifications.pendingSince(storeId);
  return { ...totals, nextFlushAt: more === null ? null : deps.clock.now() };
}

async function dueAtOfOldest(deps: FlushNotificationsDeps, storeId: StoreId): Promise<Date | null> {
  const oldest = await deps.notifications.oldestUnbatchedAt(storeId);
  return oldest === null ? null : new Date(oldest.getTime() + deps.config.notificationWindowMs);
}

async function deliverBatch(
  deps: FlushNotificationsDeps,
  storeId: StoreId,
  batch: NotificationBatch,
): Promise<{ sent: number; dropped: number }> {
  const done = (
    rows: readonly NotificationRecord[] | readonly Notification[],
    outcome: Parameters<NotificationRepository['complete']>[2],
  ) =>
    rows.length === 0
      ? Promise.resolve()
      : deps.notifications.complete(
          storeId,
          rows.map((r) => r.id),
          outcome,
          deps.clock.now(),
        );

  const settings = await deps.settings.getSettings(storeId);
  const wanted = new Set<string>([...(settings?.notifyEvents ?? []), ...ALWAYS_SENT_EVENTS]);
  const switchedOff = batch.notifications.filter((n) => !wanted.has(n.event));
  await done(switchedOff, 'event_disabled');

  const readable: Notification[] = [];
  const unreadable: NotificationRecord[] = [];
  for (const record of batch.notifications) {
    if (!wanted.has(record.event)) continue;
    const notification = readNotification(record);
    if (notification === null) unreadable.push(record);
    else readable.push(notification);
  }
  // A row this code cannot read would otherwise block every later email of the store.
  await done(unreadable, 'invalid_payload');
  const dropped = switchedOff.length + unreadable.length;
  if (readable.length === 0) return { sent: 0, dropped };

  const recipients = [...new Set(settings?.notificationEmails ?? [])];
  if (recipients.length === 0) {
    await done(readable, 'no_recipients');
    return { sent: 0, dropped: dropped + readable.length };
  }

  const store = await deps.stores.getStore(storeId);
  const email = renderNotificationEmail({
    storeName: store?.name ?? store?.storeHash ?? `#${storeId}`,
    timeZone: store?.timezone ?? 'UTC',
    adminUrl: deps.config.appUrl === undefined ? null : `${deps.config.appUrl.replace(/\/+$/, '')}/admin`,
    notifications: readable,
    ...(await itemNames(deps, storeId, readable)),
  });
  try {
    await deps.mailer.send({ to: recipients, ...email, dedupeKey: batch.key });
  } catch (error) {
    const attempts = await deps.notifications.recordFailure(storeId, batch.key, describe(error));
    if (attempts >= (deps.config.maxSendAttempts ?? DEFAULT_MAX_ATTEMPTS)) {
      await done(readable, 'failed');
    }
    throw error;
  }
  await done(readable, 'sent');
  return { sent: readable.length, dropped };
}

/**
 * Names of the products and variants item effects point at (they carry only ids and SKU): products
 * by name, variants by their option values when the item recorded them.
 */
async function itemNames(
  deps: FlushNotificationsDeps,
  storeId: StoreId,
  notifications: readonly Notification[],
): Promise<{ productNames: Map<number, string>; variantLabels: Map<number, string> }> {
  const productIds = new Set<number>();
  const itemIds = new Set<number>();
  for (const n of notifications) {
    if (n.event !== 'backorder_enabled' && n.event !== 'backorder_disabled') continue;
    productIds.add(n.payload.productId);
    if (n.payload.bcVariantId !== null) itemIds.add(n.payload.itemId);
  }
  const productNames = new Map<number, string>();
  for (const product of await inGroups([...productIds], (id) => deps.products.getProduct(storeId, id))) {
    if (product !== null) productNames.set(product.id, product.name);
  }
  const variantLabels = new Map<number, string>();
  for (const item of await inGroups([...itemIds], (id) => deps.items.getItem(storeId, id))) {
    const label = item === null ? null : itemVariantLabel(item);
    if (item !== null && label !== null) variantLabels.set(item.id, label);
  }
  return { productNames, variantLabels };
}

/** A few reads at a time: enough to be quick, never the whole connection pool. */
async function inGroups<T>(ids: readonly number[], read: (id: number) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += 8) out.push(...(await Promise.all(ids.slice(i, i + 8).map(read))));
  return out;
}

function describe(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.slice(0, 1000);
}
