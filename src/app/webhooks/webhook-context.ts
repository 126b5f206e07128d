import type { StoreId } from '../ports/store-id.js';
import type { WebhookEvent, WebhookEventKind } from '../ports/webhook-events.js';

/** What every webhook handler is told about the webhook it works on. */
export interface WebhookContext<E extends WebhookEvent = WebhookEvent> {
  readonly storeId: StoreId;
  /** The inbox entry: recorded as the cause of the changes it brings. */
  readonly inboxId: number;
  readonly scope: string;
  /** What the delivery says happened (read by the WebhookEvents port). */
  readonly event: E;
  readonly now: Date;
}

/** The context of a handler of one kind of event. */
export type WebhookContextOf<K extends WebhookEventKind> = WebhookContext<Extract<WebhookEvent, { kind: K }>>;

/** What a handler did, so the dispatcher knows whether effects wait in the outbox. */
export interface WebhookHandled {
  /** Effects (purchasability writes, notifications) queued in the outbox by this webhook's changes. */
  readonly effects: number;
  /** The handler already asked for their delivery (before slower work of its own). */
  readonly deliveryRequested?: boolean;
}

export const NOTHING_CHANGED: WebhookHandled = { effects: 0 };

/** A recorded delivery that does not carry what its scope needs (the WebhookEvents port's issues). */
export class InvalidWebhookPayloadError extends Error {
  override readonly name = 'InvalidWebhookPayloadError';
  readonly code = 'WEBHOOK.INVALID_PAYLOAD';
  constructor(scope: string, issues: readonly string[]) {
    super(`The ${scope} webhook does not carry what it should: ${issues.join('; ')}`);
  }
}
