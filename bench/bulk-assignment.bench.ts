/**
 * The bulk-assignment benchmark (issue 12.2): how many BigCommerce calls a bulk assignment of a generated
 * catalog costs next to the minimum, and the app's own peak RSS.
 *
 *   npm run bench:assignment [-- --products 5000 --quota 150]
 *
 * Demo mode starts in this process (the BigCommerce sandbox, the app installed through the real install
 * flow); the sandbox's catalog generator adds `products` products (a fifth with Size × Color variants) and
 * the app settles. Then the in-process app is closed and the app runs as a process of its own —
 * the server build under plain Node with `npm start`'s flags (dist/server, test/e2e/support/app-process.ts),
 * with the demo's configuration, on the same database and
 * port — so its RSS is its own, not the sandbox's with its catalog. One `POST /api/v1/assignments`
 * assigns every generated product as a background run; the benchmark waits for the run to finish and for
 * the app to settle (every webhook the writes caused processed, every purchasability write sent).
 *
 * Calls are counted where the sandbox receives them (Node's `http.server.request.start` diagnostics
 * channel: requests to the store's API with the app's token). The minimum, from the same run's catalog:
 * reads at 250 products per page (variants included) + writes at 10 products / 50 variants per request,
 * one write per product and per variant. The sandbox's quota is raised (a real store's would make the run
 * take hours); the time at `--quota` calls per 30 s (BigCommerce's default: 150) is computed from the
 * calls counted. The app's peak RSS: its process's `process.resourceUsage().maxRSS` after the run, asked
 * over IPC (bench/support/memory-reporter.preload.ts), beside its RSS at the run's start.
 *
 * Not part of `npm test`: it prints its figures and exits 0.
 */
import diagnosticsChannel from 'node:diagnostics_channel';
import { mkdtempSync, rmSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import type { Kysely } from 'kysely';
import { openDatabase } from '../src/adapters/db/database.js';
import type { DB } from '../src/adapters/db/schema.js';
import { loadConfig } from '../src/config.js';
import { type Demo, startDemo } from '../src/demo/start-demo.js';
import { generateCatalog } from '../src/sandbox/seed/index.js';
import { type AppProcess, startAppProcess, storesEnvironment } from '../test/e2e/support/app-process.js';
import { ratioFigure, valueFigure, withoutJson, writeFigures } from './support/bench-figures.js';
import { MEMORY_QUESTION, type MemoryAnswer } from './support/memory-reporter.preload.js';

const MEMORY_REPORTER = path.join(import.meta.dirname, 'support', 'memory-reporter.preload.ts');

const { values: args } = parseArgs({
  args: withoutJson(process.argv.slice(2)),
  options: {
    products: { type: 'string', default: '5000' },
    /** Calls per 30 s the estimate uses (BigCommerce: 150 Standard/Plus, 450 Pro). */
    quota: { type: 'string', default: '150' },
    'database-url': { type: 'string' },
  },
});
const PRODUCTS = positiveInt(args.products, 'products');
const QUOTA = positiveInt(args.quota, 'quota');

interface Calls {
  total: number;
  byKind: Map<string, number>;
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'backorder-bench-'));
  const config = loadConfig({
    PORT: '0',
    SANDBOX_PORT: '0',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    ...(args['database-url'] === undefined ? {} : { DATABASE_URL: args['database-url'] }),
  });
  if (config.mode !== 'demo') throw new Error('The benchmark runs in demo mode');
  const demo = await startDemo(config, {
    sandbox: { logLevel: 'silent', rateLimit: { quota: 10_000_000, windowMs: 30_000 } },
  });
  // The bench's own connection, to see when the app has settled whichever process runs it.
  const database = await openDatabase(config.database);
  let app: AppProcess | undefined;
  try {
    const { state } = demo.sandbox.sandbox;
    const hash = demo.info.storeHash;
    const before =
      state.products.listProducts(hash, { sort: 'id', direction: 'desc', limit: 1 }).items[0]?.id ?? 0;
    const started = performance.now();
    const summary = generateCatalog(state, {
      storeHash: hash,
      products: PRODUCTS,
      skuPrefix: 'BULK',
      seed: 12,
    });
    console.log(
      `Bulk assignment (issue 12.2): ${summary.products} products, ${summary.variants} variants generated in ` +
        `${((performance.now() - started) / 1000).toFixed(1)} s; app database ${config.database.kind}`,
    );
    await settle(demo, database.db);

    // The app moves to a process of its own: same configuration, database and port (where the sandbox
    // sends its webhooks), so the sandbox and its catalog stay out of the app's RSS.
    await demo.app.close();
    app = await startAppProcess(storesEnvironment({ ...demo.storesConfig, logLevel: 'warn' }), {
      imports: [MEMORY_REPORTER],
      ipc: true,
    });
    await settle(demo, database.db);
    const memoryOfApp = async () => (await app!.ask(MEMORY_QUESTION)) as MemoryAnswer;

    const calls: Calls = { total: 0, byKind: new Map() };
    const stopCounting = countAppCalls(demo, calls);
    const atStart = await memoryOfApp();
    let peakRss = atStart.rss;
    // Sampled too, to tell the run's peak from the process's lifetime one (which includes its start).
    // One question at a time: a busy app answers late, and questions must not pile up behind it.
    let asking = false;
    const sampler = setInterval(() => {
      if (asking) return;
      asking = true;
      memoryOfApp().then(
        (now) => {
          peakRss = Math.max(peakRss, now.rss);
          asking = false;
        },
        () => {},
      );
    }, 250);

    const t0 = performance.now();
    const response = await api(demo, 'POST', '/assignments', { filter: { keyword: 'BULK' } });
    if (response.status !== 202)
      throw new Error(`assignment: ${response.status} ${JSON.stringify(response.body)}`);
    const runId = (response.body as { run_id: number }).run_id;
    const estimate = (
      response.body as { estimate?: { calls: number; seconds: number; quota_requests: number } }
    ).estimate;
    if (estimate !== undefined) {
      console.log(
        `estimate told at the start: ${estimate.calls} calls, ${(estimate.seconds / 60).toFixed(1)} min at ` +
          `${estimate.quota_requests} calls / 30 s`,
      );
    }
    let progress: unknown = null;
    await until(async () => {
      const run = await api(demo, 'GET', `/assignments/runs/${runId}`);
      progress = run.body;
      const status = (run.body as { status: string }).status;
      return status === 'done' || status === 'failed';
    }, 'the run to finish');
    const runMs = performance.now() - t0;
    await settle(demo, database.db);
    const totalMs = performance.now() - t0;
    clearInterval(sampler);
    stopCounting();
    const atEnd = await memoryOfApp();
    peakRss = Math.max(peakRss, atEnd.rss);

    const assigned = state.products.listProducts(hash, { idGreater: before, limit: 1 }).total;
    const minimum = Math.ceil(assigned / 250) + Math.ceil(assigned / 10) + Math.ceil(summary.variants / 50);
    const progressOf = (progress as { progress?: unknown }).progress;
    console.log(`run ${runId}: ${JSON.stringify(progressOf)}`);
    console.log(`run done in ${(runMs / 1000).toFixed(1)} s, settled after ${(totalMs / 1000).toFixed(1)} s`);
    console.log('\ncalls by kind');
    for (const [kind, n] of [...calls.byKind].sort((a, b) => b[1] - a[1]))
      console.log(`  ${pad(n, 7)}  ${kind}`);
    const minutes = (n: number) => ((n / QUOTA) * 30) / 60;
    console.log(
      `\nBigCommerce calls: ${calls.total}; minimum ${minimum} (reads ${Math.ceil(assigned / 250)} at 250/page, ` +
        `writes ${Math.ceil(assigned / 10)} product + ${Math.ceil(summary.variants / 50)} variant batches); ` +
        `ratio ${(calls.total / minimum).toFixed(2)}× (goal ≤ 1.1×)`,
    );
    console.log(
      `at ${QUOTA} calls / 30 s: ${minutes(calls.total).toFixed(1)} min (minimum ${minutes(minimum).toFixed(1)} min)`,
    );
    const benchProcess = process.resourceUsage().maxRSS * 1024;
    console.log(
      `the app's peak RSS (its own process, pid ${app.pid}): ${mb(atEnd.maxRss)} MB — ${mb(atStart.rss)} MB at ` +
        `the run's start, ${mb(peakRss)} MB sampled peak during the run, ${mb(atEnd.rss)} MB at its end ` +
        `(heap used ${mb(atEnd.heapUsed)} MB); goal ≤ 200 MB at 50,000 products: ` +
        `${atEnd.maxRss <= 200 * 1024 * 1024 ? 'met' : 'not met'}`,
    );
    console.log(`the bench's process (sandbox with its catalog) peaked at ${mb(benchProcess)} MB`);
    const sizes = `${summary.products} products, ${summary.variants} variants, ${config.database.kind}`;
    writeFigures('bulk-assignment', [
      ratioFigure({
        name: `bulk assignment of ${summary.products} products: BigCommerce calls`,
        value: calls.total,
        unit: 'calls',
        baseline: minimum,
        baselineLabel: 'minimum: reads at 250/page + writes at 10 products / 50 variants',
        goal: { atMost: 1.1 },
        goalText: '≤ 1.1 × the minimum',
        note: sizes,
      }),
      valueFigure({
        name: `bulk assignment of ${summary.products} products: the app's peak RSS`,
        value: atEnd.maxRss / 1024 / 1024,
        unit: 'MB',
        baseline: atStart.rss / 1024 / 1024,
        baselineLabel: "the app's process at the run's start (Node, the app's code, idle)",
        goal: { atMost: 200 },
        goalText: '≤ 200 MB',
        note:
          `maxRSS of the app's own process (dist/server under Node with npm start's flags); sampled peak during ` +
          `the run ${mb(peakRss)} MB; the sandbox with its catalog, in the bench's process, peaked at ` +
          `${mb(benchProcess)} MB`,
      }),
      valueFigure({
        name: `bulk assignment of ${summary.products} products: time at ${QUOTA} calls / 30 s`,
        value: minutes(calls.total),
        unit: 'min',
        baseline: minutes(minimum),
        baselineLabel: `the minimum's calls at ${QUOTA} / 30 s`,
        note: `computed from the calls counted; this run (quota raised) took ${(totalMs / 1000).toFixed(0)} s`,
      }),
    ]);
  } finally {
    const ended = await app?.stop();
    if (ended !== undefined && ended !== 0)
      console.error(`the app process ended with ${ended}:\n${app!.output()}`);
    await database.destroy();
    await demo.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Counts, into `calls`, the requests the sandbox's store API receives from the app; returns the stop. */
function countAppCalls(demo: Demo, calls: Calls): () => void {
  const prefix = `/stores/${demo.info.storeHash}/v`;
  const benchToken = demo.info.sandboxApiToken;
  const onStart = (message: unknown) => {
    const { request } = message as { request: IncomingMessage };
    if (request.url?.startsWith(prefix) !== true || request.headers['x-auth-token'] === benchToken) return;
    calls.total += 1;
    const kind = `${request.method} ${callKind(request.url)}`;
    calls.byKind.set(kind, (calls.byKind.get(kind) ?? 0) + 1);
  };
  diagnosticsChannel.subscribe('http.server.request.start', onStart);
  return () => diagnosticsChannel.unsubscribe('http.server.request.start', onStart);
}

/** `/stores/h/v3/catalog/products/12?include=variants` → `/v3/catalog/products/{id}`. */
function callKind(pathAndQuery: string): string {
  const [pathOnly = '', query = ''] = pathAndQuery.split('?');
  const route = pathOnly.replace(/^\/stores\/[^/]+/, '').replace(/\/\d+/g, '/{id}');
  const ids = /id(%3A|:)in=/.test(query) ? ' (id:in)' : '';
  return `${route}${ids}`;
}

/** Waits until every webhook is delivered and processed and every purchasability write is sent. */
async function settle(demo: Demo, db: Kysely<DB>): Promise<void> {
  let quietInARow = 0;
  await until(async () => {
    const deliveries = demo.sandbox.sandbox.dispatcher.deliveries(demo.info.storeHash, { state: 'pending' });
    const inbox = await db
      .selectFrom('webhook_inbox')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('processed_at', 'is', null)
      .executeTakeFirstOrThrow();
    const outbox = await db
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('delivered_at', 'is', null)
      .where('kind', '=', 'setPurchasable')
      .executeTakeFirstOrThrow();
    const busy = deliveries.length + Number(inbox.n) + Number(outbox.n);
    quietInARow = busy === 0 ? quietInARow + 1 : 0;
    return quietInARow >= 10;
  }, 'the app to settle');
}

async function api(demo: Demo, method: string, pathAndQuery: string, body?: unknown) {
  const response = await fetch(`${demo.info.apiUrl}${pathAndQuery}`, {
    method,
    headers: {
      authorization: `Bearer ${demo.info.apiKey}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as unknown };
}

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 3_600_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await sleep(100);
  }
}

function positiveInt(text: string | undefined, name: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`--${name} must be a whole number ≥ 1`);
  return n;
}

const pad = (value: unknown, width: number) => String(value).padStart(width);
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
