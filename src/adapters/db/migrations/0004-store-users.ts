import type { Kysely } from 'kysely';
import { columnTypes, dialectOf } from './column-types.js';

/**
 * Control-panel users who opened the app (BigCommerce user ids are global). The owner is recorded at
 * install; other users when they first load the app; `/remove_user` deletes a row, and admin sessions of
 * a user without a row are refused. Rows go with the store (cascade) and are cleared on uninstall.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(dialectOf(db));
  await db.schema
    .createTable('store_users')
    .addColumn('store_id', t.ref, (c) => c.notNull())
    .addColumn('bc_user_id', t.ref, (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('is_owner', t.bool, (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('last_seen_at', t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('store_users_pkey', ['store_id', 'bc_user_id'])
    .addForeignKeyConstraint('store_users_store_fk', ['store_id'], 'stores', ['id'], (fk) =>
      fk.onDelete('cascade'),
    )
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('store_users').execute();
}
