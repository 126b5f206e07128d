import { z } from 'zod';
import { ASSIGNED_PRODUCT_SORTS } from '../../../app/ports/assigned-products.js';
import { BLOCKS, STATUSES } from '../../../core/item.js';
import { localDate, timestamp, wholeNumber } from '../api-schemas.js';

/** The shapes of the Assigned products operations (`/products`), validated and documented from here. */

export const MAX_PRODUCTS_PER_PAGE = 100;

export const assignedItemSchema = z
  .object({
    sku: z
      .string()
      .nullable()
      .meta({ description: 'Null when the variant has no SKU (items are changed by SKU: `/items/{sku}`).' }),
    variant_id: z
      .int()
      .nullable()
      .meta({ description: 'BigCommerce variant id; null for a product without variants.' }),
    variant_label: z.string().nullable().meta({
      description:
        'The variant’s options as the control panel names them (`Size: M, Colour: Red`); null for a product without variants, or until its next assignment records them.',
    }),
    stock: z.int().meta({ description: 'On-hand units; negative means units owed.' }),
    backordered: z.int().meta({ description: 'Units sold as backorders in the current episode.' }),
    threshold: z
      .int()
      .nullable()
      .meta({ description: 'Units that may be backordered per out-of-stock episode; null = unlimited.' }),
    incoming_stock: z.int(),
    back_in_stock_date: localDate.nullable(),
    status: z.enum(STATUSES),
    block: z.enum(BLOCKS).nullable().meta({
      description:
        'Why backorder is off for it: `threshold` reached, back-in-stock `date` passed, or `manual` (switched off by the merchant).',
    }),
    purchasable: z.boolean().meta({
      description:
        'Whether shoppers can buy it, as the app writes it to BigCommerce: every status but `unavailable`.',
    }),
  })
  .meta({
    id: 'AssignedItem',
    description: 'An item of an assigned product: a variant, or the product itself.',
  });

export const assignedProductSchema = z
  .object({
    product_id: z.int().meta({ description: 'BigCommerce product id.' }),
    name: z.string(),
    sku: z.string().nullable(),
    template: z.object({ id: z.int(), name: z.string() }).nullable().meta({
      description: 'The template whose texts its storefront pages show; null: the store’s default.',
    }),
    assigned_at: timestamp.nullable(),
    updated_at: timestamp.meta({ description: 'The latest change of any of its items.' }),
    items: z.array(assignedItemSchema).meta({ description: 'Its assigned items, in BigCommerce’s order.' }),
  })
  .meta({ id: 'AssignedProduct', description: 'A product assigned to Backorder, with its items.' });

export const assignedProductListSchema = z
  .object({
    data: z.array(assignedProductSchema),
    page: z.int(),
    limit: z.int(),
    total: z.int().meta({ description: 'Products matching, all pages together.' }),
    total_pages: z.int().meta({ description: 'At least 1.' }),
  })
  .meta({ id: 'AssignedProductList' });

export const assignedProductsQuerySchema = z.strictObject({
  search: z.string().max(255).optional().meta({
    description:
      'Case-insensitive part (substring) of the product’s name, of its SKU or of any of its variants’ SKUs.',
  }),
  status: z
    .enum(STATUSES)
    .optional()
    .meta({ description: 'Products with at least one item in this status (all of their items are listed).' }),
  block: z
    .enum(BLOCKS)
    .optional()
    .meta({ description: 'Products with at least one item with this block (with `status`: the same item).' }),
  sort: z.enum(ASSIGNED_PRODUCT_SORTS).default('name').meta({
    description:
      '`name` (case-insensitive), `updated` (latest change of an item), `assigned`, `stock` or `backordered` (summed over its items); ties by product.',
  }),
  direction: z
    .enum(['asc', 'desc'])
    .optional()
    .meta({ description: 'Default `asc`, but `desc` (latest first) for `updated`.' }),
  page: wholeNumber(1, 1_000_000).default(1).meta({ description: 'From 1.' }),
  limit: wholeNumber(1, MAX_PRODUCTS_PER_PAGE)
    .default(25)
    .meta({ description: `Products per page, 1 to ${MAX_PRODUCTS_PER_PAGE}.` }),
});

export const syncedProductSchema = z
  .object({
    product: assignedProductSchema,
    sync: z.object({
      stock_changes: z
        .array(z.object({ variant_id: z.int().nullable(), from: z.int(), to: z.int() }))
        .meta({ description: 'BigCommerce’s inventory levels taken as stock (someone tracked them there).' }),
      tracking_turned_off: z.boolean().meta({
        description: 'BigCommerce tracked the product’s inventory again, and the app turned it off.',
      }),
      purchasability_corrected: z.int().meta({
        description: 'Products and variants whose purchasability someone changed, set back to the app’s.',
      }),
      warnings: z.array(z.string()).meta({
        description:
          'E.g. SYNC.UNTRACKED_VARIANTS (variants added in BigCommerce since assignment are not tracked), SYNC.MISSING_VARIANTS.',
      }),
    }),
  })
  .meta({ id: 'SyncedProduct' });
