import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../../../src/adapters/db/database.js';
import { migrateToLatest } from '../../../../src/adapters/db/migrate.js';
import { createRepositories } from '../../../../src/adapters/db/repositories.js';
import type { Database } from '../../../../src/config.js';
import {
  ALL_DATABASES,
  describeOn,
  type OpenedTarget,
  openMemory,
  type SqlDatabaseName,
  type TestDatabase,
} from './storage-targets.js';

export {
  describeOnMemory,
  type JournalRow,
  type SqlDatabaseName,
  type StoredRows,
  type TestDatabase,
} from './storage-targets.js';

/** A SQL target, for the suites about the database itself (migrations, triggers, raw values). */
export interface SqlTestDatabase extends TestDatabase {
  readonly name: SqlDatabaseName;
  readonly handle: DatabaseHandle;
  /** PostgreSQL: the application name of this target's connections (pg_stat_activity tells them apart). */
  readonly applicationName: string | null;
  /** Runs `work` and answers with the SQL text of every statement run meanwhile, BEGIN and COMMIT included. */
  recordStatements<T>(work: () => Promise<T>): Promise<{ readonly value: T; readonly statements: string[] }>;
}

let handles = 0;

/**
 * Runs one suite against every storage target: SQLite (a fresh file in a temp dir, so WAL and the file
 * lock are real), PostgreSQL (this run's fresh database, see test/support/global-setup.ts) and `memory`
 * (the in-memory fakes of test/fakes, held here to the same assertions as the databases). The
 * PostgreSQL half is skipped only when no server is reachable, which CI forbids (REQUIRE_POSTGRES=1).
 * TEST_DATABASES (a comma list, default all three) picks targets, e.g. `TEST_DATABASES=memory` for a
 * fast run; the others are then reported as skipped.
 * Tests share the storage of their file, so each one works in stores of its own.
 */
export function describeEachDatabase(title: string, body: (db: () => TestDatabase) => void): void {
  const postgresUrl = inject('postgresUrl');
  describeOn<TestDatabase>(
    ALL_DATABASES.map((name) => ({
      name,
      available: name !== 'postgres' || postgresUrl !== null,
      open: async () => (name === 'memory' ? openMemory() : openSql(name, postgresUrl)),
    })),
    title,
    body,
  );
}

/**
 * As describeEachDatabase, on the SQL databases only: for suites about the database itself, and for the
 * SQL half of a use-case suite whose `memory` half is a unit test (describeOnMemory).
 */
export function describeEachSqlDatabase(title: string, body: (db: () => SqlTestDatabase) => void): void {
  const postgresUrl = inject('postgresUrl');
  const names: readonly SqlDatabaseName[] = ['sqlite', 'postgres'];
  describeOn<SqlTestDatabase>(
    names.map((name) => ({
      name,
      available: name !== 'postgres' || postgresUrl !== null,
      open: () => openSql(name, postgresUrl),
    })),
    title,
    body,
  );
}

async function openSql(
  name: SqlDatabaseName,
  postgresUrl: string | null,
): Promise<OpenedTarget<SqlTestDatabase>> {
  let dir: string | undefined;
  let config: Database;
  let applicationName: string | null = null;
  if (name === 'sqlite') {
    dir = mkdtempSync(path.join(tmpdir(), 'backorder-storage-'));
    config = { kind: 'sqlite', file: path.join(dir, 'test.sqlite') };
  } else {
    handles += 1;
    applicationName = `backorder-test-${process.pid}-${handles}`;
    const url = new URL(postgresUrl!);
    url.searchParams.set('application_name', applicationName);
    config = { kind: 'postgres', url: url.toString() };
  }
  let recording: string[] | null = null;
  // Pool > 1 so that concurrent PostgreSQL transactions really race.
  const handle = await openDatabase(config, {
    poolSize: 5,
    log: (event) => {
      if (event.level === 'query') recording?.push(event.query.sql);
    },
  });
  await migrateToLatest(handle.db);
  const { db } = handle;
  const target: SqlTestDatabase = {
    name,
    handle,
    applicationName,
    async recordStatements(work) {
      const statements: string[] = [];
      recording = statements;
      try {
        return { value: await work(), statements };
      } finally {
        recording = null;
      }
    },
    repos: createRepositories(handle),
    stored: {
      async count(table, storeId) {
        const row = await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('store_id', '=', storeId)
          .executeTakeFirstOrThrow();
        return Number(row.n);
      },
      async journal(storeId) {
        const rows = await db
          .selectFrom('item_events')
          .select(['item_id', 'idempotency_key', 'kind', 'cause_type', 'cause_ref', 'actor'])
          .where('store_id', '=', storeId)
          .orderBy('id')
          .execute();
        return rows.map((r) => ({
          itemId: r.item_id,
          idempotencyKey: r.idempotency_key,
          kind: r.kind,
          causeType: r.cause_type,
          causeRef: r.cause_ref,
          actor: r.actor,
        }));
      },
    },
  };
  return {
    target,
    close: async () => {
      await handle.destroy();
      if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
    },
  };
}
