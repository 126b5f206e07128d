import { type Kysely, sql } from 'kysely';
import { columnTypes, dialectOf } from './column-types.js';

/**
 * Two things the background work needs (src/adapters/jobs, src/app/dates/check-back-in-stock-dates.ts):
 *
 * 1. Jobs: a singleton key now dedupes only jobs that have not started yet (attempts = 0), as the
 *    JobQueue port promises and as pg-boss's `short` policy does. A job already running must not
 *    swallow the next send: "deliver this store's outbox" sent while a delivery runs is new work.
 *    `singleton_on` is the time slot of a periodic job (`every`): one job per queue, key and slot, for
 *    ever, so several instances ticking in the same slot queue it once even when the first already ran.
 * 2. Stores: the store-local date through which back-in-stock dates were applied, so the daily check
 *    runs once per store and local day, and catches up after downtime.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(dialectOf(db));

  await db.schema.dropIndex('jobs_singleton_key').execute();
  await db.schema
    .createIndex('jobs_singleton_queued_key')
    .on('jobs')
    .columns(['queue', 'singleton_key'])
    .unique()
    .where(sql<boolean>`singleton_key is not null and attempts = 0 and done_at is null and failed_at is null`)
    .execute();

  await db.schema.alterTable('jobs').addColumn('singleton_on', t.timestamp).execute();
  await db.schema
    .createIndex('jobs_singleton_slot_key')
    .on('jobs')
    .columns(['queue', 'singleton_key', 'singleton_on'])
    .unique()
    .where(sql<boolean>`singleton_on is not null`)
    .execute();
  // Finding running jobs whose lease ran out (their process died) and old finished jobs to delete.
  await db.schema
    .createIndex('jobs_locked_idx')
    .on('jobs')
    .column('locked_until')
    .where(sql<boolean>`locked_until is not null`)
    .execute();
  await db.schema
    .createIndex('jobs_done_idx')
    .on('jobs')
    .column('done_at')
    .where(sql<boolean>`done_at is not null`)
    .execute();

  // A LocalDate (`YYYY-MM-DD`, compares as text); null until the first check.
  await db.schema.alterTable('stores').addColumn('dates_checked_through', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('stores').dropColumn('dates_checked_through').execute();
  await db.schema.dropIndex('jobs_done_idx').execute();
  await db.schema.dropIndex('jobs_locked_idx').execute();
  await db.schema.dropIndex('jobs_singleton_slot_key').execute();
  await db.schema.alterTable('jobs').dropColumn('singleton_on').execute();
  await db.schema.dropIndex('jobs_singleton_queued_key').execute();
  await db.schema
    .createIndex('jobs_singleton_key')
    .on('jobs')
    .columns(['queue', 'singleton_key'])
    .unique()
    .where(sql<boolean>`singleton_key is not null and done_at is null and failed_at is null`)
    .execute();
}
