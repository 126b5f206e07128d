import type { Block, LocalDate, Status } from '../../core/item.js';
import type { StoreId } from './store-id.js';

/**
 * Items as stored, for reading. Every change goes through the item pipeline in src/app/items
 * (`applyItemEvent`, `assignProductItems`, `unassignProductItems`) over the ItemTransactions port.
 * Every method takes the store first: no item is reachable without its store.
 */
export interface ItemRepository {
  getItem(storeId: StoreId, itemId: number): Promise<ItemRecord | null>;
  findItemByBcIds(
    storeId: StoreId,
    bcProductId: number,
    bcVariantId: number | null,
  ): Promise<ItemRecord | null>;
  /** Among assigned items (SKUs are unique only among those). */
  findItemBySku(storeId: StoreId, sku: string): Promise<ItemRecord | null>;
  /** The assigned items with these SKUs (at most 1,000 asked at once), in no particular order. */
  findItemsBySkus(storeId: StoreId, skus: readonly string[]): Promise<ItemRecord[]>;
  listItems(storeId: StoreId, query?: ItemQuery): Promise<ItemRecord[]>;
}

/** An item as stored: its identity in BigCommerce plus the numbers the rules work on. */
export interface ItemRecord {
  readonly id: number;
  readonly storeId: StoreId;
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
  /**
   * The option values that make the item's variant, as BigCommerce names them (none for a product
   * without variants): how a storefront page tells which item a shopper's choice is. Null for an item
   * whose values were not recorded (assigned before the app recorded them; its next assignment does).
   */
  readonly optionValues: readonly ItemOptionValue[] | null;
  /**
   * In the cap-at-checkout mode: the inventory level BigCommerce holds for the item as far as the app
   * knows — the units still sellable after the changes it has processed (BigCommerce's own sales
   * included). Each change writes BigCommerce the difference to the new sellable units. Null in the
   * other modes, and until the item's level is first written.
   */
  readonly cappedLevel: number | null;
  /**
   * In BigCommerce's native backorders mode: the item's "Qty Backordered" in BigCommerce as far as the app
   * knows (read at assignment, plus what each order backordered there, minus what the app gave back). The
   * backorder limit is counted from it. Null in the other modes.
   */
  readonly nativeBackordered: number | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** An option value of a variant: the storefront's product form sends it as `attribute[optionId]=valueId`. */
export interface ItemOptionValue {
  readonly optionId: number;
  readonly valueId: number;
  /** The option's and the value's names as the control panel shows them (`Size`, `M`); absent on values recorded before the app kept them. */
  readonly name?: string;
  readonly label?: string;
}

/**
 * `Size: M, Colour: Red`, as the control panel names a variant; null for a product without variants, or
 * when the names were not recorded (items assigned before the app kept them: assigning the product again
 * records them).
 */
export function itemVariantLabel(item: Pick<ItemRecord, 'optionValues'>): string | null {
  const values = item.optionValues;
  if (values === null || values.length === 0) return null;
  if (values.some((v) => v.name === undefined || v.label === undefined)) return null;
  return values.map((v) => `${v.name}: ${v.label}`).join(', ');
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
