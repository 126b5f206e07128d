import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { PROJECT_ROOT } from '../project-root.js';

/**
 * The storefront script as shoppers' browsers get it: backorder.js beside this file (the readable source,
 * plain ES2019) minified at build time by esbuild into dist/storefront (scripts/storefront-script-build.ts:
 * `npm run storefront:build`, run by `npm install`, `npm start` and the test setup when the source changed).
 * Read once per process, gzipped once; the ETag lets browsers revalidate cheaply after the short cache
 * expires. A missing or stale build is refused, as the admin app's is: serving the readable source instead
 * would double what every storefront page downloads without anyone noticing.
 */
export interface StorefrontScript {
  /** The minified script. */
  readonly source: string;
  /** The same, gzipped once (level 9), for browsers that accept it. */
  readonly gzipped: Buffer;
  readonly etag: string;
}

/** The readable source. */
export const STOREFRONT_SCRIPT_SOURCE_FILE = path.join(
  PROJECT_ROOT,
  'src',
  'storefront-script',
  'backorder.js',
);
/** Where the build goes (gitignored), with build-stamp.json naming the source it was made from. */
export const STOREFRONT_SCRIPT_DIST_DIR = path.join(PROJECT_ROOT, 'dist', 'storefront');
export const STOREFRONT_SCRIPT_BUILD_FILE = path.join(STOREFRONT_SCRIPT_DIST_DIR, 'backorder.js');
export const STOREFRONT_SCRIPT_STAMP_FILE = path.join(STOREFRONT_SCRIPT_DIST_DIR, 'build-stamp.json');

/** The hash of the readable source a build is made from (recorded in the stamp). */
export function storefrontScriptSourceHash(
  source: string = readFileSync(STOREFRONT_SCRIPT_SOURCE_FILE, 'utf8'),
) {
  return createHash('sha256').update(source).digest('hex');
}

/** Null when the build in dist/storefront was made from the current source; else why not. */
export function storefrontScriptBuildProblem(): string | null {
  if (!existsSync(STOREFRONT_SCRIPT_BUILD_FILE) || !existsSync(STOREFRONT_SCRIPT_STAMP_FILE)) {
    return 'dist/storefront has no build';
  }
  try {
    const stamp = JSON.parse(readFileSync(STOREFRONT_SCRIPT_STAMP_FILE, 'utf8')) as { source?: unknown };
    return stamp.source === storefrontScriptSourceHash()
      ? null
      : 'the build in dist/storefront is older than src/storefront-script/backorder.js';
  } catch {
    return 'dist/storefront/build-stamp.json is unreadable';
  }
}

let cached: StorefrontScript | undefined;

export function storefrontScript(): StorefrontScript {
  if (cached === undefined) {
    const problem = storefrontScriptBuildProblem();
    if (problem !== null) {
      throw new Error(`The storefront script cannot be served: ${problem}. Run npm run storefront:build.`);
    }
    const source = readFileSync(STOREFRONT_SCRIPT_BUILD_FILE, 'utf8');
    const etag = `"${createHash('sha256').update(source).digest('base64url').slice(0, 27)}"`;
    cached = { source, gzipped: gzipSync(source, { level: 9 }), etag };
  }
  return cached;
}
