/**
 * The order-burst benchmark (issue 9.1): how far past its threshold T an item's backorders B go when
 * orders arrive faster than the app can count them, and how long the write that disables purchase
 * takes to reach BigCommerce.
 *
 *   npm run bench:orders [-- --rounds 5 --orders 200 --within-ms 1000 --threshold 100 --quota 100000]
 *
 * Demo mode in this process: the BigCommerce sandbox and the app over real HTTP, the app installed
 * through the real install flow, default job and notification settings (the notification window of
 * 60 s is left on: the disabling write must not wait for it). Each round takes a new product without
 * variants (stock 0, so it is in backorder from its assignment), sets T, and places `orders` orders of
 * one unit within `within-ms`, as a storefront checkout places them (the sandbox's order creation, which
 * refuses a product whose purchase is disabled). Then it waits for the app to settle and reads B.
 *
 * Latency "order → disable" is measured in the sandbox, by a listener on its store events (no change of
 * behaviour): from the creation of the order that took the ordered units to T (the moment the app
 * should have stopped further orders; its webhook is published in the same instant) to the sandbox
 * applying the product write that disables purchase. The baseline, measured in the same run after each
 * burst, is the same latency for a single order that takes another product to its threshold (T = 1)
 * with nothing else going on.
 *
 * Not part of `npm test`: it prints its figures and exits 0 (1 when a round could not run).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { type Demo, startDemo } from '../src/demo/start-demo.js';
import type { OrderCreateInput } from '../src/sandbox/state/orders.repo.js';
import { valueFigure, withoutJson, writeFigures } from './support/bench-figures.js';
import { api, bc, expectOk } from './support/demo-http.js';

const { values: args } = parseArgs({
  args: withoutJson(process.argv.slice(2)),
  options: {
    rounds: { type: 'string', default: '5' },
    orders: { type: 'string', default: '200' },
    'within-ms': { type: 'string', default: '1000' },
    threshold: { type: 'string', default: '100' },
    /** The sandbox's API quota per 30 s window (BigCommerce: 150 Standard/Plus, 450 Pro, more on Enterprise). */
    quota: { type: 'string', default: '100000' },
    /** The app's database (default: SQLite in a temporary folder), e.g. postgres://postgres@127.0.0.1/bench. */
    'database-url': { type: 'string' },
  },
});
const ROUNDS = positiveInt(args.rounds, 'rounds');
const ORDERS = positiveInt(args.orders, 'orders');
const WITHIN_MS = positiveInt(args['within-ms'], 'within-ms');
const THRESHOLD = positiveInt(args.threshold, 'threshold');
const QUOTA = positiveInt(args.quota, 'quota');

interface Round {
  readonly accepted: number;
  readonly refused: number;
  readonly backordered: number;
  /** From the order that took the ordered units to T to the disabling write; null: never disabled. */
  readonly latencyMs: number | null;
  /** Part of it: from that order to the app recording B ≥ T (its webhook received and processed). */
  readonly countedMs: number | null;
  /** From the first order of the burst to the app having received / processed every order webhook. */
  readonly receivedAllMs: number | null;
  readonly processedAllMs: number | null;
  /** The same for one order taking another product to T = 1, nothing else going on. */
  readonly baselineMs: number | null;
}

const BILLING = {
  first_name: 'Robin',
  last_name: 'Walker',
  street_1: '1 Trail Road',
  city: 'Boulder',
  state: 'Colorado',
  zip: '80301',
  country: 'United States',
  country_iso2: 'US',
  email: 'robin@example.com',
};

async function main(): Promise<number> {
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
    sandbox: { logLevel: 'silent', rateLimit: { quota: QUOTA, windowMs: 30_000 } },
  });
  const rounds: Round[] = [];
  try {
    console.log(
      `Order burst (issue 9.1): ${ORDERS} orders of 1 unit within ${WITHIN_MS} ms on one product, T = ${THRESHOLD}; ` +
        `${ROUNDS} rounds; app database ${config.database.kind}; sandbox API quota ${QUOTA} per 30 s; ` +
        `notification window ${config.mail.notificationWindowMs} ms`,
    );
    console.log(
      'round  accepted  refused  B_end  B−T  order→disable ms  (→ B≥T counted)  webhooks received/processed by ms  baseline ms',
    );
    for (let round = 1; round <= ROUNDS; round++) {
      const result = await runRound(demo, round);
      rounds.push(result);
      console.log(
        [
          pad(round, 5),
          pad(result.accepted, 8),
          pad(result.refused, 7),
          pad(result.backordered, 5),
          pad(result.backordered - THRESHOLD, 4),
          pad(ms(result.latencyMs), 16),
          pad(`(${ms(result.countedMs)})`, 17),
          pad(`${ms(result.receivedAllMs)} / ${ms(result.processedAllMs)}`, 33),
          pad(ms(result.baselineMs), 11),
        ].join('  '),
      );
    }
  } finally {
    for (const stop of stopListening) stop();
    await demo.close();
    rmSync(dataDir, { recursive: true, force: true });
  }

  const over = rounds.map((r) => r.backordered - THRESHOLD);
  const latencies = rounds.flatMap((r) => (r.latencyMs === null ? [] : [r.latencyMs]));
  const baselines = rounds.flatMap((r) => (r.baselineMs === null ? [] : [r.baselineMs]));
  console.log('');
  console.log(`B at the end:        ${summary(rounds.map((r) => r.backordered))}`);
  console.log(`B − T:               ${summary(over)}`);
  console.log(
    `order → disable:     p50 ${ms(percentile(latencies, 50))} ms, p99 ${ms(percentile(latencies, 99))} ms (n = ${latencies.length})`,
  );
  console.log(
    `baseline (1 order):  p50 ${ms(percentile(baselines, 50))} ms, p99 ${ms(percentile(baselines, 99))} ms (n = ${baselines.length})`,
  );
  const conditions = `${ORDERS} orders within ${WITHIN_MS} ms, T = ${THRESHOLD}, ${ROUNDS} rounds`;
  const baselineP50 = percentile(baselines, 50);
  writeFigures('order-burst', [
    valueFigure({
      name: 'order burst: B − T at the end (median)',
      value: percentile(over, 50) ?? Number.NaN,
      unit: 'units',
      note: `${conditions}; max ${Math.max(...over)}`,
    }),
    ...(['50', '99'] as const).map((p) =>
      valueFigure({
        name: `order burst: order → purchase disabled, p${p}`,
        value: percentile(latencies, Number(p)) ?? Number.NaN,
        unit: 'ms',
        ...(baselineP50 === null ? {} : { baseline: baselineP50, baselineLabel: 'one order alone, p50' }),
        note: conditions,
      }),
    ),
  ]);
  return latencies.length === rounds.length ? 0 : 1;
}

async function runRound(demo: Demo, round: number): Promise<Round> {
  const burst = await aProductInBackorder(demo, `BURST-${round}`, THRESHOLD);
  const placed = await placeOrders(demo, burst.productId, ORDERS, WITHIN_MS);
  await settle(demo);
  const item = await itemOf(demo, burst.sku);

  const accepted = placed.orders.filter((o) => o.ok);
  // The order whose unit took the ordered units to T: from then on, no order should have been accepted.
  const crossing = accepted[THRESHOLD - 1];
  const latencyMs =
    crossing === undefined || placed.disabledAt() === null ? null : placed.disabledAt()! - crossing.at;
  const timeline = await appTimeline(demo, burst.sku, placed.startedAtEpochMs);
  const countedMs =
    crossing === undefined || timeline.countedAt === null ? null : timeline.countedAt - crossing.atEpochMs;

  const single = await aProductInBackorder(demo, `SINGLE-${round}`, 1);
  const one = await placeOrders(demo, single.productId, 1, 0);
  await settle(demo);
  const first = one.orders[0];
  const baselineMs = first?.ok && one.disabledAt() !== null ? one.disabledAt()! - first.at : null;

  return {
    accepted: accepted.length,
    refused: placed.orders.length - accepted.length,
    backordered: item.backordered,
    latencyMs,
    countedMs,
    receivedAllMs: timeline.receivedAll,
    processedAllMs: timeline.processedAll,
    baselineMs,
  };
}

/** A new product without variants, stock 0, assigned, with threshold T: in backorder, purchasable. */
async function aProductInBackorder(
  demo: Demo,
  name: string,
  threshold: number,
): Promise<{ productId: number; sku: string }> {
  const sku = `${name}-${Date.now()}`;
  const created = await bc(demo, 'POST', '/v3/catalog/products', {
    name: `${name} ${sku}`,
    type: 'physical',
    weight: 1,
    price: 10,
    sku,
    inventory_tracking: 'product',
    inventory_level: 0,
  });
  expectOk(created, 'create the product');
  const productId = (created.body as { data: { id: number } }).data.id;
  expectOk(await api(demo, 'POST', '/assignments', { product_ids: [productId] }), 'assign');
  await until(async () => (await api(demo, 'GET', `/items/${sku}`)).status === 200, 'the item');
  expectOk(await api(demo, 'PATCH', `/items/${sku}`, { threshold }), 'set the threshold');
  await settle(demo);
  const item = await itemOf(demo, sku);
  const product = demo.sandbox.sandbox.state.products.getProduct(demo.info.storeHash, productId);
  if (item.status !== 'backorder' || product?.availability !== 'available') {
    throw new Error(`${sku} is not in backorder and purchasable: ${item.status}, ${product?.availability}`);
  }
  return { productId, sku };
}

interface Placed {
  /** `at` in performance.now() time, `atEpochMs` in the app's (Date.now()). */
  readonly orders: { readonly ok: boolean; readonly at: number; readonly atEpochMs: number }[];
  readonly startedAtEpochMs: number;
  /** When the sandbox applied the write that disabled the product's purchase (performance.now()). */
  disabledAt(): number | null;
}

/** `count` orders of one unit, evenly spread over `withinMs`, as a storefront checkout places them. */
async function placeOrders(demo: Demo, productId: number, count: number, withinMs: number): Promise<Placed> {
  const { state } = demo.sandbox.sandbox;
  const hash = demo.info.storeHash;
  let disabledAt: number | null = null;
  const stop = state.events.subscribe((event) => {
    if (disabledAt !== null || event.storeHash !== hash || event.scope !== 'store/product/updated') return;
    if (event.data.id !== productId) return;
    if (state.products.getProduct(hash, productId)?.availability === 'disabled')
      disabledAt = performance.now();
  });
  const input: OrderCreateInput = {
    status_id: 11,
    billing_address: BILLING,
    products: [{ product_id: productId, quantity: 1 }],
  };
  const orders: { ok: boolean; at: number; atEpochMs: number }[] = [];
  const start = performance.now();
  const startedAtEpochMs = Date.now();
  for (let i = 0; i < count; i++) {
    const due = start + (count > 1 ? (i * withinMs) / (count - 1) : 0);
    const wait = due - performance.now();
    // Between orders the app (same process) runs: webhooks arrive, jobs write to the sandbox.
    await sleep(Math.max(0, wait));
    const created = state.orders.create(hash, input, 'storefront');
    orders.push({ ok: created.ok, at: performance.now(), atEpochMs: Date.now() });
  }
  stopListening.push(stop);
  return {
    orders,
    startedAtEpochMs,
    disabledAt: () => {
      return disabledAt;
    },
  };
}

/** Listeners of past rounds, removed at the end (a late write of an old product is not measured). */
const stopListening: (() => void)[] = [];

/**
 * From the app's own records: when it recorded the item's threshold block (B ≥ T counted), and when it
 * had received and processed the last order webhook since `sinceEpochMs` (ms after it).
 */
async function appTimeline(
  demo: Demo,
  sku: string,
  sinceEpochMs: number,
): Promise<{ countedAt: number | null; receivedAll: number | null; processedAll: number | null }> {
  const db = demo.app.database.db;
  const transition = await db
    .selectFrom('transitions')
    .innerJoin('items', 'items.id', 'transitions.item_id')
    .select('transitions.created_at')
    .where('items.sku', '=', sku)
    .where('transitions.to_block', '=', 'threshold')
    .orderBy('transitions.id')
    .executeTakeFirst();
  const since = new Date(sinceEpochMs).toISOString();
  const inbox = await db
    .selectFrom('webhook_inbox')
    .select(['received_at', 'processed_at'])
    .where('scope', '=', 'store/order/created')
    .where('received_at', '>=', since)
    .execute();
  const epoch = (t: unknown) => new Date(t as string | Date).getTime();
  const latest = (values: number[]) => (values.length === 0 ? null : Math.max(...values) - sinceEpochMs);
  return {
    countedAt: transition === undefined ? null : epoch(transition.created_at),
    receivedAll: latest(inbox.map((r) => epoch(r.received_at))),
    processedAll: latest(inbox.flatMap((r) => (r.processed_at === null ? [] : [epoch(r.processed_at)]))),
  };
}

/** Waits until every webhook is delivered and processed and every purchasability write is sent. */
async function settle(demo: Demo): Promise<void> {
  const db = demo.app.database.db;
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
    return quietInARow >= 3;
  }, 'the app to settle');
}

async function itemOf(demo: Demo, sku: string): Promise<{ status: string; backordered: number }> {
  const response = await api(demo, 'GET', `/items/${sku}`);
  expectOk(response, `read ${sku}`);
  return response.body as { status: string; backordered: number };
}

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 300_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await sleep(50);
  }
}

/** Nearest-rank percentile; null for no samples. */
function percentile(samples: readonly number[], p: number): number | null {
  if (samples.length === 0) return null;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

function summary(values: readonly number[]): string {
  if (values.length === 0) return '—';
  const sorted = [...values].sort((a, b) => a - b);
  return `min ${sorted[0]}, median ${percentile(sorted, 50)}, max ${sorted.at(-1)}`;
}

function ms(value: number | null): string {
  return value === null ? '—' : value.toFixed(0);
}

function pad(value: string | number, width: number): string {
  return String(value).padStart(width);
}

function positiveInt(raw: string | undefined, name: string): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer, got ${raw}`);
  return n;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
