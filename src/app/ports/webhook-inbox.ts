import type { StoreId } from './store-id.js';

/**
 * Received BigCommerce webhooks, stored before they are processed so none is lost and none is
 * processed twice (BigCommerce delivers at least once).
 */
export interface WebhookInbox {
  /** Records a webhook by its hash; a hash seen before for this store is a duplicate. */
  record(
    storeId: StoreId,
    webhook: IncomingWebhook,
  ): Promise<{ readonly duplicate: boolean; readonly id: number }>;
  /** One entry of this store; null when there is none (another store's id included). */
  get(storeId: StoreId, id: number): Promise<InboxEntry | null>;
  /** Oldest first. */
  listPending(storeId: StoreId, limit?: number): Promise<InboxEntry[]>;
  markProcessed(storeId: StoreId, id: number, now: Date): Promise<void>;
  markFailed(storeId: StoreId, id: number, error: string): Promise<void>;
}

export interface IncomingWebhook {
  readonly eventHash: string;
  readonly scope: string;
  readonly payload: unknown;
  readonly receivedAt: Date;
}

export interface InboxEntry extends IncomingWebhook {
  readonly id: number;
  readonly storeId: StoreId;
  readonly processedAt: Date | null;
  readonly attempts: number;
  readonly lastError: string | null;
}
