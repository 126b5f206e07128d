import { type ForeignKeyConstraintBuilder, type Kysely, sql } from 'kysely';
import { columnTypes, dialectOf } from './column-types.js';

/**
 * Imports (issue 10): a run keeps what its dry run found (format, encoding, the file's hash, the
 * client's Idempotency-Key, the changes it would make) and how it is applied; its valid rows are staged
 * in `import_rows` with what each asks to change, and every problem found, at upload or at apply, is a
 * row of `import_problems`. Applying works the staged rows in line order, chunk by chunk; each row's
 * change is keyed by run and line in the ledger, so a resumed run never applies a row twice, and a
 * row's `outcome` says how it ended.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(dialectOf(db));
  const cascade = (fk: ForeignKeyConstraintBuilder) => fk.onDelete('cascade');

  for (const [column, type] of [
    ['format', 'text'],
    ['encoding', 'text'],
    ['file_hash', 'text'],
    ['request_key', 'text'],
    ['summary', t.json],
    ['apply_valid_rows', t.bool],
    ['applied_at', t.timestamp],
  ] as const) {
    await db.schema.alterTable('import_runs').addColumn(column, type).execute();
  }
  await db.schema
    .alterTable('import_runs')
    .addColumn('unchanged_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  // The rows' and problems' foreign keys name the run with its store.
  await db.schema
    .createIndex('import_runs_store_id_id_key')
    .on('import_runs')
    .columns(['store_id', 'id'])
    .unique()
    .execute();
  await db.schema
    .createIndex('import_runs_request_key_idx')
    .on('import_runs')
    .columns(['store_id', 'request_key'])
    .where(sql<boolean>`request_key is not null`)
    .execute();
  await db.schema
    .createIndex('import_runs_file_hash_idx')
    .on('import_runs')
    .columns(['store_id', 'file_hash', 'status'])
    .where(sql<boolean>`file_hash is not null`)
    .execute();
  await db.schema
    .createIndex('import_runs_applying_idx')
    .on('import_runs')
    .columns(['updated_at'])
    .where(sql<boolean>`status = 'applying'`)
    .execute();

  await db.schema
    .createTable('import_rows')
    .addColumn('id', t.id, t.identity)
    .addColumn('store_id', t.ref, (c) => c.notNull())
    .addColumn('run_id', t.ref, (c) => c.notNull())
    .addColumn('line', 'integer', (c) => c.notNull())
    .addColumn('sku', 'text', (c) => c.notNull())
    .addColumn('item_id', t.ref, (c) => c.notNull())
    // Each value with whether the file gave it: an absent column or an empty stock cell changes nothing,
    // while an empty threshold or date cell clears it (null given).
    .addColumn('stock', 'integer')
    .addColumn('stock_given', t.bool, (c) => c.notNull())
    .addColumn('threshold', 'integer')
    .addColumn('threshold_given', t.bool, (c) => c.notNull())
    .addColumn('incoming', 'integer')
    .addColumn('incoming_given', t.bool, (c) => c.notNull())
    .addColumn('back_in_stock_date', 'text')
    .addColumn('back_in_stock_date_given', t.bool, (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('applied_at', t.timestamp)
    .addForeignKeyConstraint(
      'import_rows_run_fk',
      ['store_id', 'run_id'],
      'import_runs',
      ['store_id', 'id'],
      cascade,
    )
    .addUniqueConstraint('import_rows_run_line_key', ['store_id', 'run_id', 'line'])
    .addCheckConstraint(
      'import_rows_outcome_check',
      sql`outcome in ('pending', 'applied', 'refused', 'unchanged')`,
    )
    .execute();
  // Applying reads the pending rows of a run in line order.
  await db.schema
    .createIndex('import_rows_pending_idx')
    .on('import_rows')
    .columns(['store_id', 'run_id', 'line'])
    .where(sql<boolean>`outcome = 'pending'`)
    .execute();

  await db.schema
    .createTable('import_problems')
    .addColumn('id', t.id, t.identity)
    .addColumn('store_id', t.ref, (c) => c.notNull())
    .addColumn('run_id', t.ref, (c) => c.notNull())
    .addColumn('line', 'integer', (c) => c.notNull())
    .addColumn('column_name', 'text')
    .addColumn('sku', 'text')
    .addColumn('value', 'text')
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addForeignKeyConstraint(
      'import_problems_run_fk',
      ['store_id', 'run_id'],
      'import_runs',
      ['store_id', 'id'],
      cascade,
    )
    .execute();
  // The problems of a run are read by line (pages, the error report, the preview).
  await db.schema
    .createIndex('import_problems_run_line_idx')
    .on('import_problems')
    .columns(['store_id', 'run_id', 'line', 'id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('import_problems').execute();
  await db.schema.dropTable('import_rows').execute();
  for (const index of [
    'import_runs_applying_idx',
    'import_runs_file_hash_idx',
    'import_runs_request_key_idx',
    'import_runs_store_id_id_key',
  ]) {
    await db.schema.dropIndex(index).execute();
  }
  for (const column of [
    'unchanged_rows',
    'applied_at',
    'apply_valid_rows',
    'summary',
    'request_key',
    'file_hash',
    'encoding',
    'format',
  ]) {
    await db.schema.alterTable('import_runs').dropColumn(column).execute();
  }
}
