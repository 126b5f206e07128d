import { type Kysely, sql } from 'kysely';
import { columnTypes, dialectOf } from './column-types.js';

/**
 * `bigcommerce_quota` (issue 12.3): where each store's BigCommerce API quota stands, shared by every
 * instance on PostgreSQL (src/adapters/db/quota-ledger.repo.ts): the last requests-left and reset time
 * BigCommerce reported and the calls started since that it has not answered yet. Keyed by store hash,
 * as the transport knows stores; a row is only ever updated, one statement per call.
 * UNLOGGED on PostgreSQL: written on every BigCommerce call, and worth nothing after its window, so it
 * skips the write-ahead log (a statement costs about a millisecond instead of a WAL flush); after a
 * server crash it is empty, which reads as "nothing known yet".
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const dialect = dialectOf(db);
  const t = columnTypes(dialect);
  await db.schema
    .createTable('bigcommerce_quota')
    .$call((table) => (dialect === 'postgres' ? table.modifyFront(sql`unlogged`) : table))
    .addColumn('store_hash', 'text', (c) => c.primaryKey())
    .addColumn('requests_left', 'integer')
    .addColumn('quota', 'integer')
    .addColumn('window_ms', 'integer')
    .addColumn('reset_at', t.timestamp)
    .addColumn('pending', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('observed_at', t.timestamp)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('bigcommerce_quota').execute();
}
