import type { Kysely } from 'kysely';

/**
 * Products are found by template: the Templates screen counts each template's products, and deleting
 * a template looks for one that still uses it. Without this index both read every product of the store.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('products_store_template_idx')
    .on('products')
    .columns(['store_id', 'template_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('products_store_template_idx').execute();
}
