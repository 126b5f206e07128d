import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { build, type InlineConfig } from 'vite';
import {
  ADMIN_BASE_PATH,
  ADMIN_DIST_DIR,
  ADMIN_NONCE_PLACEHOLDER,
} from '../src/http/routes/admin/admin-build.js';

/**
 * Builds the admin app (src/admin) into dist/admin with Vite, and says whether a build is stale.
 * Run by `npm install` (prepare), `npm start` (prestart), `npm run admin:build` and the test setup of
 * the tiers that serve the app. A build records the hash of its inputs in dist/admin/build-stamp.json;
 * it is stale when that file is missing or the inputs changed (any file of src/admin, this script,
 * package-lock.json), so `--if-stale` is a fast no-op on a fresh build.
 */
const ROOT = path.resolve(import.meta.dirname, '..');
export const ADMIN_SOURCE_DIR = path.join(ROOT, 'src', 'admin');
const STAMP = 'build-stamp.json';

/** Vite's configuration of the admin app (also the one `npm run admin:watch` rebuilds with). */
export function adminViteConfig(outDir: string): InlineConfig {
  return {
    configFile: false,
    root: ADMIN_SOURCE_DIR,
    base: `${ADMIN_BASE_PATH}/`,
    logLevel: 'warn',
    plugins: [react()],
    // Every script, style and module preload of index.html carries this nonce; the server puts the
    // response's own in its place. styled-components reads it from <meta property="csp-nonce">.
    html: { cspNonce: ADMIN_NONCE_PLACEHOLDER },
    build: {
      outDir,
      emptyOutDir: true,
      manifest: true,
      target: 'es2022',
      chunkSizeWarningLimit: 1200,
    },
  };
}

/** The hash of everything a build is made from. */
export function adminSourceHash(): string {
  const hash = createHash('sha256');
  const files = [
    ...listFiles(ADMIN_SOURCE_DIR),
    path.join(ROOT, 'scripts', 'admin-build.ts'),
    path.join(ROOT, 'package-lock.json'),
  ];
  for (const file of files) {
    hash.update(path.relative(ROOT, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

export function isAdminBuildStale(distDir: string = ADMIN_DIST_DIR): boolean {
  const stampFile = path.join(distDir, STAMP);
  if (!existsSync(stampFile) || !existsSync(path.join(distDir, 'index.html'))) return true;
  try {
    const stamp = JSON.parse(readFileSync(stampFile, 'utf8')) as { sources?: unknown };
    return stamp.sources !== adminSourceHash();
  } catch {
    return true;
  }
}

/**
 * Builds into a temporary folder, then swaps it in, so a concurrent reader never sees half a build.
 * A running server is unaffected either way: it reads the build into memory when it starts.
 */
export async function buildAdmin(distDir: string = ADMIN_DIST_DIR): Promise<void> {
  const sources = adminSourceHash();
  const temporary = `${distDir}.tmp-${process.pid}-${Date.now()}`;
  try {
    await build(adminViteConfig(temporary));
    writeFileSync(path.join(temporary, STAMP), `${JSON.stringify({ sources }, null, 2)}\n`);
    rmSync(distDir, { recursive: true, force: true });
    renameSync(temporary, distDir);
  } finally {
    rmSync(temporary, { recursive: true, force: true });
  }
}

/** Builds when the build is missing or stale; true when it built. */
export async function ensureAdminBuild(distDir: string = ADMIN_DIST_DIR): Promise<boolean> {
  if (!isAdminBuildStale(distDir)) return false;
  await buildAdmin(distDir);
  return true;
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...listFiles(full));
    else out.push(full);
  }
  return out;
}
