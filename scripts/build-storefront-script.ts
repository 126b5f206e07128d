import { buildStorefrontScript, ensureStorefrontScriptBuild } from './storefront-script-build.js';

/**
 * `npm run storefront:build` minifies the storefront script into dist/storefront; `--if-stale` (npm
 * install, npm start) only when its source changed since the last build. Restart the app to serve a new
 * build: it reads the script when it starts.
 */
if (process.argv.includes('--if-stale')) {
  if (await ensureStorefrontScriptBuild()) console.log('storefront script built into dist/storefront');
} else {
  const { bytes } = await buildStorefrontScript();
  console.log(`storefront script built into dist/storefront (${bytes} bytes)`);
}
