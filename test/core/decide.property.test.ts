import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decide } from '../../src/core/decide.js';
import type { ItemEvent } from '../../src/core/events.js';
import type { Item, StoreRules } from '../../src/core/item.js';
import { storefrontView } from '../../src/core/messages.js';
import { statusOf } from '../../src/core/status.js';
import { NOW } from '../builders/item.builder.js';
import { assigned, event, rules } from '../builders/item-event.arbitraries.js';

/** Days advance while events happen, so date rules fire along the way. */
const timeline = fc.array(fc.tuple(event, fc.nat(2)), { maxLength: 40 });

interface Walk {
  readonly items: Item[];
  readonly deltas: number[];
  readonly backorderedDeltas: number[];
  readonly initial: number;
}

function walk(start: ItemEvent & { kind: 'assigned' }, steps: [ItemEvent, number][], r: StoreRules): Walk {
  const first = decide(null, start, r, NOW);
  if (!first.ok) throw new Error(first.code);
  let item = first.decision.item as Item;
  const items = [item];
  const deltas: number[] = [];
  const backorderedDeltas: number[] = [];
  let now = NOW.getTime();
  for (const [e, days] of steps) {
    now += days * 86_400_000;
    const result = decide(item, e, r, new Date(now));
    if (!result.ok) continue; // a refusal changes nothing
    item = result.decision.item as Item;
    items.push(item);
    deltas.push(result.decision.movement?.delta ?? 0);
    backorderedDeltas.push(result.decision.movement?.backorderedDelta ?? 0);
  }
  return { items, deltas, backorderedDeltas, initial: start.stock };
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

  it('R16 B is conserved too: Σ backordered deltas = B, episode ends included', () => {
    fc.assert(
      fc.property(assigned, timeline, rules, (start, steps, r) => {
        const { items, backorderedDeltas } = walk(start, steps, r);
        expect(items.at(-1)?.backordered).toBe(backorderedDeltas.reduce((a, b) => a + b, 0));
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

  it('R18 an in-stock item never shows backorder texts; only an unavailable one its message; a capped one has a unit left', () => {
    const texts = {
      buttonText: 'Backorder',
      message: 'Back {back_in_stock_date}',
      cartMessage: 'Backordered',
      unavailableMessage: 'Sold out',
    };
    fc.assert(
      fc.property(assigned, timeline, rules, (start, steps, r) => {
        for (const item of walk(start, steps, r).items) {
          const view = storefrontView(item, texts, 'en-US', r.timeZone);
          if (item.status === 'in_stock') expect(view.texts).toBeNull();
          expect(view.texts !== null).toBe(item.status === 'backorder');
          expect(view.unavailableMessage !== null).toBe(item.status === 'unavailable');
          // In backorder with a threshold at least one unit is left to take (B = T blocks at once).
          if (item.status === 'backorder' && item.threshold !== null) {
            expect(view.remainingUnits).toBeGreaterThanOrEqual(1);
          } else {
            expect(view.remainingUnits).toBeNull();
          }
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
