import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The project's root directory (where package.json is): found by walking up from this module, so
 * `src/` run by tsx and the server build in `dist/server` (one level deeper) both find `dist/admin`,
 * `dist/storefront` and the storefront script's source from it.
 */
export const PROJECT_ROOT = findProjectRoot(import.meta.dirname);

function findProjectRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`No package.json above ${start}`);
  }
}
