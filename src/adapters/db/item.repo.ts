import { type Kysely, sql } from 'kysely';
import type { ItemQuery, ItemRecord, ItemRepository } from '../../app/ports/item-repository.js';
import type { StoreId } from '../../app/ports/store-id.js';
import { toItemRecord } from './item-rows.js';
import { toBool } from './rows.js';
import type { DB } from './schema.js';

/** Items, read outside any change (changes go through item-transactions.ts). */
export class KyselyItemRepository implements ItemRepository {
  constructor(private readonly db: Kysely<DB>) {}

  async getItem(storeId: StoreId, itemId: number): Promise<ItemRecord | null> {
    const row = await this.db
      .selectFrom('items')
      .selectAll()
      .where('store_id', '=', storeId)
      .where('id', '=', itemId)
      .executeTakeFirst();
    return row === undefined ? null : toItemRecord(row);
  }

  async findItemByBcIds(
    storeId: StoreId,
    bcProductId: number,
    bcVariantId: number | null,
  ): Promise<ItemRecord | null> {
    const row = await selectItemByBcIds(this.db, storeId, bcProductId, bcVariantId).executeTakeFirst();
    return row === undefined ? null : toItemRecord(row);
  }

  async findItemBySku(storeId: StoreId, sku: string): Promise<ItemRecord | null> {
    const row = await this.db
      .selectFrom('items')
      .selectAll()
      .where('store_id', '=', storeId)
      .where('sku', '=', sku)
      .where('active', '=', toBool(true))
      .executeTakeFirst();
    return row === undefined ? null : toItemRecord(row);
  }

  async findItemsBySkus(storeId: StoreId, skus: readonly string[]): Promise<ItemRecord[]> {
    if (skus.length === 0) return [];
    const rows = await this.db
      .selectFrom('items')
      .selectAll()
      .where('store_id', '=', storeId)
      .where('sku', 'in', [...skus])
      .where('active', '=', toBool(true))
      .execute();
    return rows.map(toItemRecord);
  }

  async listItems(storeId: StoreId, query: ItemQuery = {}): Promise<ItemRecord[]> {
    const rows = await this.db
      .selectFrom('items')
      .selectAll()
      .where('store_id', '=', storeId)
      .$if(query.activeOnly ?? true, (q) => q.where('active', '=', toBool(true)))
      .$if(query.productId !== undefined, (q) => q.where('product_id', '=', query.productId!))
      .$if(query.status !== undefined, (q) => q.where('status', '=', query.status!))
      .$if(query.backInStockDateOnOrBefore !== undefined, (q) =>
        q.where('back_in_stock_date', '<=', query.backInStockDateOnOrBefore!),
      )
      .$if(query.afterId !== undefined, (q) => q.where('id', '>', query.afterId!))
      .orderBy('id')
      .limit(query.limit ?? 500)
      .execute();
    return rows.map(toItemRecord);
  }
}

/** A product's item by its BigCommerce ids (variant null: the product without variants is the item). */
export function selectItemByBcIds(
  db: Kysely<DB>,
  storeId: StoreId,
  bcProductId: number,
  bcVariantId: number | null,
) {
  return db
    .selectFrom('items')
    .selectAll()
    .where('store_id', '=', storeId)
    .where('bc_product_id', '=', bcProductId)
    .where(sql<number>`coalesce(bc_variant_id, 0)`, '=', bcVariantId ?? 0);
}
