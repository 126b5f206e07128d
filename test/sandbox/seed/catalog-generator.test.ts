import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { CatalogGenerationError, generateCatalog } from '../../../src/sandbox/seed/catalog-generator.js';
import { SandboxState } from '../../../src/sandbox/state/sandbox-state.js';

const run = promisify(execFile);

describe('large catalog generator', () => {
  const states: SandboxState[] = [];
  const fresh = () => {
    const state = new SandboxState({ databaseFile: ':memory:' });
    states.push(state);
    expect(state.createStore('bench').ok).toBe(true);
    return state;
  };
  afterEach(() => {
    for (const s of states.splice(0)) s.close();
  });

  it('creates the requested products, some with variants, with unique SKUs, in batches', () => {
    const state = fresh();
    const progress: number[] = [];
    const summary = generateCatalog(state, {
      storeHash: 'bench',
      products: 300,
      batchSize: 100,
      onProgress: (done) => progress.push(done),
    });
    expect(summary).toMatchObject({ products: 300, firstSku: 'GEN-001', lastSku: 'GEN-300' });
    expect(progress).toEqual([100, 200, 300]);
    expect(state.products.listProducts('bench', { limit: 1 }).total).toBe(300);
    const variantTracked = state.products
      .listProducts('bench', { limit: 250 })
      .items.filter((p) => p.inventory_tracking === 'variant');
    expect(variantTracked.length).toBeGreaterThan(20);
    const variants = state.variants.listVariants('bench', { limit: 250 });
    expect(variants.total).toBeGreaterThan(300);
    expect(state.products.listProducts('bench', { outOfStock: true, limit: 1 }).total).toBeGreaterThan(0);
    const skus = [];
    for (let page = 1; page <= Math.ceil(variants.total / 250); page++) {
      skus.push(
        ...state.variants.listVariants('bench', { page, limit: 250 }).items.map((v) => v.sku.toLowerCase()),
      );
    }
    expect(new Set(skus).size).toBe(skus.length);
  });

  it('is deterministic for a seed', () => {
    const names = (seed: number) => {
      const state = fresh();
      generateCatalog(state, { storeHash: 'bench', products: 20, seed });
      return state.products
        .listProducts('bench', { limit: 250 })
        .items.map((p) => [p.name, p.price, p.inventory_level]);
    };
    expect(names(7)).toEqual(names(7));
    expect(names(7)).not.toEqual(names(8));
  });

  it('refuses a clashing batch as a whole and explains how to add more', () => {
    const state = fresh();
    generateCatalog(state, { storeHash: 'bench', products: 10 });
    expect(() => generateCatalog(state, { storeHash: 'bench', products: 10 })).toThrow(
      CatalogGenerationError,
    );
    expect(() => generateCatalog(state, { storeHash: 'bench', products: 10 })).toThrow(/--sku-prefix/);
    expect(state.products.listProducts('bench', { limit: 1 }).total).toBe(10);
    generateCatalog(state, { storeHash: 'bench', products: 10, skuPrefix: 'MORE' });
    expect(state.products.listProducts('bench', { limit: 1 }).total).toBe(20);
    expect(() => generateCatalog(state, { storeHash: 'nostore', products: 1 })).toThrow(/does not exist/);
    expect(() => generateCatalog(state, { storeHash: 'bench', products: 0 })).toThrow(/positive integer/);
  });

  it('runs as a command line tool into a data directory', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sandbox-gen-'));
    try {
      const tsx = path.resolve('node_modules/.bin/tsx');
      const { stdout } = await run(tsx, [
        'src/sandbox/seed/generate-catalog.ts',
        '--products',
        '40',
        '--store',
        'benchcli',
        '--data-dir',
        dir,
        '--token',
        'bench-token-123456',
      ]);
      expect(stdout).toContain('created store benchcli');
      expect(stdout).toMatch(/done: 40 products/);
      const state = new SandboxState({ databaseFile: path.join(dir, 'sandbox.sqlite') });
      states.push(state);
      expect(state.products.listProducts('benchcli', { limit: 1 }).total).toBe(40);
      expect(state.tokens.verify('benchcli', 'bench-token-123456')).toBeDefined();
      await expect(
        run(tsx, ['src/sandbox/seed/generate-catalog.ts', '--products', '5'], {
          env: { ...process.env, SANDBOX_DATA_DIR: '' },
        }),
      ).rejects.toMatchObject({
        code: 2,
        stderr: expect.stringContaining('--data-dir'),
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
