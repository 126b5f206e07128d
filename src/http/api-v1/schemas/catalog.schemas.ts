import { z } from 'zod';
import { CATALOG_SORTS, type CatalogFilter, MAX_PAGE_SIZE } from '../../../app/assignment/search-catalog.js';
import { MAX_UNITS } from '../../../core/item.js';
import { idParam, wholeNumber } from '../api-schemas.js';

/**
 * The catalog search (`GET /catalog/products`), its filter pickers and the filter of a "select all
 * matching" assignment (`POST /assignments` with `filter`): the same filter fields in both.
 */

const bcId = z.int().min(1).max(2_147_483_647);
const level = z.int().min(0).max(MAX_UNITS);
const AVAILABILITIES = ['available', 'disabled', 'preorder'] as const;

const filterDescriptions = {
  keyword: 'Matches the product’s name, SKU, description and brand (BigCommerce’s keyword search).',
  sku: 'The product’s own SKU, exactly.',
  brand_id: 'BigCommerce brand id (`GET /catalog/brands`).',
  category_id: 'BigCommerce category id (`GET /catalog/categories`).',
  visible: 'Visible on the storefront or not.',
  availability: 'BigCommerce’s availability of the product.',
  stock_min: 'Inventory level at least this (a product tracked by variant counts its variants’ sum).',
  stock_max: 'Inventory level at most this.',
  assigned: 'Assigned to Backorder or not.',
} as const;

const stockRangeIsOrdered = (f: { stock_min?: number | undefined; stock_max?: number | undefined }) =>
  f.stock_min === undefined || f.stock_max === undefined || f.stock_min <= f.stock_max;
const stockRangeMessage = { message: 'stock_min must not be greater than stock_max.', path: ['stock_min'] };

/** The filter in a JSON body. */
export const catalogFilterBodySchema = z
  .strictObject({
    keyword: z.string().trim().min(1).max(255).optional().meta({ description: filterDescriptions.keyword }),
    sku: z.string().trim().min(1).max(255).optional().meta({ description: filterDescriptions.sku }),
    brand_id: bcId.optional().meta({ description: filterDescriptions.brand_id }),
    category_id: bcId.optional().meta({ description: filterDescriptions.category_id }),
    visible: z.boolean().optional().meta({ description: filterDescriptions.visible }),
    availability: z.enum(AVAILABILITIES).optional().meta({ description: filterDescriptions.availability }),
    stock_min: level.optional().meta({ description: filterDescriptions.stock_min }),
    stock_max: level.optional().meta({ description: filterDescriptions.stock_max }),
    assigned: z
      .boolean()
      .optional()
      .meta({
        description: `${filterDescriptions.assigned} In an assignment, products already assigned are left out unless this says otherwise.`,
      }),
  })
  .refine(stockRangeIsOrdered, stockRangeMessage)
  .meta({
    id: 'CatalogFilter',
    description: 'Which products of the BigCommerce catalog; every field narrows.',
  });

const levelParam = wholeNumber(0, MAX_UNITS);
const booleanParam = z.enum(['true', 'false']).transform((text) => text === 'true');

export const catalogQuerySchema = z
  .strictObject({
    keyword: z.string().trim().min(1).max(255).optional().meta({ description: filterDescriptions.keyword }),
    sku: z.string().trim().min(1).max(255).optional().meta({ description: filterDescriptions.sku }),
    brand_id: idParam.optional().meta({ description: filterDescriptions.brand_id }),
    category_id: idParam.optional().meta({ description: filterDescriptions.category_id }),
    visible: booleanParam.optional().meta({ description: filterDescriptions.visible }),
    availability: z.enum(AVAILABILITIES).optional().meta({ description: filterDescriptions.availability }),
    stock_min: levelParam.optional().meta({ description: filterDescriptions.stock_min }),
    stock_max: levelParam.optional().meta({ description: filterDescriptions.stock_max }),
    assigned: booleanParam.optional().meta({ description: filterDescriptions.assigned }),
    page: wholeNumber(1, 1_000_000).default(1).meta({ description: '1-based.' }),
    limit: wholeNumber(1, MAX_PAGE_SIZE)
      .default(50)
      .meta({ description: `Page size, 1 to ${MAX_PAGE_SIZE}.` }),
    sort: z.enum(CATALOG_SORTS).default('id'),
    direction: z.enum(['asc', 'desc']).default('asc'),
  })
  .refine(stockRangeIsOrdered, stockRangeMessage);

type FilterFields = Omit<z.output<typeof catalogQuerySchema>, 'page' | 'limit' | 'sort' | 'direction'>;

/** The API's snake_case filter as the use cases' CatalogFilter (absent fields left out). */
export function catalogFilterOf(fields: FilterFields): CatalogFilter {
  const filter: Record<string, unknown> = {
    keyword: fields.keyword,
    sku: fields.sku,
    brandId: fields.brand_id,
    categoryId: fields.category_id,
    visible: fields.visible,
    availability: fields.availability,
    stockMin: fields.stock_min,
    stockMax: fields.stock_max,
    assigned: fields.assigned,
  };
  return Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined)) as CatalogFilter;
}

export const catalogProductSchema = z
  .object({
    product_id: z.int().meta({ description: 'BigCommerce product id.' }),
    name: z.string(),
    sku: z.string().meta({ description: 'The product’s own SKU; may be empty.' }),
    brand_id: z.int().nullable().meta({ description: 'Null when the product has no brand.' }),
    category_ids: z.array(z.int()),
    visible: z.boolean(),
    availability: z.enum(AVAILABILITIES),
    inventory_tracking: z.enum(['none', 'product', 'variant']).meta({
      description: 'Who counts the stock in BigCommerce (off once assigned: Backorder counts it).',
    }),
    inventory_level: z.int(),
    variant_count: z
      .int()
      .meta({ description: 'Variants made of options; 0 for a product without options.' }),
    assigned: z.boolean(),
    template_id: z.int().nullable().meta({
      description: 'The template of an assigned (or formerly assigned) product; null otherwise.',
    }),
  })
  .meta({ id: 'CatalogProduct', description: 'A product of the BigCommerce catalog.' });

export const catalogPageSchema = z
  .object({
    data: z.array(catalogProductSchema),
    page: z.int(),
    limit: z.int(),
    total: z.int().meta({ description: 'Products the search matches in all.' }),
    total_pages: z.int(),
  })
  .meta({ id: 'CatalogPage' });

export const brandListSchema = z
  .object({ data: z.array(z.object({ id: z.int(), name: z.string() })) })
  .meta({ id: 'BrandList', description: 'The store’s brands, by name.' });

export const categoryListSchema = z
  .object({
    data: z.array(
      z.object({
        id: z.int(),
        name: z.string(),
        parent_id: z.int().meta({ description: '0 for a top-level category.' }),
        path: z
          .array(z.string())
          .meta({ description: 'Names from the top-level category down to this one.' }),
      }),
    ),
  })
  .meta({
    id: 'CategoryList',
    description: 'The store’s categories as a tree in reading order: each parent before its children.',
  });
