import type { StoreId } from './store-id.js';

/**
 * How a screen names an item in a list: its product's name, its variant's options and its SKU, with its
 * BigCommerce ids (to link to the product). Read with the rows that mention the item, in one query.
 */
export interface ItemLabel {
  readonly itemId: number;
  readonly storeId: StoreId;
  readonly productName: string;
  /** `Size: M, Colour: Red`; null for a product without variants or when the names were not recorded. */
  readonly variantLabel: string | null;
  readonly sku: string | null;
  readonly bcProductId: number;
  readonly bcVariantId: number | null;
}
