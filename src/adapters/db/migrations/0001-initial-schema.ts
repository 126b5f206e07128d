import { type ForeignKeyConstraintBuilder, type Kysely, sql } from 'kysely';
import { columnTypes, type Dialect, dialectOf, TRUE } from './column-types.js';

/**
 * The first schema. Multi-tenant: every table but `stores` carries `store_id`, and child rows point
 * at their parent through (store_id, id) so a row can never reference another store's row.
 * Append-only tables (item_events, ledger, transitions) have identity ids: their order is total.
 * Runs unchanged on SQLite and PostgreSQL; only the column types in column-types.ts differ.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const dialect = dialectOf(db);
  const t = columnTypes(dialect);
  // Removing a store (tenant purge) removes everything it owns.
  const cascade = (fk: ForeignKeyConstraintBuilder) => fk.onDelete('cascade');

  await db.schema
    .createTable('stores')
    .addColumn('id', t.id, t.identity)
    .addColumn('store_hash', 'text', (c) => c.notNull().unique())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('access_token_encrypted', 'text')
    .addColumn('scope', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('timezone', 'text', (c) => c.notNull().defaultTo('UTC'))
    .addColumn('locale', 'text', (c) => c.notNull().defaultTo('en-US'))
    .addColumn('webhook_secret_hash', 'text')
    .addColumn('installed_at', t.timestamp, (c) => c.notNull())
    .addColumn('uninstalled_at', t.timestamp)
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addCheckConstraint('stores_status_check', sql`status in ('installed', 'uninstalled')`)
    .execute();

  await db.schema
    .createTable('settings')
    .addColumn('store_id', t.ref, (c) => c.primaryKey())
    .addColumn('switch_condition', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('restock_on_cancel', t.bool, (c) => c.notNull().defaultTo(true))
    .addColumn('keep_tracking_off', t.bool, (c) => c.notNull().defaultTo(true))
    .addColumn('notification_emails', t.json, (c) => c.notNull().defaultTo('[]'))
    .addColumn('notify_events', t.json, (c) =>
      c.notNull().defaultTo('["backorder_enabled","backorder_disabled"]'),
    )
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addForeignKeyConstraint('settings_store_fk', ['store_id'], 'stores', ['id'], cascade)
    .addCheckConstraint('settings_switch_condition_check', sql`switch_condition >= 0`)
    .execute();

  await db.schema
    .createTable('templates')
    .addColumn('id', t.id, t.identity)
    .addColumn('store_id', t.ref, (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('is_default', t.bool, (c) => c.notNull().defaultTo(false))
    .addColumn('button_text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('backorder_message', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('cart_message', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('threshold', 'integer')
    .addColumn('incoming_stock', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('back_in_stock_date', 'text')
    .addColumn('packing_slip_message', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addForeignKeyConstraint('templates_store_fk', ['store_id'], 'stores', ['id'], cascade)
    .addUniqueConstraint('templates_store_id_id_key', ['store_id', 'id'])
    .addUniqueConstraint('templates_store_id_name_key', ['store_id', 'name'])
    .addCheckConstraint('templates_threshold_check', sql`threshold is null or threshold >= 0`)
    .addCheckConstraint('templates_incoming_stock_check', sql`incoming_stock >= 0`)
    .execute();
  // At most one default template per store.
  await db.schema
    .createIndex('templates_one_default_per_store')
    .on('templates')
    .column('store_id')
    .unique()
    .where(sql<boolean>`is_default = ${TRUE}`)
    .execute();

  await db.schema
    .createTable('products')
    .addColumn('id', t.id, t.identity)
    .addColumn('store_id', t.ref, (c) => c.notNull())
    .addColumn('bc_product_id', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('sku', 'text')
    .addColumn('template_id', t.ref)
    .addColumn('assigned', t.bool, (c) => c.notNull())
    // BigCommerce's inventory_tracking, availability, … before assignment, to restore on unassign.
    .addColumn('original_settings', t.json)
    .addColumn('assigned_at', t.timestamp)
    .addColumn('unassigned_at', t.timestamp)
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addForeignKeyConstraint('products_store_fk', ['store_id'], 'stores', ['id'], cascade)
    .addForeignKeyConstraint('products_template_fk', ['store_id', 'template_id'], 'templates', [
      'store_id',
      'id',
    ])
    .addUniqueConstraint('products_store_id_id_key', ['store_id', 'id'])
    .addUniqueConstraint('products_store_id_bc_product_id_key', ['store_id', 'bc_product_id'])
    .execute();
  await db.schema
    .createIndex('products_store_assigned_idx')
    .on('products')
    .columns(['store_id', 'assigned'])
    .execute();

  await db.schema
    .createTable('items')
    .addColumn('id', t.id, t.identity)
    .addColumn('store_id', t.ref, (c) => c.notNull())
    .addColumn('product_id', t.ref, (c) => c.notNull())
    .addColumn('bc_product_id', 'integer', (c) => c.notNull())
    .addColumn('bc_variant_id', 'integer')
    .addColumn('sku', 'text')
    .addColumn('stock', 'integer', (c) => c.notNull())
    .addColumn('threshold', 'integer')
    .addColumn('backordered', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('incoming', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('back_in_stock_date', 'text')
    .addColumn('block', 'text')
    .addColumn('status', 'text')
    .addColumn('episode', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('active', t.bool, (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addForeignKeyConstraint('items_store_fk', ['store_id'], 'stores', ['id'], cascade)
    .addForeignKeyConstraint('items_product_fk', ['store_id', 'product_id'], 'products', ['store_id', 'id'])
    .addUniqueConstraint('items_store_id_id_key', ['store_id', 'id'])
    .addCheckConstraint('items_backordered_check', sql`backordered >= 0`)
    .addCheckConstraint('items_incoming_check', sql`incoming >= 0`)
    .addCheckConstraint('items_threshold_check', sql`threshold is null or threshold >= 0`)
    .addCheckConstraint('items_block_check', sql`block is null or block in ('threshold', 'date', 'manual')`)
    .addCheckConstraint(
      'items_status_check',
      sql`status is null or status in ('in_stock', 'backorder', 'unavailable')`,
    )
    // An assigned item always has a status; an unassigned one has none (and no block).
    .addCheckConstraint(
      'items_active_status_check',
      sql`(active = ${TRUE} and status is not null) or (active <> ${TRUE} and status is null and block is null)`,
    )
    .execute();
  // One row per BigCommerce item for ever (re-assignment reuses it); 0 stands for "no variant".
  await db.schema
    .createIndex('items_store_bc_ids_key')
    .on('items')
    .unique()
    .expression(sql`store_id, bc_product_id, coalesce(bc_variant_id, 0)`)
    .execute();
  // SKUs are unique among assigned items (an unassigned item may lose its SKU to another product).
  await db.schema
    .createIndex('items_store_sku_key')
    .on('items')
    .columns(['store_id', 'sku'])
    .unique()
    .where(sql<boolean>`sku is not null and active = ${TRUE}`)
    .execute();
  await db.schema
    .createIndex('items_store_product_idx')
    .on('items')
    .columns(['store_id', 'product_id'])
    .execute();
  await db.schema.createIndex('items_store_status_idx').on('items').columns(['store_id', 'status']).execute();
  // The daily date check looks for items whose back-in-stock date has come.
  await db.schema
    .createIndex('items_store_date_idx')
    .on('items')
    .columns(['store_id', 'back_in_stock_date'])
    .where(sql<boolean>`back_in_stock_date is not null`)
    .execute();

  await db.schema
    .createTable('item_events')
    .addColumn('id', t.id, t.identity)
    .addColumn('store_id', t.ref, (c) => c.notNull())
    .addColumn('item_id', t.ref, (c) => c.notNull())
    .addColumn('idempotency_key', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('event', t.json, (c) => c.notNull())
    .addColumn('cause_type', 'text', (c) => c.notNull())
    .addColumn('cause_ref', 'text')
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addForeignKeyConstraint('item_events_store_fk', ['store_id'], 'stores', ['id'], cascade)
    .addForeignKeyConstraint('item_events_item_fk', ['store_id', 'item_id'], 'items', ['store_id', 'id'])
    .addUniqueConstraint('item_events_store_id_id_key', ['store_id', 'id'])
    .addUniqueConstraint('item_events_store_id_idempotency_key_key', ['store_id', 'idempotency_key'])
    .execute();
  await db.schema
    .createIndex('item_events_store_item_idx')
    .on('item_events')
    .columns(['store_id', 'item_id', 'id'])
    .execute();

  await db.schema
    .createTable('ledger')
    .addColumn('id', t.id, t.identity)
    .addColumn('store_id', t.ref, (c) => c.notNull())
    .addColumn('item_id', t.ref, (c) => c.notNull())
    .addColumn('event_id', t.ref, (c) => c.notNull())
    .addColumn('idempotency_key', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('delta', 'integer', (c) => c.notNull())
    .addColumn('backordered_delta', 'integer', (c) => c.notNull())
    .addColumn('stock_after', 'integer', (c) => c.notNull())
    .addColumn('backordered_after', 'integer', (c) => c.notNull())
    .addColumn('episode', 'integer', (c) => c.notNull())
    .addColumn('cause_type', 'text', (c) => c.notNull())
    .addColumn('cause_ref', 'text')
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addForeignKeyConstraint('ledger_store_fk', ['store_id'], 'stores', ['id'], cascade)
    .addForeignKeyConstraint('ledger_item_fk', ['store_id', 'item_id'], 'items', ['store_id', 'id'])
    .addForeignKeyConstraint('ledger_event_fk', ['store_id', 'event_id'], 'item_events', ['store_id', 'id'])
    .addUniqueConstraint('ledger_store_id_idempotency_key_key', ['store_id', 'idempotency_key'])
    .addCheckConstraint('ledger_backordered_after_check', sql`backordered_after >= 0`)
    .execute();
  await db.schema
    .createIndex('ledger_store_item_idx')
    .on('ledger')
    .columns(['store_id', 'item_id', 'id'])
    .execute();
  await db.schema
    .createIndex('ledger_store_cause_idx')
    .on('ledger')
    .columns(['store_id', 'cause_type', 'cause_ref'])
    .execute();

  await db.schema
    .createTable('transitions')
    .addColumn('id', t.id, t.identity)
    .addColumn('store_id', t.ref, (c) => c.notNull())
    .addColumn('item_id', t.ref, (c) => c.notNull())
    .addColumn('event_id', t.ref, (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('from_block', 'text')
    .addColumn('to_status', 'text')
    .addColumn('to_block', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('cause_type', 'text', (c) => c.notNull())
    .addColumn('cause_ref', 'text')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addForeignKeyConstraint('transitions_store_fk', ['store_id'], 'stores', ['id'], cascade)
    .addForeignKeyConstraint('transitions_item_fk', ['store_id', 'item_id'], 'items', ['store_id', 'id'])
    .addForeignKeyConstraint('transitions_event_fk', ['store_id', 'event_id'], 'item_events', [
      'store_id',
      'id',
    ])
    .execute();
  await db.schema
    .createIndex('transitions_store_item_idx')
    .on('transitions')
    .columns(['store_id', 'item_id', 'id'])
    .execute();
  await db.schema
    .createIndex('transitions_store_id_idx')
    .on('transitions')
    .columns(['store_id', 'id'])
    .execute();

  // History is never rewritten. (Rows go only with their store, when a tenant is purged.)
  for (const table of ['item_events', 'ledger', 'transitions']) await forbidUpdates(db, dialect, table);

  await db.schema
    .createTable('order_lines')
    .addColumn('id', t.id, t.identity)
    .addColumn('store_id', t.ref, (c) => c.notNull())
    .addColumn('bc_order_id', 'integer', (c) => c.notNull())
    .addColumn('bc_order_product_id', 'integer', (c) => c.notNull())
    .addColumn('item_id', t.ref, (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('backordered', 'integer', (c) => c.notNull())
    .addColumn('episode', 'integer', (c) => c.notNull())
    .addColumn('returned_quantity', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('returned_at', t.timestamp)
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addForeignKeyConstraint('order_lines_store_fk', ['store_id'], 'stores', ['id'], cascade)
    .addForeignKeyConstraint('order_lines_item_fk', ['store_id', 'item_id'], 'items', ['store_id', 'id'])
    .addUniqueConstraint('order_lines_store_id_bc_order_product_id_key', ['store_id', 'bc_order_product_id'])
    .addCheckConstraint('order_lines_quantity_check', sql`quantity > 0 and backordered >= 0`)
    .addCheckConstraint(
      'order_lines_returned_check',
      sql`returned_quantity >= 0 and returned_quantity <= quantity`,
    )
    .execute();
  await db.schema
    .createIndex('order_lines_store_order_idx')
    .on('order_lines')
    .columns(['store_id', 'bc_order_id'])
    .execute();
  await db.schema
    .createIndex('order_lines_store_item_idx')
    .on('order_lines')
    .columns(['store_id', 'item_id'])
    .execute();
  // The orders report lists only lines that hold backordered units.
  await db.schema
    .createIndex('order_lines_backordered_idx')
    .on('order_lines')
    .columns(['store_id', 'created_at'])
    .where(sql<boolean>`backordered > 0`)
    .execute();

  await db.schema
    .createTable('webhook_inbox')
    .addColumn('id', t.id, t.identity)
    .addColumn('store_id', t.ref, (c) => c.notNull())
    .addColumn('event_hash', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('payload', t.json, (c) => c.notNull())
    .addColumn('received_at', t.timestamp, (c) => c.notNull())
    .addColumn('processed_at', t.timestamp)
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addForeignKeyConstraint('webhook_inbox_store_fk', ['store_id'], 'stores', ['id'], cascade)
    .addUniqueConstraint('webhook_inbox_store_id_event_hash_key', ['store_id', 'event_hash'])
    .execute();
  await db.schema
    .createIndex('webhook_inbox_pending_idx')
    .on('webhook_inbox')
    .columns(['store_id', 'id'])
    .where(sql<boolean>`processed_at is null`)
    .execute();

  await db.schema
    .createTable('outbox')
    .addColumn('id', t.id, t.identity)
    .addColumn('store_id', t.ref, (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('coalesce_key', 'text')
    .addColumn('payload', t.json, (c) => c.notNull())
    .addColumn('available_at', t.timestamp, (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('delivered_at', t.timestamp)
    .addColumn('last_error', 'text')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addForeignKeyConstraint('outbox_store_fk', ['store_id'], 'stores', ['id'], cascade)
    .execute();
  await db.schema
    .createIndex('outbox_pending_idx')
    .on('outbox')
    .columns(['available_at', 'id'])
    .where(sql<boolean>`delivered_at is null`)
    .execute();
  await db.schema
    .createIndex('outbox_store_pending_idx')
    .on('outbox')
    .columns(['store_id', 'kind', 'id'])
    .where(sql<boolean>`delivered_at is null`)
    .execute();

  await db.schema
    .createTable('jobs')
    .addColumn('id', t.id, t.identity)
    .addColumn('store_id', t.ref)
    .addColumn('queue', 'text', (c) => c.notNull())
    .addColumn('payload', t.json, (c) => c.notNull())
    .addColumn('run_at', t.timestamp, (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('max_attempts', 'integer', (c) => c.notNull().defaultTo(10))
    .addColumn('locked_until', t.timestamp)
    .addColumn('locked_by', 'text')
    .addColumn('singleton_key', 'text')
    .addColumn('done_at', t.timestamp)
    .addColumn('failed_at', t.timestamp)
    .addColumn('last_error', 'text')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addForeignKeyConstraint('jobs_store_fk', ['store_id'], 'stores', ['id'], cascade)
    .execute();
  await db.schema
    .createIndex('jobs_due_idx')
    .on('jobs')
    .columns(['queue', 'run_at', 'id'])
    .where(sql<boolean>`done_at is null and failed_at is null`)
    .execute();
  // A singleton job (e.g. "deliver this store's outbox") is queued at most once until it finishes.
  await db.schema
    .createIndex('jobs_singleton_key')
    .on('jobs')
    .columns(['queue', 'singleton_key'])
    .unique()
    .where(sql<boolean>`singleton_key is not null and done_at is null and failed_at is null`)
    .execute();

  await db.schema
    .createTable('notifications')
    .addColumn('id', t.id, t.identity)
    .addColumn('store_id', t.ref, (c) => c.notNull())
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('item_id', t.ref)
    .addColumn('payload', t.json, (c) => c.notNull())
    .addColumn('dedupe_key', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('sent_at', t.timestamp)
    .addForeignKeyConstraint('notifications_store_fk', ['store_id'], 'stores', ['id'], cascade)
    .addForeignKeyConstraint('notifications_item_fk', ['store_id', 'item_id'], 'items', ['store_id', 'id'])
    .addUniqueConstraint('notifications_store_id_dedupe_key_key', ['store_id', 'dedupe_key'])
    .execute();
  await db.schema
    .createIndex('notifications_unsent_idx')
    .on('notifications')
    .columns(['store_id', 'id'])
    .where(sql<boolean>`sent_at is null`)
    .execute();

  await db.schema
    .createTable('import_runs')
    .addColumn('id', t.id, t.identity)
    .addColumn('store_id', t.ref, (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('total_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('valid_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('applied_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('errors', t.json, (c) => c.notNull().defaultTo('[]'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addColumn('finished_at', t.timestamp)
    .addForeignKeyConstraint('import_runs_store_fk', ['store_id'], 'stores', ['id'], cascade)
    .addCheckConstraint(
      'import_runs_status_check',
      sql`status in ('pending', 'validating', 'validated', 'applying', 'done', 'failed')`,
    )
    .execute();
  await db.schema
    .createIndex('import_runs_store_idx')
    .on('import_runs')
    .columns(['store_id', 'id'])
    .execute();

  await db.schema
    .createTable('api_keys')
    .addColumn('id', t.id, t.identity)
    .addColumn('store_id', t.ref, (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('prefix', 'text', (c) => c.notNull())
    // Looked up by hash before the store is known (the key is the credential), hence unique globally.
    .addColumn('key_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('last_used_at', t.timestamp)
    .addColumn('revoked_at', t.timestamp)
    .addForeignKeyConstraint('api_keys_store_fk', ['store_id'], 'stores', ['id'], cascade)
    .execute();
  await db.schema.createIndex('api_keys_store_idx').on('api_keys').columns(['store_id', 'id']).execute();
}

/** A trigger that rejects any UPDATE of `table`: the database itself keeps the history append-only. */
async function forbidUpdates(db: Kysely<unknown>, dialect: Dialect, table: string): Promise<void> {
  const trigger = sql.id(`${table}_append_only`);
  const message = sql.lit(`${table} is append-only`);
  if (dialect === 'postgres') {
    await sql`create or replace function forbid_update() returns trigger language plpgsql as $$
      begin raise exception '% is append-only', tg_table_name using errcode = 'restrict_violation'; end $$`.execute(
      db,
    );
    await sql`create trigger ${trigger} before update on ${sql.table(table)}
      for each row execute function forbid_update()`.execute(db);
  } else {
    await sql`create trigger ${trigger} before update on ${sql.table(table)}
      begin select raise(abort, ${message}); end`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'api_keys',
    'import_runs',
    'notifications',
    'jobs',
    'outbox',
    'webhook_inbox',
    'order_lines',
    'transitions',
    'ledger',
    'item_events',
    'items',
    'products',
    'templates',
    'settings',
    'stores',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
  if (dialectOf(db) === 'postgres') await sql`drop function if exists forbid_update()`.execute(db);
}
