import { defineConfig } from 'vitest/config';
import { TIER_GLOBS } from './test/support/tiers.js';

/**
 * One project per test tier (test/support/tiers.ts): `vitest run --project unit` is the fast tier
 * (`npm run test:fast`), `npm test` runs them all. The global setup (PostgreSQL database of the run,
 * Chromium, BigCommerce's OpenAPI files) runs for the projects that need it, only when they have files
 * in the run; the unit tier needs none of it.
 */
const GLOBAL_SETUP = 'test/support/global-setup.ts';

export default defineConfig({
  test: {
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // expect.poll's own default (1 s) is the admin screens' refresh interval: a poll for what the next
    // refresh shows could give up just before it, under load. Waiting for a state, not timing it.
    expect: { poll: { timeout: 10_000 } },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          ...TIER_GLOBS.unit,
          // No native modules or servers here: worker threads start faster than processes.
          pool: 'threads',
        },
      },
      {
        extends: true,
        test: { name: 'integration', ...TIER_GLOBS.integration, globalSetup: [GLOBAL_SETUP], pool: 'forks' },
      },
      {
        extends: true,
        test: { name: 'e2e', ...TIER_GLOBS.e2e, globalSetup: [GLOBAL_SETUP], pool: 'forks' },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          ...TIER_GLOBS.browser,
          globalSetup: [GLOBAL_SETUP],
          pool: 'forks',
          // A shopper's or merchant's walk through several pages: under the whole suite's parallel load
          // one has taken over 20 s. A guard against hangs, not a measure of speed.
          testTimeout: 45_000,
        },
      },
    ],
  },
});
