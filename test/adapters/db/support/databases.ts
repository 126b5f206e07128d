import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../../../src/adapters/db/database.js';
import { migrateToLatest } from '../../../../src/adapters/db/migrate.js';
import { createRepositories, type Repositories } from '../../../../src/adapters/db/repositories.js';
import type { StoreId } from '../../../../src/app/ports/store-id.js';
import type { Database } from '../../../../src/config.js';
import { createInMemoryRepositories, InMemoryDatabase } from '../../../fakes/in-memory/index.js';

export type SqlDatabaseName = 'sqlite' | 'postgres';
export type DatabaseName = SqlDatabaseName | 'memory';

const ALL: readonly DatabaseName[] = ['sqlite', 'postgres', 'memory'];

/** A storage target as a suite sees it: the storage ports, and what they stored beyond what they list. */
export interface TestDatabase {
  readonly name: DatabaseName;
  readonly repos: Repositories;
  readonly stored: StoredRows;
}

/** A SQL target, for the suites about the database itself (migrations, triggers, raw values). */
export interface SqlTestDatabase extends TestDatabase {
  readonly name: SqlDatabaseName;
  readonly handle: DatabaseHandle;
}

/**
 * Rows the ports write but never hand back whole (the journal, row counts), read the way each target
 * keeps them: SQL on the databases, the tables of the in-memory storage on `memory`.
 */
export interface StoredRows {
  count(table: 'item_events' | 'ledger' | 'transitions' | 'outbox', storeId: StoreId): Promise<number>;
  /** The store's journal rows, oldest first. */
  journal(storeId: StoreId): Promise<JournalRow[]>;
}

export interface JournalRow {
  readonly itemId: number;
  readonly idempotencyKey: string;
  readonly kind: string;
  readonly causeType: string;
  readonly causeRef: string | null;
  readonly actor: string;
}

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
  describeOn(ALL, title, body);
}

/** As describeEachDatabase, on the SQL databases only: for suites about the database itself. */
export function describeEachSqlDatabase(title: string, body: (db: () => SqlTestDatabase) => void): void {
  describeOn(['sqlite', 'postgres'], title, body);
}

function describeOn<Target extends TestDatabase>(
  names: readonly Target['name'][],
  title: string,
  body: (db: () => Target) => void,
): void {
  const postgresUrl = inject('postgresUrl');
  const selected = selectedDatabases();
  const targets: [Target['name'], boolean][] = names.map((name) => [
    name,
    selected.includes(name) && (name !== 'postgres' || postgresUrl !== null),
  ]);
  describe.each(targets)(`${title} on %s`, (name, available) => {
    describe.skipIf(!available)('', () => {
      let current: { target: Target; close: () => Promise<void> } | undefined;
      beforeAll(async () => {
        current = (await open(name, postgresUrl)) as { target: Target; close: () => Promise<void> };
      });
      afterAll(async () => {
        await current?.close();
      });
      body(() => {
        if (current === undefined) throw new Error('database not opened yet');
        return current.target;
      });
    });
  });
}

function selectedDatabases(): readonly DatabaseName[] {
  const wanted = process.env.TEST_DATABASES;
  if (wanted === undefined || wanted.trim() === '') return ALL;
  const names = wanted.split(',').map((n) => n.trim());
  const unknown = names.filter((n) => !(ALL as readonly string[]).includes(n));
  if (unknown.length > 0) {
    throw new Error(`TEST_DATABASES names ${unknown.join(', ')}; the targets are ${ALL.join(', ')}.`);
  }
  return names as DatabaseName[];
}

async function open(
  name: DatabaseName,
  postgresUrl: string | null,
): Promise<{ target: TestDatabase; close: () => Promise<void> }> {
  if (name === 'memory') {
    const database = new InMemoryDatabase();
    const target: TestDatabase = {
      name,
      repos: createInMemoryRepositories(database),
      stored: {
        count: (table, storeId) =>
          database.execute(() => {
            const rows = {
              item_events: database.itemEvents,
              ledger: database.ledger,
              transitions: database.transitions,
              outbox: database.outbox,
            }[table];
            return rows.filter((r) => r.storeId === storeId).length;
          }),
        journal: async (storeId) =>
          (await database.journal(storeId)).map((e) => ({
            itemId: e.itemId,
            idempotencyKey: e.idempotencyKey,
            kind: e.kind,
            causeType: e.causeType,
            causeRef: e.causeRef,
            actor: e.actor,
          })),
      },
    };
    return { target, close: async () => {} };
  }

  let dir: string | undefined;
  let config: Database;
  if (name === 'sqlite') {
    dir = mkdtempSync(path.join(tmpdir(), 'backorder-storage-'));
    config = { kind: 'sqlite', file: path.join(dir, 'test.sqlite') };
  } else {
    config = { kind: 'postgres', url: postgresUrl! };
  }
  // Pool > 1 so that concurrent PostgreSQL transactions really race.
  const handle = await openDatabase(config, { poolSize: 5 });
  await migrateToLatest(handle.db);
  const { db } = handle;
  const target: SqlTestDatabase = {
    name,
    handle,
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
