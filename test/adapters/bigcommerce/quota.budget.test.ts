import { describe, expect, it } from 'vitest';
import { QuotaBudget, RESERVE_SHARES } from '../../../src/adapters/bigcommerce/quota.budget.js';
import { MemoryQuotaLedger, reserveOf } from '../../../src/adapters/bigcommerce/quota.ledger.js';
import type { CallPriority } from '../../../src/app/ports/job-queue.js';

const STORE = 'abc123';
const START = 1_700_000_000_000;

/** A clock that moves only when the test says, waking the sleepers whose time has come. */
function manualClock() {
  let t = START;
  const sleepers: { until: number; wake: () => void }[] = [];
  return {
    now: () => t,
    sleep: (ms: number) =>
      new Promise<void>((wake) => {
        sleepers.push({ until: t + ms, wake });
      }),
    async advance(ms: number) {
      t += ms;
      for (const sleeper of sleepers.splice(0)) {
        if (sleeper.until <= t) sleeper.wake();
        else sleepers.push(sleeper);
      }
      await settle();
    },
  };
}

/** Lets every promise that can settle now settle (the budget's waits chain a few). */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise<void>((r) => setImmediate(r));
}

function headers(left: number, resetMs: number, quota = 30, windowMs = 2_000) {
  return {
    'x-rate-limit-requests-left': String(left),
    'x-rate-limit-requests-quota': String(quota),
    'x-rate-limit-time-reset-ms': String(resetMs),
    'x-rate-limit-time-window-ms': String(windowMs),
  };
}

function budgetOn(clock = manualClock()) {
  const ledger = new MemoryQuotaLedger();
  const budget = new QuotaBudget({ ledger, now: clock.now, sleep: clock.sleep });
  const started: string[] = [];
  /** Asks for a call; `started` gets its label when it may start. */
  const ask = (label: string, priority: CallPriority) =>
    budget.acquire(STORE, priority).then(() => {
      started.push(label);
    });
  return { budget, clock, started, ask };
}

describe('QuotaBudget', () => {
  it('lets calls go while nothing is known of the window (the transport bounds them)', async () => {
    const { started, ask } = budgetOn();
    await Promise.all(Array.from({ length: 50 }, (_, i) => ask(`bulk${i}`, 'bulk')));
    expect(started).toHaveLength(50);
  });

  it('keeps a share of the quota back from each priority: bulk a fifth, normal a tenth, urgent none', async () => {
    expect(reserveOf(30, RESERVE_SHARES.bulk)).toBe(6);
    expect(reserveOf(30, RESERVE_SHARES.normal)).toBe(3);
    expect(reserveOf(30, RESERVE_SHARES.urgent)).toBe(0);
    // A quota of one still lets bulk work through, one call per window.
    expect(reserveOf(1, RESERVE_SHARES.bulk)).toBe(0);

    const { budget, started, ask } = budgetOn();
    await budget.observe(STORE, headers(10, 1_000));
    for (let i = 0; i < 6; i++) void ask(`bulk${i}`, 'bulk');
    await settle();
    // 10 left: bulk may start while more than 6 would stay uncounted.
    expect(started).toEqual(['bulk0', 'bulk1', 'bulk2', 'bulk3']);
    for (let i = 0; i < 4; i++) void ask(`normal${i}`, 'normal');
    await settle();
    expect(started.filter((s) => s.startsWith('normal'))).toEqual(['normal0', 'normal1', 'normal2']);
    for (let i = 0; i < 4; i++) void ask(`urgent${i}`, 'urgent');
    await settle();
    expect(started.filter((s) => s.startsWith('urgent'))).toEqual(['urgent0', 'urgent1', 'urgent2']);
    expect(started).toHaveLength(10);
  });

  it('an urgent call finds the quota bulk work leaves, however many bulk calls wait', async () => {
    const { budget, started, ask } = budgetOn();
    await budget.observe(STORE, headers(8, 1_000));
    for (let i = 0; i < 20; i++) void ask(`bulk${i}`, 'bulk');
    await settle();
    expect(started).toEqual(['bulk0', 'bulk1']);
    await ask('urgent', 'urgent');
    expect(started).toEqual(['bulk0', 'bulk1', 'urgent']);
  });

  it('when the window reopens, waiting calls start most urgent first, then oldest first', async () => {
    const { budget, clock, started, ask } = budgetOn();
    await budget.observe(STORE, headers(0, 1_000));
    void ask('bulk-a', 'bulk');
    void ask('normal-a', 'normal');
    void ask('bulk-b', 'bulk');
    void ask('urgent-a', 'urgent');
    void ask('normal-b', 'normal');
    void ask('urgent-b', 'urgent');
    await settle();
    expect(started).toEqual([]);

    await clock.advance(999);
    expect(started).toEqual([]);
    await clock.advance(1);
    expect(started).toEqual(['urgent-a', 'urgent-b', 'normal-a', 'normal-b', 'bulk-a', 'bulk-b']);
  });

  it('the reopened window is presumed full, for its length, until its first answer says where it stands', async () => {
    const { budget, clock, started, ask } = budgetOn();
    await budget.observe(STORE, headers(0, 500, 10, 2_000));
    for (let i = 0; i < 12; i++) void ask(`bulk${i}`, 'bulk');
    await clock.advance(500);
    // Quota 10, bulk keeps 2 back: 8 start in the presumed window.
    expect(started).toHaveLength(8);
    // The window's first answer: someone else spent most of it.
    await budget.observe(STORE, headers(3, 1_900, 10, 2_000));
    expect(started).toHaveLength(8);
    await clock.advance(1_900);
    expect(started).toHaveLength(12);
  });

  it('counts the calls in flight against what BigCommerce last said was left, until they are answered', async () => {
    const { budget, started, ask } = budgetOn();
    await budget.observe(STORE, headers(5, 1_000));
    for (let i = 0; i < 6; i++) void ask(`urgent${i}`, 'urgent');
    await settle();
    expect(started).toHaveLength(5);
    // One is answered, counted by BigCommerce (4 left); the other four are still on their way.
    await budget.observe(STORE, headers(4, 900));
    await settle();
    expect(started).toHaveLength(5);
    // An answer without quota headers (a gateway's 502) was not counted: its place is free again.
    await budget.observe(STORE, {});
    await settle();
    expect(started).toHaveLength(6);
  });

  it('an answer that arrives late, from earlier in the window, never raises the count left', async () => {
    const { budget, started, ask } = budgetOn();
    await budget.observe(STORE, headers(1, 1_000));
    await budget.observe(STORE, headers(9, 1_010));
    void ask('urgent', 'urgent');
    void ask('urgent-too-many', 'urgent');
    await settle();
    expect(started).toEqual(['urgent']);
  });

  it('forgets calls that were never answered (a crashed instance) when their window resets', async () => {
    const { budget, clock, started, ask } = budgetOn();
    await budget.observe(STORE, headers(3, 1_000, 30, 1_000));
    for (let i = 0; i < 3; i++) await ask(`lost${i}`, 'urgent');
    void ask('after', 'urgent');
    await settle();
    expect(started).toEqual(['lost0', 'lost1', 'lost2']);
    await clock.advance(1_000);
    expect(started).toEqual(['lost0', 'lost1', 'lost2', 'after']);
  });
});
