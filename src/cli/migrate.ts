import { openDatabase } from '../adapters/db/database.js';
import { migrateToLatest } from '../adapters/db/migrate.js';
import { type Config, ConfigError, loadConfig } from '../config.js';

/** `npm run migrate`: brings the configured database's schema up to date (the app also does this on start). */
async function run(): Promise<void> {
  const config = loadConfig();
  const database = await openDatabase(config.database);
  try {
    const applied = await migrateToLatest(database.db);
    const where = describe(config.database);
    process.stdout.write(
      applied.length === 0
        ? `${where}: schema is up to date.\n`
        : `${where}: applied ${applied.length} migration(s): ${applied.join(', ')}\n`,
    );
  } finally {
    await database.destroy();
  }
}

/** Names the database without printing a PostgreSQL password. */
function describe(database: Config['database']): string {
  if (database.kind === 'sqlite') return `SQLite ${database.file}`;
  const url = new URL(database.url);
  return `PostgreSQL ${url.hostname}:${url.port || 5432}${url.pathname}`;
}

run().catch((error: unknown) => {
  process.stderr.write(
    error instanceof ConfigError ? `${error.message}\n` : `${(error as Error).stack ?? error}\n`,
  );
  process.exitCode = 1;
});
