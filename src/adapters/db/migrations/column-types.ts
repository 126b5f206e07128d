import { type ColumnDefinitionBuilder, type Kysely, PostgresAdapter, sql } from 'kysely';

export type Dialect = 'sqlite' | 'postgres';

/** Which database a Kysely instance talks to (migrations receive only the instance). */
export function dialectOf(db: Kysely<unknown>): Dialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/**
 * The few column types that differ between the two databases. Everything else (text, integer,
 * constraints, indexes) is written once in the migrations.
 */
export function columnTypes(dialect: Dialect) {
  const pg = dialect === 'postgres';
  return {
    /** Primary key, filled by the database, increasing, so append-only tables have a total order. */
    id: pg ? ('bigint' as const) : ('integer' as const),
    identity: (col: ColumnDefinitionBuilder) =>
      pg ? col.primaryKey().generatedByDefaultAsIdentity() : col.primaryKey().autoIncrement(),
    /** A column pointing at an `id`. */
    ref: pg ? ('bigint' as const) : ('integer' as const),
    bool: pg ? ('boolean' as const) : ('integer' as const),
    json: pg ? ('jsonb' as const) : ('text' as const),
    /** ISO-8601 text on SQLite, which sorts and compares correctly because every value has the same form. */
    timestamp: pg ? ('timestamptz' as const) : ('text' as const),
  };
}

/** `true` in a DDL expression (SQLite ≥ 3.23 reads TRUE as 1; both databases accept it). */
export const TRUE = sql.lit(true);
