/**
 * `npm run bench:storefront`: the storefront data endpoint next to static JSON on the same server (issue 12).
 *
 * One store on SQLite (a temporary file, migrations applied) with a product of 5 variants in backorder,
 * served by the app's own server (`buildServer`, log level `warn` as in production) with the real
 * storefront plugin, and a baseline route on the same server answering the same JSON body, precomputed,
 * with the same headers. A load loop in a worker thread (Node's http, keep-alive, N connections, each
 * sending its next request when the last answer arrived) hits each route for the same time, in turn,
 * after a warm-up, and prints req/s and p50/p99 latency of both and the endpoint's share of the baseline
 * (goal ≥ 50 %). The client shares the machine with the server: read the figures side by side.
 *
 * Options: --connections N (default 50), --seconds N per case (default 5), --rounds N (default 2: the
 * cases alternate, the best round of each counts). Not part of `npm test`. Results: bench/README.md.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { openDatabase } from '../src/adapters/db/database.js';
import { migrateToLatest } from '../src/adapters/db/migrate.js';
import { createRepositories } from '../src/adapters/db/repositories.js';
import { assignProductItems } from '../src/app/items/assign-product-items.js';
import { storefrontRoutes } from '../src/http/routes/storefront/index.js';
import { buildServer } from '../src/http/server.js';
import { ratioFigure, valueFigure, withoutJson, writeFigures } from './support/bench-figures.js';

const { values: options } = parseArgs({
  args: withoutJson(process.argv.slice(2)),
  options: {
    connections: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '5' },
    rounds: { type: 'string', default: '2' },
  },
});
const CONNECTIONS = Number(options.connections);
const SECONDS = Number(options.seconds);
const ROUNDS = Number(options.rounds);
const NOW = new Date('2026-03-10T12:00:00.000Z');
const STORE = 'benchfront1';
const PRODUCT = 112;

/** The client: plain node:http with a keep-alive agent, so the client costs as little as it can. */
const CLIENT = `
const http = require('node:http');
const { parentPort, workerData } = require('node:worker_threads');
const { url, connections, seconds } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
const latencies = [];
let done = 0, failed = 0;
const end = performance.now() + seconds * 1000;
function one() {
  return new Promise((resolve) => {
    const started = performance.now();
    const req = http.get(url, { agent }, (res) => {
      res.on('data', () => {});
      res.on('end', () => {
        if (res.statusCode === 200) { done++; latencies.push(performance.now() - started); } else failed++;
        resolve();
      });
    });
    req.on('error', () => { failed++; resolve(); });
  });
}
async function loop() { while (performance.now() < end) await one(); }
const started = performance.now();
Promise.all(Array.from({ length: connections }, loop)).then(() => {
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] || 0;
  parentPort.postMessage({ rps: done / elapsed, p50: at(0.5), p99: at(0.99), done, failed });
  agent.destroy();
});
`;

interface Figures {
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly done: number;
  readonly failed: number;
}

function load(url: string, seconds: number): Promise<Figures> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(CLIENT, { eval: true, workerData: { url, connections: CONNECTIONS, seconds } });
    worker.once('message', (figures: Figures) => {
      resolve(figures);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

async function main(): Promise<void> {
  console.log(
    `Storefront endpoint benchmark: ${CONNECTIONS} connections, ${SECONDS} s per case, ${ROUNDS} rounds (best counts)`,
  );
  console.log(`Node ${process.version}, ${process.platform} ${process.arch}, ${availableParallelism()} CPUs`);
  console.log(`load average (1 min) at start: ${loadavg()[0]!.toFixed(1)}\n`);

  const dir = mkdtempSync(path.join(tmpdir(), 'backorder-bench-storefront-'));
  const handle = await openDatabase({ kind: 'sqlite', file: path.join(dir, 'bench.sqlite') });
  const server = buildServer({ logLevel: 'warn', checkDatabase: async () => {} });
  try {
    await migrateToLatest(handle.db);
    const repos = createRepositories(handle);
    const store = await repos.stores.install({
      storeHash: STORE,
      accessTokenEncrypted: 'v1:not-used-here',
      scope: 'store_v2_products store_v2_content',
      timezone: 'America/Chicago',
      now: NOW,
    });
    const template = await repos.templates.createTemplate(
      store.id,
      {
        name: 'Bench',
        buttonText: 'Pre-order',
        backorderMessage: 'Ships on {back_in_stock_date}; {incoming_stock} on the way.',
        cartMessage: 'Backordered: ships on {back_in_stock_date}',
        unavailableMessage: 'Sold out',
        threshold: null,
        incomingStock: 0,
        backInStockDate: null,
        packingSlipMessage: 'Backordered items ship separately.',
      },
      NOW,
    );
    if (!template.ok) throw new Error(`template refused: ${template.code}`);
    const assigned = await assignProductItems(repos, {
      storeId: store.id,
      idempotencyKey: 'bench-assign',
      cause: { type: 'admin_action', ref: null },
      actor: 'admin:bench@example.com',
      now: NOW,
      product: {
        bcProductId: PRODUCT,
        name: 'Bench jacket',
        sku: 'BENCH',
        templateId: template.template.id,
        originalSettings: { inventory_tracking: 'variant', availability: 'available' },
      },
      items: ['XS', 'S', 'M', 'L', 'XL'].map((size, i) => ({
        bcVariantId: 300 + i,
        sku: `BENCH-${size}`,
        stock: i % 2 === 0 ? 0 : 4,
        threshold: 10,
        incoming: 5,
        backInStockDate: '2026-07-01',
      })),
    });
    if (!assigned.applied) throw new Error('assignment failed');

    await server.register(storefrontRoutes, repos);
    const endpoint = `/storefront/${STORE}/products?ids=${PRODUCT}`;
    // The baseline answers the very bytes the endpoint answers, with the same headers, computed once.
    let body = '';
    let headers: Record<string, string> = {};
    server.get('/bench/static.json', { logLevel: 'warn' }, async (_request, reply) =>
      reply.headers(headers).send(body),
    );
    const probe = await server.inject({ method: 'GET', url: endpoint });
    if (probe.statusCode !== 200) throw new Error(`the endpoint answered ${probe.statusCode}`);
    body = probe.body;
    headers = Object.fromEntries(
      ['content-type', 'cache-control', 'etag', 'access-control-allow-origin', 'x-content-type-options']
        .filter((name) => probe.headers[name] !== undefined)
        .map((name) => [name, String(probe.headers[name])]),
    );
    const base = await server.listen({ host: '127.0.0.1', port: 0 });
    console.log(`answer: ${Buffer.byteLength(body)} bytes (${endpoint})\n`);

    await load(`${base}${endpoint}`, 1);
    await load(`${base}/bench/static.json`, 1);
    const best: Record<'endpoint' | 'static', Figures | null> = { endpoint: null, static: null };
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, url] of [
        ['static', `${base}/bench/static.json`],
        ['endpoint', `${base}${endpoint}`],
      ] as const) {
        const figures = await load(url, SECONDS);
        if (figures.failed > 0) console.log(`${name}: ${figures.failed} requests failed`);
        if (best[name] === null || figures.rps > best[name].rps) best[name] = figures;
      }
    }
    const row = (name: string, f: Figures) =>
      `${name.padEnd(36)}${Math.round(f.rps).toString().padStart(9)}${f.p50.toFixed(2).padStart(9)}${f.p99
        .toFixed(2)
        .padStart(9)}`;
    console.log(`${'case'.padEnd(36)}${'req/s'.padStart(9)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}`);
    console.log(row('baseline: static JSON, same server', best.static!));
    console.log(row('storefront endpoint (one product)', best.endpoint!));
    const ratio = best.endpoint!.rps / best.static!.rps;
    console.log(
      `\nendpoint / static: ${(ratio * 100).toFixed(0)} % — goal ≥ 50 %: ${ratio >= 0.5 ? 'met' : 'not met'}`,
    );
    console.log(`load average (1 min) now: ${loadavg()[0]!.toFixed(1)}`);
    const conditions = `${CONNECTIONS} connections, best of ${ROUNDS} rounds of ${SECONDS} s`;
    writeFigures('storefront', [
      ratioFigure({
        name: 'storefront endpoint: req/s',
        value: best.endpoint!.rps,
        unit: 'req/s',
        baseline: best.static!.rps,
        baselineLabel: 'static JSON, same server',
        goal: { atLeast: 0.5 },
        goalText: '≥ 50 % of static JSON',
        note: conditions,
      }),
      valueFigure({
        name: 'storefront endpoint: p99',
        value: best.endpoint!.p99,
        unit: 'ms',
        baseline: best.static!.p99,
        baselineLabel: 'static JSON p99',
        note: conditions,
      }),
    ]);
  } finally {
    await server.close();
    await handle.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
