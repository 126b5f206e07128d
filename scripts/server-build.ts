import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { PROJECT_ROOT } from '../src/project-root.js';

/**
 * Compiles the server (src/main.ts and what it imports) into dist/server with esbuild: one ES module
 * plus a chunk per lazily imported part (demo mode and its sandbox), the packages left as imports of
 * node_modules. `npm start` runs the build with plain Node. Running src/ under tsx instead costs
 * ≈ 85 MB of RSS (the transformer and its cache, the TypeScript sources and their maps) — more than
 * the app's own heap when idle (issue 12.2: peak RSS ≤ 200 MB). Not minified: stack traces keep
 * readable names and lines. Takes well under a second, so `npm start` builds every time and a build
 * is never stale.
 */
export const SERVER_DIST_DIR = path.join(PROJECT_ROOT, 'dist', 'server');
export const SERVER_ENTRY_FILE = path.join(SERVER_DIST_DIR, 'main.js');

export async function buildServer(
  outdir: string = SERVER_DIST_DIR,
): Promise<{ files: number; bytes: number }> {
  const result = await build({
    entryPoints: [path.join(PROJECT_ROOT, 'src', 'main.ts')],
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    chunkNames: 'chunks/[name]-[hash]',
    legalComments: 'none',
    logLevel: 'warning',
    write: false,
  });
  mkdirSync(path.join(outdir, 'chunks'), { recursive: true });
  const written = new Set<string>();
  let bytes = 0;
  for (const file of result.outputFiles) {
    // Each file written aside, then renamed: a server starting meanwhile (or a second build at the same
    // time, as two instances started together make) reads whole files, the old or the new.
    const temporary = `${file.path}.tmp-${process.pid}`;
    writeFileSync(temporary, file.contents, { mode: 0o644 });
    renameSync(temporary, file.path);
    written.add(file.path);
    bytes += file.contents.byteLength;
  }
  // Chunks of earlier builds (their names carry their hash) would pile up.
  for (const dir of [outdir, path.join(outdir, 'chunks')]) {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isFile() && entry.name.endsWith('.js') && !written.has(file)) rmSync(file, { force: true });
    }
  }
  return { files: written.size, bytes };
}
