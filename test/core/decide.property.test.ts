import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decide } from '../../src/core/decide.js';
import type { ItemEvent } from '../../src/core/events.js';
import type { Item, StoreRules } from '../../src/core/item.js';
import { applyKeyed, type KeyedHistory } from '../../src/core/keyed-history.js';
import { storefrontView } from '../../src/core/messages.js';
import { statusOf } from '../../src/core/status.js';
import { NOW } from '../builders/item.builder.js';

const date = fc
  .integer({ min: -20, max: 20 })
  .map((days) => new Date(Date.UTC(2026, 5, 15 + days)).toISOString().slice(0, 10));

const event: fc.Arbitrary<ItemEvent> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.integer({ min: 1, max: 8 }).map((quantity) => ({ kind: 'sold', quantity }) as const),
  },
  {
    weight: 2,
    arbitrary: fc
      .record({ quantity: fc.integer({ min: 1, max: 8 }), backordered: fc.nat(8), episode: fc.nat(6) })
      .map((r) => ({ kind: 'returned', ...r }) as const),
  },
  {
    weight: 2,
    arbitrary: fc
      .record(
        {
          source: fc.constantFrom('admin', 'import', 'api'),
          stock: fc.integer({ min: -20, max: 20 }),
          threshold: fc.option(fc.nat(10), { nil: null }),
          incoming: fc.nat(20),
          backInStockDate: fc.option(date, { nil: null }),
        },
        { requiredKeys: ['source'] },
      )
      .map((r) => ({ kind: 'edited', ...r }) as const),
  },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 0, max: 20 }).map((stock) => ({ kind: 'synced', stock }) as const),
  },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 1, max: 10 }).map((quantity) => ({ kind: 'received', quantity }) as const),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom<ItemEvent>(
      { kind: 'dayStarted' },
      { kind: 'enabled' },
      { kind: 'disabled' },
      { kind: 'reevaluated' },
    ),
  },
);

const assigned = fc
  .record({
    stock: fc.integer({ min: -5, max: 15 }),
    threshold: fc.option(fc.nat(10), { nil: null }),
    incoming: fc.nat(10),
    backInStockDate: fc.option(date, { nil: null }),
  })
  .map((r) => ({ kind: 'assigned', ...r }) as const);

const rules: fc.Arbitrary<StoreRules> = fc.record({
  switchCondition: fc.nat(5),
  timeZone: fc.constantFrom('America/Chicago', 'Europe/Berlin', 'Pacific/Kiritimati', 'UTC'),
});

/** Days advance while events happen, so date rules fire along the way. */
const timeline = fc.array(fc.tuple(event, fc.nat(2)), { maxLength: 40 });

interface Walk {
  readonly items: Item[];
  readonly deltas: number[];
  readonly initial: number;
}

function walk(start: ItemEvent & { kind: 'assigned' }, steps: [ItemEvent, number][], r: StoreRules): Walk {
  const first = decide(null, start, r, NOW);
  if (!first.ok) throw new Error(first.code);
  let item = first.decision.item as Item;
  const items = [item];
  const deltas: number[] = [];
  let now = NOW.getTime();
  for (const [e, days] of steps) {
    now += days * 86_400_000;
    const result = decide(item, e, r, new Date(now));
    if (!result.ok) continue; // a refusal changes nothing
    item = result.decision.item as Item;
    items.push(item);
    deltas.push(result.decision.movement?.delta ?? 0);
  }
  return { items, deltas, initial: start.stock };
}

describe('properties of the rules', () => {
  it('R16 stock is conserved: initial stock + Σ movements = stock', () => {
    fc.assert(
      fc.property(assigned, timeline, rules, (start, steps, r) => {
        const { items, deltas, initial } = walk(start, steps, r);
        expect(items.at(-1)?.stock).toBe(initial + deltas.reduce((a, b) => a + b, 0));
      }),
      { numRuns: 500 },
    );
  });

  it('R16 B is never negative', () => {
    fc.assert(
      fc.property(assigned, timeline, rules, (start, steps, r) => {
        for (const item of walk(start, steps, r).items) expect(item.backordered).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 500 },
    );
  });

  it('R1–R4 the stored status always matches the numbers, and no impossible state is reached', () => {
    fc.assert(
      fc.property(assigned, timeline, rules, (start, steps, r) => {
        for (const item of walk(start, steps, r).items) {
          expect(item.status).toBe(statusOf(item, r.switchCondition));
          expect(item.status === 'in_stock' && item.block === 'threshold').toBe(false);
          if (item.status === 'in_stock') expect(item.backordered).toBe(0);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('R18 an in-stock item never shows backorder texts', () => {
    const texts = {
      buttonText: 'Backorder',
      message: 'Back {back_in_stock_date}',
      cartMessage: 'Backordered',
    };
    fc.assert(
      fc.property(assigned, timeline, rules, (start, steps, r) => {
        for (const item of walk(start, steps, r).items) {
          const view = storefrontView(item, texts, 'en-US', r.timeZone);
          if (item.status === 'in_stock') expect(view.texts).toBeNull();
          expect(view.texts !== null).toBe(item.status === 'backorder');
        }
      }),
      { numRuns: 300 },
    );
  });

  it('R16 replaying an already-applied movement changes nothing', () => {
    const keyed = fc.array(fc.tuple(fc.integer({ min: 0, max: 15 }), event), { maxLength: 30 });
    fc.assert(
      fc.property(assigned, keyed, rules, (start, steps, r) => {
        let history: KeyedHistory = { item: null, appliedKeys: new Set() };
        history = applyKeyed(history, 'assign', start, r, NOW).history;
        for (const [key, e] of steps) {
          const first = applyKeyed(history, `k${key}`, e, r, NOW);
          const replayed = applyKeyed(first.history, `k${key}`, e, r, NOW);
          // A refused event records nothing, so its replay is refused again; either way nothing changes.
          const wasApplied = first.kind === 'applied' && first.result.ok;
          expect(replayed.kind).toBe(wasApplied || first.kind === 'duplicate' ? 'duplicate' : 'applied');
          expect(replayed.history.item).toEqual(first.history.item);
          expect([...replayed.history.appliedKeys]).toEqual([...first.history.appliedKeys]);
          history = first.history;
        }
      }),
      { numRuns: 300 },
    );
  });

  it('R19 a refusal leaves the caller’s item untouched (decide never mutates)', () => {
    fc.assert(
      fc.property(assigned, event, rules, (start, e, r) => {
        const first = decide(null, start, r, NOW);
        if (!first.ok) return;
        const item = first.decision.item as Item;
        const frozen = structuredClone(item);
        decide(item, e, r, NOW);
        expect(item).toEqual(frozen);
      }),
    );
  });
});
