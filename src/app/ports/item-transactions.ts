import type { MovementKind, StatusView } from '../../core/decision.js';
import type { Block, LocalDate, Status } from '../../core/item.js';
import type { ItemOptionValue, ItemRecord } from './item-repository.js';
import type { OrderLineRecord } from './order-line-repository.js';
import type { EffectPayload, OutboxKind } from './outbox.js';
import type { ProductRecord } from './product-repository.js';
import type { ItemRules } from './settings-repository.js';
import type { StoreId } from './store-id.js';

/**
 * The unit of work every item change runs in. The item pipeline (src/app/items) loads and locks what
 * it needs through an `ItemTransaction`, lets the core decide, and writes the outcome through the same
 * transaction: numbers, journal, ledger, transition and outbox rows commit together or not at all.
 *
 * What an adapter must guarantee:
 * - Locks: a row read with a `lock…` method stays locked until the transaction ends, so no change is
 *   ever computed from a stale read (two changes of one item run one after the other).
 * - Idempotency: idempotency keys (and clients' request keys) are unique per store. A key recorded
 *   concurrently by another transaction makes this one fail with `IdempotencyKeyTaken` (after rolling
 *   back); an assigned SKU
 *   that another assigned item holds fails it with `SkuTaken`.
 * - Scope: every read and write is of the store the transaction was opened for.
 */
export interface ItemTransactions {
  /**
   * Runs `work` in one transaction of the store. It commits when `work` resolves with a value and rolls
   * back when it resolves with `rollback(value)` (an expected refusal found half-way) or throws.
   */
  run<T>(storeId: StoreId, work: (tx: ItemTransaction) => Promise<T | Rollback<T>>): Promise<T>;
}

export interface ItemTransaction {
  /** The store's rules (switch condition, time zone) and inventory mode; null when the store does not exist. */
  loadRules(): Promise<ItemRules | null>;
  /** True when a change with this idempotency key was recorded before. */
  isApplied(idempotencyKey: string): Promise<boolean>;
  lockItem(itemId: number): Promise<ItemRecord | null>;
  /**
   * Locks the item one event changes and reads, as of the lock, what the pipeline checks before it
   * decides: whether the event's key was applied, the fingerprint of the client's request key, the
   * store's rules and the event's order line. Null when the store has no such item. One step, so that
   * a database with round trips pays one (PostgreSQL: one statement).
   */
  lockItemForEvent(itemId: number, reads: ItemEventReads): Promise<LockedItemEvent | null>;
  lockItemByBcIds(bcProductId: number, bcVariantId: number | null): Promise<ItemRecord | null>;
  /** The product's items in id order (the order every product-wide change locks them in). */
  lockItemsOfProduct(productId: number, options: { readonly activeOnly: boolean }): Promise<ItemRecord[]>;
  lockProduct(productId: number): Promise<ProductRecord | null>;

  /**
   * Creates or updates the product row as assigned, with the settings BigCommerce had before. Locks
   * the row: two assignments of one product run one after the other.
   */
  saveAssignedProduct(product: AssignedProductWrite): Promise<ProductRecord>;
  markProductUnassigned(productId: number, at: Date): Promise<ProductRecord>;
  /** A new item row, unassigned until the assignment decision is written onto it. */
  insertItem(item: NewItemWrite): Promise<ItemRecord>;
  writeItem(itemId: number, numbers: ItemWrite): Promise<ItemRecord>;

  /** Appends one change to the history: its journal row, and its ledger, transition and outbox rows. */
  recordChange(change: ItemChangeRecord): Promise<void>;
  /**
   * Writes one event's change of the item locked by `lockItemForEvent`, in one step: its numbers
   * (`writeItem`), its history (`recordChange`), its order line and the client's request key. Request
   * keys are unique per store: one recorded concurrently makes the transaction fail with
   * IdempotencyKeyTaken. Answers the item as written.
   */
  writeItemEvent(write: ItemEventWrite): Promise<ItemRecord>;
}

/** What `lockItemForEvent` reads with the item's lock. */
export interface ItemEventReads {
  readonly idempotencyKey: string;
  /** The client's request key (`api:<Idempotency-Key>`), or null when the change came without one. */
  readonly requestKey: string | null;
  /** The order line behind the event, or null when there is none. */
  readonly bcOrderProductId: number | null;
}

export interface LockedItemEvent {
  readonly item: ItemRecord;
  /** True when a change with the event's idempotency key was recorded before. */
  readonly applied: boolean;
  /** The fingerprint the request key was first applied with; null when none was applied under it. */
  readonly requestFingerprint: string | null;
  /** The store's rules (switch condition, time zone) and inventory mode; null when the store does not exist. */
  readonly rules: ItemRules | null;
  /** The order line as recorded; null when none is, or none was asked. */
  readonly orderLine: OrderLineRecord | null;
}

export interface ItemEventWrite {
  readonly item: ItemWrite;
  /**
   * The item as `lockItemForEvent` read it. What `item` leaves as it was need not be written (an
   * adapter may skip those columns).
   */
  readonly before: ItemRecord;
  /** The change's history; its `itemId` is the item written. */
  readonly change: ItemChangeRecord;
  /** A sale records its order line; a give-back counts the returned units on it. */
  readonly orderLine:
    | { readonly kind: 'sale'; readonly line: OrderLineSaleWrite }
    | {
        readonly kind: 'return';
        readonly bcOrderProductId: number;
        readonly quantity: number;
        readonly at: Date;
      }
    | null;
  /** The client's request key to record with its request's fingerprint, the first time it is applied. */
  readonly requestKey: { readonly key: string; readonly fingerprint: string; readonly at: Date } | null;
}

/** Ends a transaction without committing, answering `value`. */
export class Rollback<T> {
  constructor(readonly value: T) {}
}

export function rollback<T>(value: T): Rollback<T> {
  return new Rollback(value);
}

/** Another transaction recorded the same idempotency key first; this one was rolled back. */
export class IdempotencyKeyTaken extends Error {
  override readonly name = 'IdempotencyKeyTaken';
  readonly code = 'ITEM.IDEMPOTENCY_KEY_TAKEN';
  constructor() {
    super('A change with this idempotency key was recorded by another transaction.');
  }
}

/** Another assigned item of the store already has the SKU; the transaction was rolled back. */
export class SkuTaken extends Error {
  override readonly name = 'SkuTaken';
  readonly code = 'ITEM.SKU_TAKEN';
  constructor() {
    super('Another assigned item already has this SKU.');
  }
}

/** What caused a change; recorded with the journal, ledger and transition rows. */
export interface Cause {
  readonly type: CauseType;
  /** The causing record (order line id, import run and row, API request id), when there is one. */
  readonly ref: string | null;
}

export type CauseType =
  | 'order_line'
  | 'import_row'
  | 'api_request'
  | 'admin_action'
  | 'bigcommerce_webhook'
  | 'bigcommerce_sync'
  | 'scheduler'
  | 'settings_change'
  | 'assignment';

export interface AssignedProductWrite {
  readonly bcProductId: number;
  readonly name: string;
  readonly sku: string | null;
  readonly templateId: number | null;
  readonly originalSettings: unknown;
  readonly at: Date;
}

export interface NewItemWrite {
  readonly productId: number;
  readonly bcProductId: number;
  readonly bcVariantId: number | null;
  readonly sku: string | null;
  readonly at: Date;
}

/** An item's numbers after a change. Fields left out (threshold, incoming, date, SKU) keep their value. */
export interface ItemWrite {
  readonly stock: number;
  readonly backordered: number;
  readonly block: Block | null;
  readonly status: Status | null;
  readonly active: boolean;
  readonly episode: number;
  readonly threshold?: number | null;
  readonly incoming?: number;
  readonly backInStockDate?: LocalDate | null;
  readonly sku?: string | null;
  readonly optionValues?: readonly ItemOptionValue[];
  /** See ItemRecord.cappedLevel; absent: left as it is. */
  readonly cappedLevel?: number | null;
  /** See ItemRecord.nativeBackordered; absent: left as it is. */
  readonly nativeBackordered?: number | null;
  readonly at: Date;
}

export interface ItemChangeRecord {
  readonly itemId: number;
  readonly idempotencyKey: string;
  /** The event as journalled: its kind and its data. */
  readonly event: { readonly kind: string } & Readonly<Record<string, unknown>>;
  readonly cause: Cause;
  /** Who: `admin:<user email>`, `api-key:<prefix>`, `bigcommerce`, `system`, … */
  readonly actor: string;
  readonly at: Date;
  /** A ledger row: the stock movement and the numbers after it. */
  readonly movement: {
    readonly kind: MovementKind;
    readonly delta: number;
    readonly backorderedDelta: number;
    readonly stockAfter: number;
    readonly backorderedAfter: number;
    readonly episode: number;
  } | null;
  /** A transition row: status or block changed. */
  readonly transition: { readonly from: StatusView; readonly to: StatusView; readonly reason: string } | null;
  /** Outbox rows; the adapter adds the journal row's id to each payload as `eventId`. */
  readonly effects: readonly {
    readonly kind: OutboxKind;
    readonly coalesceKey: string;
    /** See OutboxMessage.urgent. */
    readonly urgent: boolean;
    readonly payload: Omit<EffectPayload, 'eventId'>;
  }[];
}

export interface OrderLineSaleWrite {
  readonly bcOrderId: number;
  readonly bcOrderProductId: number;
  readonly itemId: number;
  readonly quantity: number;
  /** b of the sale: the units that were backorders. */
  readonly backordered: number;
  readonly episode: number;
  readonly at: Date;
  /** Who placed the order (billing first and last name), when known: the orders export names them. */
  readonly customerName: string | null;
}
