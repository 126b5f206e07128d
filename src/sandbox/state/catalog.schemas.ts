import { z } from 'zod';
import { type Refusal, refuse } from './results.js';

/**
 * Input shapes of the Catalog API as BigCommerce accepts them (products_catalog.v3.yml, product-variants,
 * product-variant-options). Unknown fields are dropped, like BigCommerce ignores them; wrong types answer
 * 422 with `errors` keyed by field path.
 */
const MAX_INT = 2_147_483_647;
const int = z.number().int();
const stock = int.min(0);
const money = z.number().min(0);
const text255 = z.string().max(255);

/** Product fields with no behaviour in the sandbox: stored and returned as given. */
const productPassiveFields = {
  description: z.string(),
  weight: z.number().min(0),
  width: z.number().min(0),
  depth: z.number().min(0),
  height: z.number().min(0),
  cost_price: money,
  retail_price: money,
  sale_price: money,
  map_price: money,
  tax_class_id: z.number(),
  product_tax_code: text255,
  fixed_cost_shipping_price: money,
  is_free_shipping: z.boolean(),
  is_featured: z.boolean(),
  related_products: z.array(int),
  warranty: z.string(),
  bin_picking_number: text255,
  layout_file: text255,
  upc: text255,
  search_keywords: z.string(),
  availability_description: text255,
  gift_wrapping_options_type: z.enum(['any', 'none', 'list']),
  gift_wrapping_options_list: z.array(int),
  sort_order: int,
  condition: z.enum(['New', 'Used', 'Refurbished']),
  is_condition_shown: z.boolean(),
  order_quantity_minimum: int.min(0).max(1_000_000_000),
  order_quantity_maximum: int.min(0).max(1_000_000_000),
  page_title: text255,
  meta_keywords: z.array(z.string()),
  meta_description: z.string(),
  view_count: int.min(0),
  preorder_release_date: z.string().nullable(),
  preorder_message: text255,
  is_preorder_only: z.boolean(),
  is_price_hidden: z.boolean(),
  price_hidden_label: text255,
  custom_url: z.object({ url: z.string(), is_customized: z.boolean() }),
  open_graph_type: z.enum(['product', 'album', 'book', 'drink', 'food', 'game', 'movie', 'song', 'tv_show']),
  open_graph_title: z.string(),
  open_graph_description: z.string(),
  open_graph_use_meta_description: z.boolean(),
  open_graph_use_product_name: z.boolean(),
  open_graph_use_image: z.boolean(),
  gtin: z.string(),
  mpn: z.string(),
  reviews_rating_sum: int.min(0),
  reviews_count: int.min(0),
  total_sold: int.min(0),
  images: z.array(z.object({ image_url: z.string(), is_thumbnail: z.boolean().optional() }).loose()),
};

export const PRODUCT_PASSIVE_FIELDS = Object.keys(productPassiveFields);

const variantOptionValueByLabel = z.object({
  option_display_name: z.string().min(1).max(255),
  label: z.string().min(1).max(255),
});
const variantOptionValueById = z.object({ id: int, option_id: int });

const variantFields = {
  sku: z.string().min(1).max(255),
  price: money.nullable(),
  sale_price: money.nullable(),
  retail_price: money.nullable(),
  cost_price: money.nullable(),
  map_price: money.nullable(),
  weight: z.number().min(0).nullable(),
  width: z.number().min(0).nullable(),
  height: z.number().min(0).nullable(),
  depth: z.number().min(0).nullable(),
  is_free_shipping: z.boolean(),
  fixed_cost_shipping_price: money.nullable(),
  purchasing_disabled: z.boolean(),
  purchasing_disabled_message: text255,
  image_url: z.string(),
  upc: z.string(),
  mpn: z.string(),
  gtin: z.string(),
  inventory_level: stock.nullable(),
  inventory_warning_level: stock.nullable(),
  bin_picking_number: z.string().nullable(),
};

export const VARIANT_PASSIVE_FIELDS = [
  'sale_price',
  'retail_price',
  'cost_price',
  'map_price',
  'weight',
  'width',
  'height',
  'depth',
  'is_free_shipping',
  'fixed_cost_shipping_price',
  'purchasing_disabled_message',
  'image_url',
  'upc',
  'mpn',
  'gtin',
  'bin_picking_number',
  'price',
] as const;

/** A variant inside POST /catalog/products: its options are named, and created on the fly. */
export const variantInProductSchema = z.object({
  ...z.object(variantFields).partial().shape,
  sku: variantFields.sku,
  option_values: z.array(variantOptionValueByLabel).min(1),
});

export const variantCreateSchema = z.object({
  ...z.object(variantFields).partial().shape,
  sku: variantFields.sku,
  product_id: int.optional(),
  option_values: z.array(z.union([variantOptionValueById, variantOptionValueByLabel])).min(1),
});

export const variantUpdateSchema = z.object(variantFields).partial();
export const variantBatchItemSchema = variantUpdateSchema.extend({
  id: int.optional(),
  product_id: int.optional(),
});

const productCoreFields = {
  name: z.string().min(1).max(250),
  type: z.enum(['physical', 'digital']),
  sku: text255,
  price: money,
  availability: z.enum(['available', 'disabled', 'preorder']),
  inventory_tracking: z.enum(['none', 'product', 'variant']),
  inventory_level: stock,
  inventory_warning_level: stock,
  is_visible: z.boolean(),
  brand_id: int.min(0),
  brand_name: text255,
  categories: z.array(int),
};

export const productCreateSchema = z.object({
  ...z.object(productPassiveFields).partial().shape,
  ...z.object(productCoreFields).partial().shape,
  name: productCoreFields.name,
  type: productCoreFields.type,
  weight: productPassiveFields.weight,
  price: productCoreFields.price,
  variants: z.array(variantInProductSchema).optional(),
});

export const productUpdateSchema = z.object({
  ...z.object(productPassiveFields).partial().shape,
  ...z.object(productCoreFields).partial().shape,
});

export const productBatchItemSchema = productUpdateSchema.extend({ id: int });

export const optionValueSchema = z.object({
  label: z.string().min(1).max(255),
  sort_order: int.default(0),
  is_default: z.boolean().default(false),
  value_data: z.record(z.string(), z.unknown()).nullable().optional(),
});

export const optionCreateSchema = z.object({
  display_name: z.string().min(1).max(255),
  type: z.enum([
    'radio_buttons',
    'rectangles',
    'dropdown',
    'product_list',
    'product_list_with_images',
    'swatch',
  ]),
  sort_order: int.optional(),
  config: z.record(z.string(), z.unknown()).optional(),
  option_values: z.array(optionValueSchema).optional(),
});

export const optionUpdateSchema = optionCreateSchema.partial();

export const categoryCreateSchema = z.object({
  name: z.string().min(1).max(50),
  parent_id: int.min(0).default(0),
  description: z.string().default(''),
  sort_order: int.default(0),
  is_visible: z.boolean().default(true),
});

export const brandCreateSchema = z.object({
  name: z.string().min(1).max(255),
  page_title: z.string().default(''),
  meta_keywords: z.array(z.string()).default([]),
  meta_description: z.string().default(''),
  search_keywords: z.string().default(''),
  image_url: z.string().default(''),
});

export type ProductCreateInput = z.input<typeof productCreateSchema>;
export type ProductUpdateInput = z.input<typeof productUpdateSchema>;
export type ProductBatchItem = z.input<typeof productBatchItemSchema>;
export type VariantCreateInput = z.input<typeof variantCreateSchema>;
export type VariantUpdateInput = z.input<typeof variantUpdateSchema>;
export type VariantBatchItem = z.input<typeof variantBatchItemSchema>;
export type OptionCreateInput = z.input<typeof optionCreateSchema>;
export type OptionUpdateInput = z.input<typeof optionUpdateSchema>;
export type CategoryCreateInput = z.input<typeof categoryCreateSchema>;
export type BrandCreateInput = z.input<typeof brandCreateSchema>;

export const MAX_INVENTORY = MAX_INT;

/** Parses `input`, or the 422 BigCommerce answers for invalid JSON data (errors keyed by field path). */
export function parseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
  code: string,
): { ok: true; value: z.output<S> } | Refusal {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path.length > 0 ? issue.path.join('.') : 'body';
    errors[key] ??= issue.message;
  }
  return refuse(422, code, 'JSON data is missing or invalid', { errors });
}
