import { describe, expect, test } from 'vitest';
import type { components } from '../../src/admin/api/v1.js';
import {
  actorWords,
  historyCause,
  historyNumbers,
  historyWhat,
  parseUnits,
  statusReason,
} from '../../src/admin/screens/product-detail/item-words.js';

type Entry = components['schemas']['ItemHistoryEntry'];

const movement = (
  m: Partial<NonNullable<Entry['movement']>>,
  cause: Partial<Entry['cause']> = {},
): Entry => ({
  type: 'movement',
  at: '2025-03-10T12:00:00.000Z',
  actor: 'system',
  cause: { type: 'order_line', ref: '900', order_id: 123, ...cause },
  movement: {
    kind: 'sale',
    delta: -3,
    backordered_delta: 2,
    stock_after: -2,
    backordered_after: 2,
    episode: 1,
    ...m,
  },
  transition: null,
});

const transition = (
  t: Partial<NonNullable<Entry['transition']>>,
  cause: Partial<Entry['cause']> = {},
): Entry => ({
  type: 'transition',
  at: '2025-03-10T12:00:00.000Z',
  actor: 'system',
  cause: { type: 'order_line', ref: '900', order_id: 123, ...cause },
  movement: null,
  transition: {
    from: { status: 'in_stock', block: null },
    to: { status: 'backorder', block: null },
    reason: 'order_placed',
    ...t,
  },
});

describe('an item’s history in words', () => {
  test('movements: what moved, and the backordered units it added, gave back or reset', () => {
    expect(historyWhat(movement({}))).toBe('Sold 3 units, 2 backordered');
    expect(historyWhat(movement({ kind: 'sale', delta: -1, backordered_delta: 0 }))).toBe('Sold 1 unit');
    expect(historyWhat(movement({ kind: 'return', delta: 3, backordered_delta: -2 }))).toBe(
      'Given back 3 units, 2 backordered given back',
    );
    expect(historyWhat(movement({ kind: 'receive', delta: 5, backordered_delta: -2, stock_after: 3 }))).toBe(
      'Incoming stock received 5 units, back in stock: backordered count reset',
    );
    expect(historyWhat(movement({ kind: 'set', delta: -4, backordered_delta: 0, stock_after: 6 }))).toBe(
      'Stock set to 6 (-4)',
    );
    expect(
      historyWhat(movement({ kind: 'assignment', delta: 6, backordered_delta: 0, stock_after: 6 })),
    ).toBe('Assigned: stock set to 6 (+6)');
    expect(historyWhat(movement({ kind: 'episode_end', delta: 0, backordered_delta: -4 }))).toBe(
      'Back in stock: backordered count reset',
    );
    expect(historyNumbers(movement({}))).toBe('Stock -2, backordered 2');
  });

  test('transitions: from → to, and why', () => {
    expect(historyWhat(transition({}))).toBe('In stock → Backorder: an order was placed');
    expect(
      historyWhat(
        transition({
          from: { status: 'backorder', block: null },
          to: { status: 'unavailable', block: 'threshold' },
          reason: 'threshold_reached',
        }),
      ),
    ).toBe('Backorder → Unavailable: the backorder threshold was reached');
    expect(historyWhat(transition({ from: { status: null, block: null }, reason: 'assigned' }))).toBe(
      'Not assigned → Backorder: assigned to Backorder',
    );
    // A block change without a status change.
    expect(
      historyWhat(
        transition({
          from: { status: 'unavailable', block: 'threshold' },
          to: { status: 'unavailable', block: 'manual' },
          reason: 'disabled_by_merchant',
        }),
      ),
    ).toBe('Unavailable: you switched backorder off');
    expect(historyWhat(transition({ reason: 'something_new' }))).toBe('In stock → Backorder: something new');
    expect(historyNumbers(transition({}))).toBe('');
  });

  test('causes and actors', () => {
    expect(historyCause(movement({}))).toBe('Order #123');
    expect(historyCause(movement({}, { type: 'api_request', ref: 'r1', order_id: null }))).toBe(
      'API request',
    );
    expect(historyCause(movement({}, { type: 'admin_action', ref: 'r1', order_id: null }))).toBe(
      'Backorder admin',
    );
    expect(actorWords('admin:ops@example.com')).toBe('ops@example.com');
    expect(actorWords('api-key:bo_12ab')).toBe('API key bo_12ab…');
    expect(actorWords('system')).toBe('Backorder');
    expect(actorWords('bigcommerce')).toBe('BigCommerce');
  });
});

describe('an item’s status in words', () => {
  test('says why the item shows what it shows', () => {
    const item = { stock: 3, backordered: 0, threshold: null, block: null } as const;
    expect(statusReason({ ...item, status: 'in_stock' }, 0)).toBe(
      'Stock is above the switch condition (0): sold normally.',
    );
    expect(statusReason({ ...item, status: 'backorder', backordered: 2, threshold: 5 }, 0)).toBe(
      'Out of stock: sold as a backorder, 3 of 5 units left to backorder.',
    );
    expect(statusReason({ ...item, status: 'backorder' }, null)).toBe(
      'Out of stock: sold as a backorder, with no limit on backordered units.',
    );
    expect(statusReason({ ...item, status: 'unavailable', block: 'threshold' }, 0)).toBe(
      'Out of stock and not for sale: its backorder threshold is reached.',
    );
    expect(statusReason({ ...item, status: 'unavailable', block: 'manual' }, 0)).toBe(
      'Out of stock and not for sale: you switched backorder off.',
    );
  });

  test('units to receive are whole numbers of 1 or more', () => {
    expect(parseUnits(' 5 ')).toBe(5);
    for (const text of ['', '0', '-1', '1.5', 'abc', '99999999999'])
      expect(parseUnits(text), text).toBeNull();
  });
});
