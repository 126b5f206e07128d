import { type RequestDeliveryDeps, requestDelivery } from '../jobs/request-delivery.js';
import type { Clock } from '../ports/clock.js';
import type { StoreId } from '../ports/store-id.js';
import { StoreNotConnectedError } from '../ports/store-not-connected.js';
import type { StoreRepository } from '../ports/store-repository.js';
import type { WebhookEvent, WebhookEventKind, WebhookEvents } from '../ports/webhook-events.js';
import type { WebhookInbox } from '../ports/webhook-inbox.js';
import { handleInventoryChanged } from './inventory-changed.js';
import { handleOrderCreated } from './order-created.js';
import { handleOrderStatusUpdated, type OrderStatusWebhookDeps } from './order-status-updated.js';
import { handleProductChanged, type ProductChangedDeps } from './product-changed.js';
import { handleProductDeleted, type ProductDeletedDeps } from './product-deleted.js';
import {
  InvalidWebhookPayloadError,
  type WebhookContext,
  type WebhookContextOf,
  type WebhookHandled,
} from './webhook-context.js';

export type ProcessWebhookDeps = OrderStatusWebhookDeps &
  ProductChangedDeps &
  ProductDeletedDeps & {
    readonly inbox: WebhookInbox;
    readonly stores: StoreRepository;
    readonly webhookEvents: Pick<WebhookEvents, 'eventOf'>;
    readonly clock: Clock;
  } & RequestDeliveryDeps;

type Handler<K extends WebhookEventKind> = (
  deps: ProcessWebhookDeps,
  ctx: WebhookContextOf<K>,
) => Promise<WebhookHandled>;

/** The events of the scopes registered on install (lifecycle) and what each one does. */
export const WEBHOOK_HANDLERS: { readonly [K in WebhookEventKind]: Handler<K> } = {
  orderCreated: handleOrderCreated,
  orderStatusChanged: handleOrderStatusUpdated,
  productChanged: handleProductChanged,
  inventoryChanged: handleInventoryChanged,
  productDeleted: handleProductDeleted,
  // The uninstall callback does the work (revoke, purge or mark the tenant); the webhook is only noted.
  appUninstalled: async () => ({ effects: 0 }),
};

function handle(deps: ProcessWebhookDeps, ctx: WebhookContext): Promise<WebhookHandled> {
  // The table pairs each kind with its handler; TypeScript cannot follow that through the union.
  const handler = WEBHOOK_HANDLERS[ctx.event.kind] as Handler<WebhookEvent['kind']>;
  return handler(deps, ctx);
}

export type ProcessWebhookOutcome =
  | 'processed'
  /** Already processed by an earlier run (a retried or duplicated job): nothing done again. */
  | 'already_processed'
  /** No such inbox entry for this store (purged with the store). */
  | 'not_found'
  /** A scope we do not handle; marked processed. */
  | 'ignored'
  /** The store is uninstalled (or has no token): nothing can be re-fetched; marked processed. */
  | 'store_not_connected';

/**
 * Processes one recorded webhook (job `webhook.process` {storeId, inboxId}): loads the inbox entry,
 * reads its event (WebhookEvents), dispatches by the event's kind, queues delivery of the effects its
 * changes produced, and marks it processed.
 * A failure is recorded on the entry and rethrown so the job queue retries; every handler is
 * idempotent (it re-reads BigCommerce and applies changes under keys derived from their cause), so a
 * retry — or a second job for the same entry — never applies anything twice.
 */
export async function processWebhook(
  deps: ProcessWebhookDeps,
  input: { readonly storeId: StoreId; readonly inboxId: number },
): Promise<ProcessWebhookOutcome> {
  const { storeId, inboxId } = input;
  const entry = await deps.inbox.get(storeId, inboxId);
  if (entry === null) return 'not_found';
  if (entry.processedAt !== null) return 'already_processed';
  const now = deps.clock.now();

  const read = deps.webhookEvents.eventOf(entry.scope, entry.payload);
  if (read === null) {
    await deps.inbox.markProcessed(storeId, inboxId, now);
    return 'ignored';
  }
  const store = await deps.stores.getStore(storeId);
  if (store === null || store.status !== 'installed') {
    await deps.inbox.markProcessed(storeId, inboxId, now);
    return 'store_not_connected';
  }

  try {
    // A payload that does not carry what its scope needs fails like an outage: recorded, rethrown.
    if (!read.ok) throw new InvalidWebhookPayloadError(entry.scope, read.issues);
    const handled = await handle(deps, { storeId, inboxId, scope: entry.scope, event: read.event, now });
    // The effects are already safe in the outbox (written with the change); this asks for delivery.
    if (handled.effects > 0 && handled.deliveryRequested !== true) await requestDelivery(deps, storeId);
  } catch (error) {
    if (error instanceof StoreNotConnectedError) {
      await deps.inbox.markProcessed(storeId, inboxId, now);
      return 'store_not_connected';
    }
    await deps.inbox.markFailed(storeId, inboxId, describeError(error));
    throw error;
  }
  await deps.inbox.markProcessed(storeId, inboxId, now);
  return 'processed';
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as Error & { code?: unknown }).code;
    return typeof code === 'string' && !error.message.startsWith(code)
      ? `${code}: ${error.message}`
      : error.message;
  }
  return String(error);
}
