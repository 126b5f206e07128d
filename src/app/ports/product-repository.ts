import type { StoreId } from './store-id.js';

/** Products as assigned (or once assigned) to Backorder. Their items are in the ItemRepository. */
export interface ProductRepository {
  getProduct(storeId: StoreId, productId: number): Promise<ProductRecord | null>;
  findProductByBcId(storeId: StoreId, bcProductId: number): Promise<ProductRecord | null>;
  listProducts(storeId: StoreId, query?: ProductQuery): Promise<ProductRecord[]>;
  /**
   * How many products link to each template of the store: assigned ones, and unassigned ones, which
   * keep their template for a later assignment (either way the template cannot be deleted). Templates
   * no product links to are absent.
   */
  countProductsByTemplate(storeId: StoreId): Promise<ReadonlyMap<number, number>>;
  /** Links the product to another template (its storefront and packing-slip texts follow it). */
  setTemplate(
    storeId: StoreId,
    productId: number,
    templateId: number | null,
    now: Date,
  ): Promise<ProductRecord | null>;
}

export interface ProductQuery {
  readonly assigned?: boolean;
  readonly templateId?: number;
  /** Keyset pagination: products with an id greater than this. */
  readonly afterId?: number;
  /** Default 500. */
  readonly limit?: number;
}

export interface ProductRecord {
  readonly id: number;
  readonly storeId: StoreId;
  readonly bcProductId: number;
  readonly name: string;
  readonly sku: string | null;
  readonly templateId: number | null;
  readonly assigned: boolean;
  readonly originalSettings: unknown;
  readonly assignedAt: Date | null;
  readonly unassignedAt: Date | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}
