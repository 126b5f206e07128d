import type { SandboxDb } from './sandbox-db.js';

/** BigCommerce's paging: `page` from 1, `limit` 1…250 (default 50). */
export function pageOf(query: { page?: number; limit?: number }): { page: number; limit: number } {
  const page = Math.max(1, Math.trunc(query.page ?? 1));
  const limit = Math.min(250, Math.max(1, Math.trunc(query.limit ?? 50)));
  return { page, limit };
}

/** The SQL of a listing: `SELECT {columns} FROM {from} WHERE {where} ORDER BY {orderBy}`. */
export interface ListingSql {
  readonly columns: string;
  readonly from: string;
  readonly where: string;
  readonly orderBy: string;
}

/** One page of a listing and the total it is a page of (for `meta.pagination`). */
export function selectPage<Row>(
  db: SandboxDb,
  sql: ListingSql,
  args: readonly unknown[],
  query: { page?: number; limit?: number },
): { rows: Row[]; total: number; page: number; limit: number } {
  const { page, limit } = pageOf(query);
  const total = (
    db.prepare(`SELECT COUNT(*) AS n FROM ${sql.from} WHERE ${sql.where}`).get(...args) as { n: number }
  ).n;
  const rows = db
    .prepare(
      `SELECT ${sql.columns} FROM ${sql.from} WHERE ${sql.where} ORDER BY ${sql.orderBy} LIMIT ? OFFSET ?`,
    )
    .all(...args, limit, (page - 1) * limit) as Row[];
  return { rows, total, page, limit };
}
