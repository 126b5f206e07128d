import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Kysely, Migrator, sql } from 'kysely';
import { afterEach, describe, expect, test } from 'vitest';
import { openDatabase, pingDatabase } from '../../../src/adapters/db/database.js';
import { MIGRATION_NAMES, migrateToLatest } from '../../../src/adapters/db/migrate.js';
import * as defaultMessageSections from '../../../src/adapters/db/migrations/0006-default-message-sections.js';
import * as templateUnavailableMessage from '../../../src/adapters/db/migrations/0007-template-unavailable-message.js';
import { loadSqliteDriver } from '../../../src/adapters/db/sqlite-driver.js';
import type { StoreId } from '../../../src/app/ports/store-id.js';
import { aStore } from '../../builders/store.builder.js';
import { describeEachSqlDatabase } from './support/databases.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'backorder-db-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('SQLite database', () => {
  test('is one file under the data directory (created if missing), in WAL mode with foreign keys on', async () => {
    const file = path.join(tempDir(), 'nested', 'data', 'backorder.sqlite');
    const { db, dialect, destroy } = await openDatabase({ kind: 'sqlite', file });
    try {
      expect(dialect).toBe('sqlite');
      expect(existsSync(file)).toBe(true);
      const pragma = async (name: string) =>
        Object.values((await sql.raw(`pragma ${name}`).execute(db)).rows[0] as object)[0];
      expect(await pragma('journal_mode')).toBe('wal');
      expect(await pragma('foreign_keys')).toBe(1);
      expect(await pragma('busy_timeout')).toBe(5000);
      await expect(pingDatabase(db)).resolves.toBeUndefined();
    } finally {
      await destroy();
    }
  });

  test('migrates a fresh file once; running the migrations again is a no-op', async () => {
    const file = path.join(tempDir(), 'backorder.sqlite');
    const first = await openDatabase({ kind: 'sqlite', file });
    expect(MIGRATION_NAMES[0]).toBe('0001-initial-schema');
    expect([...MIGRATION_NAMES].sort()).toEqual(MIGRATION_NAMES);
    expect(await migrateToLatest(first.db)).toEqual(MIGRATION_NAMES);
    expect(await migrateToLatest(first.db)).toEqual([]);
    await first.destroy();
    const reopened = await openDatabase({ kind: 'sqlite', file });
    expect(await migrateToLatest(reopened.db)).toEqual([]);
    await reopened.destroy();
  });

  test('a migration that fails half-way leaves nothing behind', async () => {
    const { db, destroy } = await openDatabase({ kind: 'sqlite', file: path.join(tempDir(), 'x.sqlite') });
    try {
      const migrator = new Migrator({
        db,
        provider: {
          getMigrations: async () => ({
            '0001-broken': {
              up: async (trx: Kysely<unknown>) => {
                await trx.schema.createTable('half_done').addColumn('id', 'integer').execute();
                throw new Error('boom');
              },
            },
          }),
        },
      });
      const { error } = await migrator.migrateToLatest();
      expect(String(error)).toContain('boom');
      const tables = await db.introspection.getTables();
      expect(tables.map((t) => t.name)).not.toContain('half_done');
    } finally {
      await destroy();
    }
  });

  test('a transaction holds the write lock from its first statement, so its reads stay current', async () => {
    const file = path.join(tempDir(), 'lock.sqlite');
    const { db, destroy } = await openDatabase({ kind: 'sqlite', file });
    // Another process's connection, which does not wait for locks.
    const SQLite = loadSqliteDriver();
    const other = new SQLite(file, { timeout: 0 });
    try {
      await migrateToLatest(db);
      const attempts: string[] = [];
      await db.transaction().execute(async (trx) => {
        await trx.selectFrom('stores').select('id').execute(); // only a read so far
        try {
          other
            .prepare(
              "insert into stores (store_hash, status, installed_at, updated_at) values ('x', 'installed', 'a', 'a')",
            )
            .run();
          attempts.push('written');
        } catch (error) {
          attempts.push((error as { code: string }).code);
        }
      });
      expect(attempts).toEqual(['SQLITE_BUSY']);
      // Once the transaction is over, the other connection writes normally.
      other
        .prepare(
          "insert into stores (store_hash, status, installed_at, updated_at) values ('y', 'installed', 'a', 'a')",
        )
        .run();
    } finally {
      other.close();
      await destroy();
    }
  });

  test('foreign keys are enforced', async () => {
    const { db, destroy } = await openDatabase({ kind: 'sqlite', file: ':memory:' });
    try {
      await migrateToLatest(db);
      await expect(
        db
          .insertInto('templates')
          .values({ store_id: 999 as StoreId, name: 'orphan', created_at: 'x', updated_at: 'x' })
          .execute(),
      ).rejects.toThrow(/FOREIGN KEY/);
    } finally {
      await destroy();
    }
  });
});

// The database itself (migrations, the values its driver returns, the health check): SQL targets only.
describeEachSqlDatabase('Database', (db) => {
  test('the schema is current after migrating; migrating again changes nothing', async () => {
    expect(await migrateToLatest(db().handle.db)).toEqual([]);
  });

  test('0006 gives an untouched default backorder message its conditional date; edited texts stay', async () => {
    const { repos, handle } = db();
    const store = await aStore(repos);
    const NOW_ISO = new Date().toISOString();
    const old = 'On backorder: this item ships when it is back in stock, expected {back_in_stock_date}.';
    const edited = 'Ships soon, expected {back_in_stock_date}.';
    const insert = (name: string, text: string) =>
      handle.db
        .insertInto('templates')
        .values({
          store_id: store.id,
          name,
          backorder_message: text,
          created_at: NOW_ISO,
          updated_at: NOW_ISO,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
    const untouched = await insert('untouched', old);
    const mine = await insert('mine', edited);

    await defaultMessageSections.up(handle.db as unknown as Kysely<unknown>);

    const text = async (id: number) =>
      (
        await handle.db
          .selectFrom('templates')
          .select('backorder_message')
          .where('id', '=', id)
          .executeTakeFirstOrThrow()
      ).backorder_message;
    expect(await text(untouched.id)).toBe(
      'On backorder: this item ships when it is back in stock[, expected {back_in_stock_date}].',
    );
    expect(await text(mine.id)).toBe(edited);
  });

  test('0007 adds an empty unavailable message; an untouched default message gains its remaining units; edited texts stay', async () => {
    const { repos, handle } = db();
    const store = await aStore(repos);
    const NOW_ISO = new Date().toISOString();
    const installed =
      'On backorder: this item ships when it is back in stock[, expected {back_in_stock_date}].';
    const edited = 'Ships soon[, expected {back_in_stock_date}].';
    const insert = (name: string, text: string) =>
      handle.db
        .insertInto('templates')
        .values({
          store_id: store.id,
          name,
          backorder_message: text,
          created_at: NOW_ISO,
          updated_at: NOW_ISO,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
    const untouched = await insert('untouched', installed);
    const mine = await insert('mine', edited);
    const row = (id: number) =>
      handle.db
        .selectFrom('templates')
        .select(['backorder_message', 'unavailable_message'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
    // A new row gets the column's default: empty, so nothing is shown for an unavailable item.
    expect((await row(mine.id)).unavailable_message).toBe('');

    const legacy = handle.db as unknown as Kysely<unknown>;
    await templateUnavailableMessage.down(legacy);
    await sql`update templates set backorder_message = ${installed} where id = ${untouched.id}`.execute(
      legacy,
    );
    await templateUnavailableMessage.up(legacy);

    expect(await row(untouched.id)).toEqual({
      backorder_message: `${installed}[ Only {remaining_units} left to backorder.]`,
      unavailable_message: '',
    });
    expect(await row(mine.id)).toEqual({ backorder_message: edited, unavailable_message: '' });
  });

  test('returns the same JavaScript values on both databases: numbers, ISO timestamps, JSON text', async () => {
    const { repos, handle } = db();
    const store = await aStore(repos);
    const row = await handle.db
      .selectFrom('stores')
      .innerJoin('settings', 'settings.store_id', 'stores.id')
      .select(['stores.id', 'stores.installed_at', 'settings.notify_events', 'settings.restock_on_cancel'])
      .where('stores.id', '=', store.id)
      .executeTakeFirstOrThrow();
    expect(typeof row.id).toBe('number');
    expect(row.installed_at).toBe('2025-03-10T12:00:00.000Z');
    expect(typeof row.notify_events).toBe('string');
    expect(JSON.parse(row.notify_events)).toEqual(['backorder_enabled', 'backorder_disabled']);
    expect(Boolean(row.restock_on_cancel)).toBe(true);
    const count = await handle.db
      .selectFrom('stores')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(typeof count.n).toBe('number');
  });

  test('the health check answers', async () => {
    await expect(pingDatabase(db().handle.db)).resolves.toBeUndefined();
  });
});

describe('files in the data directory', () => {
  test('are private: the folder 0700, the database and its WAL files 0600', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'backorder-private-'));
    const dataDir = path.join(dir, 'data');
    const file = path.join(dataDir, 'backorder.sqlite');
    const { db, destroy } = await openDatabase({ kind: 'sqlite', file });
    try {
      await migrateToLatest(db);
      const mode = (p: string) => statSync(p).mode & 0o777;
      expect(mode(dataDir)).toBe(0o700);
      for (const f of [file, `${file}-wal`, `${file}-shm`]) expect(mode(f), f).toBe(0o600);
    } finally {
      await destroy();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
