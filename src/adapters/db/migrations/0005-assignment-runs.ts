import { type ForeignKeyConstraintBuilder, type Kysely, sql } from 'kysely';
import { columnTypes, dialectOf } from './column-types.js';

/**
 * Assignment runs: one row per "assign these products" request (a list of ids, or a catalog filter
 * resolved by the job), and one row per product of the run with how it ended. Progress is counted
 * from the product rows, so it can never drift from them; a run that dies part-way is resumed by
 * working its still-pending rows again (each product's assignment is idempotent by the run's key).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(dialectOf(db));
  const cascade = (fk: ForeignKeyConstraintBuilder) => fk.onDelete('cascade');

  await db.schema
    .createTable('assignment_runs')
    .addColumn('id', t.id, t.identity)
    .addColumn('store_id', t.ref, (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    // No foreign key: a template may be deleted later; the run keeps saying which one it used.
    .addColumn('template_id', t.ref)
    // The catalog filter of a "select all matching" run; null for a list of product ids.
    .addColumn('filter', t.json)
    // Whether the run's products are all listed (a filter is resolved by the job, page by page).
    .addColumn('resolved', t.bool, (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('error', 'text')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addColumn('finished_at', t.timestamp)
    .addForeignKeyConstraint('assignment_runs_store_fk', ['store_id'], 'stores', ['id'], cascade)
    .addUniqueConstraint('assignment_runs_store_id_id_key', ['store_id', 'id'])
    .addCheckConstraint(
      'assignment_runs_status_check',
      sql`status in ('pending', 'running', 'done', 'failed')`,
    )
    .execute();

  await db.schema
    .createTable('assignment_run_items')
    .addColumn('id', t.id, t.identity)
    .addColumn('store_id', t.ref, (c) => c.notNull())
    .addColumn('run_id', t.ref, (c) => c.notNull())
    .addColumn('bc_product_id', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('code', 'text')
    .addColumn('message', 'text')
    .addColumn('product_name', 'text')
    .addColumn('product_sku', 'text')
    .addColumn('item_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('warnings', t.json, (c) => c.notNull().defaultTo('[]'))
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addForeignKeyConstraint(
      'assignment_run_items_run_fk',
      ['store_id', 'run_id'],
      'assignment_runs',
      ['store_id', 'id'],
      cascade,
    )
    .addUniqueConstraint('assignment_run_items_run_product_key', ['store_id', 'run_id', 'bc_product_id'])
    .addCheckConstraint(
      'assignment_run_items_status_check',
      sql`status in ('pending', 'assigned', 'skipped', 'failed')`,
    )
    .execute();
  await db.schema
    .createIndex('assignment_run_items_progress_idx')
    .on('assignment_run_items')
    .columns(['store_id', 'run_id', 'status', 'id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('assignment_run_items').execute();
  await db.schema.dropTable('assignment_runs').execute();
}
