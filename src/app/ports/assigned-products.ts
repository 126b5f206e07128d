import type { Block, Status } from '../../core/item.js';
import type { ItemRecord } from './item-repository.js';
import type { StoreId } from './store-id.js';

/**
 * The store's assigned products with their items, as the merchant manages them (the Products screen's
 * "Assigned products" tab, `GET /api/v1/products`): a page of products, each with all of its assigned
 * items, found by name or SKU, narrowed by status or block, sorted and paged by offset with the total.
 *
 * A read port: changes go through the item pipeline (src/app/items) and the assignment use cases.
 * It must stay fast for a store with 50,000 assigned items (see bench/README.md).
 */
export interface AssignedProducts {
  listAssignedProducts(storeId: StoreId, query: AssignedProductQuery): Promise<AssignedProductPage>;
  /** One assigned product with its items, by BigCommerce product id; null when it is not assigned. */
  getAssignedProduct(storeId: StoreId, bcProductId: number): Promise<AssignedProduct | null>;
  /**
   * Every assigned product with its items, by name (case-insensitively, then the app's product id),
   * `limit` products after `after`: how an export walks the whole list a page at a time. Keyset, not
   * offset, so a deep page costs what the first does and a product renamed meanwhile is neither
   * skipped nor repeated within the pages not yet read.
   */
  listAssignedProductsByName(
    storeId: StoreId,
    query: AssignedProductsByNameQuery,
  ): Promise<AssignedProductsByName>;
}

export interface AssignedProductsByNameQuery {
  /** The `next` of the previous page; absent: from the first product. */
  readonly after?: AssignedProductPosition;
  readonly limit: number;
}

export interface AssignedProductsByName {
  readonly products: readonly AssignedProduct[];
  /** Where the next page starts; null when this page is the last. */
  readonly next: AssignedProductPosition | null;
}

/** Opaque to callers: the last product's place in the name order, as the storage compares names. */
export interface AssignedProductPosition {
  readonly sortName: string;
  readonly id: number;
}

export const ASSIGNED_PRODUCT_SORTS = ['name', 'updated', 'assigned', 'stock', 'backordered'] as const;
/**
 * - `name`: the product's name, case-insensitively (ties by the app's product id);
 * - `updated`: the latest change of any of its items;
 * - `assigned`: when it was assigned;
 * - `stock`, `backordered`: the sum over its items.
 */
export type AssignedProductSort = (typeof ASSIGNED_PRODUCT_SORTS)[number];
export type SortDirection = 'asc' | 'desc';

export interface AssignedProductQuery {
  /**
   * Case-insensitive substring of the product's name, of its SKU, or of any of its assigned items' SKUs.
   * Blank: no search.
   */
  readonly search?: string;
  /** Products with at least one assigned item in this status. */
  readonly status?: Status;
  /** Products with at least one assigned item with this block (together with `status`: the same item). */
  readonly block?: Block;
  readonly sort?: AssignedProductSort;
  readonly direction?: SortDirection;
  /** Products to skip (page × limit). */
  readonly offset: number;
  readonly limit: number;
}

export interface AssignedProductPage {
  readonly products: readonly AssignedProduct[];
  /** Products matching the query, all pages together. */
  readonly total: number;
}

export interface AssignedProduct {
  /** The app's product id. */
  readonly id: number;
  readonly bcProductId: number;
  readonly name: string;
  readonly sku: string | null;
  readonly templateId: number | null;
  readonly templateName: string | null;
  readonly assignedAt: Date | null;
  /** The latest change of any of its assigned items (the product's own when it has none). */
  readonly updatedAt: Date;
  /** Its assigned items, in the order they were first assigned (the variants' order in BigCommerce). */
  readonly items: readonly ItemRecord[];
}
