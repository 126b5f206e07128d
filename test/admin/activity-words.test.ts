import { describe, expect, it } from 'vitest';
import {
  type ActivityEntry,
  actorWords,
  causeWords,
  describeActivity,
  formatLocalDate,
  formatWhen,
  itemName,
  reasonSentence,
  statusWords,
} from '../../src/admin/screens/activity/activity-words.js';

type Status = 'in_stock' | 'backorder' | 'unavailable' | null;
type Block = 'threshold' | 'date' | 'manual' | null;

const item = {
  sku: 'JKT-M',
  product_id: 6,
  variant_id: 61,
  product_name: 'Trail Jacket',
  variant_label: 'Size: M',
};

function movement(
  kind: NonNullable<ActivityEntry['movement']>['kind'],
  delta: number,
  backorderedDelta: number,
  stockAfter: number,
  orderId: number | null = null,
): ActivityEntry {
  return {
    id: 'm1',
    kind: 'movement',
    at: '2025-03-10T12:00:00.000Z',
    item,
    movement: {
      kind,
      delta,
      backordered_delta: backorderedDelta,
      stock_after: stockAfter,
      backordered_after: Math.max(0, backorderedDelta),
    },
    transition: null,
    cause:
      orderId === null
        ? { type: 'api_request', ref: 'r', order_id: null }
        : { type: 'order_line', ref: `order:${orderId}:line:9`, order_id: orderId },
    actor: 'bigcommerce',
  };
}

function transition(from: [Status, Block], to: [Status, Block], reason: string): ActivityEntry {
  return {
    ...movement('sale', 0, 0, 0),
    id: 't1',
    kind: 'transition',
    movement: null,
    transition: { from: { status: from[0], block: from[1] }, to: { status: to[0], block: to[1] }, reason },
  };
}

describe('the history in plain words (src/admin/screens/activity/activity-words.ts)', () => {
  it('says what each stock movement did', () => {
    expect(describeActivity(movement('sale', -2, 1, -1, 123))).toBe('Order #123 sold 2 units, 1 backordered');
    expect(describeActivity(movement('sale', -1, 0, 4, 124))).toBe('Order #124 sold 1 unit');
    expect(describeActivity(movement('sale', -3, 0, 4))).toBe('An order sold 3 units');
    expect(describeActivity(movement('return', 2, -1, 1, 123))).toBe(
      'Order #123 gave back 2 units, 1 of them backordered',
    );
    expect(describeActivity(movement('set', -5, 0, 0))).toBe('Stock set to 0 (−5)');
    expect(describeActivity(movement('set', 7, 0, 7))).toBe('Stock set to 7 (+7)');
    expect(describeActivity(movement('sync', 3, 0, 8))).toBe(
      'BigCommerce inventory level taken: stock 8 (+3)',
    );
    expect(describeActivity(movement('receive', 4, 0, 10))).toBe(
      'Received 4 units of incoming stock: stock 10',
    );
    expect(describeActivity(movement('assignment', 5, 0, 5))).toBe('Assigned with 5 units in stock');
    expect(describeActivity(movement('unassignment', -5, 0, 0))).toBe(
      'Unassigned: stock and backorders closed at 0',
    );
    expect(describeActivity(movement('episode_end', 0, -3, 4))).toBe(
      'Back in stock: 3 units no longer count as backordered',
    );
  });

  it('says which status changed to which, and why, in a sentence', () => {
    expect(describeActivity(transition(['in_stock', null], ['backorder', null], 'order_placed'))).toBe(
      'In stock → Backorder: an order was placed',
    );
    expect(
      describeActivity(transition(['backorder', null], ['unavailable', 'threshold'], 'threshold_reached')),
    ).toBe('Backorder → Unavailable (threshold reached): the backorder threshold was reached');
    expect(describeActivity(transition([null, null], ['in_stock', null], 'assigned'))).toBe(
      'Not assigned → In stock: the product was assigned',
    );
    expect(
      describeActivity(transition(['unavailable', 'threshold'], ['unavailable', 'date'], 'date_reached')),
    ).toBe(
      'Unavailable (threshold reached) → Unavailable (back-in-stock date reached): the back-in-stock date was reached',
    );
    // A block set on an item still in stock: what shoppers see stays, the block is named.
    expect(
      describeActivity(transition(['in_stock', null], ['in_stock', 'manual'], 'disabled_by_merchant')),
    ).toBe('In stock, backorder blocked: backorder was switched off by hand');
    expect(
      describeActivity(transition(['in_stock', 'manual'], ['in_stock', null], 'enabled_by_merchant')),
    ).toBe('In stock, backorder allowed again: backorder was switched on by hand');
  });

  it('reads a reason code it does not know as words, never as a raw code', () => {
    expect(reasonSentence('stock_rose_sharply')).toBe('stock rose sharply');
    expect(statusWords({ status: 'unavailable', block: 'date' })).toBe(
      'Unavailable (back-in-stock date reached)',
    );
  });

  it('names causes, people and items', () => {
    expect(causeWords({ type: 'order_line', ref: 'order:123:line:9', order_id: 123 })).toBe('Order #123');
    expect(causeWords({ type: 'scheduler', ref: 'day:2025-03-10', order_id: null })).toBe('Daily date check');
    expect(causeWords({ type: 'api_request', ref: null, order_id: null })).toBe('API request');
    expect(actorWords('bigcommerce')).toBe('BigCommerce');
    expect(actorWords('system')).toBe('Backorder');
    expect(actorWords('admin:ann@example.com')).toBe('ann@example.com');
    expect(actorWords('api-key:bo_ab12')).toBe('API key bo_ab12…');
    expect(itemName(item)).toBe('Trail Jacket — Size: M');
    expect(itemName({ ...item, variant_label: null })).toBe('Trail Jacket');
  });

  it('writes times in the store’s time zone and calendar dates as they are', () => {
    expect(formatWhen('2025-03-11T02:00:00.000Z', 'America/Chicago')).toBe('Mar 10, 2025, 9:00 PM');
    expect(formatWhen('2025-03-11T02:00:00.000Z', 'Asia/Tokyo')).toBe('Mar 11, 2025, 11:00 AM');
    expect(formatLocalDate('2025-03-12')).toBe('Mar 12, 2025');
  });
});
