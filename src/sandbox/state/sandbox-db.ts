import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { loadSqliteDriver } from './sqlite-driver.js';

export type SandboxDb = Database.Database;

/**
 * The sandbox's own SQLite storage (a file when a data directory is configured, so the stores survive a
 * restart; ':memory:' otherwise). Rows keep the columns the API filters or joins on, and a `doc` JSON column
 * for the rest of BigCommerce's fields, so the emulator can return full shapes without a column per field.
 * Ids are AUTOINCREMENT across stores (every query is scoped by store_hash), which keeps ids unique.
 */
const SCHEMA_VERSION = 1;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS stores (
  hash TEXT PRIMARY KEY,
  store_id INTEGER NOT NULL UNIQUE,
  doc TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS api_tokens (
  token TEXT PRIMARY KEY,
  store_hash TEXT NOT NULL REFERENCES stores(hash) ON DELETE CASCADE,
  client_id TEXT NOT NULL,
  scopes TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS api_tokens_client ON api_tokens(store_hash, client_id);

CREATE TABLE IF NOT EXISTS brands (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  store_hash TEXT NOT NULL REFERENCES stores(hash) ON DELETE CASCADE,
  name TEXT NOT NULL,
  doc TEXT NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS brands_name ON brands(store_hash, name);
CREATE TABLE IF NOT EXISTS categories (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  store_hash TEXT NOT NULL REFERENCES stores(hash) ON DELETE CASCADE,
  parent_id INTEGER NOT NULL DEFAULT 0,
  name TEXT NOT NULL,
  doc TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS products (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  store_hash TEXT NOT NULL REFERENCES stores(hash) ON DELETE CASCADE,
  name TEXT NOT NULL,
  sku TEXT NOT NULL DEFAULT '',
  type TEXT NOT NULL,
  price REAL NOT NULL,
  availability TEXT NOT NULL,
  inventory_tracking TEXT NOT NULL,
  inventory_level INTEGER NOT NULL,
  inventory_warning_level INTEGER NOT NULL,
  is_visible INTEGER NOT NULL,
  brand_id INTEGER NOT NULL DEFAULT 0,
  total_sold INTEGER NOT NULL DEFAULT 0,
  date_created TEXT NOT NULL,
  date_modified TEXT NOT NULL,
  doc TEXT NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS products_name ON products(store_hash, name);
CREATE INDEX IF NOT EXISTS products_sku ON products(store_hash, sku COLLATE NOCASE);
CREATE TABLE IF NOT EXISTS product_categories (
  store_hash TEXT NOT NULL,
  product_id INTEGER NOT NULL REFERENCES products(id) ON DELETE CASCADE,
  category_id INTEGER NOT NULL,
  PRIMARY KEY (product_id, category_id)
);
CREATE INDEX IF NOT EXISTS product_categories_category ON product_categories(store_hash, category_id);

CREATE TABLE IF NOT EXISTS product_options (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  store_hash TEXT NOT NULL,
  product_id INTEGER NOT NULL REFERENCES products(id) ON DELETE CASCADE,
  doc TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS option_values (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  store_hash TEXT NOT NULL,
  option_id INTEGER NOT NULL REFERENCES product_options(id) ON DELETE CASCADE,
  sort_order INTEGER NOT NULL DEFAULT 0,
  doc TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS variants (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  store_hash TEXT NOT NULL,
  product_id INTEGER NOT NULL REFERENCES products(id) ON DELETE CASCADE,
  is_base INTEGER NOT NULL,
  sku TEXT NOT NULL,
  sku_id INTEGER,
  inventory_level INTEGER NOT NULL DEFAULT 0,
  inventory_warning_level INTEGER NOT NULL DEFAULT 0,
  purchasing_disabled INTEGER NOT NULL DEFAULT 0,
  doc TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS variants_product ON variants(product_id);
CREATE INDEX IF NOT EXISTS variants_sku ON variants(store_hash, sku COLLATE NOCASE);
CREATE TABLE IF NOT EXISTS sku_ids (
  id INTEGER PRIMARY KEY AUTOINCREMENT
);
CREATE TABLE IF NOT EXISTS inventory_settings (
  store_hash TEXT NOT NULL,
  location_id INTEGER NOT NULL,
  item_kind TEXT NOT NULL,
  item_id INTEGER NOT NULL,
  safety_stock INTEGER NOT NULL DEFAULT 0,
  is_in_stock INTEGER NOT NULL DEFAULT 1,
  warning_level INTEGER NOT NULL DEFAULT 0,
  bin_picking_number TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (store_hash, location_id, item_kind, item_id)
);
-- Native backorders (beta) per item and location: the limit (or unlimited) and the quantity backordered.
-- A table of its own, created on open, so sandbox files written before it need no migration.
CREATE TABLE IF NOT EXISTS inventory_backorders (
  store_hash TEXT NOT NULL,
  location_id INTEGER NOT NULL,
  item_kind TEXT NOT NULL,
  item_id INTEGER NOT NULL,
  backorder_limit INTEGER NOT NULL DEFAULT 0,
  unlimited_backorder INTEGER NOT NULL DEFAULT 0,
  qty_backordered INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (store_hash, location_id, item_kind, item_id)
);

CREATE TABLE IF NOT EXISTS orders (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  store_hash TEXT NOT NULL REFERENCES stores(hash) ON DELETE CASCADE,
  status_id INTEGER NOT NULL,
  customer_id INTEGER NOT NULL DEFAULT 0,
  email TEXT NOT NULL DEFAULT '',
  cart_id TEXT NOT NULL DEFAULT '',
  channel_id INTEGER NOT NULL DEFAULT 1,
  is_deleted INTEGER NOT NULL DEFAULT 0,
  date_created INTEGER NOT NULL,
  date_modified INTEGER NOT NULL,
  doc TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS orders_store ON orders(store_hash, id);
CREATE TABLE IF NOT EXISTS order_products (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  store_hash TEXT NOT NULL,
  order_id INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
  doc TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS order_products_order ON order_products(order_id);

CREATE TABLE IF NOT EXISTS hooks (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  store_hash TEXT NOT NULL REFERENCES stores(hash) ON DELETE CASCADE,
  client_id TEXT NOT NULL,
  scope TEXT NOT NULL,
  destination TEXT NOT NULL,
  is_active INTEGER NOT NULL,
  headers TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS hooks_scope ON hooks(store_hash, scope);
CREATE TABLE IF NOT EXISTS webhook_deliveries (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  store_hash TEXT NOT NULL,
  hook_id INTEGER NOT NULL,
  client_id TEXT NOT NULL,
  scope TEXT NOT NULL,
  destination TEXT NOT NULL,
  headers TEXT,
  payload TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  state TEXT NOT NULL,
  next_attempt_at INTEGER,
  last_status INTEGER,
  last_error TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS webhook_deliveries_due ON webhook_deliveries(state, next_attempt_at);

CREATE TABLE IF NOT EXISTS scripts (
  uuid TEXT PRIMARY KEY,
  store_hash TEXT NOT NULL REFERENCES stores(hash) ON DELETE CASCADE,
  client_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  doc TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS scripts_store ON scripts(store_hash, client_id);
`;

export function openSandboxDb(file: string): SandboxDb {
  if (file !== ':memory:') {
    // It lives in the app's DATA_DIR and holds the emulated stores' tokens: private, like the app's files.
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    if (!fs.existsSync(file)) fs.closeSync(fs.openSync(file, 'a', 0o600));
  }
  const Sqlite = loadSqliteDriver();
  const db = new Sqlite(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = NORMAL');
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SCHEMA_VERSION) {
    throw new Error(
      `sandbox database ${file} has schema ${version}, newer than this sandbox (${SCHEMA_VERSION})`,
    );
  }
  db.exec(SCHEMA);
  if (version === 0) {
    // Order ids start at 100 like a fresh BigCommerce store; it also keeps them apart from product ids.
    db.prepare(`INSERT INTO sqlite_sequence (name, seq) SELECT 'orders', 99 WHERE NOT EXISTS
      (SELECT 1 FROM sqlite_sequence WHERE name = 'orders')`).run();
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }
  return db;
}

export function parseDoc<T>(text: string): T {
  return JSON.parse(text) as T;
}
