import { accessSync, constants, existsSync, statSync } from 'node:fs';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { missingSpecFiles, specDirOfThisRun } from '../sandbox/support/openapi-files.js';

/**
 * Decides once per run which optional parts of the test suite run, and hands the decision to the test
 * files (`inject(...)`), so every file skips for the same reason:
 * - PostgreSQL (`inject('postgresUrl')`): a fresh database of this run, so runs never see each other's
 *   data; null when no server answers at TEST_POSTGRES_ADMIN_URL (default 127.0.0.1:5432).
 * - the browser (`inject('chromiumPath')`): Chromium at TEST_CHROMIUM_PATH (default /usr/bin/chromium);
 *   null when there is none.
 * - the OpenAPI contract tests (`inject('openApiDir')`): BigCommerce's OpenAPI files in
 *   BIGCOMMERCE_OPENAPI_DIR (default: test/sandbox/support/openapi-files.ts); null when they are not there.
 * Each part that is skipped prints one line saying why and how to enable it. REQUIRE_POSTGRES=1,
 * REQUIRE_BROWSER=1 and REQUIRE_CONTRACTS=1 (CI sets all three) turn that skip into a failed run.
 */
const ADMIN_URL = process.env.TEST_POSTGRES_ADMIN_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const CHROMIUM_PATH = process.env.TEST_CHROMIUM_PATH || '/usr/bin/chromium';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string | null;
    chromiumPath: string | null;
    openApiDir: string | null;
  }
}

interface OptionalPart {
  /** What is skipped, e.g. "PostgreSQL tests". */
  readonly tests: string;
  /** Why, and how to enable it. */
  readonly reason: string;
  readonly requireFlag: 'REQUIRE_POSTGRES' | 'REQUIRE_BROWSER' | 'REQUIRE_CONTRACTS';
}

export default async function setup(project: TestProject) {
  const missing: OptionalPart[] = [];

  const chromium = isExecutableFile(CHROMIUM_PATH) ? CHROMIUM_PATH : null;
  project.provide('chromiumPath', chromium);
  if (chromium === null) {
    missing.push({
      tests: 'browser tests',
      reason: `no Chromium at ${CHROMIUM_PATH}; install Chromium there or set TEST_CHROMIUM_PATH`,
      requireFlag: 'REQUIRE_BROWSER',
    });
  }

  const specDir = specDirOfThisRun();
  const missingSpecs = missingSpecFiles(specDir);
  project.provide('openApiDir', missingSpecs.length === 0 ? specDir : null);
  if (missingSpecs.length > 0) {
    const where = existsSync(specDir)
      ? `${specDir} lacks ${missingSpecs.join(', ')}`
      : `there is no ${specDir}`;
    missing.push({
      tests: 'OpenAPI contract tests',
      reason:
        `BigCommerce's OpenAPI files are needed and ${where}; put them there or set ` +
        'BIGCOMMERCE_OPENAPI_DIR (see docs/bigcommerce.md#openapi-files)',
      requireFlag: 'REQUIRE_CONTRACTS',
    });
  }

  const admin = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3000 });
  let postgresReachable = true;
  try {
    await admin.connect();
  } catch (error) {
    postgresReachable = false;
    project.provide('postgresUrl', null);
    missing.push({
      tests: 'PostgreSQL tests',
      reason: `not reachable at ${ADMIN_URL} (${errorText(error)}); start PostgreSQL or set TEST_POSTGRES_ADMIN_URL`,
      requireFlag: 'REQUIRE_POSTGRES',
    });
  }

  const required = missing.filter((part) => process.env[part.requireFlag] === '1');
  if (required.length > 0) {
    if (postgresReachable) await admin.end();
    throw new Error(
      required
        .map((part) => `${part.requireFlag}=1 but the ${part.tests} cannot run: ${part.reason}`)
        .join('\n'),
    );
  }
  for (const part of missing) {
    console.warn(`Skipped: ${part.tests} — ${part.reason} (${part.requireFlag}=1 makes this an error)`);
  }
  if (!postgresReachable) return;

  const dbName = `backorder_test_${Date.now()}_${process.pid}`;
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

function isExecutableFile(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** A short cause: the error code (ECONNREFUSED, …) when there is one, else the message. */
function errorText(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return code;
  return error instanceof Error ? error.message || error.name : String(error);
}
