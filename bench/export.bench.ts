/**
 * `npm run bench:export`: the items export (`GET /api/v1/exports/items`) of a store with 50,000 assigned
 * items, as CSV and as XLSX, through the real HTTP route on a listening server (API-key authentication,
 * the use case reading keyset pages, the spreadsheet writer, the response streamed to a client that
 * counts the bytes). Prints for each the time and the process's peak RSS, next to a baseline measured
 * in the same run: reading the 50,000 items from the repository (the same keyset pages, no file).
 *
 * Each case runs in a fresh child process on the same seeded SQLite file, so one case's memory does not
 * hide another's; peak RSS is the child's own maximum resident set (includes Node, tsx and the app's
 * modules: compare with the baseline's).
 *
 * Options: --items N (default 50000), --runs N (default 3: the median is printed).
 * Not part of `npm test` nor of `npm run bench`.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Insertable } from 'kysely';
import { request } from 'undici';
import { type DatabaseHandle, openDatabase } from '../src/adapters/db/database.js';
import { migrateToLatest } from '../src/adapters/db/migrate.js';
import { createRepositories } from '../src/adapters/db/repositories.js';
import type { ItemsTable, ProductsTable } from '../src/adapters/db/schema.js';
import { createApiKey } from '../src/app/api-keys/create-api-key.js';
import { EXPORT_PRODUCTS_PAGE } from '../src/app/exports/export-items.js';
import type { AssignedProductPosition } from '../src/app/ports/assigned-products.js';
import { asStoreId, type StoreId } from '../src/app/ports/store-id.js';
import { valueFigure, withoutJson, writeFigures } from './support/bench-figures.js';
import { readOnlyApiV1 } from './support/read-only-api.js';

const { values: options } = parseArgs({
  args: withoutJson(process.argv.slice(2)),
  options: {
    items: { type: 'string', default: '50000' },
    runs: { type: 'string', default: '3' },
    // Internal: run one case in this (child) process.
    child: { type: 'string' },
    file: { type: 'string' },
    store: { type: 'string' },
    key: { type: 'string' },
  },
});

const NOW = new Date('2026-03-10T12:00:00.000Z');
const clock = { now: () => NOW };
const CASES = ['baseline', 'csv', 'xlsx'] as const;
type Case = (typeof CASES)[number];

interface Measured {
  readonly ms: number;
  /** Peak resident set of the child process, in MB. */
  readonly peakRssMb: number;
  readonly items: number;
  readonly bytes: number;
}

const NAMES = ['Trail', 'Summit', 'Alpine', 'Coastal', 'Urban', 'Classic', 'Blue', 'Red', 'Wool', 'Down'];
const NOUNS = ['Jacket', 'Shoe', 'Hoodie', 'Cap', 'Scarf', 'Mug', 'Sock', 'Backpack', 'Lamp', 'Tee'];
const SIZES = ['XS', 'S', 'M', 'L', 'XL'];

if (options.child !== undefined) {
  await child(options.child as Case, options.file!, asStoreId(Number(options.store)), options.key!);
} else {
  await main();
}

async function main(): Promise<void> {
  const items = Number(options.items);
  const runs = Number(options.runs);
  console.log(`Export benchmark: ${items} assigned items on SQLite, ${runs} runs per case (median shown)`);
  console.log(`Node ${process.version}, ${process.platform} ${process.arch}, ${availableParallelism()} CPUs`);
  console.log(`load average (1 min) at start: ${loadavg()[0]!.toFixed(1)}\n`);
  const dir = mkdtempSync(path.join(tmpdir(), 'backorder-export-bench-'));
  try {
    const file = path.join(dir, 'bench.sqlite');
    const handle = await openDatabase({ kind: 'sqlite', file }, { poolSize: 1 });
    let storeId: StoreId;
    let key: string;
    try {
      await migrateToLatest(handle.db);
      const started = performance.now();
      storeId = await seed(handle, items);
      console.log(`seeded ${items} items in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      const created = await createApiKey(
        { apiKeys: createRepositories(handle).apiKeys, clock },
        { storeId, name: 'bench' },
      );
      if (!created.ok) throw new Error(created.message);
      key = created.key;
    } finally {
      await handle.destroy();
    }

    const results = new Map<Case, Measured>();
    for (const which of CASES) {
      const measured: Measured[] = [];
      for (let run = 0; run < runs; run += 1) measured.push(await inChild(which, file, storeId, key));
      measured.sort((a, b) => a.ms - b.ms);
      results.set(which, measured[Math.floor(measured.length / 2)]!);
    }
    print(results);
    console.log(`\nload average (1 min) now: ${loadavg()[0]!.toFixed(1)}`);
    const baseline = results.get('baseline')!;
    writeFigures(
      'export',
      (['csv', 'xlsx'] as const).flatMap((format) => {
        const r = results.get(format)!;
        const name = `export of ${items} items, ${format.toUpperCase()}`;
        return [
          valueFigure({
            name: `${name}: time`,
            value: r.ms / 1000,
            unit: 's',
            baseline: baseline.ms / 1000,
            baselineLabel: 'reading the items from the repository',
            note: `median of ${runs}`,
          }),
          valueFigure({
            name: `${name}: peak RSS`,
            value: r.peakRssMb,
            unit: 'MB',
            baseline: baseline.peakRssMb,
            baselineLabel: 'peak RSS of reading the items',
          }),
        ];
      }),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function print(results: ReadonlyMap<Case, Measured>): void {
  const baseline = results.get('baseline')!;
  const label: Record<Case, string> = {
    baseline: 'baseline: read the items from the repository (keyset pages, no file)',
    csv: 'GET /exports/items?format=csv (streamed over HTTP)',
    xlsx: 'GET /exports/items?format=xlsx (streamed over HTTP)',
  };
  const rows = CASES.map((which) => {
    const r = results.get(which)!;
    return [
      label[which],
      `${(r.ms / 1000).toFixed(2)} s`,
      which === 'baseline' ? '1.0×' : `${(r.ms / baseline.ms).toFixed(1)}×`,
      `${r.peakRssMb.toFixed(0)} MB`,
      r.items === 0 ? '(zipped)' : `${r.items} items`,
      r.bytes === 0 ? '' : `${(r.bytes / 1_048_576).toFixed(1)} MB file`,
    ];
  });
  const header = ['case', 'time', 'vs baseline', 'peak RSS', 'rows', 'size'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  console.log(line(header));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const row of rows) console.log(line(row));
}

function inChild(which: Case, file: string, storeId: StoreId, key: string): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const script = fileURLToPath(import.meta.url);
    const args = [
      ...process.execArgv,
      script,
      `--child=${which}`,
      `--file=${file}`,
      `--store=${storeId}`,
      `--key=${key}`,
    ];
    const proc = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    proc.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
    });
    proc.on('error', reject);
    proc.on('close', (code) => {
      if (code !== 0) reject(new Error(`${which} child exited with ${code}: ${out}`));
      else resolve(JSON.parse(out.trim().split('\n').at(-1)!) as Measured);
    });
  });
}

/** One case, measured in this process, printed as a JSON line. */
async function child(which: Case, file: string, storeId: StoreId, key: string): Promise<void> {
  const handle = await openDatabase({ kind: 'sqlite', file }, { poolSize: 1 });
  const repos = createRepositories(handle);
  let items = 0;
  let bytes = 0;
  let ms: number;
  if (which === 'baseline') {
    const started = performance.now();
    let after: AssignedProductPosition | undefined;
    do {
      const page = await repos.assignedProducts.listAssignedProductsByName(storeId, {
        limit: EXPORT_PRODUCTS_PAGE,
        ...(after === undefined ? {} : { after }),
      });
      for (const product of page.products) items += product.items.length;
      after = page.next ?? undefined;
    } while (after !== undefined);
    ms = performance.now() - started;
  } else {
    const app = await readOnlyApiV1(repos, clock);
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const started = performance.now();
      const response = await request(`${address}/api/v1/exports/items?format=${which}`, {
        headers: { authorization: `Bearer ${key}` },
      });
      if (response.statusCode !== 200) {
        throw new Error(`${which}: ${response.statusCode} ${await response.body.text()}`);
      }
      let newlines = 0;
      for await (const chunk of response.body as AsyncIterable<Buffer>) {
        bytes += chunk.byteLength;
        if (which === 'csv') for (const byte of chunk) if (byte === 0x0a) newlines += 1;
      }
      ms = performance.now() - started;
      // The CSV's rows are counted from its lines (less the header); the XLSX is zipped: counted by the baseline.
      items = which === 'csv' ? newlines - 1 : Number.NaN;
    } finally {
      await app.close();
    }
  }
  await handle.destroy();
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(
    `${JSON.stringify({ ms, peakRssMb, items: Number.isNaN(items) ? 0 : items, bytes })}\n`,
  );
}

/**
 * Rows written straight into the tables (as bench/assigned-products.bench.ts does): 50,000 items, a
 * quarter of the products with 5 size variants, thresholds, incoming stock and dates on some.
 */
async function seed(handle: DatabaseHandle, total: number): Promise<StoreId> {
  const { db } = handle;
  const store = await createRepositories(handle).stores.install({
    storeHash: `bench${Date.now().toString(36)}`,
    accessTokenEncrypted: 'v1:not-used',
    scope: '',
    timezone: 'America/Chicago',
    now: NOW,
  });
  const at = NOW.toISOString();
  let items = 0;
  let n = 0;
  const BATCH = 500;
  while (items < total) {
    const products: Insertable<ProductsTable>[] = [];
    const shapes: number[] = [];
    for (let b = 0; b < BATCH && items < total; b += 1) {
      n += 1;
      const variants = n % 4 === 0 ? Math.min(SIZES.length, total - items) : 0;
      items += Math.max(1, variants);
      shapes.push(variants);
      products.push({
        store_id: store.id,
        bc_product_id: n,
        name: `${NAMES[n % NAMES.length]} ${NOUNS[Math.floor(n / NAMES.length) % NOUNS.length]} ${n}`,
        sku: `SKU-${String(n).padStart(6, '0')}`,
        template_id: null,
        assigned: 1,
        original_settings: '{}',
        assigned_at: at,
        unassigned_at: null,
        created_at: at,
        updated_at: at,
      });
    }
    const inserted = await db
      .insertInto('products')
      .values(products)
      .returning(['id', 'bc_product_id', 'sku'])
      .execute();
    const rows: Insertable<ItemsTable>[] = [];
    inserted.forEach((p, index) => {
      const variants = shapes[index]!;
      const sizes = variants === 0 ? [null] : SIZES.slice(0, variants);
      sizes.forEach((size, v) => {
        const k = p.bc_product_id * 7 + v;
        const stock = k % 10 === 0 ? -(k % 4) : (k % 40) + 1;
        rows.push({
          store_id: store.id,
          product_id: p.id,
          bc_product_id: p.bc_product_id,
          bc_variant_id: size === null ? null : p.bc_product_id * 10 + v,
          sku: size === null ? p.sku : `${p.sku}-${size}`,
          stock,
          threshold: k % 5 === 0 ? 10 : null,
          backordered: stock < 0 ? -stock : 0,
          incoming: k % 3 === 0 ? 12 : 0,
          back_in_stock_date: k % 6 === 0 ? '2026-04-01' : null,
          block: null,
          status: stock < 0 ? 'backorder' : 'in_stock',
          episode: stock < 0 ? 1 : 0,
          active: 1,
          option_values:
            size === null
              ? null
              : JSON.stringify([{ optionId: 1, valueId: 100 + v, name: 'Size', label: size }]),
          created_at: at,
          updated_at: at,
        });
      });
    });
    for (let i = 0; i < rows.length; i += BATCH) {
      await db
        .insertInto('items')
        .values(rows.slice(i, i + BATCH))
        .execute();
    }
  }
  return store.id;
}
