import {
  baseVariantRow,
  insertBaseVariant,
  optionRow,
  optionValueRows,
  type ProductRow,
  pick,
  productNotFound,
  productRow,
  touchProduct,
  VARIANT_DEFAULTS,
  type VariantDoc,
  type VariantRow,
  variantNotFound,
  variantRow,
  variantRows,
} from './catalog.rows.js';
import {
  parseInput,
  VARIANT_PASSIVE_FIELDS,
  type VariantBatchItem,
  type VariantCreateInput,
  type VariantUpdateInput,
  variantBatchItemSchema,
  variantCreateSchema,
  variantUpdateSchema,
} from './catalog.schemas.js';
import type { Page, VariantQuery, VariantView } from './catalog.types.js';
import { variantView } from './catalog.views.js';
import type { OptionRepo } from './option.repo.js';
import { selectPage } from './paging.js';
import { prefixErrors, type Result, refuse } from './results.js';
import { parseDoc, type SandboxDb } from './sandbox-db.js';
import { cellOf, clampStock, refreshProductStock, type StockCells } from './stock-cells.js';
import { abort, type Tx, type UnitOfWork } from './unit-of-work.js';

/**
 * Variants of every store's products. A simple product has one base variant (sharing the product's SKU
 * and stock); creating the first option variant removes it, deleting the last one brings it back.
 */
export class VariantRepo {
  constructor(
    private readonly db: SandboxDb,
    private readonly uow: UnitOfWork,
    private readonly options: OptionRepo,
    private readonly stock: StockCells,
  ) {}

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
          product = productRow(this.db, storeHash, row.product_id)!;
          products.set(row.product_id, product);
        }
        return variantView(this.db, row, product);
      }),
      total,
      page,
      limit,
    };
  }

  getVariant(storeHash: string, productId: number, variantId: number): VariantView | undefined {
    const product = productRow(this.db, storeHash, productId);
    const row = variantRow(this.db, storeHash, variantId);
    if (!product || !row || row.product_id !== productId) return undefined;
    return variantView(this.db, row, product);
  }

  /** Finds a variant by id alone (GET /catalog/variants?id=), or undefined. */
  findVariant(storeHash: string, variantId: number): VariantView | undefined {
    const row = variantRow(this.db, storeHash, variantId);
    return row ? variantView(this.db, row, productRow(this.db, storeHash, row.product_id)!) : undefined;
  }

  findVariantBySku(storeHash: string, sku: string): VariantView | undefined {
    const row = this.db
      .prepare('SELECT * FROM variants WHERE store_hash = ? AND sku = ? COLLATE NOCASE LIMIT 1')
      .get(storeHash, sku) as VariantRow | undefined;
    return row ? variantView(this.db, row, productRow(this.db, storeHash, row.product_id)!) : undefined;
  }

  /** A variant and whether it is its product's base variant (for the inventory and order modules). */
  variantRecord(storeHash: string, variantId: number) {
    const row = variantRow(this.db, storeHash, variantId);
    if (!row) return undefined;
    return {
      view: variantView(this.db, row, productRow(this.db, storeHash, row.product_id)!),
      isBase: row.is_base === 1,
    };
  }

  /** The variant of a product matching these option value ids (order lines given as product_options). */
  variantByOptionValues(
    storeHash: string,
    productId: number,
    optionValueIds: readonly number[],
  ): VariantView | undefined {
    const wanted = [...optionValueIds].sort((a, b) => a - b).join(',');
    const product = productRow(this.db, storeHash, productId);
    if (!product) return undefined;
    for (const row of variantRows(this.db, productId)) {
      const ids = [...parseDoc<VariantDoc>(row.doc).option_value_ids].sort((a, b) => a - b).join(',');
      if (ids === wanted && !row.is_base) return variantView(this.db, row, product);
    }
    return undefined;
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
      const product = productRow(this.db, storeHash, productId) ?? abort(productNotFound(productId));
      const row = variantRow(this.db, storeHash, variantId);
      if (!row || row.product_id !== productId) abort(variantNotFound(variantId));
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
      if (variantRows(this.db, productId).length === 0)
        insertBaseVariant(this.db, storeHash, productId, product.sku);
      refreshProductStock(this.db, product.id);
      touchProduct(this.db, tx, productId);
    });
  }

  /** Creates an option variant inside the caller's transaction (also used to create a product with variants). */
  createVariantIn(
    tx: Tx,
    storeHash: string,
    productId: number,
    input: ReturnType<typeof variantCreateSchema.parse>,
    options: { silentTouch?: boolean } = {},
  ): number {
    const product = productRow(this.db, storeHash, productId) ?? abort(productNotFound(productId));
    this.assertSkuFree(storeHash, input.sku);
    const valueIds: number[] = [];
    for (const value of input.option_values) {
      if ('option_display_name' in value) {
        valueIds.push(
          this.options.ensureOptionValue(storeHash, productId, value.option_display_name, value.label),
        );
      } else {
        const option = optionRow(this.db, storeHash, productId, value.option_id);
        const known = option && optionValueRows(this.db, value.option_id).some((v) => v.id === value.id);
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
    for (const existing of variantRows(this.db, productId)) {
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
    const base = baseVariantRow(this.db, productId);
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
    refreshProductStock(this.db, productId);
    tx.events.push({
      storeHash,
      scope: 'store/sku/created',
      data: { type: 'sku', id: skuId, sku: { product_id: productId, variant_id: id } },
    });
    if (!options.silentTouch) touchProduct(this.db, tx, product.id);
    return id;
  }

  /** SKUs are unique across products and variants, ignoring case (a simple product and its base variant share one). */
  assertSkuFree(
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

  private updateVariantIn(
    tx: Tx,
    storeHash: string,
    variantId: number,
    patch: ReturnType<typeof variantUpdateSchema.parse>,
    expectedProductId?: number,
  ): number {
    const row = variantRow(this.db, storeHash, variantId);
    if (!row || (expectedProductId !== undefined && row.product_id !== expectedProductId)) {
      abort(variantNotFound(variantId));
    }
    const product = productRow(this.db, storeHash, row.product_id)!;
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
      const cell = cellOf(product, row);
      const next = clampStock(patch.inventory_level);
      if (cell.kind === 'untracked' || (cell.kind === 'product' && !row.is_base)) {
        // Stored but not counted: BigCommerce keeps the value until tracking switches to variant.
        if (row.is_base)
          this.db.prepare('UPDATE products SET inventory_level = ? WHERE id = ?').run(next, product.id);
        else this.db.prepare('UPDATE variants SET inventory_level = ? WHERE id = ?').run(next, variantId);
      } else if (this.stock.readStock(storeHash, cell) !== next) {
        this.stock.writeStockIn(tx, storeHash, cell, next, {
          method: 'absolute',
          value: next,
          byOrder: false,
        });
      }
    }
    touchProduct(this.db, tx, product.id, { silent: true });
    return variantId;
  }
}
