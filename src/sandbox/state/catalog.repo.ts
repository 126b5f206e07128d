import {
  type BrandCreateInput,
  brandCreateSchema,
  type CategoryCreateInput,
  categoryCreateSchema,
  MAX_INVENTORY,
  type OptionCreateInput,
  type OptionUpdateInput,
  optionCreateSchema,
  optionUpdateSchema,
  optionValueSchema,
  PRODUCT_PASSIVE_FIELDS,
  type ProductBatchItem,
  type ProductCreateInput,
  type ProductUpdateInput,
  parseInput,
  productBatchItemSchema,
  productCreateSchema,
  productUpdateSchema,
  VARIANT_PASSIVE_FIELDS,
  type VariantBatchItem,
  type VariantCreateInput,
  type VariantUpdateInput,
  variantBatchItemSchema,
  variantCreateSchema,
  variantUpdateSchema,
} from './catalog.schemas.js';
import type { StoreEvent } from './events.js';
import { selectPage } from './paging.js';
import { type Result, refuse } from './results.js';
import { parseDoc, type SandboxDb } from './sandbox-db.js';
import { abort, isoDate, type Tx, type UnitOfWork } from './unit-of-work.js';

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

/** Where the stock of a purchasable line is counted, if it is counted at all. */
export type StockCell =
  | { readonly kind: 'product'; readonly productId: number }
  | {
      readonly kind: 'variant';
      readonly productId: number;
      readonly variantId: number;
      readonly skuId: number;
    }
  | { readonly kind: 'untracked' };

interface ProductRow {
  id: number;
  store_hash: string;
  name: string;
  sku: string;
  type: 'physical' | 'digital';
  price: number;
  availability: Availability;
  inventory_tracking: InventoryTracking;
  inventory_level: number;
  inventory_warning_level: number;
  is_visible: number;
  brand_id: number;
  total_sold: number;
  date_created: string;
  date_modified: string;
  doc: string;
}

interface VariantRow {
  id: number;
  store_hash: string;
  product_id: number;
  is_base: number;
  sku: string;
  sku_id: number | null;
  inventory_level: number;
  inventory_warning_level: number;
  purchasing_disabled: number;
  doc: string;
}

interface VariantDoc {
  option_value_ids: number[];
  [field: string]: unknown;
}

interface OptionRow {
  id: number;
  product_id: number;
  doc: string;
}

interface OptionValueRow {
  id: number;
  option_id: number;
  sort_order: number;
  doc: string;
}

const PRODUCT_DEFAULTS: Record<string, unknown> = {
  description: '',
  weight: 0,
  width: 0,
  depth: 0,
  height: 0,
  cost_price: 0,
  retail_price: 0,
  sale_price: 0,
  map_price: 0,
  tax_class_id: 0,
  product_tax_code: '',
  fixed_cost_shipping_price: 0,
  is_free_shipping: false,
  is_featured: false,
  related_products: [-1],
  warranty: '',
  bin_picking_number: '',
  layout_file: 'product.html',
  upc: '',
  search_keywords: '',
  availability_description: '',
  gift_wrapping_options_type: 'any',
  gift_wrapping_options_list: [],
  sort_order: 0,
  condition: 'New',
  is_condition_shown: false,
  order_quantity_minimum: 0,
  order_quantity_maximum: 0,
  page_title: '',
  meta_keywords: [],
  meta_description: '',
  view_count: 0,
  preorder_release_date: null,
  preorder_message: '',
  is_preorder_only: false,
  is_price_hidden: false,
  price_hidden_label: '',
  open_graph_type: 'product',
  open_graph_title: '',
  open_graph_description: '',
  open_graph_use_meta_description: true,
  open_graph_use_product_name: true,
  open_graph_use_image: true,
  gtin: '',
  mpn: '',
  reviews_rating_sum: 0,
  reviews_count: 0,
  images: [],
};

const VARIANT_DEFAULTS: Record<string, unknown> = {
  price: null,
  sale_price: null,
  retail_price: null,
  cost_price: null,
  map_price: null,
  weight: null,
  width: null,
  height: null,
  depth: null,
  is_free_shipping: false,
  fixed_cost_shipping_price: null,
  purchasing_disabled_message: '',
  image_url: '',
  upc: '',
  mpn: '',
  gtin: '',
  bin_picking_number: '',
};

const NOT_FOUND_PRODUCT = (id: number) =>
  refuse(404, 'SANDBOX.CATALOG.PRODUCT_NOT_FOUND', `Product with id ${id} was not found.`);
const NOT_FOUND_VARIANT = (id: number) =>
  refuse(404, 'SANDBOX.CATALOG.VARIANT_NOT_FOUND', `Variant with id ${id} was not found.`);
const NOT_FOUND_OPTION = (id: number) =>
  refuse(404, 'SANDBOX.CATALOG.OPTION_NOT_FOUND', `Option with id ${id} was not found.`);

function slug(name: string): string {
  return `/${name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')}/`;
}

function clampStock(value: number): number {
  return Math.min(Math.max(0, Math.trunc(value)), MAX_INVENTORY);
}

function pick(source: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of keys) if (source[key] !== undefined) out[key] = source[key];
  return out;
}

/**
 * The emulated catalog of every store: products, their options and variants, categories and brands,
 * and the stock they hold. Stock has one home per item: the product row for a product-tracked or simple
 * product, the variant row for a variant-tracked product with option variants (the product row then keeps
 * their sum, refreshed in the same transaction, so list filters on inventory_level stay plain SQL).
 */
export class CatalogRepo {
  constructor(
    private readonly db: SandboxDb,
    private readonly uow: UnitOfWork,
  ) {}

  // ---------------------------------------------------------------- products

  listProducts(storeHash: string, query: ProductQuery = {}, include: ProductInclude = {}): Page<ProductView> {
    const where: string[] = ['p.store_hash = ?'];
    const args: unknown[] = [storeHash];
    const add = (clause: string, ...values: unknown[]) => {
      where.push(clause);
      args.push(...values);
    };
    const inList = (column: string, values: readonly unknown[], negate = false) => {
      if (values.length === 0) {
        where.push(negate ? '1 = 1' : '1 = 0');
        return;
      }
      add(`${column} ${negate ? 'NOT IN' : 'IN'} (${values.map(() => '?').join(',')})`, ...values);
    };
    if (query.id !== undefined) add('p.id = ?', query.id);
    if (query.idIn) inList('p.id', query.idIn);
    if (query.idNotIn) inList('p.id', query.idNotIn, true);
    if (query.idMin !== undefined) add('p.id >= ?', query.idMin);
    if (query.idMax !== undefined) add('p.id <= ?', query.idMax);
    if (query.idGreater !== undefined) add('p.id > ?', query.idGreater);
    if (query.idLess !== undefined) add('p.id < ?', query.idLess);
    if (query.name !== undefined) add('p.name = ?', query.name);
    if (query.sku !== undefined) add('p.sku = ? COLLATE NOCASE', query.sku);
    if (query.skuIn) inList('p.sku', query.skuIn);
    if (query.keyword !== undefined && query.keyword !== '') {
      const like = `%${query.keyword.replace(/[%_\\]/g, '\\$&')}%`;
      add(
        `(p.name LIKE ? ESCAPE '\\' OR p.sku LIKE ? ESCAPE '\\' OR json_extract(p.doc, '$.description') LIKE ? ESCAPE '\\'
          OR EXISTS (SELECT 1 FROM brands b WHERE b.id = p.brand_id AND b.name LIKE ? ESCAPE '\\')
          OR EXISTS (SELECT 1 FROM variants v WHERE v.product_id = p.id AND v.sku LIKE ? ESCAPE '\\'))`,
        like,
        like,
        like,
        like,
        like,
      );
    }
    if (query.availability !== undefined) add('p.availability = ?', query.availability);
    if (query.type !== undefined) add('p.type = ?', query.type);
    if (query.inventoryLevel !== undefined) add('p.inventory_level = ?', query.inventoryLevel);
    if (query.inventoryLevelIn) inList('p.inventory_level', query.inventoryLevelIn);
    if (query.inventoryLevelNotIn) inList('p.inventory_level', query.inventoryLevelNotIn, true);
    if (query.inventoryLevelMin !== undefined) add('p.inventory_level >= ?', query.inventoryLevelMin);
    if (query.inventoryLevelMax !== undefined) add('p.inventory_level <= ?', query.inventoryLevelMax);
    if (query.inventoryLevelGreater !== undefined) add('p.inventory_level > ?', query.inventoryLevelGreater);
    if (query.inventoryLevelLess !== undefined) add('p.inventory_level < ?', query.inventoryLevelLess);
    if (query.inventoryLow !== undefined) {
      add(
        `${query.inventoryLow ? '' : 'NOT '}(p.inventory_tracking <> 'none' AND p.inventory_level <= p.inventory_warning_level)`,
      );
    }
    if (query.outOfStock) add(`p.inventory_tracking <> 'none' AND p.inventory_level = 0`);
    if (query.isVisible !== undefined) add('p.is_visible = ?', query.isVisible ? 1 : 0);
    if (query.isFeatured !== undefined)
      add(`json_extract(p.doc, '$.is_featured') = ?`, query.isFeatured ? 1 : 0);
    if (query.categoriesIn) {
      if (query.categoriesIn.length === 0) where.push('1 = 0');
      else
        add(
          `EXISTS (SELECT 1 FROM product_categories pc WHERE pc.product_id = p.id AND pc.category_id IN (${query.categoriesIn
            .map(() => '?')
            .join(',')}))`,
          ...query.categoriesIn,
        );
    }
    if (query.brandId !== undefined) add('p.brand_id = ?', query.brandId);
    if (query.price !== undefined) add('p.price = ?', query.price);
    if (query.dateModifiedMin !== undefined) add('p.date_modified >= ?', query.dateModifiedMin);
    if (query.dateModifiedMax !== undefined) add('p.date_modified <= ?', query.dateModifiedMax);

    const sortColumn: Record<ProductSort, string> = {
      id: 'p.id',
      name: 'p.name',
      sku: 'p.sku',
      price: 'p.price',
      date_modified: 'p.date_modified',
      date_last_imported: 'p.date_modified',
      inventory_level: 'p.inventory_level',
      is_visible: 'p.is_visible',
      total_sold: 'p.total_sold',
      calculated_price: 'p.price',
    };
    const order = `${sortColumn[query.sort ?? 'id']} ${query.direction === 'desc' ? 'DESC' : 'ASC'}, p.id ASC`;
    const { rows, total, page, limit } = selectPage<ProductRow>(
      this.db,
      { columns: 'p.*', from: 'products p', where: where.join(' AND '), orderBy: order },
      args,
      query,
    );
    return { items: rows.map((row) => this.productView(row, include)), total, page, limit };
  }

  getProduct(storeHash: string, productId: number, include: ProductInclude = {}): ProductView | undefined {
    const row = this.productRow(storeHash, productId);
    return row ? this.productView(row, include) : undefined;
  }

  createProduct(storeHash: string, input: ProductCreateInput): Result<ProductView> {
    const parsed = parseInput(productCreateSchema, input, 'SANDBOX.CATALOG.INVALID_PRODUCT');
    if (!parsed.ok) return parsed;
    const result = this.uow.run((tx) => this.createProductIn(tx, storeHash, parsed.value));
    return result.ok
      ? { ok: true, value: this.getProduct(storeHash, result.value, { variants: true })! }
      : result;
  }

  updateProduct(storeHash: string, productId: number, patch: ProductUpdateInput): Result<ProductView> {
    const parsed = parseInput(productUpdateSchema, patch, 'SANDBOX.CATALOG.INVALID_PRODUCT');
    if (!parsed.ok) return parsed;
    const result = this.uow.run((tx) => this.updateProductIn(tx, storeHash, productId, parsed.value));
    return result.ok ? { ok: true, value: this.getProduct(storeHash, productId)! } : result;
  }

  /** PUT /catalog/products: all items or none (the caller enforces BigCommerce's 10-item limit). */
  updateProducts(storeHash: string, items: readonly ProductBatchItem[]): Result<ProductView[]> {
    const parsedItems: ReturnType<typeof productBatchItemSchema.parse>[] = [];
    for (const [index, item] of items.entries()) {
      const parsed = parseInput(productBatchItemSchema, item, 'SANDBOX.CATALOG.INVALID_PRODUCT');
      if (!parsed.ok) return prefixErrors(parsed, `[${index}]`);
      parsedItems.push(parsed.value);
    }
    const result = this.uow.run((tx) => {
      for (const { id, ...patch } of parsedItems) this.updateProductIn(tx, storeHash, id, patch);
    });
    return result.ok
      ? { ok: true, value: parsedItems.map((i) => this.getProduct(storeHash, i.id)!) }
      : result;
  }

  deleteProducts(storeHash: string, productIds: readonly number[]): Result<number> {
    return this.uow.run((tx) => {
      let deleted = 0;
      for (const id of productIds) {
        const row = this.productRow(storeHash, id);
        if (!row) continue;
        for (const variant of this.variantRows(id)) {
          this.db
            .prepare(
              `DELETE FROM inventory_settings WHERE store_hash = ? AND item_kind = 'variant' AND item_id = ?`,
            )
            .run(storeHash, variant.id);
        }
        this.db
          .prepare(
            `DELETE FROM inventory_settings WHERE store_hash = ? AND item_kind = 'product' AND item_id = ?`,
          )
          .run(storeHash, id);
        this.db.prepare('DELETE FROM products WHERE id = ? AND store_hash = ?').run(id, storeHash);
        tx.events.push({ storeHash, scope: 'store/product/deleted', data: { type: 'product', id } });
        deleted++;
      }
      return deleted;
    });
  }

  // ---------------------------------------------------------------- variants

  listVariants(storeHash: string, query: VariantQuery = {}): Page<VariantView> {
    const where: string[] = ['v.store_hash = ?'];
    const args: unknown[] = [storeHash];
    if (query.productId !== undefined) {
      where.push('v.product_id = ?');
      args.push(query.productId);
    }
    if (query.productIdIn) {
      where.push(
        query.productIdIn.length
          ? `v.product_id IN (${query.productIdIn.map(() => '?').join(',')})`
          : '1 = 0',
      );
      args.push(...query.productIdIn);
    }
    if (query.id !== undefined) {
      where.push('v.id = ?');
      args.push(query.id);
    }
    if (query.idIn) {
      where.push(query.idIn.length ? `v.id IN (${query.idIn.map(() => '?').join(',')})` : '1 = 0');
      args.push(...query.idIn);
    }
    if (query.sku !== undefined) {
      where.push('v.sku = ? COLLATE NOCASE');
      args.push(query.sku);
    }
    if (query.upc !== undefined) {
      where.push(`json_extract(v.doc, '$.upc') = ?`);
      args.push(query.upc);
    }
    const { rows, total, page, limit } = selectPage<VariantRow>(
      this.db,
      { columns: 'v.*', from: 'variants v', where: where.join(' AND '), orderBy: 'v.id' },
      args,
      query,
    );
    const products = new Map<number, ProductRow>();
    return {
      items: rows.map((row) => {
        let product = products.get(row.product_id);
        if (!product) {
          product = this.productRow(storeHash, row.product_id)!;
          products.set(row.product_id, product);
        }
        return this.variantView(row, product);
      }),
      total,
      page,
      limit,
    };
  }

  getVariant(storeHash: string, productId: number, variantId: number): VariantView | undefined {
    const product = this.productRow(storeHash, productId);
    const row = this.variantRow(storeHash, variantId);
    if (!product || !row || row.product_id !== productId) return undefined;
    return this.variantView(row, product);
  }

  /** Finds a variant by id alone (GET /catalog/variants?id=), or undefined. */
  findVariant(storeHash: string, variantId: number): VariantView | undefined {
    const row = this.variantRow(storeHash, variantId);
    return row ? this.variantView(row, this.productRow(storeHash, row.product_id)!) : undefined;
  }

  createVariant(storeHash: string, productId: number, input: VariantCreateInput): Result<VariantView> {
    const parsed = parseInput(variantCreateSchema, input, 'SANDBOX.CATALOG.INVALID_VARIANT');
    if (!parsed.ok) return parsed;
    const result = this.uow.run((tx) => this.createVariantIn(tx, storeHash, productId, parsed.value));
    return result.ok ? { ok: true, value: this.getVariant(storeHash, productId, result.value)! } : result;
  }

  updateVariant(
    storeHash: string,
    productId: number,
    variantId: number,
    patch: VariantUpdateInput,
  ): Result<VariantView> {
    const parsed = parseInput(variantUpdateSchema, patch, 'SANDBOX.CATALOG.INVALID_VARIANT');
    if (!parsed.ok) return parsed;
    const result = this.uow.run((tx) =>
      this.updateVariantIn(tx, storeHash, variantId, parsed.value, productId),
    );
    return result.ok ? { ok: true, value: this.getVariant(storeHash, productId, variantId)! } : result;
  }

  /**
   * PUT /catalog/variants: items with `id` update that variant; items without create one (they need
   * product_id, sku and option_values). All or none; the caller enforces the 50-item limit.
   */
  updateVariants(storeHash: string, items: readonly VariantBatchItem[]): Result<VariantView[]> {
    const parsedItems: {
      index: number;
      id?: number;
      create?: ReturnType<typeof variantCreateSchema.parse>;
    }[] = [];
    const updates = new Map<number, ReturnType<typeof variantBatchItemSchema.parse>>();
    for (const [index, item] of items.entries()) {
      const batch = parseInput(variantBatchItemSchema, item, 'SANDBOX.CATALOG.INVALID_VARIANT');
      if (!batch.ok) return prefixErrors(batch, `[${index}]`);
      if (batch.value.id !== undefined) {
        updates.set(index, batch.value);
        parsedItems.push({ index, id: batch.value.id });
      } else {
        const create = parseInput(variantCreateSchema, item, 'SANDBOX.CATALOG.INVALID_VARIANT');
        if (!create.ok || create.value.product_id === undefined) {
          return refuse(422, 'SANDBOX.CATALOG.INVALID_VARIANT', 'JSON data is missing or invalid', {
            errors: create.ok
              ? { [`[${index}].product_id`]: 'product_id is required to create a variant' }
              : Object.fromEntries(
                  Object.entries(create.errors ?? {}).map(([k, v]) => [`[${index}].${k}`, v]),
                ),
          });
        }
        parsedItems.push({ index, create: create.value });
      }
    }
    const result = this.uow.run((tx) =>
      parsedItems.map((item) => {
        if (item.create) return this.createVariantIn(tx, storeHash, item.create.product_id!, item.create);
        const { id, product_id, ...patch } = updates.get(item.index)!;
        return this.updateVariantIn(tx, storeHash, id!, patch, product_id);
      }),
    );
    return result.ok
      ? { ok: true, value: result.value.map((id) => this.findVariant(storeHash, id)!) }
      : result;
  }

  deleteVariant(storeHash: string, productId: number, variantId: number): Result<void> {
    return this.uow.run((tx) => {
      const product = this.productRow(storeHash, productId) ?? abort(NOT_FOUND_PRODUCT(productId));
      const row = this.variantRow(storeHash, variantId);
      if (!row || row.product_id !== productId) abort(NOT_FOUND_VARIANT(variantId));
      if (row.is_base) {
        abort(
          refuse(422, 'SANDBOX.CATALOG.BASE_VARIANT', 'The base variant of a product cannot be deleted.'),
        );
      }
      this.db.prepare('DELETE FROM variants WHERE id = ?').run(variantId);
      this.db
        .prepare(
          `DELETE FROM inventory_settings WHERE store_hash = ? AND item_kind = 'variant' AND item_id = ?`,
        )
        .run(storeHash, variantId);
      tx.events.push({
        storeHash,
        scope: 'store/sku/deleted',
        data: { type: 'sku', id: row.sku_id, sku: { product_id: productId, variant_id: variantId } },
      });
      if (this.variantRows(productId).length === 0) this.insertBaseVariant(storeHash, productId, product.sku);
      this.refreshProductStock(product.id);
      this.touch(tx, productId);
    });
  }

  // ---------------------------------------------------------------- options

  listOptions(storeHash: string, productId: number): OptionView[] | undefined {
    if (!this.productRow(storeHash, productId)) return undefined;
    const rows = this.db
      .prepare('SELECT * FROM product_options WHERE product_id = ? AND store_hash = ? ORDER BY id')
      .all(productId, storeHash) as OptionRow[];
    return rows.map((row) => this.optionView(row));
  }

  getOption(storeHash: string, productId: number, optionId: number): OptionView | undefined {
    const row = this.optionRow(storeHash, productId, optionId);
    return row ? this.optionView(row) : undefined;
  }

  createOption(storeHash: string, productId: number, input: OptionCreateInput): Result<OptionView> {
    const parsed = parseInput(optionCreateSchema, input, 'SANDBOX.CATALOG.INVALID_OPTION');
    if (!parsed.ok) return parsed;
    const result = this.uow.run((tx) => {
      this.productRow(storeHash, productId) ?? abort(NOT_FOUND_PRODUCT(productId));
      const id = this.insertOption(storeHash, productId, parsed.value);
      this.touch(tx, productId);
      return id;
    });
    return result.ok ? { ok: true, value: this.getOption(storeHash, productId, result.value)! } : result;
  }

  updateOption(
    storeHash: string,
    productId: number,
    optionId: number,
    patch: OptionUpdateInput,
  ): Result<OptionView> {
    const parsed = parseInput(optionUpdateSchema, patch, 'SANDBOX.CATALOG.INVALID_OPTION');
    if (!parsed.ok) return parsed;
    const result = this.uow.run((tx) => {
      const row = this.optionRow(storeHash, productId, optionId) ?? abort(NOT_FOUND_OPTION(optionId));
      const doc = parseDoc<Record<string, unknown>>(row.doc);
      const { option_values, ...fields } = parsed.value;
      if (fields.display_name !== undefined)
        this.assertOptionNameFree(productId, fields.display_name, optionId);
      this.db
        .prepare('UPDATE product_options SET doc = ? WHERE id = ?')
        .run(JSON.stringify({ ...doc, ...fields }), optionId);
      // Values in the body are added when their label is new; existing labels are updated in place.
      for (const value of option_values ?? []) this.upsertOptionValue(storeHash, optionId, value);
      this.touch(tx, productId);
    });
    return result.ok ? { ok: true, value: this.getOption(storeHash, productId, optionId)! } : result;
  }

  /** Deletes the option, its values, and the variants built on them (as BigCommerce does). */
  deleteOption(storeHash: string, productId: number, optionId: number): Result<void> {
    return this.uow.run((tx) => {
      const product = this.productRow(storeHash, productId) ?? abort(NOT_FOUND_PRODUCT(productId));
      this.optionRow(storeHash, productId, optionId) ?? abort(NOT_FOUND_OPTION(optionId));
      const valueIds = new Set(this.optionValueRows(optionId).map((v) => v.id));
      for (const variant of this.variantRows(productId)) {
        const doc = parseDoc<VariantDoc>(variant.doc);
        if (doc.option_value_ids.some((id) => valueIds.has(id))) {
          this.db.prepare('DELETE FROM variants WHERE id = ?').run(variant.id);
          tx.events.push({
            storeHash,
            scope: 'store/sku/deleted',
            data: { type: 'sku', id: variant.sku_id, sku: { product_id: productId, variant_id: variant.id } },
          });
        }
      }
      this.db.prepare('DELETE FROM product_options WHERE id = ?').run(optionId);
      if (this.variantRows(productId).length === 0) this.insertBaseVariant(storeHash, productId, product.sku);
      this.refreshProductStock(productId);
      this.touch(tx, productId);
    });
  }

  createOptionValue(
    storeHash: string,
    productId: number,
    optionId: number,
    input: {
      label: string;
      sort_order?: number;
      is_default?: boolean;
      value_data?: Record<string, unknown> | null;
    },
  ): Result<OptionValueView> {
    const parsed = parseInput(optionValueSchema, input, 'SANDBOX.CATALOG.INVALID_OPTION_VALUE');
    if (!parsed.ok) return parsed;
    const result = this.uow.run((tx) => {
      this.optionRow(storeHash, productId, optionId) ?? abort(NOT_FOUND_OPTION(optionId));
      if (
        this.optionValueRows(optionId).some(
          (v) => parseDoc<OptionValueView>(v.doc).label === parsed.value.label,
        )
      ) {
        abort(
          refuse(422, 'SANDBOX.CATALOG.DUPLICATE_OPTION_VALUE', 'The option value label is a duplicate.', {
            errors: { label: `An option value labelled "${parsed.value.label}" already exists.` },
          }),
        );
      }
      const id = this.upsertOptionValue(storeHash, optionId, parsed.value);
      this.touch(tx, productId);
      return id;
    });
    if (!result.ok) return result;
    return {
      ok: true,
      value: this.getOption(storeHash, productId, optionId)!.option_values.find(
        (v) => v.id === result.value,
      )!,
    };
  }

  // ---------------------------------------------------------------- categories & brands

  listCategories(
    storeHash: string,
    query: { idIn?: readonly number[]; parentId?: number; name?: string; page?: number; limit?: number } = {},
  ): Page<CategoryView> {
    const where = ['store_hash = ?'];
    const args: unknown[] = [storeHash];
    if (query.idIn) {
      where.push(query.idIn.length ? `id IN (${query.idIn.map(() => '?').join(',')})` : '1 = 0');
      args.push(...query.idIn);
    }
    if (query.parentId !== undefined) {
      where.push('parent_id = ?');
      args.push(query.parentId);
    }
    if (query.name !== undefined) {
      where.push('name = ?');
      args.push(query.name);
    }
    const { rows, total, page, limit } = selectPage<{
      id: number;
      parent_id: number;
      name: string;
      doc: string;
    }>(this.db, { columns: '*', from: 'categories', where: where.join(' AND '), orderBy: 'id' }, args, query);
    return {
      items: rows.map(
        (r) =>
          ({
            ...parseDoc<Record<string, unknown>>(r.doc),
            id: r.id,
            parent_id: r.parent_id,
            name: r.name,
          }) as CategoryView,
      ),
      total,
      page,
      limit,
    };
  }

  createCategory(storeHash: string, input: CategoryCreateInput): Result<CategoryView> {
    const parsed = parseInput(categoryCreateSchema, input, 'SANDBOX.CATALOG.INVALID_CATEGORY');
    if (!parsed.ok) return parsed;
    const { name, parent_id, ...rest } = parsed.value;
    const result = this.uow.run(() => {
      if (parent_id !== 0 && !this.categoryExists(storeHash, parent_id)) {
        abort(
          refuse(422, 'SANDBOX.CATALOG.UNKNOWN_CATEGORY', 'JSON data is missing or invalid', {
            errors: { parent_id: `Category ${parent_id} does not exist.` },
          }),
        );
      }
      const doc = {
        ...rest,
        views: 0,
        page_title: '',
        meta_keywords: [],
        meta_description: '',
        layout_file: '',
        image_url: '',
        search_keywords: '',
        default_product_sort: 'use_store_settings',
        custom_url: { url: slug(name), is_customized: false },
      };
      return Number(
        this.db
          .prepare('INSERT INTO categories (store_hash, parent_id, name, doc) VALUES (?, ?, ?, ?)')
          .run(storeHash, parent_id, name, JSON.stringify(doc)).lastInsertRowid,
      );
    });
    return result.ok
      ? { ok: true, value: this.listCategories(storeHash, { idIn: [result.value] }).items[0]! }
      : result;
  }

  listBrands(
    storeHash: string,
    query: { idIn?: readonly number[]; name?: string; page?: number; limit?: number } = {},
  ): Page<BrandView> {
    const where = ['store_hash = ?'];
    const args: unknown[] = [storeHash];
    if (query.idIn) {
      where.push(query.idIn.length ? `id IN (${query.idIn.map(() => '?').join(',')})` : '1 = 0');
      args.push(...query.idIn);
    }
    if (query.name !== undefined) {
      where.push('name = ?');
      args.push(query.name);
    }
    const { rows, total, page, limit } = selectPage<{ id: number; name: string; doc: string }>(
      this.db,
      { columns: '*', from: 'brands', where: where.join(' AND '), orderBy: 'id' },
      args,
      query,
    );
    return {
      items: rows.map(
        (r) => ({ ...parseDoc<Record<string, unknown>>(r.doc), id: r.id, name: r.name }) as BrandView,
      ),
      total,
      page,
      limit,
    };
  }

  createBrand(storeHash: string, input: BrandCreateInput): Result<BrandView> {
    const parsed = parseInput(brandCreateSchema, input, 'SANDBOX.CATALOG.INVALID_BRAND');
    if (!parsed.ok) return parsed;
    const { name, ...rest } = parsed.value;
    const result = this.uow.run(() => {
      if (this.db.prepare('SELECT 1 FROM brands WHERE store_hash = ? AND name = ?').get(storeHash, name)) {
        abort(
          refuse(409, 'SANDBOX.CATALOG.DUPLICATE_BRAND', 'Brand name is a duplicate', {
            errors: { name: 'Brand name is a duplicate' },
          }),
        );
      }
      return this.insertBrand(storeHash, name, rest);
    });
    return result.ok
      ? { ok: true, value: this.listBrands(storeHash, { idIn: [result.value] }).items[0]! }
      : result;
  }

  // ---------------------------------------------------------------- stock (shared with inventory and orders)

  /** Where this product/variant's stock is counted (variantId may be a base variant or omitted for simple products). */
  stockCell(storeHash: string, productId: number, variantId?: number): StockCell | undefined {
    const product = this.productRow(storeHash, productId);
    if (!product) return undefined;
    const variant =
      variantId === undefined ? this.baseVariantRow(productId) : this.variantRow(storeHash, variantId);
    if (variantId !== undefined && (!variant || variant.product_id !== productId)) return undefined;
    return this.cellOf(product, variant);
  }

  readStock(storeHash: string, cell: StockCell): number | null {
    switch (cell.kind) {
      case 'untracked':
        return null;
      case 'product':
        return this.productRow(storeHash, cell.productId)?.inventory_level ?? null;
      case 'variant':
        return this.variantRow(storeHash, cell.variantId)?.inventory_level ?? null;
    }
  }

  /**
   * Sets the stock of a tracked cell inside a transaction and records the BigCommerce inventory event.
   * `method`/`value` are what the webhook reports: absolute → the new level, relative → the change.
   */
  writeStockIn(
    tx: Tx,
    storeHash: string,
    cell: Exclude<StockCell, { kind: 'untracked' }>,
    level: number,
    cause: { method: 'absolute' | 'relative'; value: number; byOrder: boolean },
  ): void {
    const next = clampStock(level);
    if (cell.kind === 'product') {
      this.db.prepare('UPDATE products SET inventory_level = ? WHERE id = ?').run(next, cell.productId);
      tx.events.push({
        storeHash,
        scope: cause.byOrder ? 'store/product/inventory/order/updated' : 'store/product/inventory/updated',
        data: {
          type: 'product',
          id: cell.productId,
          inventory: { product_id: cell.productId, method: cause.method, value: cause.value },
        },
      });
    } else {
      this.db.prepare('UPDATE variants SET inventory_level = ? WHERE id = ?').run(next, cell.variantId);
      this.refreshProductStock(cell.productId);
      tx.events.push({
        storeHash,
        scope: cause.byOrder ? 'store/sku/inventory/order/updated' : 'store/sku/inventory/updated',
        data: {
          type: 'sku',
          id: cell.skuId,
          inventory: {
            product_id: cell.productId,
            method: cause.method,
            value: cause.value,
            variant_id: cell.variantId,
          },
        },
      });
    }
    this.db
      .prepare('UPDATE products SET date_modified = ? WHERE id = ?')
      .run(isoDate(tx.now), cell.productId);
  }

  /** Turns on product tracking for a simple, untracked product (an absolute inventory adjustment does this). */
  startTrackingIn(storeHash: string, productId: number): StockCell | undefined {
    const product = this.productRow(storeHash, productId);
    if (product?.inventory_tracking !== 'none') return undefined;
    this.db.prepare(`UPDATE products SET inventory_tracking = 'product' WHERE id = ?`).run(productId);
    return { kind: 'product', productId };
  }

  addSoldIn(productId: number, quantity: number): void {
    this.db.prepare('UPDATE products SET total_sold = total_sold + ? WHERE id = ?').run(quantity, productId);
  }

  /** Raw rows for the inventory and order modules (same store only). */
  productRecord(storeHash: string, productId: number) {
    const row = this.productRow(storeHash, productId);
    return row ? this.productView(row, {}) : undefined;
  }

  variantRecord(storeHash: string, variantId: number) {
    const row = this.variantRow(storeHash, variantId);
    if (!row) return undefined;
    return {
      view: this.variantView(row, this.productRow(storeHash, row.product_id)!),
      isBase: row.is_base === 1,
    };
  }

  findVariantBySku(storeHash: string, sku: string): VariantView | undefined {
    const row = this.db
      .prepare('SELECT * FROM variants WHERE store_hash = ? AND sku = ? COLLATE NOCASE LIMIT 1')
      .get(storeHash, sku) as VariantRow | undefined;
    return row ? this.variantView(row, this.productRow(storeHash, row.product_id)!) : undefined;
  }

  /** The variant of a product matching these option value ids (order lines given as product_options). */
  variantByOptionValues(
    storeHash: string,
    productId: number,
    optionValueIds: readonly number[],
  ): VariantView | undefined {
    const wanted = [...optionValueIds].sort((a, b) => a - b).join(',');
    const product = this.productRow(storeHash, productId);
    if (!product) return undefined;
    for (const row of this.variantRows(productId)) {
      const ids = [...parseDoc<VariantDoc>(row.doc).option_value_ids].sort((a, b) => a - b).join(',');
      if (ids === wanted && !row.is_base) return this.variantView(row, product);
    }
    return undefined;
  }

  // ---------------------------------------------------------------- internals

  private createProductIn(
    tx: Tx,
    storeHash: string,
    input: ReturnType<typeof productCreateSchema.parse>,
  ): number {
    this.assertNameFree(storeHash, input.name);
    const sku = input.sku ?? '';
    if (sku !== '') this.assertSkuFree(storeHash, sku);
    const brandId = this.resolveBrandIn(storeHash, input.brand_id, input.brand_name);
    const categories = input.categories ?? [];
    this.assertCategoriesExist(storeHash, categories);
    const doc = {
      ...PRODUCT_DEFAULTS,
      custom_url: { url: slug(input.name), is_customized: false },
      ...pick(input, PRODUCT_PASSIVE_FIELDS),
    };
    const date = isoDate(tx.now);
    const id = Number(
      this.db
        .prepare(
          `INSERT INTO products (store_hash, name, sku, type, price, availability, inventory_tracking, inventory_level,
             inventory_warning_level, is_visible, brand_id, total_sold, date_created, date_modified, doc)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          storeHash,
          input.name,
          sku,
          input.type,
          input.price,
          input.availability ?? 'available',
          input.inventory_tracking ?? 'none',
          clampStock(input.inventory_level ?? 0),
          clampStock(input.inventory_warning_level ?? 0),
          input.is_visible === false ? 0 : 1,
          brandId,
          input.total_sold ?? 0,
          date,
          date,
          JSON.stringify(doc),
        ).lastInsertRowid,
    );
    this.setCategories(storeHash, id, categories);
    tx.events.push({ storeHash, scope: 'store/product/created', data: { type: 'product', id } });
    if (input.variants && input.variants.length > 0) {
      for (const variant of input.variants)
        this.createVariantIn(tx, storeHash, id, variant, { silentTouch: true });
    } else {
      this.insertBaseVariant(storeHash, id, sku);
    }
    return id;
  }

  private updateProductIn(
    tx: Tx,
    storeHash: string,
    productId: number,
    patch: ReturnType<typeof productUpdateSchema.parse>,
  ): void {
    const row = this.productRow(storeHash, productId) ?? abort(NOT_FOUND_PRODUCT(productId));
    if (patch.name !== undefined && patch.name !== row.name)
      this.assertNameFree(storeHash, patch.name, productId);
    const base = this.baseVariantRow(productId);
    if (patch.sku !== undefined && patch.sku !== row.sku && patch.sku !== '') {
      this.assertSkuFree(storeHash, patch.sku, { productId, variantId: base?.id });
    }
    if (patch.categories) this.assertCategoriesExist(storeHash, patch.categories);
    const brandId =
      patch.brand_id !== undefined || patch.brand_name !== undefined
        ? this.resolveBrandIn(storeHash, patch.brand_id, patch.brand_name)
        : row.brand_id;

    const tracking = patch.inventory_tracking ?? row.inventory_tracking;
    const complex = base === undefined;
    const doc = { ...parseDoc<Record<string, unknown>>(row.doc), ...pick(patch, PRODUCT_PASSIVE_FIELDS) };
    const sku = patch.sku ?? row.sku;
    this.db
      .prepare(
        `UPDATE products SET name = ?, sku = ?, type = ?, price = ?, availability = ?, inventory_tracking = ?,
           inventory_warning_level = ?, is_visible = ?, brand_id = ?, total_sold = ?, date_modified = ?, doc = ?
         WHERE id = ?`,
      )
      .run(
        patch.name ?? row.name,
        sku,
        patch.type ?? row.type,
        patch.price ?? row.price,
        patch.availability ?? row.availability,
        tracking,
        patch.inventory_warning_level !== undefined
          ? clampStock(patch.inventory_warning_level)
          : row.inventory_warning_level,
        patch.is_visible === undefined ? row.is_visible : patch.is_visible ? 1 : 0,
        brandId,
        patch.total_sold ?? row.total_sold,
        isoDate(tx.now),
        JSON.stringify(doc),
        productId,
      );
    if (base && patch.sku !== undefined)
      this.db.prepare('UPDATE variants SET sku = ? WHERE id = ?').run(sku, base.id);
    if (patch.categories) this.setCategories(storeHash, productId, patch.categories);
    const changed = Object.keys(patch).filter((key) => key !== 'inventory_level');
    if (changed.length > 0) {
      tx.events.push({ storeHash, scope: 'store/product/updated', data: { type: 'product', id: productId } });
    }
    if (complex && tracking === 'variant') {
      // The product's level is the variants' sum here; BigCommerce ignores a product-level value.
      this.refreshProductStock(productId);
    } else if (patch.inventory_level !== undefined) {
      const next = clampStock(patch.inventory_level);
      if (next !== row.inventory_level || patch.inventory_tracking !== undefined) {
        if (tracking === 'none') {
          this.db.prepare('UPDATE products SET inventory_level = ? WHERE id = ?').run(next, productId);
        } else {
          this.writeStockIn(tx, storeHash, { kind: 'product', productId }, next, {
            method: 'absolute',
            value: next,
            byOrder: false,
          });
        }
      }
    }
  }

  private createVariantIn(
    tx: Tx,
    storeHash: string,
    productId: number,
    input: ReturnType<typeof variantCreateSchema.parse>,
    options: { silentTouch?: boolean } = {},
  ): number {
    const product = this.productRow(storeHash, productId) ?? abort(NOT_FOUND_PRODUCT(productId));
    this.assertSkuFree(storeHash, input.sku);
    const valueIds: number[] = [];
    for (const value of input.option_values) {
      if ('option_display_name' in value) {
        valueIds.push(this.ensureOptionValue(storeHash, productId, value.option_display_name, value.label));
      } else {
        const option = this.optionRow(storeHash, productId, value.option_id);
        const known = option && this.optionValueRows(value.option_id).some((v) => v.id === value.id);
        if (!known) {
          abort(
            refuse(422, 'SANDBOX.CATALOG.UNKNOWN_OPTION_VALUE', 'JSON data is missing or invalid', {
              errors: {
                option_values: `Option value ${value.id} of option ${value.option_id} does not exist on product ${productId}.`,
              },
            }),
          );
        }
        valueIds.push(value.id);
      }
    }
    const combination = [...valueIds].sort((a, b) => a - b).join(',');
    for (const existing of this.variantRows(productId)) {
      const ids = [...parseDoc<VariantDoc>(existing.doc).option_value_ids].sort((a, b) => a - b).join(',');
      if (!existing.is_base && ids === combination) {
        abort(
          refuse(
            409,
            'SANDBOX.CATALOG.DUPLICATE_VARIANT',
            'A variant with the same option values already exists.',
            {
              errors: { option_values: 'A variant with these option values already exists.' },
            },
          ),
        );
      }
    }
    // A product with option variants has no base variant any more (BigCommerce: base_variant_id is null).
    const base = this.baseVariantRow(productId);
    if (base) {
      this.db.prepare('DELETE FROM variants WHERE id = ?').run(base.id);
    }
    const skuId = Number(this.db.prepare('INSERT INTO sku_ids DEFAULT VALUES').run().lastInsertRowid);
    const doc: VariantDoc = {
      ...VARIANT_DEFAULTS,
      ...pick(input, VARIANT_PASSIVE_FIELDS),
      option_value_ids: valueIds,
    };
    const id = Number(
      this.db
        .prepare(
          `INSERT INTO variants (store_hash, product_id, is_base, sku, sku_id, inventory_level, inventory_warning_level,
             purchasing_disabled, doc) VALUES (?, ?, 0, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          storeHash,
          productId,
          input.sku,
          skuId,
          clampStock(input.inventory_level ?? 0),
          clampStock(input.inventory_warning_level ?? 0),
          input.purchasing_disabled ? 1 : 0,
          JSON.stringify(doc),
        ).lastInsertRowid,
    );
    this.refreshProductStock(productId);
    tx.events.push({
      storeHash,
      scope: 'store/sku/created',
      data: { type: 'sku', id: skuId, sku: { product_id: productId, variant_id: id } },
    });
    if (!options.silentTouch) this.touch(tx, product.id);
    return id;
  }

  private updateVariantIn(
    tx: Tx,
    storeHash: string,
    variantId: number,
    patch: ReturnType<typeof variantUpdateSchema.parse>,
    expectedProductId?: number,
  ): number {
    const row = this.variantRow(storeHash, variantId);
    if (!row || (expectedProductId !== undefined && row.product_id !== expectedProductId)) {
      abort(NOT_FOUND_VARIANT(variantId));
    }
    const product = this.productRow(storeHash, row.product_id)!;
    if (patch.sku !== undefined && patch.sku.toLowerCase() !== row.sku.toLowerCase()) {
      this.assertSkuFree(storeHash, patch.sku, {
        productId: row.is_base ? product.id : undefined,
        variantId,
      });
    }
    const doc = { ...parseDoc<VariantDoc>(row.doc), ...pick(patch, VARIANT_PASSIVE_FIELDS) };
    this.db
      .prepare(
        'UPDATE variants SET sku = ?, inventory_warning_level = ?, purchasing_disabled = ?, doc = ? WHERE id = ?',
      )
      .run(
        patch.sku ?? row.sku,
        patch.inventory_warning_level != null
          ? clampStock(patch.inventory_warning_level)
          : row.inventory_warning_level,
        patch.purchasing_disabled === undefined ? row.purchasing_disabled : patch.purchasing_disabled ? 1 : 0,
        JSON.stringify(doc),
        variantId,
      );
    if (row.is_base && patch.sku !== undefined) {
      this.db.prepare('UPDATE products SET sku = ? WHERE id = ?').run(patch.sku, product.id);
    }
    const nonStock = Object.keys(patch).filter((k) => k !== 'inventory_level');
    if (nonStock.length > 0) {
      if (row.is_base) {
        tx.events.push({
          storeHash,
          scope: 'store/product/updated',
          data: { type: 'product', id: product.id },
        });
      } else {
        tx.events.push({
          storeHash,
          scope: 'store/sku/updated',
          data: { type: 'sku', id: row.sku_id, sku: { product_id: product.id, variant_id: variantId } },
        });
      }
    }
    if (patch.inventory_level != null) {
      const cell = this.cellOf(product, row);
      const next = clampStock(patch.inventory_level);
      if (cell.kind === 'untracked' || (cell.kind === 'product' && !row.is_base)) {
        // Stored but not counted: BigCommerce keeps the value until tracking switches to variant.
        if (row.is_base)
          this.db.prepare('UPDATE products SET inventory_level = ? WHERE id = ?').run(next, product.id);
        else this.db.prepare('UPDATE variants SET inventory_level = ? WHERE id = ?').run(next, variantId);
      } else if (this.readStock(storeHash, cell) !== next) {
        this.writeStockIn(tx, storeHash, cell, next, { method: 'absolute', value: next, byOrder: false });
      }
    }
    this.touch(tx, product.id, { silent: true });
    return variantId;
  }

  private cellOf(product: ProductRow, variant: VariantRow | undefined): StockCell {
    if (product.inventory_tracking === 'none') return { kind: 'untracked' };
    if (product.inventory_tracking === 'variant' && variant && !variant.is_base) {
      return { kind: 'variant', productId: product.id, variantId: variant.id, skuId: variant.sku_id ?? 0 };
    }
    return { kind: 'product', productId: product.id };
  }

  /** Variant-tracked products with option variants show the sum of their variants' levels. */
  private refreshProductStock(productId: number): void {
    this.db
      .prepare(
        `UPDATE products SET inventory_level = (SELECT COALESCE(SUM(inventory_level), 0) FROM variants WHERE product_id = ?)
         WHERE id = ? AND inventory_tracking = 'variant'
           AND NOT EXISTS (SELECT 1 FROM variants WHERE product_id = ? AND is_base = 1)`,
      )
      .run(productId, productId, productId);
  }

  private touch(tx: Tx, productId: number, options: { silent?: boolean } = {}): void {
    this.db.prepare('UPDATE products SET date_modified = ? WHERE id = ?').run(isoDate(tx.now), productId);
    if (!options.silent) {
      const storeHash = (
        this.db.prepare('SELECT store_hash FROM products WHERE id = ?').get(productId) as {
          store_hash: string;
        }
      ).store_hash;
      const already = tx.events.some(
        (e) =>
          e.data.id === productId &&
          (e.scope === 'store/product/updated' || e.scope === 'store/product/created'),
      );
      if (!already)
        tx.events.push({
          storeHash,
          scope: 'store/product/updated',
          data: { type: 'product', id: productId },
        });
    }
  }

  private insertBaseVariant(storeHash: string, productId: number, sku: string): void {
    this.db
      .prepare(
        `INSERT INTO variants (store_hash, product_id, is_base, sku, sku_id, inventory_level, inventory_warning_level,
           purchasing_disabled, doc) VALUES (?, ?, 1, ?, NULL, 0, 0, 0, ?)`,
      )
      .run(storeHash, productId, sku, JSON.stringify({ ...VARIANT_DEFAULTS, option_value_ids: [] }));
  }

  private insertOption(
    storeHash: string,
    productId: number,
    input: ReturnType<typeof optionCreateSchema.parse>,
  ): number {
    this.assertOptionNameFree(productId, input.display_name);
    const count = (
      this.db.prepare('SELECT COUNT(*) AS n FROM product_options WHERE product_id = ?').get(productId) as {
        n: number;
      }
    ).n;
    const doc = {
      display_name: input.display_name,
      type: input.type,
      sort_order: input.sort_order ?? count,
      config: input.config ?? {},
    };
    const id = Number(
      this.db
        .prepare('INSERT INTO product_options (store_hash, product_id, doc) VALUES (?, ?, ?)')
        .run(storeHash, productId, JSON.stringify(doc)).lastInsertRowid,
    );
    for (const value of input.option_values ?? []) this.upsertOptionValue(storeHash, id, value);
    return id;
  }

  private upsertOptionValue(
    storeHash: string,
    optionId: number,
    value: {
      label: string;
      sort_order?: number;
      is_default?: boolean;
      value_data?: Record<string, unknown> | null;
    },
  ): number {
    const existing = this.optionValueRows(optionId).find(
      (v) => parseDoc<OptionValueView>(v.doc).label === value.label,
    );
    const doc = {
      label: value.label,
      sort_order: value.sort_order ?? 0,
      is_default: value.is_default ?? false,
      value_data: value.value_data ?? null,
    };
    if (existing) {
      this.db
        .prepare('UPDATE option_values SET sort_order = ?, doc = ? WHERE id = ?')
        .run(doc.sort_order, JSON.stringify(doc), existing.id);
      return existing.id;
    }
    return Number(
      this.db
        .prepare('INSERT INTO option_values (store_hash, option_id, sort_order, doc) VALUES (?, ?, ?, ?)')
        .run(storeHash, optionId, doc.sort_order, JSON.stringify(doc)).lastInsertRowid,
    );
  }

  /** Option value id for (option display name, label), creating the option and/or value if needed. */
  private ensureOptionValue(
    storeHash: string,
    productId: number,
    displayName: string,
    label: string,
  ): number {
    const option = (
      this.db.prepare('SELECT * FROM product_options WHERE product_id = ?').all(productId) as OptionRow[]
    ).find((o) => parseDoc<{ display_name: string }>(o.doc).display_name === displayName);
    const optionId =
      option?.id ??
      this.insertOption(storeHash, productId, {
        display_name: displayName,
        type: 'rectangles',
        option_values: [],
      });
    const count = this.optionValueRows(optionId).length;
    const existing = this.optionValueRows(optionId).find(
      (v) => parseDoc<OptionValueView>(v.doc).label === label,
    );
    return existing?.id ?? this.upsertOptionValue(storeHash, optionId, { label, sort_order: count });
  }

  private resolveBrandIn(
    storeHash: string,
    brandId: number | undefined,
    brandName: string | undefined,
  ): number {
    if (brandName !== undefined && brandName !== '') {
      const found = this.db
        .prepare('SELECT id FROM brands WHERE store_hash = ? AND name = ?')
        .get(storeHash, brandName) as { id: number } | undefined;
      return found?.id ?? this.insertBrand(storeHash, brandName, {});
    }
    if (brandId === undefined || brandId === 0) return 0;
    if (!this.db.prepare('SELECT 1 FROM brands WHERE store_hash = ? AND id = ?').get(storeHash, brandId)) {
      abort(
        refuse(422, 'SANDBOX.CATALOG.UNKNOWN_BRAND', 'JSON data is missing or invalid', {
          errors: { brand_id: `Brand ${brandId} does not exist.` },
        }),
      );
    }
    return brandId;
  }

  private insertBrand(storeHash: string, name: string, rest: Record<string, unknown>): number {
    const doc = {
      page_title: '',
      meta_keywords: [],
      meta_description: '',
      search_keywords: '',
      image_url: '',
      ...rest,
      custom_url: { url: slug(name), is_customized: false },
    };
    return Number(
      this.db
        .prepare('INSERT INTO brands (store_hash, name, doc) VALUES (?, ?, ?)')
        .run(storeHash, name, JSON.stringify(doc)).lastInsertRowid,
    );
  }

  private categoryExists(storeHash: string, id: number): boolean {
    return (
      this.db.prepare('SELECT 1 FROM categories WHERE store_hash = ? AND id = ?').get(storeHash, id) !==
      undefined
    );
  }

  private assertCategoriesExist(storeHash: string, ids: readonly number[]): void {
    const missing = ids.filter((id) => !this.categoryExists(storeHash, id));
    if (missing.length > 0) {
      abort(
        refuse(422, 'SANDBOX.CATALOG.UNKNOWN_CATEGORY', 'JSON data is missing or invalid', {
          errors: { categories: `Categories ${missing.join(', ')} do not exist.` },
        }),
      );
    }
  }

  private setCategories(storeHash: string, productId: number, ids: readonly number[]): void {
    this.db.prepare('DELETE FROM product_categories WHERE product_id = ?').run(productId);
    const insert = this.db.prepare(
      'INSERT OR IGNORE INTO product_categories (store_hash, product_id, category_id) VALUES (?, ?, ?)',
    );
    for (const id of ids) insert.run(storeHash, productId, id);
  }

  private assertNameFree(storeHash: string, name: string, exceptProductId?: number): void {
    const found = this.db
      .prepare('SELECT id FROM products WHERE store_hash = ? AND name = ?')
      .get(storeHash, name) as { id: number } | undefined;
    if (found && found.id !== exceptProductId) {
      abort(
        refuse(409, 'SANDBOX.CATALOG.DUPLICATE_NAME', `The product name is a duplicate`, {
          errors: { name: `A product named "${name}" already exists.` },
        }),
      );
    }
  }

  /** SKUs are unique across products and variants, ignoring case (a simple product and its base variant share one). */
  private assertSkuFree(
    storeHash: string,
    sku: string,
    except: { productId?: number; variantId?: number } = {},
  ): void {
    const product = this.db
      .prepare('SELECT id FROM products WHERE store_hash = ? AND sku = ? COLLATE NOCASE')
      .get(storeHash, sku) as { id: number } | undefined;
    const variant = this.db
      .prepare('SELECT id FROM variants WHERE store_hash = ? AND sku = ? COLLATE NOCASE')
      .get(storeHash, sku) as { id: number } | undefined;
    if ((product && product.id !== except.productId) || (variant && variant.id !== except.variantId)) {
      abort(
        refuse(409, 'SANDBOX.CATALOG.DUPLICATE_SKU', `Sku ${sku} is not unique`, {
          errors: { sku: `The SKU "${sku}" is already used by another product or variant.` },
        }),
      );
    }
  }

  private assertOptionNameFree(productId: number, displayName: string, exceptOptionId?: number): void {
    const clash = (
      this.db.prepare('SELECT * FROM product_options WHERE product_id = ?').all(productId) as OptionRow[]
    ).find(
      (o) =>
        o.id !== exceptOptionId && parseDoc<{ display_name: string }>(o.doc).display_name === displayName,
    );
    if (clash) {
      abort(
        refuse(409, 'SANDBOX.CATALOG.DUPLICATE_OPTION', 'The option display name is a duplicate', {
          errors: { display_name: `The product already has an option "${displayName}".` },
        }),
      );
    }
  }

  private productRow(storeHash: string, id: number): ProductRow | undefined {
    return this.db.prepare('SELECT * FROM products WHERE id = ? AND store_hash = ?').get(id, storeHash) as
      | ProductRow
      | undefined;
  }

  private variantRow(storeHash: string, id: number): VariantRow | undefined {
    return this.db.prepare('SELECT * FROM variants WHERE id = ? AND store_hash = ?').get(id, storeHash) as
      | VariantRow
      | undefined;
  }

  private variantRows(productId: number): VariantRow[] {
    return this.db
      .prepare('SELECT * FROM variants WHERE product_id = ? ORDER BY id')
      .all(productId) as VariantRow[];
  }

  private baseVariantRow(productId: number): VariantRow | undefined {
    return this.db.prepare('SELECT * FROM variants WHERE product_id = ? AND is_base = 1').get(productId) as
      | VariantRow
      | undefined;
  }

  private optionRow(storeHash: string, productId: number, optionId: number): OptionRow | undefined {
    return this.db
      .prepare('SELECT * FROM product_options WHERE id = ? AND product_id = ? AND store_hash = ?')
      .get(optionId, productId, storeHash) as OptionRow | undefined;
  }

  private optionValueRows(optionId: number): OptionValueRow[] {
    return this.db
      .prepare('SELECT * FROM option_values WHERE option_id = ? ORDER BY sort_order, id')
      .all(optionId) as OptionValueRow[];
  }

  private optionView(row: OptionRow): OptionView {
    const doc = parseDoc<{
      display_name: string;
      type: string;
      sort_order: number;
      config: Record<string, unknown>;
    }>(row.doc);
    return {
      id: row.id,
      product_id: row.product_id,
      name: `${doc.display_name}${row.product_id}`,
      display_name: doc.display_name,
      type: doc.type,
      sort_order: doc.sort_order,
      config: doc.config,
      option_values: this.optionValueRows(row.id).map((v) => optionValueView(v)),
    };
  }

  private productView(row: ProductRow, include: ProductInclude): ProductView {
    const doc = parseDoc<Record<string, unknown>>(row.doc);
    const categories = (
      this.db
        .prepare('SELECT category_id FROM product_categories WHERE product_id = ? ORDER BY category_id')
        .all(row.id) as {
        category_id: number;
      }[]
    ).map((c) => c.category_id);
    const base = this.baseVariantRow(row.id);
    const salePrice = typeof doc.sale_price === 'number' ? doc.sale_price : 0;
    const view: ProductView = {
      id: row.id,
      ...doc,
      name: row.name,
      type: row.type,
      sku: row.sku,
      price: row.price,
      calculated_price: salePrice > 0 ? salePrice : row.price,
      availability: row.availability,
      inventory_tracking: row.inventory_tracking,
      inventory_level: row.inventory_level,
      inventory_warning_level: row.inventory_warning_level,
      is_visible: row.is_visible === 1,
      categories,
      brand_id: row.brand_id,
      total_sold: row.total_sold,
      date_created: row.date_created,
      date_modified: row.date_modified,
    };
    if (base) view.base_variant_id = base.id;
    if (include.variants) view.variants = this.variantRows(row.id).map((v) => this.variantView(v, row));
    if (include.options) {
      view.options = (
        this.db
          .prepare('SELECT * FROM product_options WHERE product_id = ? ORDER BY id')
          .all(row.id) as OptionRow[]
      ).map((o) => this.optionView(o));
    }
    return view;
  }

  private variantView(row: VariantRow, product: ProductRow): VariantView {
    const { option_value_ids, ...doc } = parseDoc<VariantDoc>(row.doc);
    const productDoc = parseDoc<Record<string, unknown>>(product.doc);
    const optionValues = option_value_ids.map((valueId) => {
      const value = this.db
        .prepare('SELECT * FROM option_values WHERE id = ?')
        .get(valueId) as OptionValueRow;
      const option = this.db
        .prepare('SELECT * FROM product_options WHERE id = ?')
        .get(value.option_id) as OptionRow;
      return {
        id: valueId,
        label: parseDoc<{ label: string }>(value.doc).label,
        option_id: option.id,
        option_display_name: parseDoc<{ display_name: string }>(option.doc).display_name,
      };
    });
    const price = typeof doc.price === 'number' ? doc.price : product.price;
    const sale = typeof doc.sale_price === 'number' ? doc.sale_price : Number(productDoc.sale_price ?? 0);
    const weight = typeof doc.weight === 'number' ? doc.weight : Number(productDoc.weight ?? 0);
    return {
      id: row.id,
      product_id: row.product_id,
      sku: row.sku,
      // BigCommerce sends null for a base variant; the spec types it integer, so the key is left out instead.
      ...(row.sku_id !== null ? { sku_id: row.sku_id } : {}),
      ...VARIANT_DEFAULTS,
      ...doc,
      price: (doc.price as number | null | undefined) ?? null,
      calculated_price: sale > 0 ? sale : price,
      calculated_weight: weight,
      // A base variant shows the product's stock: that is where it lives.
      inventory_level: row.is_base ? product.inventory_level : row.inventory_level,
      inventory_warning_level: row.is_base ? product.inventory_warning_level : row.inventory_warning_level,
      purchasing_disabled: row.purchasing_disabled === 1,
      purchasing_disabled_message: String(doc.purchasing_disabled_message ?? ''),
      option_values: optionValues,
    };
  }
}

/** value_data is left out when empty: the spec types it as an object, BigCommerce sends null. */
function optionValueView(row: OptionValueRow): OptionValueView {
  const { value_data, ...doc } = parseDoc<Omit<OptionValueView, 'id'>>(row.doc);
  return { id: row.id, ...doc, ...(value_data ? { value_data } : {}) };
}

function prefixErrors<T>(refusal: Result<T> & { ok: false }, prefix: string): Result<never> {
  return {
    ...refusal,
    errors: Object.fromEntries(
      Object.entries(refusal.errors ?? {}).map(([key, value]) => [`${prefix}.${key}`, value]),
    ),
  };
}

export type { StoreEvent };
