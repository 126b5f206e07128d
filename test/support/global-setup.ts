import pg from 'pg';
import type { TestProject } from 'vitest/node';

/**
 * Gives every test run its own fresh PostgreSQL database, so runs never see each other's data.
 * Test files read the URL with `inject('postgresUrl')`; it is null when PostgreSQL is not reachable,
 * and then the PostgreSQL half of the contract suites is skipped, unless REQUIRE_POSTGRES=1 (CI),
 * where an unreachable server fails the run instead.
 */
const ADMIN_URL = process.env.TEST_POSTGRES_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string | null;
    requireBrowser: boolean;
  }
}

export default async function setup(project: TestProject) {
  project.provide('requireBrowser', process.env.REQUIRE_BROWSER === '1');
  const dbName = `backorder_test_${Date.now()}_${process.pid}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch (error) {
    if (process.env.REQUIRE_POSTGRES === '1') {
      throw new Error(`REQUIRE_POSTGRES=1 but PostgreSQL is not reachable at ${ADMIN_URL}: ${String(error)}`);
    }
    console.warn(`PostgreSQL not reachable at ${ADMIN_URL}; PostgreSQL tests will be skipped.`);
    project.provide('postgresUrl', null);
    return;
  }
  await admin.query(`CREATE DATABASE ${dbName}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${dbName}`;
  project.provide('postgresUrl', url.toString());
  console.log(`PostgreSQL tests run in the fresh database ${dbName}`);

  return async () => {
    const cleanup = new pg.Client({ connectionString: ADMIN_URL });
    await cleanup.connect();
    await cleanup.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await cleanup.end();
  };
}
