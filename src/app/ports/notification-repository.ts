import type { StoreId } from './store-id.js';

/**
 * Notifications waiting to be emailed to the merchant, grouped per store (src/app/notifications).
 *
 * Two sources feed it: `record` (events that are not item effects: products assigned or unassigned,
 * import finished), and the item effects the ItemRepository wrote to the outbox as `notify` messages,
 * which `absorbItemEffects` moves here. A flush then groups pending rows into one email (a batch),
 * sends it and marks the rows done. Every method is scoped by store.
 */
export interface NotificationRepository {
  /** Records a notification once per (store, dedupe key): the same key again changes nothing. */
  record(input: NewNotification): Promise<RecordNotificationOutcome>;
  /**
   * Moves the store's due `notify` outbox messages into notifications (one per message, keyed by the
   * message id so a repeated move records nothing twice) and marks them delivered, in one transaction.
   * Returns how many messages it moved.
   */
  absorbItemEffects(storeId: StoreId, now: Date): Promise<number>;
  /** When the oldest notification not yet sent, nor in an email being sent, was created. */
  oldestUnbatchedAt(storeId: StoreId): Promise<Date | null>;
  /**
   * The oldest pending notification of the store counting item effects still in the outbox, so a
   * flush can be scheduled for the end of its window. Null when nothing waits.
   */
  pendingSince(storeId: StoreId): Promise<Date | null>;
  /**
   * Takes over an email that was grouped but not finished (its sender failed or died and its lease
   * ran out): the same rows under the same key, leased until `leaseUntil`. Null when there is none.
   */
  claimUnfinishedBatch(storeId: StoreId, lease: Lease): Promise<NotificationBatch | null>;
  /**
   * Groups up to `limit` unbatched pending notifications (oldest first) into a new email whose key is
   * `keyFor(their ids)`, leased until `leaseUntil`. Null when nothing is pending.
   */
  openBatch(storeId: StoreId, options: OpenBatchOptions): Promise<NotificationBatch | null>;
  /** Marks notifications done with how they ended; rows already done are left alone. */
  complete(storeId: StoreId, ids: readonly number[], outcome: NotificationOutcome, now: Date): Promise<void>;
  /** Counts a failed send of a batch and releases its lease so a retry resends it; returns its attempts. */
  recordFailure(storeId: StoreId, batchKey: string, error: string): Promise<number>;
  /**
   * Stores with notifications waiting, item effects included (for the periodic sweep), by id;
   * `afterStoreId` pages on.
   */
  storesWithPending(options?: {
    readonly afterStoreId?: StoreId;
    readonly limit?: number;
  }): Promise<StoreId[]>;
  listNotifications(storeId: StoreId, query?: NotificationQuery): Promise<NotificationRecord[]>;
}

export type NotificationEventName =
  | 'backorder_enabled'
  | 'backorder_disabled'
  | 'assigned'
  | 'unassigned'
  | 'import_finished'
  /** A change BigCommerce brought (an order) that the app could not apply to an item: always sent. */
  | 'item_problem';

/** How a done notification ended. Only `sent` reached the merchant. */
export type NotificationOutcome = 'sent' | 'event_disabled' | 'no_recipients' | 'invalid_payload' | 'failed';

export interface NewNotification {
  readonly storeId: StoreId;
  readonly event: NotificationEventName;
  readonly itemId?: number | null;
  /** JSON-serialisable; validated by the caller (src/app/notifications). */
  readonly payload: unknown;
  readonly dedupeKey: string;
  readonly now: Date;
}

export type RecordNotificationOutcome =
  | { readonly recorded: true; readonly id: number }
  | { readonly recorded: false; readonly reason: 'duplicate'; readonly id: number }
  | { readonly recorded: false; readonly reason: 'store_not_found' };

export interface Lease {
  readonly now: Date;
  readonly leaseUntil: Date;
}

export interface OpenBatchOptions extends Lease {
  readonly limit: number;
  readonly keyFor: (ids: readonly number[]) => string;
}

export interface NotificationBatch {
  readonly key: string;
  /** Oldest first. */
  readonly notifications: readonly NotificationRecord[];
}

export interface NotificationQuery {
  readonly pendingOnly?: boolean;
  /** Default 500. */
  readonly limit?: number;
}

export interface NotificationRecord {
  readonly id: number;
  readonly storeId: StoreId;
  readonly event: string;
  readonly itemId: number | null;
  readonly payload: unknown;
  readonly dedupeKey: string;
  readonly attempts: number;
  readonly lastError: string | null;
  readonly batchKey: string | null;
  readonly claimedUntil: Date | null;
  readonly outcome: NotificationOutcome | null;
  readonly createdAt: Date;
  readonly sentAt: Date | null;
}
