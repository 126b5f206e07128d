/**
 * CLI: fills a sandbox store with a large synthetic catalog, for benchmarks.
 *
 *   tsx src/sandbox/seed/generate-catalog.ts --products 50000 [--store <hash>] [--data-dir <dir>]
 *       [--variant-share 0.2] [--out-of-stock-share 0.1] [--seed 1] [--sku-prefix GEN] [--token <api token>]
 *
 * Writes into the sandbox's SQLite file in the data directory (default SANDBOX_DATA_DIR) directly, not
 * over HTTP. The store defaults to DEMO_STORE_HASH; a missing store is created (with --token as its
 * store-level API token). A running sandbox on the same data directory sees the products at once.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadSandboxConfig } from '../sandbox.config.js';
import { SandboxState } from '../state/sandbox-state.js';
import { CatalogGenerationError, generateCatalog } from './catalog-generator.js';

function fail(message: string): never {
  process.stderr.write(`generate-catalog: ${message}\n`);
  process.exit(2);
}

function numberArg(name: string, raw: string | undefined, fallback: number, range: [number, number]): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < range[0] || value > range[1])
    fail(`--${name} must be between ${range[0]} and ${range[1]}`);
  return value;
}

function main(): void {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS }>>;
  const OPTIONS = {
    products: { type: 'string' },
    store: { type: 'string' },
    'data-dir': { type: 'string' },
    'variant-share': { type: 'string' },
    'out-of-stock-share': { type: 'string' },
    seed: { type: 'string' },
    'sku-prefix': { type: 'string' },
    token: { type: 'string' },
    help: { type: 'boolean' },
  } as const;
  try {
    parsed = parseArgs({ options: OPTIONS, strict: true });
  } catch (error) {
    fail((error as Error).message);
  }
  const args = parsed.values;
  if (args.help) {
    process.stdout.write(
      'Usage: tsx src/sandbox/seed/generate-catalog.ts --products N [--store HASH] [--data-dir DIR] [--variant-share 0.2]\n' +
        '       [--out-of-stock-share 0.1] [--seed 1] [--sku-prefix GEN] [--token TOKEN]\n',
    );
    return;
  }
  if (args.products === undefined) fail('--products is required');
  const products = numberArg('products', args.products, 0, [1, 5_000_000]);
  if (!Number.isInteger(products)) fail('--products must be an integer');

  const loaded = loadSandboxConfig();
  const config =
    args['data-dir'] === undefined
      ? loaded
      : { ...loaded, databaseFile: path.join(path.resolve(args['data-dir']), 'sandbox.sqlite') };
  if (config.databaseFile === ':memory:')
    fail('give --data-dir (or SANDBOX_DATA_DIR): a memory database would vanish on exit');
  const storeHash = args.store ?? config.demoStoreHash;

  const state = new SandboxState({ databaseFile: config.databaseFile });
  try {
    if (!state.stores.get(storeHash)) {
      const created = state.createStore(storeHash, {
        settings: { name: `Benchmark store ${storeHash}` },
        ...(args.token === undefined ? {} : { apiToken: args.token }),
      });
      if (!created.ok) fail(created.message);
      process.stdout.write(`created store ${storeHash}\n`);
    }
    const started = Date.now();
    const summary = generateCatalog(state, {
      storeHash,
      products,
      variantShare: numberArg('variant-share', args['variant-share'], 0.2, [0, 1]),
      outOfStockShare: numberArg('out-of-stock-share', args['out-of-stock-share'], 0.1, [0, 1]),
      seed: numberArg('seed', args.seed, 1, [0, 2 ** 32 - 1]),
      ...(args['sku-prefix'] === undefined ? {} : { skuPrefix: args['sku-prefix'] }),
      onProgress: (done, total) => {
        if (done === total || done % 5000 === 0) {
          process.stdout.write(
            `${done}/${total} products (${((Date.now() - started) / 1000).toFixed(1)} s)\n`,
          );
        }
      },
    });
    process.stdout.write(
      `done: ${summary.products} products, ${summary.variants} variants (${summary.firstSku} … ${summary.lastSku}) ` +
        `in store ${storeHash}, ${config.databaseFile}, ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
    );
  } catch (error) {
    if (error instanceof CatalogGenerationError) fail(error.message);
    throw error;
  } finally {
    state.close();
  }
}

main();
