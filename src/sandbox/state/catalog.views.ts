import {
  baseVariantRow,
  type OptionRow,
  type OptionValueRow,
  optionValueRows,
  type ProductRow,
  VARIANT_DEFAULTS,
  type VariantDoc,
  type VariantRow,
  variantRows,
} from './catalog.rows.js';
import type {
  OptionValueView,
  OptionView,
  ProductInclude,
  ProductView,
  VariantView,
} from './catalog.types.js';
import { parseDoc, type SandboxDb } from './sandbox-db.js';

/** Rows → the Catalog API's bodies: stored docs merged with their columns and the values BigCommerce derives. */
export function productView(db: SandboxDb, row: ProductRow, include: ProductInclude): ProductView {
  const doc = parseDoc<Record<string, unknown>>(row.doc);
  const categories = (
    db
      .prepare('SELECT category_id FROM product_categories WHERE product_id = ? ORDER BY category_id')
      .all(row.id) as {
      category_id: number;
    }[]
  ).map((c) => c.category_id);
  const base = baseVariantRow(db, row.id);
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
  if (include.variants) view.variants = variantRows(db, row.id).map((v) => variantView(db, v, row));
  if (include.options) {
    view.options = (
      db.prepare('SELECT * FROM product_options WHERE product_id = ? ORDER BY id').all(row.id) as OptionRow[]
    ).map((o) => optionView(db, o));
  }
  return view;
}

export function variantView(db: SandboxDb, row: VariantRow, product: ProductRow): VariantView {
  const { option_value_ids, ...doc } = parseDoc<VariantDoc>(row.doc);
  const productDoc = parseDoc<Record<string, unknown>>(product.doc);
  const optionValues = option_value_ids.map((valueId) => {
    const value = db.prepare('SELECT * FROM option_values WHERE id = ?').get(valueId) as OptionValueRow;
    const option = db.prepare('SELECT * FROM product_options WHERE id = ?').get(value.option_id) as OptionRow;
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

export function optionView(db: SandboxDb, row: OptionRow): OptionView {
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
    option_values: optionValueRows(db, row.id).map((v) => optionValueView(v)),
  };
}

/** value_data is left out when empty: the spec types it as an object, BigCommerce sends null. */
export function optionValueView(row: OptionValueRow): OptionValueView {
  const { value_data, ...doc } = parseDoc<Omit<OptionValueView, 'id'>>(row.doc);
  return { id: row.id, ...doc, ...(value_data ? { value_data } : {}) };
}
