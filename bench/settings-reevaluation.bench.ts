/**
 * `npx tsx bench/settings-reevaluation.bench.ts`: PATCH /settings with a new switch condition S for a
 * store of 112,000 assigned items (issue 12's table: 13–14.5 s inside the request before; goal: a job,
 * the request < 100 ms).
 *
 * For each database (SQLite in a temporary file; PostgreSQL when reachable) it seeds one store with
 * 112,000 items (rows written straight into the tables; stock spread over −3..40), then times:
 * - before: what the request did until now, in the request — the settings written, then every item
 *   re-evaluated (`reevaluateItems`, as src/app/settings/update-settings.ts called it), S 0 → 5;
 * - after: the use case `updateSettings` for the same change (S back to 0 first, untimed): the settings
 *   written, the items counted, the re-evaluation recorded and its job queued — the request's work;
 * - the `settings.reevaluate` job that then does the items, for reference (it runs in the worker).
 * Options: --items N (default 112000), --only sqlite|postgres.
 * Not part of `npm test`; figures in bench/README.md.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Insertable } from 'kysely';
import pg from 'pg';
import { type DatabaseHandle, openDatabase } from '../src/adapters/db/database.js';
import { migrateToLatest } from '../src/adapters/db/migrate.js';
import { createRepositories } from '../src/adapters/db/repositories.js';
import type { ItemsTable, ProductsTable } from '../src/adapters/db/schema.js';
import type { JobQueue } from '../src/app/ports/job-queue.js';
import type { StoreId } from '../src/app/ports/store-id.js';
import { reevaluateItems } from '../src/app/settings/reevaluate-items.js';
import { runReevaluation } from '../src/app/settings/run-reevaluation.js';
import { updateSettings } from '../src/app/settings/update-settings.js';
import type { Database } from '../src/config.js';
import { type BenchFigure, valueFigure, withoutJson, writeFigures } from './support/bench-figures.js';

const { values: options } = parseArgs({
  args: withoutJson(process.argv.slice(2)),
  options: { items: { type: 'string', default: '112000' }, only: { type: 'string' } },
});
const figures: BenchFigure[] = [];
const ITEMS = Number(options.items);
const ADMIN_URL =
  process.env.BENCH_POSTGRES_ADMIN_URL ||
  process.env.TEST_POSTGRES_ADMIN_URL ||
  'postgres://postgres@127.0.0.1:5432/postgres';
const NOW = new Date('2026-03-10T12:00:00.000Z');
let tick = 0;
// Each write a millisecond later, so every settings change has its own re-evaluation ref.
const clock = { now: () => new Date(NOW.getTime() + tick++) };
const sent: string[] = [];
const jobs: Pick<JobQueue, 'send'> = {
  send: async (name) => {
    sent.push(name);
    return String(sent.length);
  },
};

async function main(): Promise<void> {
  console.log(`${ITEMS} items; load average (1 min) at start: ${loadavg()[0]!.toFixed(1)}\n`);
  if (options.only !== 'postgres') {
    const dir = mkdtempSync(path.join(tmpdir(), 'backorder-bench-'));
    try {
      await benchmark('SQLite', { kind: 'sqlite', file: path.join(dir, 'bench.sqlite') });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  if (options.only !== 'sqlite') {
    const name = `backorder_bench_${Date.now()}_${process.pid}`;
    const admin = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3000 });
    try {
      await admin.connect();
    } catch {
      console.log(`PostgreSQL: skipped, not reachable at ${ADMIN_URL}.`);
      return;
    }
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(ADMIN_URL);
    url.pathname = `/${name}`;
    try {
      await benchmark('PostgreSQL', { kind: 'postgres', url: url.toString() });
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  }
  console.log(`\nload average (1 min) at end: ${loadavg()[0]!.toFixed(1)}`);
  writeFigures('settings-reevaluation', figures);
}

async function benchmark(label: string, config: Database): Promise<void> {
  const handle = await openDatabase(config, { poolSize: 4 });
  try {
    await migrateToLatest(handle.db);
    const storeId = await seed(handle);
    const repos = createRepositories(handle);
    const deps = { ...repos, jobs, clock };

    // Before: the change and the re-evaluation of every item inside the request.
    const oldRequest = async (s: number) => {
      const started = performance.now();
      const settings = await repos.settings.updateSettings(storeId, { switchCondition: s }, clock.now());
      const rules = await repos.settings.getRules(storeId);
      if (settings === null || rules === null) throw new Error('no store');
      const { changed } = await reevaluateItems(deps, {
        storeId,
        rules,
        ref: `${settings.updatedAt.getTime()}:s=${s}`,
        actor: 'bench',
      });
      return { ms: performance.now() - started, changed };
    };
    const before = await oldRequest(5);
    await oldRequest(0);

    // After: the request queues the job; the job does the items.
    const startedRequest = performance.now();
    const result = await updateSettings(deps, {
      storeId,
      actor: 'bench',
      patch: { switchCondition: 5 },
    });
    const requestMs = performance.now() - startedRequest;
    if (!result.ok || result.reevaluation === null) throw new Error('nothing queued');
    const startedJob = performance.now();
    const ended = await runReevaluation(deps, { storeId, reevaluationId: result.reevaluation.id });
    const jobMs = performance.now() - startedJob;

    figures.push(
      valueFigure({
        name: `PATCH /settings (new S), ${label}: the request`,
        value: requestMs,
        unit: 'ms',
        baseline: before.ms,
        baselineLabel: `the same change with every item re-evaluated in the request, as before`,
        goal: { atMost: 100 },
        goalText: '< 100 ms',
        note: `${ITEMS} items`,
      }),
      valueFigure({
        name: `PATCH /settings (new S), ${label}: the settings.reevaluate job`,
        value: jobMs,
        unit: 'ms',
        note: `${ended?.doneItems}/${ended?.totalItems} items, ${ended?.changedItems} changed, in the worker`,
      }),
    );
    console.log(`${label}:`);
    console.log(
      `  before: PATCH /settings (S 0 → 5) in the request: ${fmt(before.ms)} (${before.changed} items changed)`,
    );
    console.log(`  after:  PATCH /settings (S 0 → 5), the request's work: ${fmt(requestMs)}`);
    console.log(
      `          settings.reevaluate job: ${fmt(jobMs)} (${ended?.status}, ${ended?.doneItems}/${ended?.totalItems} items, ${ended?.changedItems} changed)`,
    );
  } finally {
    await handle.destroy();
  }
}

function fmt(ms: number): string {
  return ms < 1000 ? `${ms.toFixed(1)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

async function seed(handle: DatabaseHandle): Promise<StoreId> {
  const { db } = handle;
  const repos = createRepositories(handle);
  const store = await repos.stores.install({
    storeHash: `bench${Date.now().toString(36)}`,
    accessTokenEncrypted: 'v1:not-used',
    scope: '',
    timezone: 'America/Chicago',
    now: NOW,
  });
  const at = NOW.toISOString();
  const BATCH = 500;
  for (let n = 0; n < ITEMS; n += BATCH) {
    const products: Insertable<ProductsTable>[] = [];
    for (let k = n; k < Math.min(ITEMS, n + BATCH); k += 1) {
      products.push({
        store_id: store.id,
        bc_product_id: k + 1,
        name: `Product ${k + 1}`,
        sku: `SKU-${k + 1}`,
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
    const items: Insertable<ItemsTable>[] = inserted.map((p) => {
      const stock = (p.bc_product_id % 44) - 3;
      const out = stock <= 0;
      return {
        store_id: store.id,
        product_id: p.id,
        bc_product_id: p.bc_product_id,
        bc_variant_id: null,
        sku: p.sku,
        stock,
        threshold: null,
        backordered: out ? -stock : 0,
        incoming: 0,
        back_in_stock_date: null,
        block: null,
        status: out ? 'backorder' : 'in_stock',
        episode: out ? 1 : 0,
        active: 1,
        option_values: null,
        created_at: at,
        updated_at: at,
      };
    });
    await db.insertInto('items').values(items).execute();
  }
  return store.id;
}

await main();
