import { describe, expect, it } from 'vitest';
import { decide } from '../../src/core/decide.js';
import { EVENT_KINDS, type ItemEvent } from '../../src/core/events.js';
import { BLOCKS, type Item, STATUSES } from '../../src/core/item.js';
import { anItem, FUTURE, NOW, PAST, storeRules, TODAY } from '../builders/item.builder.js';

/**
 * Every (status × block × event) combination, with the outcome worked out by hand from docs/product.md.
 * S = 0, T = 3, incoming 5, today = 2026-06-15 in the store's zone. Outcomes are `status/block`,
 * a refusal code, or `unassigned`.
 */

const STATES = {
  'in_stock/none': anItem({ stock: 5, threshold: 3, incoming: 5, episode: 1 }),
  'in_stock/date': anItem({
    stock: 5,
    threshold: 3,
    incoming: 5,
    backInStockDate: PAST,
    block: 'date',
    episode: 1,
  }),
  'in_stock/manual': anItem({ stock: 5, threshold: 3, incoming: 5, block: 'manual', episode: 1 }),
  'backorder/none': anItem({ stock: -1, backordered: 1, threshold: 3, incoming: 5, episode: 2 }),
  'unavailable/threshold': anItem({
    stock: -3,
    backordered: 3,
    threshold: 3,
    incoming: 5,
    block: 'threshold',
    episode: 2,
  }),
  'unavailable/date': anItem({
    stock: -1,
    backordered: 1,
    threshold: 3,
    incoming: 5,
    backInStockDate: PAST,
    block: 'date',
    episode: 2,
  }),
  'unavailable/manual': anItem({
    stock: -1,
    backordered: 1,
    threshold: 3,
    incoming: 5,
    block: 'manual',
    episode: 2,
  }),
} satisfies Record<string, Item>;
type StateKey = keyof typeof STATES;

/** Combinations no sequence of events can produce, and why. */
const IMPOSSIBLE: Record<string, string> = {
  'in_stock/threshold': 'R4: the episode ends when stock rises above S, which clears a threshold block',
  'backorder/threshold': 'R3: any block makes an out-of-stock item unavailable',
  'backorder/date': 'R3: any block makes an out-of-stock item unavailable',
  'backorder/manual': 'R3: any block makes an out-of-stock item unavailable',
  'unavailable/none': 'R2: an out-of-stock item without a block is in backorder',
};

const EVENTS = {
  'sold 1': () => ({ kind: 'sold', quantity: 1 }),
  'sold 10': () => ({ kind: 'sold', quantity: 10 }),
  'returned 1 (b=1, same episode)': (item: Item) => ({
    kind: 'returned',
    quantity: 1,
    backordered: 1,
    episode: item.episode,
  }),
  'stock set to 10 (admin)': () => ({ kind: 'edited', source: 'admin', stock: 10 }),
  'stock set to 0 (admin)': () => ({ kind: 'edited', source: 'admin', stock: 0 }),
  'synced 10 from BigCommerce': () => ({ kind: 'synced', stock: 10 }),
  'received 2': () => ({ kind: 'received', quantity: 2 }),
  'threshold raised to 10 (admin)': () => ({ kind: 'edited', source: 'admin', threshold: 10 }),
  'threshold set to 0 (admin)': () => ({ kind: 'edited', source: 'admin', threshold: 0 }),
  'date set later (admin)': () => ({ kind: 'edited', source: 'admin', backInStockDate: FUTURE }),
  'date set later (import)': () => ({ kind: 'edited', source: 'import', backInStockDate: FUTURE }),
  'date cleared (api)': () => ({ kind: 'edited', source: 'api', backInStockDate: null }),
  'date set to today (admin)': () => ({ kind: 'edited', source: 'admin', backInStockDate: TODAY }),
  'day started': () => ({ kind: 'dayStarted' }),
  enabled: () => ({ kind: 'enabled' }),
  disabled: () => ({ kind: 'disabled' }),
  'S raised to 10': () => ({ kind: 'reevaluated' }),
  assigned: () => ({ kind: 'assigned', stock: 1, threshold: null, incoming: 0, backInStockDate: null }),
  unassigned: () => ({ kind: 'unassigned' }),
} satisfies Record<string, (item: Item) => ItemEvent>;
type EventKey = keyof typeof EVENTS;

const TABLE: Record<StateKey, Record<EventKey, string>> = {
  'in_stock/none': {
    'sold 1': 'in_stock/none',
    'sold 10': 'unavailable/threshold',
    'returned 1 (b=1, same episode)': 'in_stock/none',
    'stock set to 10 (admin)': 'in_stock/none',
    'stock set to 0 (admin)': 'backorder/none',
    'synced 10 from BigCommerce': 'in_stock/none',
    'received 2': 'in_stock/none',
    'threshold raised to 10 (admin)': 'in_stock/none',
    'threshold set to 0 (admin)': 'in_stock/none',
    'date set later (admin)': 'in_stock/none',
    'date set later (import)': 'in_stock/none',
    'date cleared (api)': 'in_stock/none',
    'date set to today (admin)': 'in_stock/date',
    'day started': 'in_stock/none',
    enabled: 'BACKORDER.ALREADY_ENABLED',
    disabled: 'in_stock/manual',
    'S raised to 10': 'backorder/none',
    assigned: 'ITEM.ALREADY_ASSIGNED',
    unassigned: 'unassigned',
  },
  'in_stock/date': {
    'sold 1': 'in_stock/date',
    'sold 10': 'unavailable/date',
    'returned 1 (b=1, same episode)': 'in_stock/date',
    'stock set to 10 (admin)': 'in_stock/date',
    'stock set to 0 (admin)': 'unavailable/date',
    'synced 10 from BigCommerce': 'in_stock/date',
    'received 2': 'in_stock/date',
    'threshold raised to 10 (admin)': 'in_stock/date',
    'threshold set to 0 (admin)': 'in_stock/date',
    'date set later (admin)': 'in_stock/date',
    'date set later (import)': 'in_stock/none',
    'date cleared (api)': 'in_stock/none',
    'date set to today (admin)': 'in_stock/date',
    'day started': 'in_stock/date',
    enabled: 'BACKORDER.DATE_PASSED',
    disabled: 'in_stock/manual',
    'S raised to 10': 'unavailable/date',
    assigned: 'ITEM.ALREADY_ASSIGNED',
    unassigned: 'unassigned',
  },
  'in_stock/manual': {
    'sold 1': 'in_stock/manual',
    'sold 10': 'unavailable/manual',
    'returned 1 (b=1, same episode)': 'in_stock/manual',
    'stock set to 10 (admin)': 'in_stock/manual',
    'stock set to 0 (admin)': 'unavailable/manual',
    'synced 10 from BigCommerce': 'in_stock/manual',
    'received 2': 'in_stock/manual',
    'threshold raised to 10 (admin)': 'in_stock/manual',
    'threshold set to 0 (admin)': 'in_stock/manual',
    'date set later (admin)': 'in_stock/manual',
    'date set later (import)': 'in_stock/manual',
    'date cleared (api)': 'in_stock/manual',
    'date set to today (admin)': 'in_stock/manual',
    'day started': 'in_stock/manual',
    enabled: 'in_stock/none',
    disabled: 'BACKORDER.ALREADY_DISABLED',
    'S raised to 10': 'unavailable/manual',
    assigned: 'ITEM.ALREADY_ASSIGNED',
    unassigned: 'unassigned',
  },
  'backorder/none': {
    'sold 1': 'backorder/none',
    'sold 10': 'unavailable/threshold',
    'returned 1 (b=1, same episode)': 'backorder/none',
    'stock set to 10 (admin)': 'in_stock/none',
    'stock set to 0 (admin)': 'backorder/none',
    'synced 10 from BigCommerce': 'in_stock/none',
    'received 2': 'in_stock/none',
    'threshold raised to 10 (admin)': 'backorder/none',
    'threshold set to 0 (admin)': 'unavailable/threshold',
    'date set later (admin)': 'backorder/none',
    'date set later (import)': 'backorder/none',
    'date cleared (api)': 'backorder/none',
    'date set to today (admin)': 'unavailable/date',
    'day started': 'backorder/none',
    enabled: 'BACKORDER.ALREADY_ENABLED',
    disabled: 'unavailable/manual',
    'S raised to 10': 'backorder/none',
    assigned: 'ITEM.ALREADY_ASSIGNED',
    unassigned: 'unassigned',
  },
  'unavailable/threshold': {
    'sold 1': 'unavailable/threshold',
    'sold 10': 'unavailable/threshold',
    'returned 1 (b=1, same episode)': 'unavailable/threshold',
    'stock set to 10 (admin)': 'in_stock/none',
    'stock set to 0 (admin)': 'unavailable/threshold',
    'synced 10 from BigCommerce': 'in_stock/none',
    'received 2': 'unavailable/threshold',
    'threshold raised to 10 (admin)': 'unavailable/threshold',
    'threshold set to 0 (admin)': 'unavailable/threshold',
    'date set later (admin)': 'unavailable/threshold',
    'date set later (import)': 'unavailable/threshold',
    'date cleared (api)': 'unavailable/threshold',
    'date set to today (admin)': 'unavailable/date',
    'day started': 'unavailable/threshold',
    enabled: 'BACKORDER.THRESHOLD_REACHED',
    disabled: 'unavailable/manual',
    'S raised to 10': 'unavailable/threshold',
    assigned: 'ITEM.ALREADY_ASSIGNED',
    unassigned: 'unassigned',
  },
  'unavailable/date': {
    'sold 1': 'unavailable/date',
    'sold 10': 'unavailable/date',
    'returned 1 (b=1, same episode)': 'unavailable/date',
    'stock set to 10 (admin)': 'in_stock/date',
    'stock set to 0 (admin)': 'unavailable/date',
    'synced 10 from BigCommerce': 'in_stock/date',
    'received 2': 'in_stock/date',
    'threshold raised to 10 (admin)': 'unavailable/date',
    'threshold set to 0 (admin)': 'unavailable/date',
    'date set later (admin)': 'unavailable/date',
    'date set later (import)': 'backorder/none',
    'date cleared (api)': 'backorder/none',
    'date set to today (admin)': 'unavailable/date',
    'day started': 'unavailable/date',
    enabled: 'BACKORDER.DATE_PASSED',
    disabled: 'unavailable/manual',
    'S raised to 10': 'unavailable/date',
    assigned: 'ITEM.ALREADY_ASSIGNED',
    unassigned: 'unassigned',
  },
  'unavailable/manual': {
    'sold 1': 'unavailable/manual',
    'sold 10': 'unavailable/manual',
    'returned 1 (b=1, same episode)': 'unavailable/manual',
    'stock set to 10 (admin)': 'in_stock/manual',
    'stock set to 0 (admin)': 'unavailable/manual',
    'synced 10 from BigCommerce': 'in_stock/manual',
    'received 2': 'in_stock/manual',
    'threshold raised to 10 (admin)': 'unavailable/manual',
    'threshold set to 0 (admin)': 'unavailable/manual',
    'date set later (admin)': 'unavailable/manual',
    'date set later (import)': 'unavailable/manual',
    'date cleared (api)': 'unavailable/manual',
    'date set to today (admin)': 'unavailable/manual',
    'day started': 'unavailable/manual',
    enabled: 'backorder/none',
    disabled: 'BACKORDER.ALREADY_DISABLED',
    'S raised to 10': 'unavailable/manual',
    assigned: 'ITEM.ALREADY_ASSIGNED',
    unassigned: 'unassigned',
  },
};

function outcome(item: Item, eventKey: EventKey): string {
  const rules = storeRules({ switchCondition: eventKey === 'S raised to 10' ? 10 : 0 });
  const result = decide(item, EVENTS[eventKey](item) as ItemEvent, rules, NOW);
  if (!result.ok) return result.code;
  const { to } = result.decision;
  return to.status === null ? 'unassigned' : `${to.status}/${to.block ?? 'none'}`;
}

describe('the (status × block × event) table', () => {
  it('lists every status × block combination, each either reachable or impossible for a stated reason', () => {
    const all = STATUSES.flatMap((s) => ['none', ...BLOCKS].map((b) => `${s}/${b}`));
    const listed = [...Object.keys(STATES), ...Object.keys(IMPOSSIBLE)].sort();
    expect(listed).toEqual(all.sort());
  });

  it('builds each reachable state as its name says', () => {
    for (const [key, item] of Object.entries(STATES)) {
      expect(`${item.status}/${item.block ?? 'none'}`).toBe(key);
    }
  });

  it('covers every event kind', () => {
    const kinds = new Set(Object.values(EVENTS).map((make) => make(anItem()).kind));
    expect([...kinds].sort()).toEqual([...EVENT_KINDS].sort());
  });

  const rows = (Object.keys(STATES) as StateKey[]).flatMap((state) =>
    (Object.keys(EVENTS) as EventKey[]).map((event) => [state, event, TABLE[state][event]] as const),
  );
  it.each(rows)('%s + %s → %s', (state, event, expected) => {
    expect(outcome(STATES[state], event)).toBe(expected);
  });
});
