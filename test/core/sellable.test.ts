import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decide } from '../../src/core/decide.js';
import type { ItemEvent } from '../../src/core/events.js';
import type { Item } from '../../src/core/item.js';
import { sellableUnits, UNLIMITED_ALLOWANCE } from '../../src/core/sellable.js';
import { isPurchasable } from '../../src/core/status.js';
import { anItem, NOW, storeRules } from '../builders/item.builder.js';
import { assigned, event, rules } from '../builders/item-event.arbitraries.js';

describe('sellableUnits: what BigCommerce may still sell in the cap-at-checkout mode', () => {
  it('is the stock above S plus T − B', () => {
    expect(sellableUnits(anItem({ stock: 6, threshold: 3 }), 2)).toBe(4 + 3);
    expect(sellableUnits(anItem({ stock: -1, threshold: 5, backordered: 3 }), 0)).toBe(2);
  });

  it('is only the stock above S once a block stops backorders', () => {
    expect(sellableUnits(anItem({ stock: 6, threshold: 3, block: 'manual' }), 2)).toBe(4);
    expect(sellableUnits(anItem({ stock: 1, threshold: 3, backordered: 1, block: 'date' }), 2)).toBe(0);
  });

  it('adds the unlimited allowance without a threshold, and never goes below 0', () => {
    expect(sellableUnits(anItem({ stock: 0 }), 0)).toBe(UNLIMITED_ALLOWANCE);
    expect(sellableUnits(anItem({ stock: -4, threshold: 2, backordered: 4 }), 0)).toBe(0);
  });

  it('is above 0 exactly while the item is purchasable, whatever happened to it', () => {
    fc.assert(
      fc.property(assigned, fc.array(event, { maxLength: 30 }), rules, (start, events, r) => {
        let item = walkStart(start, r);
        for (const e of events) {
          const result = decide(item, e, r, NOW);
          if (!result.ok || result.decision.item === null) continue;
          item = result.decision.item;
          expect(sellableUnits(item, r.switchCondition) > 0).toBe(isPurchasable(item.status));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('a sale BigCommerce allowed takes exactly its units away, so it needs no write', () => {
    fc.assert(
      fc.property(
        assigned,
        fc.array(event, { maxLength: 30 }),
        rules,
        fc.integer({ min: 1, max: 50 }),
        (start, events, r, quantity) => {
          let item = walkStart(start, r);
          for (const e of [...events, { kind: 'sold', quantity } as const]) {
            const before = sellableUnits(item, r.switchCondition);
            const result = decide(item, e, r, NOW);
            if (!result.ok || result.decision.item === null) continue;
            if (e.kind === 'sold' && e.quantity <= before) {
              expect(sellableUnits(result.decision.item, r.switchCondition)).toBe(before - e.quantity);
            }
            item = result.decision.item;
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('with S = 2, T = 3: the seed flow’s numbers', () => {
    const r = storeRules({ switchCondition: 2 });
    expect(sellableUnits(anItem({ stock: 6, threshold: 3 }, 2), r.switchCondition)).toBe(7);
  });
});

function walkStart(start: ItemEvent & { kind: 'assigned' }, r: Parameters<typeof decide>[2]): Item {
  const first = decide(null, start, r, NOW);
  if (!first.ok || first.decision.item === null) throw new Error('assignment refused');
  return first.decision.item;
}
