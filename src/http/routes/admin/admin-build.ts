import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { PROJECT_ROOT } from '../../../project-root.js';

/**
 * The admin app as Vite built it (dist/admin, see scripts/admin-build.ts), read into memory once when
 * the server starts: index.html as a template, and every hashed asset, gzipped once when worth it. A
 * rebuild on disk therefore never changes what a running server sends.
 */

/** Where the SPA and its assets are served: `/admin/`, `/admin/assets/*`. */
export const ADMIN_BASE_PATH = '/admin';
/** Where `npm run admin:build` writes the build (gitignored). */
export const ADMIN_DIST_DIR = path.join(PROJECT_ROOT, 'dist', 'admin');
/**
 * Vite writes this in place of a nonce on every script, style and preload of index.html
 * (`html.cspNonce`); each response puts its own nonce there.
 */
export const ADMIN_NONCE_PLACEHOLDER = 'BACKORDER_CSP_NONCE';

export interface AdminAsset {
  readonly body: Buffer;
  /** The gzipped body when that is smaller by enough to matter; null otherwise. */
  readonly gzipped: Buffer | null;
  readonly contentType: string;
}

export interface AdminBuild {
  /** index.html with ADMIN_NONCE_PLACEHOLDER where each response's nonce goes. */
  readonly indexHtml: string;
  /** By file name (`index-B9x0q1.js`): the files of dist/admin/assets, nothing else. */
  readonly assets: ReadonlyMap<string, AdminAsset>;
}

export class AdminNotBuiltError extends Error {
  override readonly name = 'AdminNotBuiltError';
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
};
const COMPRESSIBLE = new Set(['.js', '.css', '.svg', '.json']);

export function loadAdminBuild(dir: string = ADMIN_DIST_DIR): AdminBuild {
  const indexFile = path.join(dir, 'index.html');
  if (!existsSync(indexFile)) {
    throw new AdminNotBuiltError(
      `The admin app is not built (no ${indexFile}). Run \`npm run admin:build\` (npm install and npm start build it).`,
    );
  }
  const indexHtml = readFileSync(indexFile, 'utf8');
  if (!indexHtml.includes(ADMIN_NONCE_PLACEHOLDER)) {
    throw new AdminNotBuiltError(`${indexFile} lacks the CSP nonce placeholder: rebuild the admin app.`);
  }
  const assets = new Map<string, AdminAsset>();
  const assetDir = path.join(dir, 'assets');
  if (existsSync(assetDir)) {
    for (const name of readdirSync(assetDir)) {
      const file = path.join(assetDir, name);
      if (!statSync(file).isFile()) continue;
      const extension = path.extname(name);
      const body = readFileSync(file);
      const gzipped = COMPRESSIBLE.has(extension) && body.length > 1024 ? gzipSync(body, { level: 9 }) : null;
      assets.set(name, {
        body,
        gzipped: gzipped !== null && gzipped.length < body.length * 0.9 ? gzipped : null,
        contentType: CONTENT_TYPES[extension] ?? 'application/octet-stream',
      });
    }
  }
  return { indexHtml, assets };
}
