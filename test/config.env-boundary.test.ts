import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';

const SRC = path.resolve(import.meta.dirname, '../src');

/** src/config.ts is the app's only reader of the environment; the sandbox (a separate program) has its own. */
function mayReadEnvironment(relative: string): boolean {
  return (
    relative === 'config.ts' ||
    (relative.startsWith('sandbox/') && path.basename(relative).includes('config'))
  );
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx|js|mjs|cjs)$/.test(entry.name) ? [full] : [];
  });
}

test('no file in src/ but the config files reads process.env', () => {
  const files = sourceFiles(SRC).map((f) => path.relative(SRC, f).split(path.sep).join('/'));
  expect(files).toContain('config.ts');
  const offenders = files.filter(
    (f) =>
      !mayReadEnvironment(f) &&
      /process\s*(\.\s*env|\[\s*['"`]env['"`]\s*\])/.test(readFileSync(path.join(SRC, f), 'utf8')),
  );
  expect(offenders).toEqual([]);
});
