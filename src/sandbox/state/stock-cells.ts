import { baseVariantRow, type ProductRow, productRow, type VariantRow, variantRow } from './catalog.rows.js';
import { MAX_INVENTORY } from './catalog.schemas.js';
import type { SandboxDb } from './sandbox-db.js';
import { isoDate, type Tx } from './unit-of-work.js';

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

export type TrackedCell = Exclude<StockCell, { kind: 'untracked' }>;

/**
 * Stock has one home per item: the product row for a product-tracked or simple product, the variant row
 * for a variant-tracked product with option variants (the product row then keeps their sum, refreshed in
 * the same transaction, so list filters on inventory_level stay plain SQL). The catalog, inventory and
 * orders all read and write stock through these cells, so their numbers always agree.
 */
export class StockCells {
  constructor(private readonly db: SandboxDb) {}

  /** Where this product/variant's stock is counted (variantId may be a base variant or omitted for simple products). */
  stockCell(storeHash: string, productId: number, variantId?: number): StockCell | undefined {
    const product = productRow(this.db, storeHash, productId);
    if (!product) return undefined;
    const variant =
      variantId === undefined
        ? baseVariantRow(this.db, productId)
        : variantRow(this.db, storeHash, variantId);
    if (variantId !== undefined && (!variant || variant.product_id !== productId)) return undefined;
    return cellOf(product, variant);
  }

  readStock(storeHash: string, cell: StockCell): number | null {
    switch (cell.kind) {
      case 'untracked':
        return null;
      case 'product':
        return productRow(this.db, storeHash, cell.productId)?.inventory_level ?? null;
      case 'variant':
        return variantRow(this.db, storeHash, cell.variantId)?.inventory_level ?? null;
    }
  }

  /**
   * Sets the stock of a tracked cell inside a transaction and records the BigCommerce inventory event.
   * `method`/`value` are what the webhook reports: absolute → the new level, relative → the change.
   */
  writeStockIn(
    tx: Tx,
    storeHash: string,
    cell: TrackedCell,
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
      refreshProductStock(this.db, cell.productId);
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

  /**
   * Turns on tracking for an untracked product (an absolute inventory adjustment does this): by variant
   * when the adjustment named a variant, else by product. Does nothing to a product already tracked.
   */
  startTrackingIn(storeHash: string, productId: number, by: 'product' | 'variant'): void {
    const product = productRow(this.db, storeHash, productId);
    if (product?.inventory_tracking !== 'none') return;
    this.db.prepare('UPDATE products SET inventory_tracking = ? WHERE id = ?').run(by, productId);
  }

  /** Counts units sold on the product (its `total_sold`), whichever cell the stock came from. */
  addSoldIn(productId: number, quantity: number): void {
    this.db.prepare('UPDATE products SET total_sold = total_sold + ? WHERE id = ?').run(quantity, productId);
  }
}

export function cellOf(product: ProductRow, variant: VariantRow | undefined): StockCell {
  if (product.inventory_tracking === 'none') return { kind: 'untracked' };
  if (product.inventory_tracking === 'variant' && variant && !variant.is_base) {
    return { kind: 'variant', productId: product.id, variantId: variant.id, skuId: variant.sku_id ?? 0 };
  }
  return { kind: 'product', productId: product.id };
}

/** Variant-tracked products with option variants show the sum of their variants' levels. */
export function refreshProductStock(db: SandboxDb, productId: number): void {
  db.prepare(
    `UPDATE products SET inventory_level = (SELECT COALESCE(SUM(inventory_level), 0) FROM variants WHERE product_id = ?)
     WHERE id = ? AND inventory_tracking = 'variant'
       AND NOT EXISTS (SELECT 1 FROM variants WHERE product_id = ? AND is_base = 1)`,
  ).run(productId, productId, productId);
}

/** Stock levels are whole units from 0 to BigCommerce's maximum. */
export function clampStock(value: number): number {
  return Math.min(Math.max(0, Math.trunc(value)), MAX_INVENTORY);
}
