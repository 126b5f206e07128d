import type { ColumnType, Generated } from 'kysely';
import type { StoreId } from '../../app/ports/store-id.js';

/**
 * The database as Kysely sees it: one interface per table, columns in snake_case exactly as stored.
 * The same shape holds on SQLite and PostgreSQL because the connection normalises what differs
 * (see database.ts): ids and counts come back as numbers, timestamps as ISO-8601 strings,
 * JSON columns as their text. Repositories convert rows to the records the app ports describe.
 */

/** Identity column: written by the database, read as a number. */
type Id = Generated<number>;
/**
 * Boolean column: `boolean` on PostgreSQL, 0/1 on SQLite. Written as 0/1, which both accept
 * (PostgreSQL parses the text '1'/'0' as a boolean); read through `Boolean(...)`.
 */
export type Bool = ColumnType<boolean | number, 0 | 1, 0 | 1>;
/** `timestamptz` on PostgreSQL, text on SQLite; always an ISO-8601 UTC string (`Date#toISOString`). */
export type Timestamp = string;
/** `jsonb` on PostgreSQL, text on SQLite; always JSON text. */
export type Json = string;
/** A column the database fills with its default when an insert leaves it out. */
type WithDefault<T> = ColumnType<T, T | undefined, T>;
type BoolWithDefault = ColumnType<boolean | number, 0 | 1 | undefined, 0 | 1>;

export interface StoresTable {
  id: Generated<StoreId>;
  store_hash: string;
  status: 'installed' | 'uninstalled';
  /** The OAuth access token, encrypted by the app before it reaches the database; null once uninstalled. */
  access_token_encrypted: string | null;
  scope: WithDefault<string>;
  timezone: WithDefault<string>;
  locale: WithDefault<string>;
  /** Hash of the per-store secret header the app registers its webhooks with. */
  webhook_secret_hash: string | null;
  installed_at: Timestamp;
  uninstalled_at: Timestamp | null;
  updated_at: Timestamp;
  /** Store-local date (`YYYY-MM-DD`) through which back-in-stock dates were applied (migration 0002). */
  dates_checked_through: string | null;
  /** The store's name in BigCommerce, read at install (migration 0015). */
  name: string | null;
  /** Whether the store has BigCommerce's native backorders on; null until checked (migration 0019). */
  native_backorders: ColumnType<boolean | number | null, 0 | 1 | null | undefined, 0 | 1 | null>;
  native_backorders_checked_at: Timestamp | null;
  /** The store's enabled inventory locations at that check; null until known (migration 0020). */
  locations: number | null;
}

export interface SettingsTable {
  store_id: StoreId;
  switch_condition: WithDefault<number>;
  restock_on_cancel: BoolWithDefault;
  keep_tracking_off: BoolWithDefault;
  notification_emails: WithDefault<Json>;
  notify_events: WithDefault<Json>;
  updated_at: Timestamp;
  /** `emulated`, `capped` or `native` (migration 0019). */
  inventory_mode: WithDefault<string>;
}

export interface TemplatesTable {
  id: Id;
  store_id: StoreId;
  name: string;
  is_default: BoolWithDefault;
  button_text: WithDefault<string>;
  backorder_message: WithDefault<string>;
  cart_message: WithDefault<string>;
  unavailable_message: WithDefault<string>;
  threshold: number | null;
  incoming_stock: WithDefault<number>;
  back_in_stock_date: string | null;
  packing_slip_message: WithDefault<string>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ProductsTable {
  id: Id;
  store_id: StoreId;
  bc_product_id: number;
  name: string;
  sku: string | null;
  template_id: number | null;
  assigned: Bool;
  original_settings: Json | null;
  assigned_at: Timestamp | null;
  unassigned_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ItemsTable {
  id: Id;
  store_id: StoreId;
  product_id: number;
  bc_product_id: number;
  bc_variant_id: number | null;
  sku: string | null;
  stock: number;
  threshold: number | null;
  backordered: number;
  incoming: number;
  back_in_stock_date: string | null;
  block: 'threshold' | 'date' | 'manual' | null;
  /** Null while unassigned (`active` = 0). */
  status: 'in_stock' | 'backorder' | 'unavailable' | null;
  episode: number;
  active: Bool;
  /** JSON `[{optionId, valueId}]`; null when not recorded. */
  option_values: Json | null;
  /** The level BigCommerce holds in the cap-at-checkout mode, as the app knows it (migration 0021). */
  capped_level: number | null;
  /** BigCommerce's quantity backordered in the native mode, as the app knows it (migration 0022). */
  native_backordered: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** Moves of a store's assigned items between inventory modes (migration 0023). */
export interface ModeMovesTable {
  id: Id;
  store_id: StoreId;
  from_mode: string;
  to_mode: string;
  status: 'running' | 'done' | 'failed';
  total_products: number;
  done_products: WithDefault<number>;
  cursor: number | null;
  actor: string;
  error: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  finished_at: Timestamp | null;
}

/** Re-evaluations of a store's items after its switch condition changed (migration 0024). */
export interface SettingsReevaluationsTable {
  id: Id;
  store_id: StoreId;
  switch_condition: number;
  ref: string;
  status: 'running' | 'done' | 'failed' | 'superseded';
  total_items: number;
  done_items: WithDefault<number>;
  changed_items: WithDefault<number>;
  cursor: number | null;
  actor: string;
  error: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  finished_at: Timestamp | null;
}

/** Relative level changes the app sent, to recognise their webhooks (migration 0021). */
export interface LevelEchoesTable {
  id: Id;
  store_id: StoreId;
  item_id: number;
  method: 'relative' | 'absolute';
  value: number;
  created_at: Timestamp;
}

/** Product writes the app sent, to recognise their store/product/updated webhooks (migration 0025). */
export interface CatalogEchoesTable {
  id: Id;
  store_id: StoreId;
  bc_product_id: number;
  created_at: Timestamp;
}

export interface ItemEventsTable {
  id: Id;
  store_id: StoreId;
  item_id: number;
  idempotency_key: string;
  kind: string;
  event: Json;
  cause_type: string;
  cause_ref: string | null;
  actor: string;
  created_at: Timestamp;
}

export interface LedgerTable {
  id: Id;
  store_id: StoreId;
  item_id: number;
  event_id: number;
  idempotency_key: string;
  kind: string;
  delta: number;
  backordered_delta: number;
  stock_after: number;
  backordered_after: number;
  episode: number;
  cause_type: string;
  cause_ref: string | null;
  actor: string;
  created_at: Timestamp;
}

export interface TransitionsTable {
  id: Id;
  store_id: StoreId;
  item_id: number;
  event_id: number;
  from_status: string | null;
  from_block: string | null;
  to_status: string | null;
  to_block: string | null;
  reason: string;
  actor: string;
  cause_type: string;
  cause_ref: string | null;
  created_at: Timestamp;
}

export interface OrderLinesTable {
  id: Id;
  store_id: StoreId;
  bc_order_id: number;
  bc_order_product_id: number;
  item_id: number;
  quantity: number;
  backordered: number;
  episode: number;
  returned_quantity: WithDefault<number>;
  returned_at: Timestamp | null;
  created_at: Timestamp;
  /** The order's customer (billing first and last name); null when not recorded (migration 0018). */
  customer_name: WithDefault<string | null>;
}

export interface WebhookInboxTable {
  id: Id;
  store_id: StoreId;
  event_hash: string;
  scope: string;
  payload: Json;
  received_at: Timestamp;
  processed_at: Timestamp | null;
  attempts: WithDefault<number>;
  last_error: string | null;
}

export interface OutboxTable {
  id: Id;
  store_id: StoreId;
  kind: string;
  coalesce_key: string | null;
  payload: Json;
  available_at: Timestamp;
  attempts: WithDefault<number>;
  delivered_at: Timestamp | null;
  last_error: string | null;
  created_at: Timestamp;
  /** Narrows what shoppers can buy: claimed first, and by the urgent lane alone (migration 0016). */
  urgent: BoolWithDefault;
}

export interface JobsTable {
  id: Id;
  /** Null for system-wide jobs (e.g. the tick that fans out per store). */
  store_id: number | null;
  queue: string;
  payload: Json;
  run_at: Timestamp;
  attempts: WithDefault<number>;
  max_attempts: WithDefault<number>;
  locked_until: Timestamp | null;
  locked_by: string | null;
  singleton_key: string | null;
  /** The time slot of a periodic job: one job per queue, key and slot (migration 0002). */
  singleton_on: Timestamp | null;
  done_at: Timestamp | null;
  failed_at: Timestamp | null;
  last_error: string | null;
  created_at: Timestamp;
}

export interface NotificationsTable {
  id: Id;
  store_id: StoreId;
  event: string;
  item_id: number | null;
  payload: Json;
  dedupe_key: string;
  attempts: WithDefault<number>;
  last_error: string | null;
  created_at: Timestamp;
  sent_at: Timestamp | null;
  /** The email (its dedupe key) this notification is being sent in; null until a flush picks it. */
  batch_key: string | null;
  /** Lease of the flush sending it. */
  claimed_until: Timestamp | null;
  /** How a done row ended: `sent`, `event_disabled`, `no_recipients`, `invalid_payload`, `failed`. */
  outcome: string | null;
}

export interface ImportRunsTable {
  id: Id;
  store_id: StoreId;
  status: 'pending' | 'validating' | 'validated' | 'applying' | 'done' | 'failed';
  file_name: string;
  actor: string;
  total_rows: WithDefault<number>;
  valid_rows: WithDefault<number>;
  error_rows: WithDefault<number>;
  applied_rows: WithDefault<number>;
  errors: WithDefault<Json>;
  created_at: Timestamp;
  updated_at: Timestamp;
  finished_at: Timestamp | null;
  /** Migration 0017: what the upload found and how the run is applied. */
  format: 'csv' | 'xlsx' | null;
  encoding: string | null;
  /** SHA-256 of the file, hex. */
  file_hash: string | null;
  /** The client's Idempotency-Key of the upload. */
  request_key: string | null;
  /** The dry run's changes per field and status changes (JSON). */
  summary: Json | null;
  unchanged_rows: WithDefault<number>;
  apply_valid_rows: Bool | null;
  applied_at: Timestamp | null;
}

/** A valid row of an import, staged for applying (migration 0017). */
export interface ImportRowsTable {
  id: Id;
  store_id: StoreId;
  run_id: number;
  line: number;
  sku: string;
  item_id: number;
  stock: number | null;
  stock_given: Bool;
  threshold: number | null;
  threshold_given: Bool;
  incoming: number | null;
  incoming_given: Bool;
  back_in_stock_date: string | null;
  back_in_stock_date_given: Bool;
  outcome: WithDefault<'pending' | 'applied' | 'refused' | 'unchanged'>;
  applied_at: Timestamp | null;
}

/** A problem of an import's row (or its header), found at upload or at apply (migration 0017). */
export interface ImportProblemsTable {
  id: Id;
  store_id: StoreId;
  run_id: number;
  line: number;
  column_name: string | null;
  sku: string | null;
  value: string | null;
  code: string;
  message: string;
}

export interface ApiKeysTable {
  id: Id;
  store_id: StoreId;
  name: string;
  /** The first characters of the key, shown in the UI so a merchant can tell keys apart. */
  prefix: string;
  /** SHA-256 of the whole key; the key itself is shown once and never stored. */
  key_hash: string;
  created_at: Timestamp;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

/** Control-panel users who may open the app (migration 0004). */
export interface StoreUsersTable {
  store_id: StoreId;
  bc_user_id: number;
  email: string;
  is_owner: BoolWithDefault;
  created_at: Timestamp;
  last_seen_at: Timestamp;
}

/** A client Idempotency-Key a change was applied under, with its request's fingerprint (migration 0014). */
export interface RequestKeysTable {
  store_id: StoreId;
  request_key: string;
  fingerprint: string;
  created_at: Timestamp;
}

/** A signed request (/load) accepted, by its `jti`, remembered until it expires (migration 0014). */
export interface SignedRequestUsesTable {
  store_id: StoreId;
  jti: string;
  expires_at: Timestamp;
  used_at: Timestamp;
}

/** A user BigCommerce removed from the app, and when (the removal request's `iat`) (migration 0014). */
export interface StoreUserRemovalsTable {
  store_id: StoreId;
  bc_user_id: number;
  removed_at: Timestamp;
}

/** A request to assign many products, with per-product outcomes (migration 0005). */
export interface AssignmentRunsTable {
  id: Id;
  store_id: StoreId;
  status: 'pending' | 'running' | 'done' | 'failed';
  template_id: number | null;
  filter: Json | null;
  stock_defaults: Json | null;
  resolved: Bool;
  actor: string;
  error: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  finished_at: Timestamp | null;
}

export interface AssignmentRunItemsTable {
  id: Id;
  store_id: StoreId;
  run_id: number;
  bc_product_id: number;
  status: 'pending' | 'assigned' | 'skipped' | 'failed';
  code: string | null;
  message: string | null;
  product_name: string | null;
  product_sku: string | null;
  item_count: WithDefault<number>;
  warnings: WithDefault<Json>;
  updated_at: Timestamp;
}

/** Where each store's BigCommerce API quota stands, shared by the instances (migration 0027). */
export interface BigCommerceQuotaTable {
  store_hash: string;
  /** Null with `reset_at`: nothing known of the window yet. */
  requests_left: number | null;
  quota: number | null;
  window_ms: number | null;
  reset_at: Timestamp | null;
  /** Calls started and not answered since (counted by no observation yet). */
  pending: WithDefault<number>;
  observed_at: Timestamp | null;
}

export interface DB {
  stores: StoresTable;
  settings: SettingsTable;
  templates: TemplatesTable;
  products: ProductsTable;
  items: ItemsTable;
  item_events: ItemEventsTable;
  ledger: LedgerTable;
  transitions: TransitionsTable;
  order_lines: OrderLinesTable;
  webhook_inbox: WebhookInboxTable;
  outbox: OutboxTable;
  level_echoes: LevelEchoesTable;
  catalog_echoes: CatalogEchoesTable;
  mode_moves: ModeMovesTable;
  settings_reevaluations: SettingsReevaluationsTable;
  jobs: JobsTable;
  notifications: NotificationsTable;
  import_runs: ImportRunsTable;
  import_rows: ImportRowsTable;
  import_problems: ImportProblemsTable;
  api_keys: ApiKeysTable;
  store_users: StoreUsersTable;
  assignment_runs: AssignmentRunsTable;
  assignment_run_items: AssignmentRunItemsTable;
  request_keys: RequestKeysTable;
  signed_request_uses: SignedRequestUsesTable;
  store_user_removals: StoreUserRemovalsTable;
  bigcommerce_quota: BigCommerceQuotaTable;
}
