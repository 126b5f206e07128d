import { type Kysely, sql } from 'kysely';

/**
 * Indexes of the Assigned products list (assigned-products.repo.ts), so that a page stays fast with
 * 50,000 assigned items (bench/README.md):
 * - products by store, assignment and lower-cased name: the default sort walks this index, and a deep
 *   page skips index entries rather than sorting the table;
 * - items by store, product and assignment with the numbers the list sorts by (stock, backordered,
 *   latest change): the per-product sums are read from the index alone.
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
    .columns(['store_id', 'active', 'product_id', 'stock', 'backordered', 'updated_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('items_store_active_product_idx').ifExists().execute();
  await db.schema.dropIndex('products_store_assigned_name_idx').ifExists().execute();
}
