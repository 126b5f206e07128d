import { type Kysely, sql } from 'kysely';
import { dialectOf } from './column-types.js';

/**
 * Indexes of the Assigned products list (assigned-products.repo.ts), so that a page stays fast with
 * 50,000 assigned items (bench/README.md):
 * - products by store, assignment and lower-cased name: the default sort walks this index, and a deep
 *   page skips index entries rather than sorting the table (`name` itself last, so PostgreSQL, which
 *   cannot read an indexed expression back, can still answer from the index alone);
 * - products by store with their name and SKU: a search scans this narrow index, not the table;
 * - items by store, assignment and product, with the SKU and the numbers the list sorts by (stock,
 *   backordered, latest change): the search by SKU and the per-product sums read this index alone,
 *   never the wide item rows;
 * - items by store and block (only blocked ones, a few percent): the block filter;
 * - on PostgreSQL, trigram indexes (pg_trgm) on product names and SKUs and item SKUs: a search for a
 *   part of a name or SKU (`ILIKE '%…%'`) reads the index instead of every row. pg_trgm ships with
 *   PostgreSQL and is a trusted extension (the database's owner may create it); where it cannot be
 *   created, the migration goes on without these indexes and searches scan, as on SQLite.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('products_store_assigned_name_idx')
    .on('products')
    .expression(sql`store_id, assigned, lower(name), id, name`)
    .execute();
  await db.schema
    .createIndex('products_store_search_idx')
    .on('products')
    .columns(['store_id', 'name', 'sku'])
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
  if (dialectOf(db) === 'postgres') await trigramIndexes(db);
}

async function trigramIndexes(db: Kysely<unknown>): Promise<void> {
  // Migrations run in a transaction on PostgreSQL: a refused CREATE EXTENSION must not abort it.
  await sql`savepoint trigram_indexes`.execute(db);
  try {
    await sql`create extension if not exists pg_trgm`.execute(db);
    await sql`create index products_name_trgm_idx on products using gin (name gin_trgm_ops)`.execute(db);
    await sql`create index products_sku_trgm_idx on products using gin (sku gin_trgm_ops)`.execute(db);
    await sql`create index items_sku_trgm_idx on items using gin (sku gin_trgm_ops)`.execute(db);
    await sql`release savepoint trigram_indexes`.execute(db);
  } catch {
    await sql`rollback to savepoint trigram_indexes`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const index of ['items_sku_trgm_idx', 'products_sku_trgm_idx', 'products_name_trgm_idx']) {
    await db.schema.dropIndex(index).ifExists().execute();
  }
  await db.schema.dropIndex('items_store_block_idx').ifExists().execute();
  await db.schema.dropIndex('items_store_active_product_idx').ifExists().execute();
  await db.schema.dropIndex('products_store_search_idx').ifExists().execute();
  await db.schema.dropIndex('products_store_assigned_name_idx').ifExists().execute();
}
