import { type Kysely, sql } from 'kysely';

/**
 * Indexes of the Assigned products list (assigned-products.repo.ts), so that a page stays fast with
 * 50,000 assigned items (bench/README.md):
 * - products by store, assignment and lower-cased name: the default sort walks this index, and a deep
 *   page skips index entries rather than sorting the table;
 * - items by store, assignment and product, with the SKU and the numbers the list sorts by (stock,
 *   backordered, latest change): the search by SKU and the per-product sums read this index alone,
 *   never the wide item rows;
 * - items by store and block (only blocked ones, a few percent): the block filter.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('products_store_assigned_name_idx')
    .on('products')
    .expression(sql`store_id, assigned, lower(name), id`)
    .execute();
  await db.schema
    .createIndex('items_store_active_product_idx')
    .on('items')
    .columns(['store_id', 'active', 'product_id', 'sku', 'stock', 'backordered', 'updated_at'])
    .execute();
  await db.schema
    .createIndex('items_store_block_idx')
    .on('items')
    .columns(['store_id', 'block'])
    .where(sql<boolean>`block is not null`)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('items_store_block_idx').ifExists().execute();
  await db.schema.dropIndex('items_store_active_product_idx').ifExists().execute();
  await db.schema.dropIndex('products_store_assigned_name_idx').ifExists().execute();
}
