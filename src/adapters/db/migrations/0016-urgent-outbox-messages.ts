import { type Kysely, sql } from 'kysely';
import { columnTypes, dialectOf, TRUE } from './column-types.js';

/**
 * Outbox messages that narrow what shoppers can buy (purchase disabled, a lower per-order maximum) are
 * `urgent`: the urgent delivery lane (`outbox.deliverUrgent`) claims only them, and every delivery claims
 * them first, so they never wait behind a backlog of other writes of the store (issue 9.1). Messages
 * written before are not urgent.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(dialectOf(db));
  await db.schema
    .alterTable('outbox')
    .addColumn('urgent', t.bool, (c) => c.notNull().defaultTo(false))
    .execute();
  await db.schema
    .createIndex('outbox_store_urgent_idx')
    .on('outbox')
    .columns(['store_id', 'id'])
    .where(sql<boolean>`delivered_at is null and urgent = ${TRUE}`)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('outbox_store_urgent_idx').execute();
  await db.schema.alterTable('outbox').dropColumn('urgent').execute();
}
