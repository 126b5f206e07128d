import { afterAll, beforeAll, describe } from 'vitest';
import type { StoragePorts } from '../../../../src/app/ports/storage-ports.js';
import type { StoreId } from '../../../../src/app/ports/store-id.js';
import { createInMemoryRepositories, InMemoryDatabase } from '../../../fakes/in-memory/index.js';

/**
 * What the storage suites share, without any database driver: the targets, the TEST_DATABASES filter,
 * and the `memory` target (the in-memory fakes of test/fakes). The SQL targets (SQLite, PostgreSQL) are
 * opened in databases.ts; a unit test imports only this module (describeOnMemory), so it loads no
 * driver and needs no database.
 */
export type SqlDatabaseName = 'sqlite' | 'postgres';
export type DatabaseName = SqlDatabaseName | 'memory';

export const ALL_DATABASES: readonly DatabaseName[] = ['sqlite', 'postgres', 'memory'];

/** A storage target as a suite sees it: the storage ports, and what they stored beyond what they list. */
export interface TestDatabase {
  readonly name: DatabaseName;
  readonly repos: StoragePorts;
  readonly stored: StoredRows;
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

/** An opened target and how to close it. */
export interface OpenedTarget<Target extends TestDatabase> {
  readonly target: Target;
  close(): Promise<void>;
}

/**
 * Runs one suite on the `memory` target only: the use-case suites of the unit tier, whose SQL runs are
 * the same suite in a `*.integration.test.ts` beside them (describeEachSqlDatabase). TEST_DATABASES
 * applies as everywhere: without `memory` in it, the suite is reported as skipped.
 */
export function describeOnMemory(title: string, body: (db: () => TestDatabase) => void): void {
  describeOn([{ name: 'memory', available: true, open: async () => openMemory() }], title, body);
}

/**
 * One `describe` per target, titled `{title} on {name}`; a target that is not selected (TEST_DATABASES)
 * or not available (no PostgreSQL) is reported as skipped. Tests share the storage of their file, so
 * each one works in stores of its own.
 */
export function describeOn<Target extends TestDatabase>(
  targets: readonly {
    readonly name: Target['name'];
    readonly available: boolean;
    readonly open: () => Promise<OpenedTarget<Target>>;
  }[],
  title: string,
  body: (db: () => Target) => void,
): void {
  const selected = selectedDatabases();
  const rows = targets.map((t) => [t.name, selected.includes(t.name) && t.available] as const);
  describe.each(rows)(`${title} on %s`, (name, available) => {
    describe.skipIf(!available)('', () => {
      let current: OpenedTarget<Target> | undefined;
      beforeAll(async () => {
        current = await targets.find((t) => t.name === name)!.open();
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

/** TEST_DATABASES (a comma list), or every target. */
export function selectedDatabases(): readonly DatabaseName[] {
  const wanted = process.env.TEST_DATABASES;
  if (wanted === undefined || wanted.trim() === '') return ALL_DATABASES;
  const names = wanted.split(',').map((n) => n.trim());
  const unknown = names.filter((n) => !(ALL_DATABASES as readonly string[]).includes(n));
  if (unknown.length > 0) {
    throw new Error(
      `TEST_DATABASES names ${unknown.join(', ')}; the targets are ${ALL_DATABASES.join(', ')}.`,
    );
  }
  return names as DatabaseName[];
}

export function openMemory(): OpenedTarget<TestDatabase> {
  const database = new InMemoryDatabase();
  const target: TestDatabase = {
    name: 'memory',
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
