import fc from 'fast-check';
import type { ItemEvent } from '../../src/core/events.js';
import type { StoreRules } from '../../src/core/item.js';

/** Random events, assignments and store rules for property tests (fast-check), around June 2026. */

/** A store-local date within 20 days of 2026-06-15. */
export const date = fc
  .integer({ min: -20, max: 20 })
  .map((days) => new Date(Date.UTC(2026, 5, 15 + days)).toISOString().slice(0, 10));

export const event: fc.Arbitrary<ItemEvent> = fc.oneof(
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

export const assigned = fc
  .record({
    stock: fc.integer({ min: -5, max: 15 }),
    threshold: fc.option(fc.nat(10), { nil: null }),
    incoming: fc.nat(10),
    backInStockDate: fc.option(date, { nil: null }),
  })
  .map((r) => ({ kind: 'assigned', ...r }) as const);

export const rules: fc.Arbitrary<StoreRules> = fc.record({
  switchCondition: fc.nat(5),
  timeZone: fc.constantFrom('America/Chicago', 'Europe/Berlin', 'Pacific/Kiritimati', 'UTC'),
});
