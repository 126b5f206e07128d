/**
 * The catalog as the API shows it: product, variant, option, category and brand views (the JSON bodies of
 * the Catalog API), the listing queries the routes build from query strings, and a page of a listing.
 */
export type Availability = 'available' | 'disabled' | 'preorder';
export type InventoryTracking = 'none' | 'product' | 'variant';

export interface OptionValueView {
  id: number;
  label: string;
  sort_order: number;
  value_data?: Record<string, unknown>;
  is_default: boolean;
}

export interface OptionView {
  id: number;
  product_id: number;
  name: string;
  display_name: string;
  type: string;
  sort_order: number;
  config: Record<string, unknown>;
  option_values: OptionValueView[];
}

export interface VariantView {
  id: number;
  product_id: number;
  sku: string;
  sku_id?: number;
  price: number | null;
  calculated_price: number;
  inventory_level: number;
  inventory_warning_level: number;
  purchasing_disabled: boolean;
  purchasing_disabled_message: string;
  option_values: { id: number; label: string; option_id: number; option_display_name: string }[];
  [field: string]: unknown;
}

export interface ProductView {
  id: number;
  name: string;
  type: 'physical' | 'digital';
  sku: string;
  price: number;
  calculated_price: number;
  availability: Availability;
  inventory_tracking: InventoryTracking;
  inventory_level: number;
  inventory_warning_level: number;
  is_visible: boolean;
  categories: number[];
  brand_id: number;
  total_sold: number;
  date_created: string;
  date_modified: string;
  /** Set for a simple product (one base variant); absent for a product with option variants. */
  base_variant_id?: number;
  variants?: VariantView[];
  options?: OptionView[];
  [field: string]: unknown;
}

export interface ProductInclude {
  readonly variants?: boolean;
  readonly options?: boolean;
}

export interface ProductQuery {
  readonly id?: number;
  readonly idIn?: readonly number[];
  readonly idNotIn?: readonly number[];
  readonly idMin?: number;
  readonly idMax?: number;
  readonly idGreater?: number;
  readonly idLess?: number;
  readonly name?: string;
  readonly sku?: string;
  readonly skuIn?: readonly string[];
  readonly keyword?: string;
  readonly availability?: Availability;
  readonly type?: 'physical' | 'digital';
  readonly inventoryLevel?: number;
  readonly inventoryLevelIn?: readonly number[];
  readonly inventoryLevelNotIn?: readonly number[];
  readonly inventoryLevelMin?: number;
  readonly inventoryLevelMax?: number;
  readonly inventoryLevelGreater?: number;
  readonly inventoryLevelLess?: number;
  readonly inventoryLow?: boolean;
  readonly outOfStock?: boolean;
  readonly isVisible?: boolean;
  readonly isFeatured?: boolean;
  readonly categoriesIn?: readonly number[];
  readonly brandId?: number;
  readonly price?: number;
  readonly dateModifiedMin?: string;
  readonly dateModifiedMax?: string;
  readonly sort?: ProductSort;
  readonly direction?: 'asc' | 'desc';
  readonly page?: number;
  readonly limit?: number;
}

export const PRODUCT_SORTS = [
  'id',
  'name',
  'sku',
  'price',
  'date_modified',
  'date_last_imported',
  'inventory_level',
  'is_visible',
  'total_sold',
  'calculated_price',
] as const;
export type ProductSort = (typeof PRODUCT_SORTS)[number];

export interface VariantQuery {
  readonly productId?: number;
  readonly productIdIn?: readonly number[];
  readonly id?: number;
  readonly idIn?: readonly number[];
  readonly sku?: string;
  readonly upc?: string;
  readonly page?: number;
  readonly limit?: number;
}

export interface Page<T> {
  readonly items: T[];
  readonly total: number;
  readonly page: number;
  readonly limit: number;
}

export interface CategoryView {
  id: number;
  parent_id: number;
  name: string;
  description: string;
  sort_order: number;
  is_visible: boolean;
  [field: string]: unknown;
}

export interface BrandView {
  id: number;
  name: string;
  [field: string]: unknown;
}

export interface CategoryQuery {
  readonly idIn?: readonly number[];
  readonly parentId?: number;
  readonly name?: string;
  readonly page?: number;
  readonly limit?: number;
}

export interface BrandQuery {
  readonly idIn?: readonly number[];
  readonly name?: string;
  readonly page?: number;
  readonly limit?: number;
}
