/**
 * The test tiers, by where a file lives and how it is named (README "Tests", ARCHITECTURE.md "Tests"):
 *
 * - unit: test/core, test/app, test/scripts, test/admin and test/*.test.ts — the rules, the use cases on
 *   the fakes of test/fakes (in-memory storage, fake BigCommerce, recording job queue and mailer), the
 *   jobs' catalogue, the scripts, the admin app's pure modules, the configuration: no server, database
 *   file, sandbox or browser.
 * - integration: test/adapters, test/http, test/sandbox, test/storefront-script, and any file named
 *   `*.integration.test.ts` elsewhere (beside the unit tests it belongs with: the use cases against the
 *   sandbox, SQLite, PostgreSQL or an SMTP server).
 * - e2e: test/e2e — the whole app and the sandbox, as processes.
 * - browser: any file named `*.browser.test.ts` (Chromium).
 *
 * vitest.config.ts makes one project per tier from these lists; test/tiers.test.ts checks that every
 * test file falls in exactly one of them.
 */
export const UNIT_FOLDERS = ['core', 'app', 'scripts', 'admin'] as const;
export const INTEGRATION_FOLDERS = ['adapters', 'http', 'sandbox', 'storefront-script'] as const;
export const E2E_FOLDERS = ['e2e'] as const;

export const INTEGRATION_SUFFIX = '.integration.test.ts';
export const BROWSER_SUFFIX = '.browser.test.ts';

export type Tier = 'unit' | 'integration' | 'e2e' | 'browser';

const under = (folders: readonly string[]) => folders.map((f) => `test/${f}/**/*.test.ts`);
const e2e = under(E2E_FOLDERS);
const browser = [`test/**/*${BROWSER_SUFFIX}`];
const integration = [`test/**/*${INTEGRATION_SUFFIX}`];

/** Vitest's `include` and `exclude` globs of each tier. */
export const TIER_GLOBS: Readonly<Record<Tier, { include: string[]; exclude: string[] }>> = {
  unit: { include: ['test/*.test.ts', ...under(UNIT_FOLDERS)], exclude: [...integration, ...browser] },
  integration: { include: [...integration, ...under(INTEGRATION_FOLDERS)], exclude: [...e2e, ...browser] },
  e2e: { include: e2e, exclude: browser },
  browser: { include: browser, exclude: [] },
};

/**
 * The tier of a test file (a path relative to the repository root, `/`-separated), by the same rules
 * as TIER_GLOBS; null for a file no tier runs.
 */
export function tierOf(file: string): Tier | null {
  if (!file.startsWith('test/') || !file.endsWith('.test.ts')) return null;
  if (file.endsWith(BROWSER_SUFFIX)) return 'browser';
  const parts = file.split('/');
  const folder = parts.length > 2 ? parts[1]! : null;
  if (folder !== null && (E2E_FOLDERS as readonly string[]).includes(folder)) return 'e2e';
  if (file.endsWith(INTEGRATION_SUFFIX)) return 'integration';
  if (folder === null || (UNIT_FOLDERS as readonly string[]).includes(folder)) return 'unit';
  if ((INTEGRATION_FOLDERS as readonly string[]).includes(folder)) return 'integration';
  return null;
}
