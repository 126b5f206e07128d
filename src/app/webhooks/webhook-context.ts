/** What every webhook handler is told about the webhook it works on. */
export interface WebhookContext {
  readonly storeId: number;
  /** The inbox entry: recorded as the cause of the changes it brings. */
  readonly inboxId: number;
  readonly scope: string;
  readonly payload: unknown;
  readonly now: Date;
}

/** What a handler did, so the dispatcher knows whether effects wait in the outbox. */
export interface WebhookHandled {
  /** Effects (purchasability writes, notifications) queued in the outbox by this webhook's changes. */
  readonly effects: number;
}

export const NOTHING_CHANGED: WebhookHandled = { effects: 0 };
