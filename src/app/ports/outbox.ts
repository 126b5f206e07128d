import type { Effect, StatusView } from '../../core/decision.js';
import type { StoreId } from './store-id.js';

/**
 * Effects waiting to be delivered (BigCommerce writes, notifications), written in the same
 * transaction as the change that caused them, delivered at least once by a worker.
 */
export interface Outbox {
  /** Stores that have messages due (the worker then works store by store). */
  storesWithDueMessages(now: Date, limit?: number): Promise<StoreId[]>;
  /**
   * Takes up to `limit` due messages of a store, urgent ones first, then oldest first, and hides them
   * from other workers until `leaseUntil` (a worker that dies mid-delivery leaves them to be retried
   * after that).
   */
  claim(storeId: StoreId, options: ClaimOptions): Promise<OutboxMessage[]>;
  markDelivered(storeId: StoreId, ids: readonly number[], now: Date): Promise<void>;
  /** Records the failure; the message is tried again from `retryAt`. */
  markFailed(storeId: StoreId, id: number, error: string, retryAt: Date): Promise<void>;
  /** Undelivered messages by id, up to `limit`, after `afterId` (keyset paging: a page at a time). */
  listPending(storeId: StoreId, limit?: number, afterId?: number): Promise<OutboxMessage[]>;
}

export interface ClaimOptions {
  readonly now: Date;
  readonly leaseUntil: Date;
  readonly limit?: number;
  readonly kind?: OutboxKind;
  /** Only urgent messages (the urgent delivery lane). */
  readonly urgentOnly?: boolean;
}

/**
 * `notify`: tell the merchant; `setPurchasable`: write purchasability to BigCommerce; `adjustLevel`: move
 * BigCommerce's inventory level by a number of units (cap at checkout, native backorders);
 * `setBackorderLimit`: write the item's native backorder limit and safety stock from its current state.
 */
export type OutboxKind = 'notify' | 'setPurchasable' | 'adjustLevel' | 'setBackorderLimit';

/**
 * A change of the item's inventory level in BigCommerce, in units (cap-at-checkout mode): the new
 * sellable units minus the level BigCommerce holds as far as the app knows. Relative, so a sale
 * BigCommerce makes before the write lands is never overwritten; messages of one item add up (they are
 * never superseded).
 */
export interface LevelAdjustment {
  readonly kind: 'adjustLevel';
  /** Units on hand to add (negative: take away). */
  readonly delta: number;
  /** Native backorders: the change of BigCommerce's quantity backordered (a give-back takes its b off). */
  readonly backorderedDelta?: number;
}

/** Native backorders: write the item's limit and safety stock as its current state says (coalesced). */
export interface BackorderLimitWrite {
  readonly kind: 'setBackorderLimit';
}

/** The outbox effects the shell adds to the core's (writes to BigCommerce's counts). */
export type StoreEffect = LevelAdjustment | BackorderLimitWrite;

export interface OutboxMessage {
  readonly id: number;
  readonly storeId: StoreId;
  readonly kind: OutboxKind;
  /**
   * Messages with the same key supersede each other (only the newest purchasability write for an item
   * matters); notifications of one event share a key so they can be sent as one email.
   */
  readonly coalesceKey: string | null;
  readonly payload: EffectPayload;
  /**
   * The message narrows what shoppers can buy (purchase disabled, a lower per-order maximum): every
   * delivery claims it ahead of the others, and the urgent lane (`outbox.deliverUrgent`) claims only
   * these, so it never waits behind a backlog of the store's other writes.
   */
  readonly urgent: boolean;
  readonly availableAt: Date;
  readonly attempts: number;
  readonly deliveredAt: Date | null;
  readonly lastError: string | null;
  readonly createdAt: Date;
}

/** What an item effect carries: the effect, the item's identity in BigCommerce, and the transition. */
export interface EffectPayload {
  readonly effect: Effect | StoreEffect;
  readonly itemId: number;
  readonly productId: number;
  readonly bcProductId: number;
  readonly bcVariantId: number | null;
  readonly sku: string | null;
  readonly from: StatusView;
  readonly to: StatusView;
  readonly reason: string;
  /**
   * What caused the change (the journal's cause: an order line `order:{id}:line:{id}`, an API request,
   * …), so a notification can name the order; absent on messages written before it was recorded.
   */
  readonly cause?: { readonly type: string; readonly ref: string | null };
  readonly eventId: number;
}
