import type { Kysely } from 'kysely';
import type { ProductQuery, ProductRecord, ProductRepository } from '../../app/ports/product-repository.js';
import type { StoreId } from '../../app/ports/store-id.js';
import { toProductRecord } from './item-rows.js';
import { toBool, toTimestamp } from './rows.js';
import type { DB } from './schema.js';

export class KyselyProductRepository implements ProductRepository {
  constructor(private readonly db: Kysely<DB>) {}

  async getProduct(storeId: StoreId, productId: number): Promise<ProductRecord | null> {
    const row = await this.db
      .selectFrom('products')
      .selectAll()
      .where('store_id', '=', storeId)
      .where('id', '=', productId)
      .executeTakeFirst();
    return row === undefined ? null : toProductRecord(row);
  }

  async findProductByBcId(storeId: StoreId, bcProductId: number): Promise<ProductRecord | null> {
    const row = await this.db
      .selectFrom('products')
      .selectAll()
      .where('store_id', '=', storeId)
      .where('bc_product_id', '=', bcProductId)
      .executeTakeFirst();
    return row === undefined ? null : toProductRecord(row);
  }

  async listProducts(storeId: StoreId, query: ProductQuery = {}): Promise<ProductRecord[]> {
    const rows = await this.db
      .selectFrom('products')
      .selectAll()
      .where('store_id', '=', storeId)
      .$if(query.assigned !== undefined, (q) => q.where('assigned', '=', toBool(query.assigned!)))
      .$if(query.templateId !== undefined, (q) => q.where('template_id', '=', query.templateId!))
      .$if(query.afterId !== undefined, (q) => q.where('id', '>', query.afterId!))
      .orderBy('id')
      .limit(query.limit ?? 500)
      .execute();
    return rows.map(toProductRecord);
  }

  async countProductsByTemplate(storeId: StoreId): Promise<ReadonlyMap<number, number>> {
    const rows = await this.db
      .selectFrom('products')
      .select(({ fn }) => ['template_id', fn.countAll<number | string | bigint>().as('products')])
      .where('store_id', '=', storeId)
      .where('template_id', 'is not', null)
      .groupBy('template_id')
      .execute();
    return new Map(rows.map((row) => [Number(row.template_id), Number(row.products)]));
  }

  async setTemplate(
    storeId: StoreId,
    productId: number,
    templateId: number | null,
    now: Date,
  ): Promise<ProductRecord | null> {
    // The composite foreign key (store_id, template_id) refuses another store's template.
    const row = await this.db
      .updateTable('products')
      .set({ template_id: templateId, updated_at: toTimestamp(now) })
      .where('store_id', '=', storeId)
      .where('id', '=', productId)
      .returningAll()
      .executeTakeFirst();
    return row === undefined ? null : toProductRecord(row);
  }
}
