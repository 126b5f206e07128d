import type { Availability, InventoryTracking } from './catalog.types.js';
import { type Refusal, refuse } from './results.js';
import type { SandboxDb } from './sandbox-db.js';
import { isoDate, type Tx } from './unit-of-work.js';

/**
 * The catalog's tables as the repos share them: row shapes, reads by key, and the two writes several
 * repos make (a product's base variant, a product marked modified). Columns hold what SQL filters and
 * sorts on; every other field lives in the row's JSON `doc`.
 */
export interface ProductRow {
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

export interface VariantRow {
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

export interface VariantDoc {
  option_value_ids: number[];
  [field: string]: unknown;
}

export interface OptionRow {
  id: number;
  product_id: number;
  doc: string;
}

export interface OptionValueRow {
  id: number;
  option_id: number;
  sort_order: number;
  doc: string;
}

export const VARIANT_DEFAULTS: Record<string, unknown> = {
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

export function productNotFound(id: number): Refusal {
  return refuse(404, 'SANDBOX.CATALOG.PRODUCT_NOT_FOUND', `Product with id ${id} was not found.`);
}

export function variantNotFound(id: number): Refusal {
  return refuse(404, 'SANDBOX.CATALOG.VARIANT_NOT_FOUND', `Variant with id ${id} was not found.`);
}

export function optionNotFound(id: number): Refusal {
  return refuse(404, 'SANDBOX.CATALOG.OPTION_NOT_FOUND', `Option with id ${id} was not found.`);
}

export function productRow(db: SandboxDb, storeHash: string, id: number): ProductRow | undefined {
  return db.prepare('SELECT * FROM products WHERE id = ? AND store_hash = ?').get(id, storeHash) as
    | ProductRow
    | undefined;
}

export function variantRow(db: SandboxDb, storeHash: string, id: number): VariantRow | undefined {
  return db.prepare('SELECT * FROM variants WHERE id = ? AND store_hash = ?').get(id, storeHash) as
    | VariantRow
    | undefined;
}

export function variantRows(db: SandboxDb, productId: number): VariantRow[] {
  return db.prepare('SELECT * FROM variants WHERE product_id = ? ORDER BY id').all(productId) as VariantRow[];
}

export function baseVariantRow(db: SandboxDb, productId: number): VariantRow | undefined {
  return db.prepare('SELECT * FROM variants WHERE product_id = ? AND is_base = 1').get(productId) as
    | VariantRow
    | undefined;
}

export function optionRow(
  db: SandboxDb,
  storeHash: string,
  productId: number,
  optionId: number,
): OptionRow | undefined {
  return db
    .prepare('SELECT * FROM product_options WHERE id = ? AND product_id = ? AND store_hash = ?')
    .get(optionId, productId, storeHash) as OptionRow | undefined;
}

export function optionRows(db: SandboxDb, productId: number): OptionRow[] {
  return db.prepare('SELECT * FROM product_options WHERE product_id = ?').all(productId) as OptionRow[];
}

export function optionValueRows(db: SandboxDb, optionId: number): OptionValueRow[] {
  return db
    .prepare('SELECT * FROM option_values WHERE option_id = ? ORDER BY sort_order, id')
    .all(optionId) as OptionValueRow[];
}

/** A product without option variants has one base variant; it carries the product's SKU. */
export function insertBaseVariant(db: SandboxDb, storeHash: string, productId: number, sku: string): void {
  db.prepare(
    `INSERT INTO variants (store_hash, product_id, is_base, sku, sku_id, inventory_level, inventory_warning_level,
       purchasing_disabled, doc) VALUES (?, ?, 1, ?, NULL, 0, 0, 0, ?)`,
  ).run(storeHash, productId, sku, JSON.stringify({ ...VARIANT_DEFAULTS, option_value_ids: [] }));
}

/**
 * A change under a product (its variants, options, values) modifies the product: date_modified moves and,
 * unless `silent`, one store/product/updated is published per transaction.
 */
export function touchProduct(
  db: SandboxDb,
  tx: Tx,
  productId: number,
  options: { silent?: boolean } = {},
): void {
  db.prepare('UPDATE products SET date_modified = ? WHERE id = ?').run(isoDate(tx.now), productId);
  if (!options.silent) {
    const storeHash = (
      db.prepare('SELECT store_hash FROM products WHERE id = ?').get(productId) as {
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

export function slug(name: string): string {
  return `/${name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')}/`;
}

/** The fields of `source` named in `keys` that were given. */
export function pick(source: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of keys) if (source[key] !== undefined) out[key] = source[key];
  return out;
}
