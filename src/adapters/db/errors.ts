/**
 * Recognising a unique-constraint violation on either database. PostgreSQL names the constraint;
 * SQLite names the table and columns ("UNIQUE constraint failed: items.store_id, items.sku").
 */
export interface UniqueConstraint {
  /** Constraint or unique-index name, as PostgreSQL reports it. */
  readonly name: string;
  readonly table: string;
  readonly columns: readonly string[];
}

export function isUniqueViolation(error: unknown, constraint: UniqueConstraint): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { code?: unknown; constraint?: unknown; message?: unknown };
  if (e.code === '23505') return e.constraint === constraint.name;
  const sqliteUnique = e.code === 'SQLITE_CONSTRAINT_UNIQUE' || e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
  if (sqliteUnique && typeof e.message === 'string') {
    const columns = constraint.columns.map((c) => `${constraint.table}.${c}`).join(', ');
    return e.message.endsWith(`failed: ${columns}`);
  }
  return false;
}

export const UNIQUE = {
  eventKey: {
    name: 'item_events_store_id_idempotency_key_key',
    table: 'item_events',
    columns: ['store_id', 'idempotency_key'],
  },
  itemSku: { name: 'items_store_sku_key', table: 'items', columns: ['store_id', 'sku'] },
  templateName: { name: 'templates_store_id_name_key', table: 'templates', columns: ['store_id', 'name'] },
  templateDefault: { name: 'templates_one_default_per_store', table: 'templates', columns: ['store_id'] },
  requestKey: {
    name: 'request_keys_pkey',
    table: 'request_keys',
    columns: ['store_id', 'request_key'],
  },
  orderLine: {
    name: 'order_lines_store_id_bc_order_product_id_key',
    table: 'order_lines',
    columns: ['store_id', 'bc_order_product_id'],
  },
} as const satisfies Record<string, UniqueConstraint>;
