import type { Kysely } from 'kysely';
import { columnTypes, dialectOf } from './column-types.js';

/**
 * An assignment run remembers the stock defaults asked for with it (threshold, incoming stock,
 * back-in-stock date, each one only when given), which override its template's for every item it
 * assigns, so a run resumed after a restart assigns what was asked. Null: the template's alone.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(dialectOf(db));
  await db.schema.alterTable('assignment_runs').addColumn('stock_defaults', t.json).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('assignment_runs').dropColumn('stock_defaults').execute();
}
