/**
 * The stock path (issue 12, deliverable 4): one sale through the app's item pipeline — `applyItemEvent`
 * with a `sold` event of an order line: lock, key check, rules, the order-line check, decide, the item,
 * journal, ledger and order-line rows, in one transaction — beside the raw transaction a database needs
 * for the same sale at the least (UPDATE the item, INSERT the ledger row), on the same database, in the
 * same run.
 *
 * - SQLite (WAL, synchronous = FULL as the app opens it): one writer, sales one after the other.
 * - PostgreSQL (when DATABASE_URL or --database-url names a server): `--concurrency` sales at once
 *   (default 4), each on an item of its own.
 *
 *   npm run bench:stock-path [-- --sales 3000 --concurrency 4 --database-url postgres://…]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { type DatabaseHandle, openDatabase } from '../src/adapters/db/database.js';
import { migrateToLatest } from '../src/adapters/db/migrate.js';
import { createRepositories } from '../src/adapters/db/repositories.js';
import { applyItemEvent } from '../src/app/items/apply-item-event.js';
import { assignProductItems } from '../src/app/items/assign-product-items.js';
import type { StoreId } from '../src/app/ports/store-id.js';
import { type BenchFigure, ratioFigure, writeFigures } from './support/bench-figures.js';

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? fallback : (process.argv[at + 1] ?? fallback);
}

const SALES = Number(option('sales', '3000'));
const CONCURRENCY = Number(option('concurrency', '4'));
const POSTGRES_URL = option(
  'database-url',
  process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
);

interface Figure {
  readonly label: string;
  readonly perSecond: number;
}

const figures: Figure[] = [];

await sqlite();
const results: BenchFigure[] = [];
await postgres().catch((error: unknown) => {
  const reason = error instanceof Error ? error.message : String(error);
  console.log(`PostgreSQL skipped: ${reason}`);
  // The runner's table must show the database that was not measured, not leave it out.
  results.push({
    name: 'stock path: PostgreSQL',
    value: Number.NaN,
    unit: 'sales/s',
    baseline: null,
    baselineLabel: null,
    ratio: null,
    goal: '≥ 50 % of raw',
    met: false,
    note: `not measured: ${reason}`,
  });
});
console.log('\nstock path vs raw transaction');
for (let i = 0; i + 1 < figures.length; i += 2) {
  const app = figures[i]!;
  const raw = figures[i + 1]!;
  results.push(
    ratioFigure({
      name: `stock path: ${app.label.replace(/, app$/, '')}`,
      value: app.perSecond,
      unit: 'sales/s',
      baseline: raw.perSecond,
      baselineLabel: 'raw transaction (UPDATE item, INSERT ledger)',
      goal: { atLeast: 0.5 },
      goalText: '≥ 50 % of raw',
      note: `${SALES} sales`,
    }),
  );
  console.log(
    `${app.label.padEnd(28)} ${app.perSecond.toFixed(0).padStart(7)} sales/s   raw ${raw.perSecond
      .toFixed(0)
      .padStart(7)} /s   ratio ${((app.perSecond / raw.perSecond) * 100).toFixed(1)} % (goal ≥ 50 %)`,
  );
}

writeFigures('stock-path', results);

async function sqlite(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'backorder-bench-stock-'));
  try {
    const handle = await openDatabase({ kind: 'sqlite', file: path.join(dir, 'app.sqlite') });
    const { storeId, itemIds } = await seed(handle, 1);
    const appRate = await appSales(handle, storeId, itemIds, 1);
    await handle.destroy();
    figures.push({ label: 'SQLite, app', perSecond: appRate });

    // The least a sale needs, on a database opened as the app opens its own.
    const raw = new Database(path.join(dir, 'raw.sqlite'));
    raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = FULL');
    raw.exec(`CREATE TABLE items (id INTEGER PRIMARY KEY, stock INTEGER NOT NULL, backordered INTEGER NOT NULL);
      CREATE TABLE ledger (id INTEGER PRIMARY KEY, item_id INTEGER NOT NULL, delta INTEGER NOT NULL,
        key TEXT NOT NULL UNIQUE, at TEXT NOT NULL);
      INSERT INTO items (id, stock, backordered) VALUES (1, 1000000, 0);`);
    const update = raw.prepare('UPDATE items SET stock = stock - 1 WHERE id = 1');
    const insert = raw.prepare('INSERT INTO ledger (item_id, delta, key, at) VALUES (1, -1, ?, ?)');
    const sale = raw.transaction((i: number) => {
      update.run();
      insert.run(`sale:${i}`, new Date().toISOString());
    });
    const started = performance.now();
    for (let i = 0; i < SALES; i += 1) sale(i);
    figures.push({ label: 'SQLite, raw', perSecond: SALES / ((performance.now() - started) / 1000) });
    raw.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function postgres(): Promise<void> {
  const name = `backorder_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  // Both pools end before the database is dropped, however the run ends: a pool left with idle
  // connections when DROP … WITH (FORCE) ends them would crash the process on its 'error' event and hide
  // what went wrong.
  let handle: DatabaseHandle | undefined;
  let pool: pg.Pool | undefined;
  try {
    handle = await openDatabase({ kind: 'postgres', url: url.toString() });
    const { storeId, itemIds } = await seed(handle, CONCURRENCY);
    const appRate = await appSales(handle, storeId, itemIds, CONCURRENCY);
    await handle.destroy();
    handle = undefined;
    figures.push({ label: `PostgreSQL ×${CONCURRENCY}, app`, perSecond: appRate });

    pool = new pg.Pool({ connectionString: url.toString(), max: CONCURRENCY });
    const raw = pool;
    await raw.query(`CREATE TABLE raw_items (id int PRIMARY KEY, stock int NOT NULL);
      CREATE TABLE raw_ledger (id bigserial PRIMARY KEY, item_id int NOT NULL, delta int NOT NULL,
        key text NOT NULL UNIQUE, at timestamptz NOT NULL)`);
    for (let w = 0; w < CONCURRENCY; w += 1)
      await raw.query('INSERT INTO raw_items VALUES ($1, 1000000)', [w]);
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async (_, w) => {
        const client = await raw.connect();
        try {
          for (let i = w; i < SALES; i += CONCURRENCY) {
            await client.query('BEGIN');
            await client.query('SELECT stock FROM raw_items WHERE id = $1 FOR UPDATE', [w]);
            await client.query('UPDATE raw_items SET stock = stock - 1 WHERE id = $1', [w]);
            await client.query(
              'INSERT INTO raw_ledger (item_id, delta, key, at) VALUES ($1, -1, $2, now())',
              [w, `sale:${i}`],
            );
            await client.query('COMMIT');
          }
        } finally {
          client.release();
        }
      }),
    );
    figures.push({
      label: `PostgreSQL ×${CONCURRENCY}, raw`,
      perSecond: SALES / ((performance.now() - started) / 1000),
    });
  } finally {
    await handle?.destroy().catch(() => {});
    await pool?.end().catch(() => {});
    const cleanup = new pg.Client({ connectionString: POSTGRES_URL });
    await cleanup.connect();
    await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await cleanup.end();
  }
}

/** A store with `count` assigned items of plenty of stock (so no sale crosses S). */
async function seed(handle: DatabaseHandle, count: number): Promise<{ storeId: StoreId; itemIds: number[] }> {
  await migrateToLatest(handle.db);
  const repos = createRepositories(handle);
  const now = new Date();
  const store = await repos.stores.install({
    storeHash: 'bench',
    accessTokenEncrypted: 'v1:bench',
    scope: '',
    timezone: 'America/Chicago',
    now,
  });
  const outcome = await assignProductItems(repos, {
    storeId: store.id,
    idempotencyKey: 'bench:assign',
    cause: { type: 'assignment', ref: null },
    actor: 'system',
    now,
    product: { bcProductId: 1, name: 'Bench', sku: 'BENCH', templateId: null, originalSettings: {} },
    items: Array.from({ length: count }, (_, v) => ({
      bcVariantId: 100 + v,
      sku: `BENCH-${v}`,
      stock: 1_000_000,
      threshold: null,
      incoming: 0,
      backInStockDate: null,
    })),
  });
  if (!outcome.applied) throw new Error('seeding failed');
  return { storeId: store.id, itemIds: outcome.items.map((i) => i.item.id) };
}

/** Sales through the pipeline: `workers` at once, each on an item of its own; sales per second. */
async function appSales(
  handle: DatabaseHandle,
  storeId: StoreId,
  itemIds: readonly number[],
  workers: number,
): Promise<number> {
  const repos = createRepositories(handle);
  const started = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async (_, w) => {
      for (let i = w; i < SALES; i += workers) {
        const outcome = await applyItemEvent(repos, {
          storeId,
          itemId: itemIds[w]!,
          idempotencyKey: `order:${i}:line:${i}:sale`,
          cause: { type: 'order_line', ref: `order:${i}:line:${i}` },
          actor: 'bigcommerce',
          now: new Date(),
          event: { kind: 'sold', quantity: 1 },
          orderLine: { bcOrderId: i + 1, bcOrderProductId: i + 1 },
        });
        if (!outcome.applied) throw new Error(`sale ${i} not applied`);
      }
    }),
  );
  return SALES / ((performance.now() - started) / 1000);
}
