import { accessSync, constants, existsSync, statSync } from 'node:fs';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { ensureAdminBuild } from '../../scripts/admin-build.js';
import { ensureStorefrontScriptBuild } from '../../scripts/storefront-script-build.js';
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
 * These projects all serve the admin app, so the setup also builds it (dist/admin) when it is missing or
 * older than its sources (scripts/admin-build.ts), once per run; likewise the minified storefront script
 * (dist/storefront, scripts/storefront-script-build.ts).
 * Each part that is skipped prints one line saying why and how to enable it. REQUIRE_POSTGRES=1,
 * REQUIRE_BROWSER=1 and REQUIRE_CONTRACTS=1 (CI sets all three) turn that skip into a failed run.
 *
 * It is the global setup of the projects that need these parts (vitest.config.ts), and Vitest runs it
 * only for projects with files in the run: each project gets the parts of NEEDS and null for the others
 * (without looking for them), so a unit-only run creates no database and prints no skip line. Projects of
 * one run share each decision and the one PostgreSQL database, dropped when the last of them ends.
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

type Part = 'postgres' | 'chromium' | 'openApi';

/** What each project's tests inject; anything else they are given as null. */
const NEEDS: Readonly<Record<string, readonly Part[]>> = {
  integration: ['postgres', 'openApi'],
  e2e: ['postgres'],
  browser: ['chromium'],
};
const ALL_PARTS: readonly Part[] = ['postgres', 'chromium', 'openApi'];

interface OptionalPart {
  /** What is skipped, e.g. "PostgreSQL tests". */
  readonly tests: string;
  /** Why, and how to enable it. */
  readonly reason: string;
  readonly requireFlag: 'REQUIRE_POSTGRES' | 'REQUIRE_BROWSER' | 'REQUIRE_CONTRACTS';
}

/** A part looked for: its value for the tests, or why it is missing. */
type Found = { readonly value: string } | { readonly missing: OptionalPart };

interface RunState {
  readonly found: Map<Part, Promise<Found>>;
  /** The admin app's build of this run (made only when stale). */
  adminBuild: Promise<void> | null;
  /** Projects still using the run's PostgreSQL database. */
  postgresUsers: number;
  dropPostgres: (() => Promise<void>) | null;
}

const RUN = Symbol.for('backorder.test-run');

/** Shared by the projects of a run: their global setups run in this one process. */
function runState(): RunState {
  const holder = globalThis as { [RUN]?: RunState };
  holder[RUN] ??= { found: new Map(), adminBuild: null, postgresUsers: 0, dropPostgres: null };
  return holder[RUN];
}

export default async function setup(project: TestProject) {
  const needs = NEEDS[project.name] ?? ALL_PARTS;
  const run = runState();
  run.adminBuild ??= Promise.all([
    ensureAdminBuild().then((built) => {
      if (built) console.log('Built the admin app (dist/admin): its sources changed since the last build');
    }),
    // The storefront script is served minified from dist/storefront (scripts/storefront-script-build.ts).
    ensureStorefrontScriptBuild().then((built) => {
      if (built) console.log('Built the storefront script (dist/storefront): its source changed');
    }),
  ]).then(() => {});
  await run.adminBuild;
  const found = new Map<Part, Found>();
  // The database last, once nothing else required is missing: a refused run leaves none behind.
  for (const part of [...needs].sort((a, b) => Number(a === 'postgres') - Number(b === 'postgres'))) {
    let lookup = run.found.get(part);
    if (lookup === undefined) {
      lookup = look(part, run).then((result) => {
        // One line per missing part and run, however many projects need it.
        if ('missing' in result && process.env[result.missing.requireFlag] !== '1') {
          const { tests, reason, requireFlag } = result.missing;
          console.warn(`Skipped: ${tests} — ${reason} (${requireFlag}=1 makes this an error)`);
        }
        return result;
      });
      run.found.set(part, lookup);
    }
    const result = await lookup;
    if ('missing' in result && process.env[result.missing.requireFlag] === '1') {
      const { tests, reason, requireFlag } = result.missing;
      throw new Error(`${requireFlag}=1 but the ${tests} cannot run: ${reason}`);
    }
    found.set(part, result);
  }

  const given = (part: Part): string | null => {
    const f = found.get(part);
    return f !== undefined && 'value' in f ? f.value : null;
  };
  project.provide('postgresUrl', given('postgres'));
  project.provide('chromiumPath', given('chromium'));
  project.provide('openApiDir', given('openApi'));

  if (given('postgres') === null) return;
  run.postgresUsers += 1;
  return async () => {
    run.postgresUsers -= 1;
    if (run.postgresUsers > 0) return;
    const drop = run.dropPostgres;
    delete (globalThis as { [RUN]?: RunState })[RUN];
    await drop?.();
  };
}

function look(part: Part, run: RunState): Promise<Found> {
  switch (part) {
    case 'chromium':
      return Promise.resolve(lookForChromium());
    case 'openApi':
      return Promise.resolve(lookForOpenApiFiles());
    case 'postgres':
      return createPostgresDatabase(run);
  }
}

function lookForChromium(): Found {
  if (isExecutableFile(CHROMIUM_PATH)) return { value: CHROMIUM_PATH };
  return {
    missing: {
      tests: 'browser tests',
      reason: `no Chromium at ${CHROMIUM_PATH}; install Chromium there or set TEST_CHROMIUM_PATH`,
      requireFlag: 'REQUIRE_BROWSER',
    },
  };
}

function lookForOpenApiFiles(): Found {
  const specDir = specDirOfThisRun();
  const missingSpecs = missingSpecFiles(specDir);
  if (missingSpecs.length === 0) return { value: specDir };
  const where = existsSync(specDir)
    ? `${specDir} lacks ${missingSpecs.join(', ')}`
    : `there is no ${specDir}`;
  return {
    missing: {
      tests: 'OpenAPI contract tests',
      reason:
        `BigCommerce's OpenAPI files are needed and ${where}; put them there or set ` +
        'BIGCOMMERCE_OPENAPI_DIR (see docs/bigcommerce.md#openapi-files)',
      requireFlag: 'REQUIRE_CONTRACTS',
    },
  };
}

/** A fresh database for this run's PostgreSQL tests, dropped when the last project using it ends. */
async function createPostgresDatabase(run: RunState): Promise<Found> {
  const admin = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch (error) {
    return {
      missing: {
        tests: 'PostgreSQL tests',
        reason: `not reachable at ${ADMIN_URL} (${errorText(error)}); start PostgreSQL or set TEST_POSTGRES_ADMIN_URL`,
        requireFlag: 'REQUIRE_POSTGRES',
      },
    };
  }
  const dbName = `backorder_test_${Date.now()}_${process.pid}`;
  try {
    await admin.query(`CREATE DATABASE ${dbName}`);
  } finally {
    await admin.end();
  }
  run.dropPostgres = async () => {
    const cleanup = new pg.Client({ connectionString: ADMIN_URL });
    await cleanup.connect();
    await cleanup.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await cleanup.end();
  };
  const url = new URL(ADMIN_URL);
  url.pathname = `/${dbName}`;
  console.log(`PostgreSQL tests run in the fresh database ${dbName}`);
  return { value: url.toString() };
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
