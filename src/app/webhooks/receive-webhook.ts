import { type Refusal, refuse } from '../../core/item.js';
import { enqueue } from '../jobs/enqueue.js';
import type { Clock } from '../ports/clock.js';
import type { JobQueue } from '../ports/job-queue.js';
import type { StoreId } from '../ports/store-id.js';
import type { StoreRepository } from '../ports/store-repository.js';
import type { WebhookEvents } from '../ports/webhook-events.js';
import type { WebhookInbox } from '../ports/webhook-inbox.js';
import { webhookSecretMatches } from './webhook-secret.js';

/**
 * A BigCommerce webhook delivery, received as a mailbox: authenticate it (the store's secret header),
 * record it by its event key (BigCommerce delivers at least once; a key already recorded is a duplicate
 * and changes nothing), queue its processing, and let the caller answer 200 at once. Nothing is processed
 * here: the `webhook.process` job re-reads what the event points at.
 *
 * If queueing fails after the event was recorded, the delivery is still acknowledged (it is safe in the
 * inbox) and the maintenance sweep re-queues inbox rows that stay unprocessed (src/app/maintenance/sweep.ts).
 */
export interface ReceiveWebhookDeps {
  readonly stores: Pick<StoreRepository, 'findStoreByHash'>;
  readonly inbox: Pick<WebhookInbox, 'record'>;
  readonly jobs: Pick<JobQueue, 'send'>;
  /** Reads BigCommerce's delivery format (sender, scope, event key). */
  readonly webhookEvents: Pick<WebhookEvents, 'senderOf' | 'readDelivery'>;
  readonly clock: Clock;
}

export interface ReceiveWebhookInput {
  /** Value of the X-Backorder-Secret header, if any. */
  readonly secret: string | undefined;
  /** The parsed JSON body, unchecked. */
  readonly body: unknown;
}

export type ReceiveWebhookCode = 'WEBHOOK.INVALID_SECRET' | 'WEBHOOK.INVALID_PAYLOAD';

export type ReceiveWebhookResult =
  | {
      readonly ok: true;
      readonly storeId: StoreId;
      readonly inboxId: number;
      readonly duplicate: boolean;
      /** False when recording succeeded but queueing failed (the sweep re-queues it). */
      readonly enqueued: boolean;
      readonly enqueueError?: string;
    }
  | (Refusal<ReceiveWebhookCode> & { readonly issues?: readonly string[] });

export async function receiveWebhook(
  deps: ReceiveWebhookDeps,
  input: ReceiveWebhookInput,
): Promise<ReceiveWebhookResult> {
  const storeHash = deps.webhookEvents.senderOf(input.body);
  if (storeHash === null) {
    return refuse('WEBHOOK.INVALID_PAYLOAD', 'The payload does not name the store that sent it.');
  }

  // One answer for an unknown store, an uninstalled one and a wrong secret: callers learn nothing.
  const store = await deps.stores.findStoreByHash(storeHash);
  if (
    store === null ||
    store.status !== 'installed' ||
    store.webhookSecretHash === null ||
    input.secret === undefined ||
    !webhookSecretMatches(input.secret, store.webhookSecretHash)
  ) {
    return refuse('WEBHOOK.INVALID_SECRET', 'The webhook secret header is missing or wrong.');
  }

  const read = deps.webhookEvents.readDelivery(input.body);
  if (!read.ok) {
    const { issues } = read;
    return {
      ...refuse('WEBHOOK.INVALID_PAYLOAD', `The webhook payload is not valid: ${issues.join('; ')}`),
      issues,
    };
  }

  const recorded = await deps.inbox.record(store.id, {
    eventHash: read.delivery.eventKey,
    scope: read.delivery.scope,
    payload: input.body,
    receivedAt: deps.clock.now(),
  });
  if (recorded.duplicate) {
    return { ok: true, storeId: store.id, inboxId: recorded.id, duplicate: true, enqueued: false };
  }
  try {
    await enqueue(deps.jobs, 'webhook.process', { storeId: store.id, inboxId: recorded.id });
    return { ok: true, storeId: store.id, inboxId: recorded.id, duplicate: false, enqueued: true };
  } catch (error) {
    return {
      ok: true,
      storeId: store.id,
      inboxId: recorded.id,
      duplicate: false,
      enqueued: false,
      enqueueError: String((error as Error)?.message ?? error),
    };
  }
}
