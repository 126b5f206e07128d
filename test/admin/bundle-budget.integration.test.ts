import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ADMIN_DIST_DIR } from '../../src/http/routes/admin/index.js';

/**
 * The admin app's first load stays small (issue 8: initial JavaScript ≤ 350 KB gzipped): the entry
 * chunk of index.html and every chunk it imports statically, gzipped. Screens load lazily, each its
 * own chunk. Reads the build the test setup made fresh (test/support/global-setup.ts).
 */
const BUDGET_BYTES = 350 * 1024;

interface Chunk {
  readonly file: string;
  readonly isEntry?: boolean;
  readonly isDynamicEntry?: boolean;
  readonly imports?: readonly string[];
  readonly dynamicImports?: readonly string[];
  readonly css?: readonly string[];
}

const manifest = JSON.parse(
  readFileSync(path.join(ADMIN_DIST_DIR, '.vite', 'manifest.json'), 'utf8'),
) as Record<string, Chunk>;
const gzipped = (file: string) =>
  gzipSync(readFileSync(path.join(ADMIN_DIST_DIR, file)), { level: 9 }).length;

/** The files the browser must load before the app renders: the entry and its static imports. */
function initialFiles(): string[] {
  const files = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (chunk === undefined || files.has(chunk.file)) return;
    files.add(chunk.file);
    for (const css of chunk.css ?? []) files.add(css);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  visit('index.html');
  return [...files];
}

describe('the admin app’s bundle', () => {
  it('loads at most 350 KB of gzipped JavaScript before the first screen', () => {
    const files = initialFiles();
    expect(files.length).toBeGreaterThan(0);
    expect(readFileSync(path.join(ADMIN_DIST_DIR, 'index.html'), 'utf8')).toContain(`/admin/${files[0]}`);
    const total = files.filter((f) => f.endsWith('.js')).reduce((sum, file) => sum + gzipped(file), 0);
    expect(total).toBeLessThanOrEqual(BUDGET_BYTES);
  });

  it('loads every screen lazily, as a chunk of its own', () => {
    const screens = Object.entries(manifest).filter(([source]) => /^screens\/.+Screen\.tsx$/.test(source));
    expect(screens.length).toBeGreaterThanOrEqual(6);
    const initial = new Set(initialFiles());
    for (const [source, chunk] of screens) {
      expect(chunk.isDynamicEntry, source).toBe(true);
      expect(initial.has(chunk.file), source).toBe(false);
    }
  });
});
