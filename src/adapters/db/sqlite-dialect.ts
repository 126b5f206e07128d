import {
  CompiledQuery,
  type DatabaseConnection,
  type DialectAdapter,
  type Driver,
  SqliteAdapter,
  SqliteDialect,
  type SqliteDialectConfig,
  SqliteDriver,
} from 'kysely';

/**
 * Kysely's SQLite dialect with two changes that make it safe for this app:
 *
 * 1. Transactions start with `BEGIN IMMEDIATE`, taking SQLite's single write lock at the start.
 *    Inside this process Kysely already serialises everything (one connection behind a mutex), but
 *    another process on the same file (`npm run migrate`, a second instance) could otherwise commit
 *    between our read and our write, and a deferred transaction upgrading to a writer then fails at
 *    once with SQLITE_BUSY instead of waiting. With IMMEDIATE the second writer waits (busy_timeout)
 *    before it reads anything, so a read inside a transaction is as good as a row lock.
 * 2. Migrations run inside one transaction (SQLite has transactional DDL; Kysely is conservative and
 *    says it has not), so a migration that fails half-way leaves nothing behind.
 */
export class SerializedSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;

  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }

  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}

class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}
