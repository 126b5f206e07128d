import type { StoreId } from './store-id.js';

/**
 * The catalog of a merchant's store, as the use cases need it: products with their variants, searched
 * or read by id, and the few changes the app writes (inventory tracking, purchasability). Store-first
 * like the repositories, so one implementation (or fake) serves every store. A product that does not
 * exist is `null` (or left out of a list); an outage throws; a store the app cannot reach any more throws
 * StoreNotConnectedError. Products always come with their variants.
 */
export interface StoreCatalog {
  getProduct(storeId: StoreId, bcProductId: number): Promise<StoreProduct | null>;
  /** The products among `bcProductIds` that exist, in the store's order. */
  getProducts(storeId: StoreId, bcProductIds: readonly number[]): Promise<StoreProduct[]>;
  /** One page of the products the search matches. `ids`/`excludeIds` hold at most MAX_SEARCH_IDS. */
  listProducts(storeId: StoreId, search: ProductSearch, page: PageRequest): Promise<StoreProductPage>;
  /** Every product the search matches, page after page; `ids` may be any number. */
  iterateProducts(storeId: StoreId, search: ProductSearch): AsyncIterable<StoreProduct>;
  /** The ids of every product the search matches (read without variants: cheaper). */
  iterateProductIds(storeId: StoreId, search: ProductSearch): AsyncIterable<number>;
  /** How many products the search matches; `ids` may be any number. */
  countProducts(storeId: StoreId, search: ProductSearch): Promise<number>;
  /** Every brand of the store, in id order (for a catalog search's brand filter). */
  listBrands(storeId: StoreId): Promise<StoreBrand[]>;
  /** Every category of the store, in id order, each naming its parent (for the category filter). */
  listCategories(storeId: StoreId): Promise<StoreCategory[]>;
  /**
   * Writes the changes, in batches, one request after the other. Products the store refuses are
   * returned, the others are written; an outage throws.
   */
  updateProducts(storeId: StoreId, changes: readonly ProductChange[]): Promise<CatalogRefusal[]>;
  updateVariants(storeId: StoreId, changes: readonly VariantChange[]): Promise<CatalogRefusal[]>;
}

/** The most ids one listProducts search may include or exclude (the store filters them itself). */
export const MAX_SEARCH_IDS = 250;
/** The largest page the store serves. */
export const MAX_PAGE_SIZE = 250;

/** Who counts a product's stock in the store: nobody, the product as a whole, or each variant. */
export type InventoryTracking = 'none' | 'product' | 'variant';
export type Availability = 'available' | 'disabled' | 'preorder';

/** One option of a variant or an ordered line: `Size` → `L`. */
export interface OptionValue {
  readonly name: string;
  readonly value: string;
}

/**
 * An option value of a variant, with the store's ids: the storefront's product form names it
 * `attribute[optionId]` with the value `valueId`, which is how a storefront page tells which variant a
 * shopper chose.
 */
export interface VariantOptionValue extends OptionValue {
  readonly optionId: number;
  readonly valueId: number;
}

export interface StoreVariant {
  readonly id: number;
  readonly sku: string;
  /** The option values that make the variant; none for a product's base variant. */
  readonly options: readonly VariantOptionValue[];
  readonly purchasable: boolean;
  /** What the storefront shows instead of the buy button while the variant is not purchasable. */
  readonly unavailableMessage: string;
  /** Counted when the product tracks inventory by variant. */
  readonly stockLevel: number | null;
  readonly warningLevel: number | null;
}

export interface StoreProduct {
  readonly id: number;
  readonly name: string;
  readonly sku: string;
  readonly brandId: number;
  readonly categoryIds: readonly number[];
  readonly visible: boolean;
  readonly availability: Availability;
  readonly availabilityDescription: string;
  readonly tracking: InventoryTracking;
  /** The product's own level (counted when it tracks inventory by product). */
  readonly stockLevel: number;
  readonly warningLevel: number;
  /** The most units of the product one order may hold; 0 = no limit. */
  readonly orderQuantityMaximum: number;
  /** When the store last changed the product, as the store writes it (one-second resolution). */
  readonly modifiedAt: string;
  readonly variants: readonly StoreVariant[];
}

export interface StoreBrand {
  readonly id: number;
  readonly name: string;
}

export interface StoreCategory {
  readonly id: number;
  readonly name: string;
  /** 0 for a top-level category. */
  readonly parentId: number;
}

/** Sort orders of a catalog search; the names are those of the app's public API. */
export const CATALOG_SORTS = ['id', 'name', 'sku', 'inventory_level', 'date_modified'] as const;
export type CatalogSort = (typeof CATALOG_SORTS)[number];

export interface ProductSearch {
  /** Matches name, description, SKU and brand. */
  readonly keyword?: string;
  /** The product's own SKU, exactly. */
  readonly sku?: string;
  readonly brandId?: number;
  readonly categoryId?: number;
  readonly visible?: boolean;
  readonly availability?: Availability;
  /** Inventory level range, inclusive. */
  readonly stockMin?: number;
  readonly stockMax?: number;
  /** Only these products. */
  readonly ids?: readonly number[];
  /** Not these products. */
  readonly excludeIds?: readonly number[];
  readonly sort?: CatalogSort;
  readonly direction?: 'asc' | 'desc';
}

export interface PageRequest {
  /** 1-based. */
  readonly page: number;
  /** At most MAX_PAGE_SIZE. */
  readonly limit: number;
}

export interface StoreProductPage {
  readonly products: StoreProduct[];
  /** Products the search matches in all. */
  readonly total: number;
  readonly totalPages: number;
}

/** A change to a product; absent fields are left as they are. */
export interface ProductChange {
  readonly bcProductId: number;
  readonly tracking?: InventoryTracking;
  readonly availability?: Availability;
  /** The product's own inventory level (0…2,147,483,647), counted while it tracks by product. */
  readonly stockLevel?: number;
  /**
   * The most units of the product one order may hold (0 = no limit): the app keeps it at the units left
   * to backorder while a product without variants is in backorder with a threshold (issue 9.1).
   */
  readonly orderQuantityMaximum?: number;
}

/** A change to a variant: its purchasability, or its inventory level; absent fields are left as they are. */
export interface VariantChange {
  readonly bcProductId: number;
  readonly bcVariantId: number;
  readonly purchasable?: boolean;
  /** Shown while not purchasable ('' to clear it). */
  readonly unavailableMessage?: string;
  /** The variant's inventory level (0…2,147,483,647), counted while its product tracks by variant. */
  readonly stockLevel?: number;
}

/** A product or variant the store refused to change. */
export interface CatalogRefusal {
  /** The product's or variant's id. */
  readonly id: number;
  /** It does not exist (any more): there is nothing left to write. */
  readonly notFound: boolean;
  /** What the store said, led by a stable code (for logs and retry records; never shown to shoppers). */
  readonly reason: string;
}
