import { describe, expect, it } from 'vitest';
import {
  QuotaBudget,
  type QuotaTicket,
  RESERVE_SHARES,
} from '../../../src/adapters/bigcommerce/quota.budget.js';
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

function budgetOn(options: { readonly maxInFlight?: number } = {}) {
  const clock = manualClock();
  const ledger = new MemoryQuotaLedger();
  const budget = new QuotaBudget({
    ledger,
    maxInFlight: options.maxInFlight ?? 100,
    now: clock.now,
    sleep: clock.sleep,
  });
  const started: string[] = [];
  const tickets = new Map<string, QuotaTicket>();
  return {
    clock,
    started,
    /** Asks for a call; `started` gets its label when it may start. */
    ask(label: string, priority: CallPriority): Promise<void> {
      return budget.acquire(STORE, priority).then((ticket) => {
        tickets.set(label, ticket);
        started.push(label);
      });
    },
    /** The started call `label` ends with these headers (null: no answer came). */
    async answer(label: string, answer: Record<string, string> | null): Promise<void> {
      await tickets.get(label)!.done(answer);
      await settle();
    },
    /** What BigCommerce said before the test's calls. */
    seed(left: number, resetMs: number, quota = 30, windowMs = 2_000): Promise<void> {
      const now = clock.now();
      return ledger.record(STORE, { requestsLeft: left, quota, resetAt: now + resetMs, windowMs }, now);
    },
  };
}

describe('QuotaBudget', () => {
  it('lets calls go while nothing is known of the window, bounded by the calls in flight', async () => {
    const { started, ask, answer } = budgetOn({ maxInFlight: 3 });
    for (let i = 0; i < 5; i++) void ask(`bulk${i}`, 'bulk');
    void ask('urgent', 'urgent');
    await settle();
    expect(started).toEqual(['bulk0', 'bulk1', 'bulk2']);
    // A freed place goes to the most urgent caller waiting.
    await answer('bulk0', {});
    expect(started).toEqual(['bulk0', 'bulk1', 'bulk2', 'urgent']);
    await answer('bulk1', null);
    expect(started).toEqual(['bulk0', 'bulk1', 'bulk2', 'urgent', 'bulk3']);
  });

  it('keeps a share of the quota back from each priority: bulk a fifth, normal a tenth, urgent none', async () => {
    expect(reserveOf(30, RESERVE_SHARES.bulk)).toBe(6);
    expect(reserveOf(30, RESERVE_SHARES.normal)).toBe(3);
    expect(reserveOf(30, RESERVE_SHARES.urgent)).toBe(0);
    // A quota of one still lets bulk work through, one call per window.
    expect(reserveOf(1, RESERVE_SHARES.bulk)).toBe(0);

    const { started, ask, seed } = budgetOn();
    await seed(10, 1_000);
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
    const { started, ask, seed } = budgetOn();
    await seed(8, 1_000);
    for (let i = 0; i < 20; i++) void ask(`bulk${i}`, 'bulk');
    await settle();
    expect(started).toEqual(['bulk0', 'bulk1']);
    await ask('urgent', 'urgent');
    expect(started).toEqual(['bulk0', 'bulk1', 'urgent']);
  });

  it('when the window reopens, waiting calls start most urgent first, then oldest first', async () => {
    const { clock, started, ask, seed } = budgetOn();
    await seed(0, 1_000);
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
    const { clock, started, ask, answer, seed } = budgetOn();
    await seed(0, 500, 10, 2_000);
    for (let i = 0; i < 12; i++) void ask(`bulk${i}`, 'bulk');
    await clock.advance(500);
    // Quota 10, bulk keeps 2 back: 8 start in the presumed window.
    expect(started).toHaveLength(8);
    // The window's first answer: someone else spent most of it.
    await answer('bulk0', headers(3, 1_900, 10, 2_000));
    expect(started).toHaveLength(8);
    await clock.advance(1_900);
    expect(started).toHaveLength(12);
  });

  it('counts the calls in flight against what BigCommerce last said was left, until they are answered', async () => {
    const { started, ask, answer, seed } = budgetOn();
    await seed(5, 1_000);
    for (let i = 0; i < 6; i++) void ask(`urgent${i}`, 'urgent');
    await settle();
    expect(started).toHaveLength(5);
    // One is answered, counted by BigCommerce (4 left); the other four are still on their way.
    await answer('urgent0', headers(4, 900));
    expect(started).toHaveLength(5);
    // An answer without quota headers (a gateway's 502) was not counted: its place is free again.
    await answer('urgent1', {});
    expect(started).toHaveLength(6);
    // A call that got no answer at all may have been counted: it stays counted.
    await answer('urgent2', null);
    void ask('urgent6', 'urgent');
    await settle();
    expect(started).toHaveLength(6);
  });

  it('an answer that arrives late, from earlier in the window, never raises the count left', async () => {
    const { started, ask, seed } = budgetOn();
    await seed(1, 1_000);
    await seed(9, 1_010);
    void ask('urgent', 'urgent');
    void ask('urgent-too-many', 'urgent');
    await settle();
    expect(started).toEqual(['urgent']);
  });

  it('forgets calls that were never answered (a crashed instance) when their window resets', async () => {
    const { clock, started, ask, seed } = budgetOn();
    await seed(3, 1_000, 30, 1_000);
    for (let i = 0; i < 3; i++) await ask(`lost${i}`, 'urgent');
    void ask('after', 'urgent');
    await settle();
    expect(started).toEqual(['lost0', 'lost1', 'lost2']);
    await clock.advance(1_000);
    expect(started).toEqual(['lost0', 'lost1', 'lost2', 'after']);
  });
});
