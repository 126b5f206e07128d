import { createHash } from 'node:crypto';
import type { StoreId } from '../ports/store-id.js';

/**
 * Every key that makes repeated work harmless, built in one place.
 *
 * Everything reaches the app at least once, and sometimes twice: BigCommerce redelivers webhooks, the
 * job queue runs a job again after a crash or a failure, the sweep re-queues work it takes for lost,
 * API clients retry. Three kinds of key turn that into exactly-once effects, and they live together
 * because they are one mechanism seen from two sides:
 * - singleton keys (the job queue): at most one job per key waits to run, so repeats of a request
 *   collapse before anything runs;
 * - idempotency keys (the item ledger, unique per store): a change applied under a key is never
 *   applied again, so the repeat that does run finds the first run's work and changes nothing;
 * - dedupe keys (notifications, emails): a notification is recorded once, an email has one Message-ID.
 * Each key is derived from the cause (inbox entry, order line, request key, run, day), never from the
 * attempt, which is what lets a retry find what the first attempt did.
 *
 * These strings are stored — in ledger rows, queued jobs and notifications of existing databases — and
 * compared with what earlier versions stored: never change the form of a key; add a new one instead.
 */

// ── Singleton keys of jobs (used by the job catalogue, src/app/jobs/job-catalogue.ts) ──────────────

/** One waiting `webhook.process` per inbox entry, whether receive-webhook or the sweep queued it. */
export const webhookProcessKey = (storeId: StoreId, inboxId: number): string =>
  `webhook.process:${storeId}:${inboxId}`;

/** One waiting `outbox.deliver` per store: a burst of changes is delivered together. */
export const outboxDeliverKey = (storeId: StoreId): string => `outbox.deliver:${storeId}`;

/**
 * The delayed `outbox.deliver` that retries refused writes waits under a key of its own, so it never
 * holds back a delivery that is due now.
 */
export const outboxRetryKey = (storeId: StoreId): string => `outbox.deliver.retry:${storeId}`;

/**
 * One waiting `outbox.urgent` per store: the urgent lane, apart from `outbox.deliver`, so a write that
 * disables purchase never waits for a long delivery of the store's other writes to finish.
 */
export const outboxUrgentKey = (storeId: StoreId): string => `outbox.urgent:${storeId}`;

/** The delayed `outbox.urgent` that retries refused urgent writes. */
export const outboxUrgentRetryKey = (storeId: StoreId): string => `outbox.urgent.retry:${storeId}`;

/** One waiting `import.apply` per run, whether the apply request or the sweep queued it. */
export const importApplyKey = (storeId: StoreId, runId: number): string => `import.apply:${storeId}:${runId}`;

/** One waiting `mode-move.run` per move. */
export const modeMoveKey = (storeId: StoreId, moveId: number): string => `mode-move.run:${storeId}:${moveId}`;

/** One waiting `settings.detect-native` per store: install, the app's opening and orders ask alike. */
/** One waiting `settings.reevaluate` job per re-evaluation. */
export const settingsReevaluateKey = (storeId: StoreId, reevaluationId: number): string =>
  `settings.reevaluate:${storeId}:${reevaluationId}`;

export const detectNativeKey = (storeId: StoreId): string => `settings.detect-native:${storeId}`;

/** One waiting `notifications.flush` per store. */
export const notificationsFlushKey = (storeId: StoreId): string => `notifications.flush:${storeId}`;

// ── Idempotency keys of item changes (the ledger) ──────────────────────────────────────────────────

/** The sale of one order line (both order webhooks apply it; the first one wins). */
export const orderSaleKey = (orderId: number, orderProductId: number): string =>
  `order:${orderId}:line:${orderProductId}:sale`;

/** Giving back one order line's units (cancelled, refunded). */
export const orderReturnKey = (orderId: number, orderProductId: number): string =>
  `order:${orderId}:line:${orderProductId}:return`;

/**
 * A change asked for through the public API or the admin screens: the client's Idempotency-Key (or a
 * fresh id without one), per operation and item.
 */
export const itemRequestKey = (
  source: 'api' | 'admin',
  requestRef: string,
  operation: string,
  itemId: number,
): string => `${source}:${requestRef}:${operation}:item:${itemId}`;

/**
 * A client's Idempotency-Key as the app records it with the request it was first sent with (per
 * store, and per source: an admin screen's keys never meet an API client's).
 */
export const clientRequestKey = (source: 'api' | 'admin', requestRef: string): string =>
  `${source}:${requestRef}`;

/**
 * What a client's request asked for — the operation, the item and the change — as a hash: the same
 * Idempotency-Key sent again must come with the same fingerprint. Object keys are sorted, so the
 * fingerprint does not depend on the order a body's fields came in.
 */
export function requestFingerprint(operation: string, itemId: number, change: unknown): string {
  const canonical = JSON.stringify([operation, itemId, change], (_key, value: unknown) =>
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : value,
  );
  return createHash('sha256').update(canonical).digest('hex');
}

/** Re-evaluating one item after the store's switch condition changed. */
export const settingsReevaluationKey = (ref: string, itemId: number): string =>
  `settings:${ref}:item:${itemId}`;

/** The store-local day `today` began for one item (its back-in-stock date is reached). */
export const dayStartedKey = (today: string, itemId: number): string => `day:${today}:item:${itemId}`;

/** Taking over BigCommerce's stock level of one item, for one version of the product. */
export const catalogSyncKey = (itemId: number, modifiedAt: string, level: number): string =>
  `bc-sync:item:${itemId}:modified:${modifiedAt}:level:${level}`;

/** An inventory change BigCommerce reported (cap at checkout), once per item and inbox entry. */
export const inventoryChangeKey = (inboxId: number, itemId: number): string =>
  `bc-inventory:inbox:${inboxId}:item:${itemId}`;

/** Assigning one product within an assignment run. */
export const assignmentRunProductKey = (runId: number, bcProductId: number): string =>
  `assignment-run:${runId}:product:${bcProductId}`;

/** One row of an import run (the file's line): applied once, whatever crashes or retries. */
export const importRowKey = (runId: number, line: number): string => `import:${runId}:line:${line}`;

/** The cause recorded with an import row's change: the run and the line. */
export const importRowRef = (runId: number, line: number): string => `${runId}:${line}`;

/** One item (variant) of a product assignment keyed `productKey`. */
export const assignedVariantKey = (productKey: string, bcVariantId: number | null): string =>
  `${productKey}#variant:${bcVariantId ?? 'none'}`;

/**
 * Unassigning a product, keyed by the assignment it ends: a retry finds it done, a later assignment
 * of the same product is unassigned under a new key. Also the dedupe key of its email.
 */
export const unassignmentKey = (productId: number, assignedAt: Date | null): string =>
  `unassign:product:${productId}:assigned:${assignedAt?.toISOString() ?? 'never'}`;

/** The product-wide ledger row of an unassignment keyed `key`. */
export const unassignedProductKey = (key: string): string => `${key}#product`;

/** One item of an unassignment keyed `key`. */
export const unassignedItemKey = (key: string, itemId: number): string => `${key}#item:${itemId}`;

// ── Dedupe keys of notifications and emails ────────────────────────────────────────────────────────

/** The "products assigned" notification of an assignment run (one per `part` of 10 000 products). */
export const assignmentRunNotificationKey = (runId: number, part: number): string =>
  `assignment-run:${runId}:${part}`;

/** The `import_finished` notification of an import run. */
export const importFinishedKey = (runId: number): string => `import:${runId}:finished`;

/** A recorded notification: the caller's key, namespaced by event so keys of two events never meet. */
export const notificationDedupeKey = (event: string, key: string): string => `${event}:${key}`;

/** The dedupe key (hence Message-ID) of the email covering these notifications, in any order. */
export function emailDedupeKey(storeId: StoreId, notificationIds: readonly number[]): string {
  const digest = createHash('sha256')
    .update([...notificationIds].sort((a, b) => a - b).join(','))
    .digest('hex');
  return `notifications:store:${storeId}:${digest}`;
}
