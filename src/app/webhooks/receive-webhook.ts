import { z } from 'zod';
import { type Refusal, refuse } from '../../core/item.js';
import { webhookProcessKey } from '../maintenance/sweep.js';
import type { Clock } from '../ports/clock.js';
import type { JobQueue } from '../ports/job-queue.js';
import type { StoreRepository } from '../ports/store-repository.js';
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
      readonly storeId: number;
      readonly inboxId: number;
      readonly duplicate: boolean;
      /** False when recording succeeded but queueing failed (the sweep re-queues it). */
      readonly enqueued: boolean;
      readonly enqueueError?: string;
    }
  | (Refusal<ReceiveWebhookCode> & { readonly issues?: readonly string[] });

const PRODUCER = /^stores\/([a-z0-9]{1,64})$/i;

/** What every BigCommerce webhook payload carries (webhooks.v3.yml; the `data` shape depends on the scope). */
const payloadSchema = z.object({
  scope: z
    .string()
    .regex(/^store\/[a-z0-9_/*]+$/i, 'must look like store/...')
    .max(200),
  store_id: z.union([z.string().min(1).max(32), z.number().int().nonnegative()]),
  data: z.record(z.string(), z.unknown()),
  hash: z.string().min(1).max(128),
  created_at: z.number().int().nonnegative(),
  producer: z.string().regex(PRODUCER),
});

export async function receiveWebhook(
  deps: ReceiveWebhookDeps,
  input: ReceiveWebhookInput,
): Promise<ReceiveWebhookResult> {
  const producer =
    typeof input.body === 'object' && input.body !== null && !Array.isArray(input.body)
      ? (input.body as Record<string, unknown>).producer
      : undefined;
  const storeHash = typeof producer === 'string' ? PRODUCER.exec(producer)?.[1] : undefined;
  if (storeHash === undefined) {
    return refuse('WEBHOOK.INVALID_PAYLOAD', 'The payload has no producer of the form stores/{store_hash}.');
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

  const parsed = payloadSchema.safeParse(input.body);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || 'payload'}: ${i.message}`);
    return {
      ...refuse('WEBHOOK.INVALID_PAYLOAD', `The webhook payload is not valid: ${issues.join('; ')}`),
      issues,
    };
  }

  const recorded = await deps.inbox.record(store.id, {
    eventHash: webhookEventKey(parsed.data),
    scope: parsed.data.scope,
    payload: input.body,
    receivedAt: deps.clock.now(),
  });
  if (recorded.duplicate) {
    return { ok: true, storeId: store.id, inboxId: recorded.id, duplicate: true, enqueued: false };
  }
  try {
    await deps.jobs.send(
      'webhook.process',
      { storeId: store.id, inboxId: recorded.id },
      { singletonKey: webhookProcessKey(store.id, recorded.id) },
    );
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

/**
 * What makes a delivery the same event. BigCommerce's `hash` is the SHA-1 of `data` alone, so two real
 * events with the same data (every `store/product/updated` of one product is `{type, id}`) share it;
 * a retry or duplicate delivery re-sends the same payload, `created_at` included. Two events with the
 * same data in the same second still count as one, which is harmless: processing re-reads the truth.
 */
export function webhookEventKey(payload: { readonly hash: string; readonly created_at: number }): string {
  return `${payload.hash}:${payload.created_at}`;
}
