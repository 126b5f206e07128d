import {
  baseVariantRow,
  insertBaseVariant,
  type ProductRow,
  pick,
  productNotFound,
  productRow,
  slug,
  variantRows,
} from './catalog.rows.js';
import {
  PRODUCT_PASSIVE_FIELDS,
  type ProductBatchItem,
  type ProductCreateInput,
  type ProductUpdateInput,
  parseInput,
  productBatchItemSchema,
  productCreateSchema,
  productUpdateSchema,
} from './catalog.schemas.js';
import type { Page, ProductInclude, ProductQuery, ProductSort, ProductView } from './catalog.types.js';
import { productView } from './catalog.views.js';
import { selectPage } from './paging.js';
import { prefixErrors, type Result, refuse } from './results.js';
import { parseDoc, type SandboxDb } from './sandbox-db.js';
import { clampStock, refreshProductStock, type StockCells } from './stock-cells.js';
import type { TaxonomyRepo } from './taxonomy.repo.js';
import { abort, isoDate, type Tx, type UnitOfWork } from './unit-of-work.js';
import type { VariantRepo } from './variant.repo.js';

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

/**
 * Products of every store: listing with the Catalog API's filters, creation (with variants, options made
 * by label, a brand by name), updates one at a time or in all-or-nothing batches, and deletion.
 */
export class ProductRepo {
  constructor(
    private readonly db: SandboxDb,
    private readonly uow: UnitOfWork,
    private readonly variants: VariantRepo,
    private readonly taxonomy: TaxonomyRepo,
    private readonly stock: StockCells,
  ) {}

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
    return { items: rows.map((row) => productView(this.db, row, include)), total, page, limit };
  }

  getProduct(storeHash: string, productId: number, include: ProductInclude = {}): ProductView | undefined {
    const row = productRow(this.db, storeHash, productId);
    return row ? productView(this.db, row, include) : undefined;
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
        const row = productRow(this.db, storeHash, id);
        if (!row) continue;
        for (const variant of variantRows(this.db, id)) {
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

  private createProductIn(
    tx: Tx,
    storeHash: string,
    input: ReturnType<typeof productCreateSchema.parse>,
  ): number {
    this.assertNameFree(storeHash, input.name);
    const sku = input.sku ?? '';
    if (sku !== '') this.variants.assertSkuFree(storeHash, sku);
    const brandId = this.taxonomy.resolveBrandIn(storeHash, input.brand_id, input.brand_name);
    const categories = input.categories ?? [];
    this.taxonomy.assertCategoriesExist(storeHash, categories);
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
    this.taxonomy.setCategories(storeHash, id, categories);
    tx.events.push({ storeHash, scope: 'store/product/created', data: { type: 'product', id } });
    if (input.variants && input.variants.length > 0) {
      for (const variant of input.variants)
        this.variants.createVariantIn(tx, storeHash, id, variant, { silentTouch: true });
    } else {
      insertBaseVariant(this.db, storeHash, id, sku);
    }
    return id;
  }

  private updateProductIn(
    tx: Tx,
    storeHash: string,
    productId: number,
    patch: ReturnType<typeof productUpdateSchema.parse>,
  ): void {
    const row = productRow(this.db, storeHash, productId) ?? abort(productNotFound(productId));
    if (patch.name !== undefined && patch.name !== row.name)
      this.assertNameFree(storeHash, patch.name, productId);
    const base = baseVariantRow(this.db, productId);
    if (patch.sku !== undefined && patch.sku !== row.sku && patch.sku !== '') {
      this.variants.assertSkuFree(storeHash, patch.sku, { productId, variantId: base?.id });
    }
    if (patch.categories) this.taxonomy.assertCategoriesExist(storeHash, patch.categories);
    const brandId =
      patch.brand_id !== undefined || patch.brand_name !== undefined
        ? this.taxonomy.resolveBrandIn(storeHash, patch.brand_id, patch.brand_name)
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
    if (patch.categories) this.taxonomy.setCategories(storeHash, productId, patch.categories);
    const changed = Object.keys(patch).filter((key) => key !== 'inventory_level');
    if (changed.length > 0) {
      tx.events.push({ storeHash, scope: 'store/product/updated', data: { type: 'product', id: productId } });
    }
    if (complex && tracking === 'variant') {
      // The product's level is the variants' sum here; BigCommerce ignores a product-level value.
      refreshProductStock(this.db, productId);
    } else if (patch.inventory_level !== undefined) {
      const next = clampStock(patch.inventory_level);
      if (next !== row.inventory_level || patch.inventory_tracking !== undefined) {
        if (tracking === 'none') {
          this.db.prepare('UPDATE products SET inventory_level = ? WHERE id = ?').run(next, productId);
        } else {
          this.stock.writeStockIn(tx, storeHash, { kind: 'product', productId }, next, {
            method: 'absolute',
            value: next,
            byOrder: false,
          });
        }
      }
    }
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
}
