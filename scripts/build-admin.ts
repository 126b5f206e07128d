import { build } from 'vite';
import { ADMIN_DIST_DIR } from '../src/http/routes/admin/admin-build.js';
import { adminViteConfig, buildAdmin, ensureAdminBuild } from './admin-build.js';

/**
 * `npm run admin:build` builds the admin app into dist/admin; `--if-stale` (npm install, npm start)
 * builds only when the sources changed since the last build; `--watch` rebuilds on every change
 * (restart the app to serve the new build: it reads the build when it starts).
 */
const args = new Set(process.argv.slice(2));
const started = Date.now();
if (args.has('--watch')) {
  await build({
    ...adminViteConfig(ADMIN_DIST_DIR),
    build: { ...adminViteConfig(ADMIN_DIST_DIR).build, watch: {} },
  });
} else if (args.has('--if-stale')) {
  if (await ensureAdminBuild()) console.log(`admin app built into dist/admin in ${Date.now() - started} ms`);
} else {
  await buildAdmin();
  console.log(`admin app built into dist/admin in ${Date.now() - started} ms`);
}
