import type { Item, StoreRules } from '../../src/core/item.js';
import { statusOf } from '../../src/core/status.js';

/**
 * An item for a test, showing only what matters to it: `anItem({ stock: -2, backordered: 2 })`.
 * Unless given, `status` is derived from stock and block with S = 0, as `decide` would have left it.
 */
export function anItem(overrides: Partial<Item> = {}, switchCondition = 0): Item {
  const base = {
    stock: 10,
    threshold: null,
    backordered: 0,
    incoming: 0,
    backInStockDate: null,
    block: null,
    episode: 0,
    ...overrides,
  };
  return { ...base, status: overrides.status ?? statusOf(base, switchCondition) };
}

export function storeRules(overrides: Partial<StoreRules> = {}): StoreRules {
  return { switchCondition: 0, timeZone: 'America/Chicago', ...overrides };
}

/** Noon in Chicago on 2026-06-15: the fixed "now" of core tests. */
export const NOW = new Date('2026-06-15T17:00:00Z');
export const TODAY = '2026-06-15';
export const PAST = '2026-06-01';
export const FUTURE = '2026-07-01';
