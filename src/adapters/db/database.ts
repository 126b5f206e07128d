import { createHash } from 'node:crypto';
import { Kysely, type LogEvent, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Database as DatabaseConfig } from '../../config.js';
import { ensurePrivateFile } from '../fs/private-files.js';
import type { Dialect } from './migrations/column-types.js';
import type { DB } from './schema.js';
import { SerializedSqliteDialect } from './sqlite-dialect.js';
import { loadSqliteDriver } from './sqlite-driver.js';

export type { Dialect } from './migrations/column-types.js';

export interface DatabaseHandle {
  readonly db: Kysely<DB>;
  readonly dialect: Dialect;
  /** Closes the connection (SQLite) or the pool (PostgreSQL). */
  destroy(): Promise<void>;
}

export interface OpenOptions {
  /** PostgreSQL pool size (default POSTGRES_POOL_SIZE). */
  readonly poolSize?: number;
  /** Called when an idle pooled PostgreSQL connection fails; the pool replaces it by itself. */
  readonly onPoolError?: (error: Error) => void;
  /** Sees every statement the connection runs, BEGIN and COMMIT included (for profiling and tests). */
  readonly log?: (event: LogEvent) => void;
}

/** How long a SQLite writer waits for another process's write lock before giving up. */
const SQLITE_BUSY_TIMEOUT_MS = 5000;

/**
 * Opens the app's database: an embedded SQLite file by default, PostgreSQL for a postgres URL.
 * Both connections return the same JavaScript values (see schema.ts), so repositories are written
 * once for both.
 */
export async function openDatabase(
  config: DatabaseConfig,
  options: OpenOptions = {},
): Promise<DatabaseHandle> {
  if (config.kind === 'sqlite') return openSqlite(config.file, options);
  return openPostgres(config.url, options);
}

function openSqlite(file: string, options: OpenOptions): DatabaseHandle {
  if (file !== ':memory:') ensurePrivateFile(file);
  const SQLite = loadSqliteDriver();
  const connection = new SQLite(file);
  // WAL: readers never block the writer; FULL: a committed transaction survives a power cut too.
  connection.pragma('journal_mode = WAL');
  connection.pragma('synchronous = FULL');
  connection.pragma('foreign_keys = ON');
  connection.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  reusePreparedStatements(connection);
  const db = new Kysely<DB>({
    dialect: new SerializedSqliteDialect({ database: connection }),
    ...(options.log === undefined ? {} : { log: options.log }),
  });
  return { db, dialect: 'sqlite', destroy: () => db.destroy() };
}

/** How many distinct statements a SQLite connection keeps prepared (least recently used go first). */
const SQLITE_STATEMENT_CACHE = 500;
/**
 * Longer texts (a thousand-row insert, a long IN list) are prepared each time: their compiled
 * programs take megabytes, and they seldom repeat.
 */
const SQLITE_CACHED_SQL_MAX = 4_000;

/**
 * Kysely prepares every query anew, and better-sqlite3 frees a statement only when its JavaScript
 * object is collected — which V8 does not hurry, as it cannot see the native memory behind it; and
 * preparing is a good part of a small query's time. The same SQL text now gets the same prepared
 * statement (one connection, queries one at a time behind Kysely's mutex, so a statement is never
 * in use twice).
 */
function reusePreparedStatements(connection: { prepare: (sql: string) => unknown }): void {
  const prepare = connection.prepare.bind(connection);
  const cache = new Map<string, unknown>();
  connection.prepare = (text: string) => {
    if (text.length > SQLITE_CACHED_SQL_MAX) return prepare(text);
    let statement = cache.get(text);
    if (statement === undefined) {
      statement = prepare(text);
      if (cache.size >= SQLITE_STATEMENT_CACHE) cache.delete(cache.keys().next().value as string);
    } else {
      cache.delete(text);
    }
    cache.set(text, statement);
    return statement;
  };
}

/**
 * Marks a statement's text for preparing once per PostgreSQL connection (a named statement): its later
 * calls send only their values, and the server neither parses nor plans it again. For the hot
 * statements whose text depends only on their shape (item-event-statements.ts); each distinct text
 * stays prepared for the connection's life.
 */
export const PREPARED = '/* prepared */ ';

/**
 * Connections of the app's pool: the `webhook.process` jobs of a storm (8 at a time, each holding one
 * through its sale's transaction) and the webhook receipts answered meanwhile must not queue for one
 * (issue 12.8). With pg-boss's 8, two instances use at most 56 of PostgreSQL's default 100 connections.
 */
export const POSTGRES_POOL_SIZE = 20;

function openPostgres(url: string, options: OpenOptions): DatabaseHandle {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? POSTGRES_POOL_SIZE,
    types: { getTypeParser },
  });
  pool.on('error', options.onPoolError ?? (() => {}));
  pool.on('connect', prepareMarkedStatements);
  const db = new Kysely<DB>({
    dialect: new PostgresDialect({ pool }),
    ...(options.log === undefined ? {} : { log: options.log }),
  });
  return { db, dialect: 'postgres', destroy: () => db.destroy() };
}

const statementNames = new Map<string, string>();

/** Kysely sends `query(text, values)`; a marked text goes as a named statement instead. */
function prepareMarkedStatements(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (config: unknown, values?: unknown) => unknown;
  client.query = ((config: unknown, values?: unknown) => {
    if (typeof config !== 'string' || !config.startsWith(PREPARED)) return query(config, values);
    let name = statementNames.get(config);
    if (name === undefined) {
      name = `backorder_${createHash('sha256').update(config).digest('hex').slice(0, 32)}`;
      statementNames.set(config, name);
    }
    return query({ name, text: config, values });
  }) as typeof client.query;
}

const OID = { int8: 20, json: 114, timestamptz: 1184, jsonb: 3802 } as const;
const parseTimestamptz = pg.types.getTypeParser(OID.timestamptz);

/**
 * Makes PostgreSQL values look like SQLite's: bigint ids and counts as numbers (refusing any beyond
 * 2^53 rather than rounding them), timestamps as ISO strings, JSON as its text.
 */
const getTypeParser = ((oid: number, format?: 'text' | 'binary') => {
  switch (oid) {
    case OID.int8:
      return (value: string) => {
        const n = Number(value);
        if (!Number.isSafeInteger(n))
          throw new RangeError(`Integer ${value} is too large for a JavaScript number`);
        return n;
      };
    case OID.timestamptz:
      return (value: string) => (parseTimestamptz(value) as Date).toISOString();
    case OID.json:
    case OID.jsonb:
      return (value: string) => value;
    default:
      return pg.types.getTypeParser(oid, format);
  }
}) as typeof pg.types.getTypeParser;

/** Resolves when the database answers a trivial query. */
export async function pingDatabase(db: Kysely<DB>): Promise<void> {
  await sql`select 1`.execute(db);
}
