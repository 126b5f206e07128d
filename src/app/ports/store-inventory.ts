import type { StoreId } from './store-id.js';

/**
 * The inventory of a merchant's store at its default location, as the cap-at-checkout and native
 * backorders modes need it (docs/product.md#modes): levels, and BigCommerce's native backorder numbers
 * (beta: quantity backordered, backorder limit) on stores that have them. An item is a variant of a product tracked by variant, or a product
 * without variants (`bcVariantId: null`) tracked by product. Store-first like the other BigCommerce ports;
 * an outage throws; a store the app cannot reach any more throws StoreNotConnectedError.
 */
export interface StoreInventory {
  /**
   * Moves each item's level by `delta` units (BigCommerce's relative adjustments: a sale BigCommerce
   * makes meanwhile is never overwritten). Items the store refuses are returned — among them those whose
   * level would fall below 0 (`belowZero`: BigCommerce holds less than the app knew, a sale it has not
   * processed yet) — and the others are written. A request that failed without an answer (timeout, 5xx)
   * may have been applied: it is not re-sent, the error is thrown for the caller to settle.
   */
  adjustLevels(storeId: StoreId, changes: readonly LevelChange[]): Promise<LevelRefusal[]>;
  /**
   * Sets each item's level (absolute adjustments), which also turns tracking on for a product that
   * tracked none. Only for items no sale can touch meanwhile (untracked until this write).
   */
  setLevels(storeId: StoreId, levels: readonly LevelSetting[]): Promise<LevelRefusal[]>;
  /** What BigCommerce counts for each item (those it does not know are left out). */
  readLevels(storeId: StoreId, items: readonly InventoryItemRef[]): Promise<LevelReading[]>;
  /** Native backorders: each item's backorder limit (or unlimited) and safety stock. */
  setBackorderSettings(storeId: StoreId, settings: readonly BackorderSetting[]): Promise<LevelRefusal[]>;
}

export interface LevelReading extends InventoryItemRef {
  /** Units on hand (the level the catalog shows). */
  readonly onHand: number;
  /** Native backorders' "Qty Backordered"; 0 on a store without them. */
  readonly backordered: number;
}

export interface BackorderSetting extends InventoryItemRef {
  /** BigCommerce allows backorders while its quantity backordered is below this (ignored when unlimited). */
  readonly limit: number;
  readonly unlimited: boolean;
  /** Units kept back: what is available to sell is the units on hand above it (the app's S). */
  readonly safetyStock: number;
}

export interface InventoryItemRef {
  readonly bcProductId: number;
  /** Null for a product without variants (tracked by product). */
  readonly bcVariantId: number | null;
}

/** One key per item, for matching refusals and readings to the items asked for. */
export function inventoryItemKey(item: InventoryItemRef): string {
  return item.bcVariantId === null ? `product:${item.bcProductId}` : `variant:${item.bcVariantId}`;
}

export interface LevelChange extends InventoryItemRef {
  /** Units to add (negative: to take away). */
  readonly delta: number;
  /** Native backorders: the change of the quantity backordered, when any. */
  readonly backorderedDelta?: number;
}

export interface LevelSetting extends InventoryItemRef {
  /** 0…2,147,483,647. */
  readonly level: number;
  /** Native backorders: the quantity backordered to set with it. */
  readonly backordered?: number;
}

export interface LevelRefusal extends InventoryItemRef {
  /** What the store said, led by a stable code (for logs and retry records). */
  readonly reason: string;
  /** A decrease the level could not take: it would have fallen below 0. */
  readonly belowZero: boolean;
}
