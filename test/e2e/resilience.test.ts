import { connect } from 'node:net';
import { describe, expect, inject, it } from 'vitest';
import { webhookEventKey } from '../../src/adapters/bigcommerce/index.js';
import type { App } from '../../src/composition-root.js';
import type { FaultDecision } from '../../src/sandbox/api/faults.js';
import { type E2E, type E2EOptions, startE2E } from './support/demo-harness.js';
import {
  LONG,
  REGULAR,
  runScenario,
  type ScenarioHooks,
  type Snapshot,
} from './support/resilience-scenario.js';

/**
 * Issue 4: duplicate webhook deliveries, a BigCommerce with 20% 5xx and 429 bursts, and restarts in
 * the middle of processing all end with exactly the same stock, B and BigCommerce state as a clean run.
 * The scenario (support/resilience-scenario.ts) assigns the sleeping bag's two variants, takes both
 * out of stock to their thresholds through 8 orders, cancels one, restocks by API and starts a new
 * episode; each test runs it on a fresh sandbox + app and compares the end state with the clean run's.
 */

const RUN_TIMEOUT_MS = 60_000;

async function withE2E<T>(options: E2EOptions, body: (e2e: E2E) => Promise<T>): Promise<T> {
  const e2e = await startE2E(options);
  try {
    return await body(e2e);
  } finally {
    await e2e.close();
  }
}

/** The clean run on SQLite, computed once and shared by the tests that compare with it. */
let cleanRun: Promise<Snapshot> | undefined;
const clean = () => {
  cleanRun ??= withE2E({}, (e2e) => runScenario(e2e));
  return cleanRun;
};

const note = (lines: string[], givenBack = false) =>
  [
    '--- Backorder ---',
    givenBack
      ? 'All backordered units of this order were given back (order cancelled or refunded).'
      : 'Some items of this order are on backorder and will be shipped separately as soon as they are back in stock.',
    'Backordered lines:',
    ...lines,
    '--- /Backorder ---',
  ].join('\n');
const longLine = (q: number, b: number) =>
  `- Summit Down Sleeping Bag -5°C (Length: Long) (SKU ${LONG}): ${q} ordered, ${b} backordered`;
const regularLine = (q: number, b: number, givenBack = false) =>
  `- Summit Down Sleeping Bag -5°C (Length: Regular) (SKU ${REGULAR}): ${q} ordered, ${b} backordered${givenBack ? ' — given back' : ''}`;

describe('resilience: the same end state as a clean run', () => {
  it(
    'clean run (SQLite): the end state worked out by hand from the rules',
    async () => {
      const a = await clean();

      // S = 0. REGULAR (seed stock 6, T 3): #1 −4, #3 −1 (b 0, 0) → 1; #4 −3 (b 2) → −2, backorder;
      // #6, #7 −1 each (b 1, 1) → −4, B 4 ≥ 3: threshold block; #4 cancelled: +3, B −2 → −1, B 2, still
      // blocked while out of stock; restock to 5 (+6): episode over, B 0, in stock; #8 −6 (b 1) → −1, B 1.
      // LONG (seed stock 0, T 2): #2, #3 −1 each (b 1, 1) → −2, B 2 = T: threshold block.
      expect(a.items[REGULAR]).toMatchObject({ stock: -1, backordered: 1, status: 'backorder', block: null });
      expect(a.items[LONG]).toMatchObject({
        stock: -2,
        backordered: 2,
        status: 'unavailable',
        block: 'threshold',
      });
      expect(a.items[REGULAR]).toMatchObject({ threshold: 3, incoming_stock: 0 });
      expect(a.items[LONG]).toMatchObject({ threshold: 2, incoming_stock: 0 });

      // BigCommerce: tracking off (the app keeps stock), LONG not purchasable, REGULAR purchasable again.
      expect(a.bigcommerce.product).toEqual({ availability: 'available', inventory_tracking: 'none' });
      expect(a.bigcommerce.variants[REGULAR]?.purchasing_disabled).toBe(false);
      expect(a.bigcommerce.variants[LONG]?.purchasing_disabled).toBe(true);

      // Ledger: initial stock (assignment) + Σ movements = stock, and Σ backordered deltas = B: the
      // sales' b, the cancelled line's −2, and −2 when the restock ended the episode.
      expect(a.ledger[REGULAR]).toMatchObject({
        stock: -1,
        backordered: 0 + 0 + 2 + 1 + 1 - 2 - 2 + 1,
        last: 'stock -1, B 1',
      });
      expect(a.ledger[REGULAR]?.movements).toHaveLength(9); // assignment, 6 sales, 1 return, 1 restock
      expect(a.ledger[LONG]).toMatchObject({ stock: -2, backordered: 2, last: 'stock -2, B 2' });
      expect(a.ledger[LONG]?.movements).toHaveLength(2); // stock 0 at assignment: no movement

      // One recorded line per order line of an assigned item (#5 sold only an unassigned product).
      expect(a.orderLines).toEqual([
        `#1 ${REGULAR} q=4 b=0 returned=0`,
        `#2 ${LONG} q=1 b=1 returned=0`,
        `#3 ${LONG} q=1 b=1 returned=0`,
        `#3 ${REGULAR} q=1 b=0 returned=0`,
        `#4 ${REGULAR} q=3 b=2 returned=3`,
        `#6 ${REGULAR} q=1 b=1 returned=0`,
        `#7 ${REGULAR} q=1 b=1 returned=0`,
        `#8 ${REGULAR} q=6 b=1 returned=0`,
      ]);

      // Staff notes on the orders holding backordered units; #4's lines are marked given back.
      expect(a.staffNotes).toEqual([
        '',
        note([longLine(1, 1)]),
        note([longLine(1, 1)]),
        note([regularLine(3, 2, true)], true),
        '',
        note([regularLine(1, 1)]),
        note([regularLine(1, 1)]),
        note([regularLine(6, 1)]),
      ]);

      expect(a.transitions[REGULAR]).toEqual([
        'null/null → in_stock/null (assigned)',
        'in_stock/null → backorder/null (order_placed)',
        'backorder/null → unavailable/threshold (threshold_reached)',
        'unavailable/threshold → in_stock/null (episode_ended)',
        'in_stock/null → backorder/null (order_placed)',
      ]);
      expect(a.transitions[LONG]).toEqual([
        'null/null → backorder/null (assigned)',
        'backorder/null → unavailable/threshold (threshold_reached)',
      ]);
      expect(a.notifications).toEqual([
        'assigned -',
        `backorder_disabled ${LONG}`,
        `backorder_disabled ${REGULAR}`,
        `backorder_enabled ${LONG}`,
        `backorder_enabled ${REGULAR}`,
        `backorder_enabled ${REGULAR}`,
      ]);
    },
    RUN_TIMEOUT_MS,
  );

  it(
    'every webhook delivered twice',
    async () => {
      const expected = await clean();
      await withE2E(
        { sandbox: { webhooks: { timeScale: 0.002, duplicateRate: 1, timeoutMs: 5000 } } },
        async (e2e) => {
          expect(await runScenario(e2e)).toEqual(expected);

          // Every event really went out twice, and the app kept one inbox entry per event.
          const deliveries = e2e.demo.sandbox.sandbox.dispatcher.deliveries(e2e.storeHash);
          const perHash = new Map<string, number>();
          for (const d of deliveries) {
            const key = webhookEventKey(d.payload);
            perHash.set(key, (perHash.get(key) ?? 0) + 1);
          }
          expect(deliveries.every((d) => d.state === 'delivered')).toBe(true);
          expect([...perHash.values()].every((n) => n >= 2)).toBe(true);
          const inbox = await e2e.demo.app.database.db
            .selectFrom('webhook_inbox')
            .select('event_hash')
            .execute();
          expect(inbox.map((row) => row.event_hash).sort()).toEqual([...perHash.keys()].sort());
        },
      );
    },
    RUN_TIMEOUT_MS,
  );

  it(
    'BigCommerce answers 20% of requests with 5xx, and with 429 bursts',
    async () => {
      const expected = await clean();
      // A short rate-limit window: a 429 says "wait for the reset", which is then at most 1 s away.
      await withE2E({ sandbox: { rateLimit: { quota: 150, windowMs: 1000 } } }, async (e2e) => {
        const { faults } = e2e.demo.sandbox.sandbox;
        const seen = countFaults(faults);
        // After the install, so the app starts installed; the test's own actions are not faulted
        // (orders through the sandbox's state, the app's API is the app's).
        faults.configure({ errorRate: 0.2, errorStatuses: [500, 502, 503], rateLimitRate: 0.05 });
        const hooks: ScenarioHooks = {
          afterActions: async (phase) => {
            if (phase === 1 || phase === 3 || phase === 5) faults.configure({ rateLimitBurst: 8 });
          },
        };
        expect(await runScenario(e2e, hooks)).toEqual(expected);
        expect(seen.error).toBeGreaterThan(0);
        expect(seen['rate-limited']).toBeGreaterThanOrEqual(24);
      });
    },
    RUN_TIMEOUT_MS,
  );

  it(
    'the app restarts while webhooks are on their way and being processed',
    async () => {
      const expected = await clean();
      await withE2E({}, async (e2e) => {
        const unfinishedAtRestart: number[] = [];
        expect(await runScenario(e2e, restartingAt([1, 3, 4], unfinishedAtRestart))).toEqual(expected);
        expect(unfinishedAtRestart.every((n) => n > 0)).toBe(true);
      });
    },
    RUN_TIMEOUT_MS,
  );

  it(
    'the app dies abruptly mid-processing (connections cut, database gone) and starts again',
    async () => {
      const expected = await clean();
      await withE2E({}, async (e2e) => {
        // Every BigCommerce call takes 100 ms longer: a webhook job runs long enough to be caught running.
        e2e.demo.sandbox.sandbox.faults.configure({ latencyMs: 100 });
        const crashedWhileRunning: number[] = [];
        expect(await runScenario(e2e, crashingAt([1, 3, 6], crashedWhileRunning))).toEqual(expected);
        expect(crashedWhileRunning).toHaveLength(3);
      });
    },
    RUN_TIMEOUT_MS,
  );

  it(
    'a restart does not wait for keep-alive connections that were busy when it began',
    async () => {
      await withE2E({}, async (e2e) => {
        // A webhook delivery in flight when the restart begins: its headers are in, its body not yet.
        const { port } = new URL(e2e.demo.info.appUrl);
        const socket = connect(Number(port), '127.0.0.1');
        await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
        const answered = new Promise<string>((resolve) =>
          socket.once('data', (data) => resolve(String(data))),
        );
        socket.write(
          'POST /webhooks/bigcommerce HTTP/1.1\r\nHost: app\r\nConnection: keep-alive\r\n' +
            'Content-Type: application/json\r\nContent-Length: 2\r\n\r\n',
        );
        // Let the app take the request in (routed, waiting for its body) before the restart begins.
        await new Promise((resolve) => setTimeout(resolve, 200));
        const restarting = e2e.demo.restartApp();
        socket.write('{}');
        expect(await answered).toMatch(/^HTTP\/1\.1 40[01] /);
        // Once it has answered, the connection is closed and the restart goes on — rather than waiting
        // for the connection's keep-alive timeout (Fastify's: 72 s).
        const outcome = await Promise.race([
          restarting.then(() => 'restarted' as const),
          new Promise<'still closing'>((resolve) => setTimeout(() => resolve('still closing'), 5_000)),
        ]);
        socket.destroy();
        await restarting;
        expect(outcome).toBe('restarted');
        expect((await e2e.api('GET', '/items')).status).toBe(200);
      });
    },
    RUN_TIMEOUT_MS,
  );

  describe('on PostgreSQL', () => {
    const postgresUrl = inject('postgresUrl');

    it.skipIf(postgresUrl === null)(
      'clean run',
      async () => {
        const expected = await clean();
        await withE2E({ postgresUrl }, async (e2e) => {
          expect(await runScenario(e2e)).toEqual(expected);
        });
      },
      RUN_TIMEOUT_MS,
    );

    it.skipIf(postgresUrl === null)(
      'restart while webhooks are being processed',
      async () => {
        const expected = await clean();
        await withE2E({ postgresUrl }, async (e2e) => {
          const unfinishedAtRestart: number[] = [];
          expect(await runScenario(e2e, restartingAt([1, 3, 4], unfinishedAtRestart))).toEqual(expected);
          expect(unfinishedAtRestart.every((n) => n > 0)).toBe(true);
        });
      },
      RUN_TIMEOUT_MS,
    );
  });
});

/** Counts the sandbox's fault decisions (the injector has no counter of its own). */
function countFaults(faults: { decide(): FaultDecision }): Record<FaultDecision['kind'], number> {
  const seen: Record<FaultDecision['kind'], number> = { none: 0, error: 0, 'rate-limited': 0 };
  const decide = faults.decide.bind(faults);
  faults.decide = () => {
    const decision = decide();
    seen[decision.kind] += 1;
    return decision;
  };
  return seen;
}

/**
 * Graceful restarts (as a deploy does) after the actions of the given phases: at the first, right
 * after placing the orders (deliveries then fail and are retried by BigCommerce); at the others, once
 * the app has recorded a webhook of the phase (so processing is under way).
 */
function restartingAt(phases: readonly number[], unfinished: number[]): ScenarioHooks {
  return {
    afterActions: async (phase, run) => {
      if (!phases.includes(phase)) return;
      if (phase !== phases[0]) {
        await soon(async () => (await run.inboxCount()) > run.inboxAtPhaseStart);
      }
      unfinished.push(await unfinishedWork(run.e2e));
      await run.e2e.demo.restartApp();
    },
  };
}

/**
 * What a killed process leaves behind, in-process: open connections cut (deliveries in flight fail;
 * BigCommerce retries them), and the database gone under the running handlers, so their jobs stay
 * claimed, half-done work is not recorded, and nothing is cleaned up. Each crash waits until a webhook
 * job of the phase is running. A new instance then starts, and time moves past the leases (job claims
 * 3 s in tests, outbox 5 min, stale webhooks 2 min), which a real restart would wait out.
 * SQLite only: there the job claims, outbox leases and the sweep all follow the app's clock, so moving
 * it stands in for waiting. pg-boss compares start times with PostgreSQL's own clock, so on PostgreSQL
 * a moved app clock would postpone the new instance's delayed jobs (e.g. the notification flush) instead.
 */
function crashingAt(phases: readonly number[], crashedWhileRunning: number[]): ScenarioHooks {
  return {
    afterActions: async (phase, run) => {
      if (!phases.includes(phase)) return;
      const app = run.e2e.demo.app;
      crashedWhileRunning.push(await soon(async () => (await runningWebhookJobs(app)) || false));
      await crash(app);
      await run.e2e.demo.restartApp();
      run.e2e.clock.advance(6 * 60_000);
    },
  };
}

/** `webhook.process` jobs claimed and not finished (the SQLite runner's jobs table). */
async function runningWebhookJobs(app: App): Promise<number> {
  const rows = await app.database.db
    .selectFrom('jobs')
    .select('id')
    .where('queue', '=', 'webhook.process')
    .where('locked_until', 'is not', null)
    .where('done_at', 'is', null)
    .where('failed_at', 'is', null)
    .execute();
  return rows.length;
}

async function crash(app: App): Promise<void> {
  const http = app.server.server;
  http.close();
  http.closeAllConnections();
  await app.database.destroy();
}

/** Deliveries not yet answered and webhooks or outbox rows not yet done, right now. */
async function unfinishedWork(e2e: E2E): Promise<number> {
  const db = e2e.demo.app.database.db;
  const inbox = await db.selectFrom('webhook_inbox').select('id').where('processed_at', 'is', null).execute();
  const outbox = await db.selectFrom('outbox').select('id').where('delivered_at', 'is', null).execute();
  const deliveries = e2e.demo.sandbox.sandbox.dispatcher.deliveries(e2e.storeHash, { state: 'pending' });
  return inbox.length + outbox.length + deliveries.length;
}

/**
 * Like the harness's `eventually`, but polling every 10 ms: for moments that last a fraction of a
 * second (a webhook job running). Bounded: fails after `timeoutMs`.
 */
async function soon<T>(check: () => Promise<T | false>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== false) return value;
    if (Date.now() > deadline) throw new Error('Timed out waiting for the app to get to work');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
