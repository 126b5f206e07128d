import type { Kysely } from 'kysely';
import { columnTypes, dialectOf } from './column-types.js';

/**
 * What makes a request count once (issue 9, items 14 and 17):
 * - `request_keys`: each client Idempotency-Key a change was applied under (namespaced by source, per
 *   store) with the fingerprint of its request, so the same key sent with another request is refused
 *   instead of answered with the first one's result. Written with the change, in its transaction.
 * - `signed_request_uses`: the `jti` of each signed request (/load) accepted, until its `exp`, so a
 *   link is accepted once; the maintenance sweep deletes the expired ones.
 * - `store_user_removals`: when BigCommerce removed a user (/remove_user, by the request's `iat`), so
 *   a link it signed before the removal cannot let them back in.
 * Rows go with their store (cascade).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(dialectOf(db));

  await db.schema
    .createTable('request_keys')
    .addColumn('store_id', t.ref, (c) => c.notNull())
    .addColumn('request_key', 'text', (c) => c.notNull())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('request_keys_pkey', ['store_id', 'request_key'])
    .addForeignKeyConstraint('request_keys_store_fk', ['store_id'], 'stores', ['id'], (fk) =>
      fk.onDelete('cascade'),
    )
    .execute();

  await db.schema
    .createTable('signed_request_uses')
    .addColumn('store_id', t.ref, (c) => c.notNull())
    .addColumn('jti', 'text', (c) => c.notNull())
    .addColumn('expires_at', t.timestamp, (c) => c.notNull())
    .addColumn('used_at', t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('signed_request_uses_pkey', ['store_id', 'jti'])
    .addForeignKeyConstraint('signed_request_uses_store_fk', ['store_id'], 'stores', ['id'], (fk) =>
      fk.onDelete('cascade'),
    )
    .execute();
  await db.schema
    .createIndex('signed_request_uses_expires_idx')
    .on('signed_request_uses')
    .column('expires_at')
    .execute();

  await db.schema
    .createTable('store_user_removals')
    .addColumn('store_id', t.ref, (c) => c.notNull())
    .addColumn('bc_user_id', t.ref, (c) => c.notNull())
    .addColumn('removed_at', t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('store_user_removals_pkey', ['store_id', 'bc_user_id'])
    .addForeignKeyConstraint('store_user_removals_store_fk', ['store_id'], 'stores', ['id'], (fk) =>
      fk.onDelete('cascade'),
    )
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('store_user_removals').execute();
  await db.schema.dropTable('signed_request_uses').execute();
  await db.schema.dropTable('request_keys').execute();
}
