import type { Decision } from '../../core/decision.js';
import type { ItemEvent } from '../../core/events.js';
import type { Block, LocalDate, Refusal, Status, StoreRules } from '../../core/item.js';
import type { ProductRecord } from './product-repository.js';

/**
 * Where items live and how they change. Every change goes through `applyEvent` (or the product-wide
 * `assignProduct` / `unassignProduct`), which runs the core `decide` on the locked item and writes the
 * result — numbers, ledger row, transition row, effects — in one transaction, exactly once per
 * idempotency key. Every method takes the store first: no item is reachable without its store.
 */
export interface ItemStore {
  applyEvent(input: ApplyEventInput): Promise<ApplyEventOutcome>;
  assignProduct(input: AssignProductInput): Promise<AssignProductOutcome>;
  unassignProduct(input: UnassignProductInput): Promise<UnassignProductOutcome>;

  getItem(storeId: number, itemId: number): Promise<ItemRecord | null>;
  findItemByBcIds(
    storeId: number,
    bcProductId: number,
    bcVariantId: number | null,
  ): Promise<ItemRecord | null>;
  /** Among assigned items (SKUs are unique only among those). */
  findItemBySku(storeId: number, sku: string): Promise<ItemRecord | null>;
  listItems(storeId: number, query?: ItemQuery): Promise<ItemRecord[]>;
}

/** An item as stored: its identity in BigCommerce plus the numbers the rules work on. */
export interface ItemRecord {
  readonly id: number;
  readonly storeId: number;
  readonly productId: number;
  readonly bcProductId: number;
  /** Null for a product without variants (the product itself is the item). */
  readonly bcVariantId: number | null;
  readonly sku: string | null;
  readonly stock: number;
  readonly threshold: number | null;
  readonly backordered: number;
  readonly incoming: number;
  readonly backInStockDate: LocalDate | null;
  readonly block: Block | null;
  /** Null while unassigned. */
  readonly status: Status | null;
  readonly episode: number;
  /** False once unassigned: the row and its history stay, the app no longer tracks it. */
  readonly active: boolean;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface ItemQuery {
  readonly productId?: number;
  readonly status?: Status;
  /** Default true: only assigned items. */
  readonly activeOnly?: boolean;
  /** Items whose back-in-stock date is on or before this store-local date (the daily date check). */
  readonly backInStockDateOnOrBefore?: LocalDate;
  /** Keyset pagination: items with an id greater than this. */
  readonly afterId?: number;
  /** Default 500. */
  readonly limit?: number;
}

/** What caused a change; recorded with the ledger and transition rows. */
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

interface ChangeContext {
  readonly storeId: number;
  /**
   * Unique per store; the same key again returns `duplicate` and changes nothing (retries, webhook
   * redeliveries). Derive it from the cause, e.g. `order:123:line:456:sold`.
   */
  readonly idempotencyKey: string;
  readonly cause: Cause;
  /** Who: `admin:<user email>`, `api-key:<prefix>`, `system`, … */
  readonly actor: string;
  readonly now: Date;
  /** The store's rules; loaded from settings and the store's time zone when omitted. */
  readonly rules?: StoreRules;
}

export interface ApplyEventInput extends ChangeContext {
  readonly itemId: number;
  /** Any event but `assigned` (assignment is per product: `assignProduct`). */
  readonly event: Exclude<ItemEvent, { kind: 'assigned' }>;
  /**
   * The order line behind a `sold` or `returned` event. A sale records the line with the units it
   * backordered and its episode (what a later give-back needs); a give-back counts the returned units
   * on it. Written in the same transaction as the stock change, so neither exists without the other.
   */
  readonly orderLine?: { readonly bcOrderId: number; readonly bcOrderProductId: number };
}

export type ApplyEventOutcome =
  | {
      readonly applied: true;
      readonly duplicate: false;
      readonly item: ItemRecord;
      readonly decision: Decision;
    }
  /** The key was already applied: nothing changed. `item` is the item as it is now. */
  | { readonly applied: false; readonly duplicate: true; readonly item: ItemRecord | null }
  /** The rules (or the storage) refused; nothing was written. */
  | { readonly applied: false; readonly duplicate: false; readonly refusal: Refusal };

export interface AssignProductInput extends ChangeContext {
  readonly product: {
    readonly bcProductId: number;
    readonly name: string;
    readonly sku: string | null;
    readonly templateId: number | null;
    /** BigCommerce's settings before assignment (inventory tracking, availability, …), restored later. */
    readonly originalSettings: unknown;
  };
  /** Every item of the product (one with `bcVariantId: null` for a product without variants). */
  readonly items: readonly AssignedItemInput[];
}

export interface AssignedItemInput {
  readonly bcVariantId: number | null;
  readonly sku: string | null;
  /** Copied from BigCommerce's inventory level. */
  readonly stock: number;
  /** Stock defaults from the template. */
  readonly threshold: number | null;
  readonly incoming: number;
  readonly backInStockDate: LocalDate | null;
}

export type AssignProductOutcome =
  | {
      readonly applied: true;
      readonly duplicate: false;
      readonly product: ProductRecord;
      readonly items: readonly { readonly item: ItemRecord; readonly decision: Decision }[];
    }
  | { readonly applied: false; readonly duplicate: true }
  | { readonly applied: false; readonly duplicate: false; readonly refusal: Refusal };

export interface UnassignProductInput extends ChangeContext {
  readonly productId: number;
}

export type UnassignProductOutcome =
  | {
      readonly applied: true;
      readonly duplicate: false;
      readonly product: ProductRecord;
      readonly items: readonly { readonly item: ItemRecord; readonly decision: Decision }[];
    }
  | { readonly applied: false; readonly duplicate: true }
  | { readonly applied: false; readonly duplicate: false; readonly refusal: Refusal };

/** Refusals the storage itself gives (the rules' own codes are in core/codes.ts). */
export const STORAGE_REFUSALS = {
  itemNotFound: 'ITEM.NOT_FOUND',
  productNotFound: 'PRODUCT.NOT_FOUND',
  productNotAssigned: 'PRODUCT.NOT_ASSIGNED',
  productHasNoItems: 'PRODUCT.NO_ITEMS',
  skuTaken: 'ITEM.SKU_TAKEN',
  storeNotFound: 'STORE.NOT_FOUND',
  orderLineNotFound: 'ORDER_LINE.NOT_FOUND',
  orderLineAlreadyRecorded: 'ORDER_LINE.ALREADY_RECORDED',
  orderLineOverReturned: 'ORDER_LINE.OVER_RETURNED',
  orderLineWrongItem: 'ORDER_LINE.WRONG_ITEM',
} as const;

export type StorageRefusalCode = (typeof STORAGE_REFUSALS)[keyof typeof STORAGE_REFUSALS];
