import { readdirSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { tierOf } from './support/tiers.js';

const ROOT = path.resolve(import.meta.dirname, '..');

/** Every `*.test.ts` under test/, relative to the repository root. */
function testFiles(): string[] {
  return readdirSync(path.join(ROOT, 'test'), { recursive: true, encoding: 'utf8' })
    .map((file) => `test/${file.split(path.sep).join('/')}`)
    .filter((file) => file.endsWith('.test.ts'))
    .sort();
}

test('every test file belongs to a tier (a project of vitest.config.ts): none is left out of `npm test`', () => {
  const files = testFiles();
  expect(files.length).toBeGreaterThan(50);
  expect(files.filter((file) => tierOf(file) === null)).toEqual([]);
});

test('a tier is told by the folder, or by the name where the folder mixes tiers', () => {
  expect(tierOf('test/core/decide.table.test.ts')).toBe('unit');
  expect(tierOf('test/config.test.ts')).toBe('unit');
  expect(tierOf('test/app/outbox/deliver-outbox.test.ts')).toBe('unit');
  expect(tierOf('test/app/outbox/deliver-outbox.integration.test.ts')).toBe('integration');
  expect(tierOf('test/processes.integration.test.ts')).toBe('integration');
  expect(tierOf('test/adapters/db/repositories.contract.test.ts')).toBe('integration');
  expect(tierOf('test/e2e/seed-flow.test.ts')).toBe('e2e');
  expect(tierOf('test/sandbox/storefront/storefront.browser.test.ts')).toBe('browser');
  expect(tierOf('test/somewhere-new/thing.test.ts')).toBeNull();
});
