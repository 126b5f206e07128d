/**
 * `npm run bench`: the Assigned products list (`GET /api/v1/products`) with 50,000 assigned items.
 *
 * For each database (SQLite in a temporary file; PostgreSQL too when reachable), it seeds one store with
 * 50,000 assigned items (a quarter of the products have 5 variants, the others none), then times server
 * requests through the app's own HTTP stack — Fastify `inject` into the real `/api/v1` plugin: API-key
 * authentication, query validation, the use case, both queries and the JSON answer; no network — over N
 * repetitions after a warm-up, and prints p50/p95 next to a baseline measured in the same run on the same
 * table: a plain `SELECT * FROM items WHERE store_id = ? LIMIT 50`.
 *
 * Options: --items N (default 50000), --runs N (default 50), --only sqlite|postgres, --keep (keep the
 * PostgreSQL database, to look at query plans).
 * PostgreSQL: BENCH_POSTGRES_ADMIN_URL (default TEST_POSTGRES_ADMIN_URL, else
 * postgres://postgres@127.0.0.1:5432/postgres); a fresh database is created and dropped.
 * Not part of `npm test`. Results and how to read them: bench/README.md.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { type Insertable, type Kysely, sql } from 'kysely';
import pg from 'pg';
import { type DatabaseHandle, openDatabase } from '../src/adapters/db/database.js';
import { migrateToLatest } from '../src/adapters/db/migrate.js';
import { createRepositories } from '../src/adapters/db/repositories.js';
import type { DB, ItemsTable, ProductsTable } from '../src/adapters/db/schema.js';
import { createApiKey } from '../src/app/api-keys/create-api-key.js';
import type { StoreId } from '../src/app/ports/store-id.js';
import type { Database } from '../src/config.js';
import { type BenchFigure, valueFigure, withoutJson, writeFigures } from './support/bench-figures.js';
import { readOnlyApiV1 } from './support/read-only-api.js';

const { values: options } = parseArgs({
  args: withoutJson(process.argv.slice(2)),
  options: {
    items: { type: 'string', default: '50000' },
    runs: { type: 'string', default: '50' },
    only: { type: 'string' },
    // Keep the PostgreSQL database (its name is printed), to look at query plans afterwards.
    keep: { type: 'boolean', default: false },
  },
});
const ITEMS = Number(options.items);
const RUNS = Number(options.runs);
const WARM_UP = 5;
const PAGE_SIZE = 25;
const ADMIN_URL =
  process.env.BENCH_POSTGRES_ADMIN_URL ||
  process.env.TEST_POSTGRES_ADMIN_URL ||
  'postgres://postgres@127.0.0.1:5432/postgres';

const NOW = new Date('2026-03-10T12:00:00.000Z');
const clock = { now: () => NOW };
/** For `--json`: each database's cases held to the goal, beside the same run's plain SELECT. */
const figures: BenchFigure[] = [];

interface Row {
  readonly name: string;
  /** One of the cases (first page, deep page, search), held to the goal. */
  readonly goal?: boolean;
  readonly p50: number;
  readonly p95: number;
  readonly max: number;
  readonly note: string;
}

async function main(): Promise<void> {
  console.log(
    `Assigned products benchmark: ${ITEMS} assigned items, ${RUNS} runs per case (after ${WARM_UP} warm-up)`,
  );
  console.log(`Node ${process.version}, ${process.platform} ${process.arch}, ${availableParallelism()} CPUs`);
  // Figures from a busy machine are not those of an idle one: say how busy it was.
  console.log(`load average (1 min) at start: ${loadavg()[0]!.toFixed(1)}\n`);
  if (options.only !== 'postgres') {
    const dir = mkdtempSync(path.join(tmpdir(), 'backorder-bench-'));
    try {
      await benchmark('SQLite', { kind: 'sqlite', file: path.join(dir, 'bench.sqlite') });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  if (options.only !== 'sqlite') {
    const database = await freshPostgresDatabase();
    if (database === null) {
      console.log(`PostgreSQL: skipped, not reachable at ${ADMIN_URL} (set BENCH_POSTGRES_ADMIN_URL).`);
      return;
    }
    try {
      await benchmark('PostgreSQL', { kind: 'postgres', url: database.url });
    } finally {
      if (options.keep) console.log(`kept ${database.url}`);
      else await database.drop();
    }
  }
}

async function benchmark(label: string, config: Database): Promise<void> {
  const handle = await openDatabase(config, { poolSize: 4 });
  try {
    await migrateToLatest(handle.db);
    const started = performance.now();
    const { storeId, products } = await seed(handle);
    console.log(
      `${label}: seeded ${ITEMS} items of ${products} products in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    const { app, key } = await apiOver(handle, storeId);
    try {
      const lastPage = Math.ceil(products / PAGE_SIZE);
      const get = (query: string) => async () => {
        const response = await app.inject({
          method: 'GET',
          url: `/api/v1/products?${query}`,
          headers: { authorization: `Bearer ${key}` },
        });
        if (response.statusCode !== 200) throw new Error(`${query}: ${response.statusCode} ${response.body}`);
        return response.json() as { total: number; data: unknown[] };
      };
      const baseline = async () =>
        handle.db.selectFrom('items').selectAll().where('store_id', '=', storeId).limit(50).execute();

      const goal = (row: Row): Row => ({ ...row, goal: true });
      const rows: Row[] = [
        await measure('baseline: SELECT * FROM items … LIMIT 50', baseline, (r) => `${r.length} rows`),
        goal(await measure('first page (by name)', get(`limit=${PAGE_SIZE}`), describe)),
        goal(
          await measure(
            `deep page (${lastPage} of ${lastPage})`,
            get(`limit=${PAGE_SIZE}&page=${lastPage}`),
            describe,
          ),
        ),
        goal(await measure('search “blue” (name or SKU)', get(`limit=${PAGE_SIZE}&search=blue`), describe)),
        goal(await measure('search by variant SKU', get(`limit=${PAGE_SIZE}&search=sku-012344-l`), describe)),
        await measure('status=backorder, first page', get(`limit=${PAGE_SIZE}&status=backorder`), describe),
        await measure(
          'sort=stock desc, deep page',
          get(`limit=${PAGE_SIZE}&sort=stock&direction=desc&page=${Math.floor(lastPage / 2)}`),
          describe,
        ),
      ];
      print(label, rows);
      const base = rows[0]!;
      for (const row of rows.filter((r) => r.goal === true)) {
        figures.push(
          valueFigure({
            name: `admin list at ${ITEMS} items, ${label}: ${row.name}, p95`,
            value: row.p95,
            unit: 'ms',
            baseline: base.p95,
            baselineLabel: 'p95 of SELECT * FROM items … LIMIT 50',
            goal: { atMost: 100 },
            goalText: 'p95 ≤ 100 ms',
            note: row.note,
          }),
        );
      }
      console.log(`load average (1 min) now: ${loadavg()[0]!.toFixed(1)}\n`);
    } finally {
      await app.close();
    }
  } finally {
    await handle.destroy();
  }
}

function describe(answer: { total: number; data: unknown[] }): string {
  return `${answer.data.length} of ${answer.total} products`;
}

async function measure<T>(name: string, run: () => Promise<T>, note: (result: T) => string): Promise<Row> {
  for (let i = 0; i < WARM_UP; i += 1) await run();
  const times: number[] = [];
  let last: T | undefined;
  for (let i = 0; i < RUNS; i += 1) {
    const start = performance.now();
    last = await run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)]!;
  return { name, p50: at(0.5), p95: at(0.95), max: times[times.length - 1]!, note: note(last as T) };
}

function print(label: string, rows: readonly Row[]): void {
  const width = Math.max(...rows.map((r) => r.name.length));
  console.log(`\n${label} — server time per request, ms`);
  console.log(`${'case'.padEnd(width)}   p50      p95      max   `);
  for (const r of rows) {
    const ms = (v: number) => v.toFixed(2).padStart(7);
    console.log(`${r.name.padEnd(width)} ${ms(r.p50)}  ${ms(r.p95)}  ${ms(r.max)}   ${r.note}`);
  }
  const worst = Math.max(...rows.filter((r) => r.goal === true).map((r) => r.p95));
  console.log(
    `goal (first page, deep page, search): p95 ≤ 100 ms — ${worst <= 100 ? 'met' : 'NOT met'} (worst p95 ${worst.toFixed(2)} ms)`,
  );
}

// ── Seeding ─────────────────────────────────────────────────────────────────────────────────────

const ADJECTIVES = [
  'Blue',
  'Red',
  'Green',
  'Classic',
  'Trail',
  'Urban',
  'Soft',
  'Heavy',
  'Light',
  'Vintage',
  'Cozy',
  'Sport',
];
const NOUNS = [
  'Shoe',
  'Hoodie',
  'Cap',
  'Scarf',
  'Mug',
  'Jacket',
  'Sock',
  'Backpack',
  'Bottle',
  'Lamp',
  'Tee',
  'Glove',
];
const SIZES = ['XS', 'S', 'M', 'L', 'XL'];

/**
 * Rows written straight into the tables in batches (the item pipeline would take minutes and write
 * history the list never reads): products with their items as assignment leaves them, about 10% of the
 * items out of stock on backorder, 2% blocked by their threshold and 2% switched off by the merchant.
 */
async function seed(handle: DatabaseHandle): Promise<{ storeId: StoreId; products: number }> {
  const { db } = handle;
  const repos = createRepositories(handle);
  const store = await repos.stores.install({
    storeHash: `bench${Date.now().toString(36)}`,
    accessTokenEncrypted: 'v1:not-used',
    scope: '',
    timezone: 'America/Chicago',
    now: NOW,
  });
  const template = await repos.templates.createTemplate(
    store.id,
    {
      name: 'Default',
      buttonText: 'Pre-order',
      backorderMessage: '',
      cartMessage: '',
      unavailableMessage: '',
      threshold: null,
      incomingStock: 0,
      backInStockDate: null,
      packingSlipMessage: '',
    },
    NOW,
  );
  if (!template.ok) throw new Error(template.message);
  const at = (n: number) => new Date(NOW.getTime() - n * 60_000).toISOString();

  type ProductInsert = Insertable<ProductsTable>;
  type ItemInsert = Insertable<ItemsTable>;
  let items = 0;
  let n = 0;
  const BATCH = 500;
  while (items < ITEMS) {
    const products: ProductInsert[] = [];
    const shapes: number[] = [];
    for (let b = 0; b < BATCH && items < ITEMS; b += 1) {
      n += 1;
      const variants = n % 4 === 0 ? Math.min(SIZES.length, ITEMS - items) : 0;
      items += Math.max(1, variants);
      shapes.push(variants);
      products.push({
        store_id: store.id,
        bc_product_id: n,
        name: `${ADJECTIVES[n % ADJECTIVES.length]} ${NOUNS[Math.floor(n / ADJECTIVES.length) % NOUNS.length]} ${n}`,
        sku: `SKU-${String(n).padStart(6, '0')}`,
        template_id: n % 3 === 0 ? template.template.id : null,
        assigned: 1,
        original_settings: '{}',
        assigned_at: at(n),
        unassigned_at: null,
        created_at: at(n),
        updated_at: at(n),
      });
    }
    const inserted = await db
      .insertInto('products')
      .values(products)
      .returning(['id', 'bc_product_id', 'sku'])
      .execute();
    const rows: ItemInsert[] = [];
    inserted.forEach((p, index) => {
      const variants = shapes[index]!;
      const sizes = variants === 0 ? [null] : SIZES.slice(0, variants);
      sizes.forEach((size, v) => {
        const k = p.bc_product_id * 7 + v;
        const state = k % 50;
        const blocked = state === 0 ? 'threshold' : state === 1 ? 'manual' : null;
        const outOfStock = state < 6;
        const stock = outOfStock ? -(k % 4) : (k % 40) + 1;
        rows.push({
          store_id: store.id,
          product_id: p.id,
          bc_product_id: p.bc_product_id,
          bc_variant_id: size === null ? null : p.bc_product_id * 10 + v,
          sku: size === null ? p.sku : `${p.sku}-${size}`,
          stock,
          threshold: state === 0 ? 3 : k % 5 === 0 ? 10 : null,
          backordered: outOfStock ? -stock : 0,
          incoming: k % 3 === 0 ? 12 : 0,
          back_in_stock_date: k % 6 === 0 ? '2026-04-01' : null,
          block: blocked,
          status: blocked !== null && outOfStock ? 'unavailable' : outOfStock ? 'backorder' : 'in_stock',
          episode: outOfStock ? 1 : 0,
          active: 1,
          option_values:
            size === null
              ? null
              : JSON.stringify([{ optionId: 1, valueId: 100 + v, name: 'Size', label: size }]),
          created_at: at(p.bc_product_id),
          updated_at: at(k % 10_000),
        });
      });
    });
    for (let i = 0; i < rows.length; i += BATCH)
      await db
        .insertInto('items')
        .values(rows.slice(i, i + BATCH))
        .execute();
  }
  if (handle.dialect === 'postgres') await sqlAnalyze(db);
  return { storeId: store.id, products: n };
}

/**
 * Statistics and the visibility map as autovacuum keeps them on a database that grew over time (without
 * the visibility map, PostgreSQL cannot answer from an index alone).
 */
async function sqlAnalyze(db: Kysely<DB>): Promise<void> {
  await sql`vacuum analyze`.execute(db);
}

async function apiOver(
  handle: DatabaseHandle,
  storeId: StoreId,
): Promise<{ app: FastifyInstance; key: string }> {
  const repos = createRepositories(handle);
  const created = await createApiKey({ apiKeys: repos.apiKeys, clock }, { storeId, name: 'bench' });
  if (!created.ok) throw new Error(created.message);
  const app = await readOnlyApiV1(repos, clock);
  await app.ready();
  return { app, key: created.key };
}

async function freshPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> } | null> {
  const admin = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch {
    return null;
  }
  const name = `backorder_bench_${Date.now()}_${process.pid}`;
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const cleanup = new pg.Client({ connectionString: ADMIN_URL });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}

await main();
writeFigures('assigned-products', figures);
