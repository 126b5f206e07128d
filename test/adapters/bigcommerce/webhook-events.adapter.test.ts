import { describe, expect, it } from 'vitest';
import { bigCommerceWebhookEvents as events } from '../../../src/adapters/bigcommerce/index.js';

/** BigCommerce's webhook deliveries read as the app's deliveries and events. */
const delivery = (overrides: Record<string, unknown> = {}) => ({
  scope: 'store/order/created',
  store_id: '1001',
  data: { type: 'order', id: 250 },
  hash: 'dd70c0976e06b67aaf671e73f49dcb79230ebf9d',
  created_at: 1_561_479_335,
  producer: 'stores/abc123',
  ...overrides,
});

describe('webhook deliveries', () => {
  it('names the sending store by its producer, before anything else is checked', () => {
    expect(events.senderOf(delivery())).toBe('abc123');
    expect(events.senderOf({ producer: 'stores/abc123' })).toBe('abc123');
    for (const body of [
      null,
      'stores/abc123',
      [delivery()],
      {},
      { producer: 'abc123' },
      { producer: 'stores/' },
      { producer: 'stores/abc-123' },
      { producer: 42 },
    ]) {
      expect(events.senderOf(body)).toBeNull();
    }
  });

  it('reads the scope and an event key that a redelivery shares and another event does not', () => {
    const first = events.readDelivery(delivery());
    expect(first).toEqual({
      ok: true,
      delivery: {
        scope: 'store/order/created',
        eventKey: 'dd70c0976e06b67aaf671e73f49dcb79230ebf9d:1561479335',
      },
    });
    expect(events.readDelivery(delivery())).toEqual(first);
    const later = events.readDelivery(delivery({ created_at: 1_561_479_400 }));
    expect(later.ok && first.ok && later.delivery.eventKey !== first.delivery.eventKey).toBe(true);
  });

  it('lists what an invalid delivery lacks', () => {
    const read = events.readDelivery(delivery({ hash: '', scope: 'order/created', data: [] }));
    expect(read.ok).toBe(false);
    expect(read.ok ? [] : read.issues.map((issue) => issue.split(':')[0])).toEqual(['scope', 'data', 'hash']);
    expect(events.readDelivery('not json')).toEqual({
      ok: false,
      issues: [expect.stringMatching(/^payload: /)],
    });
  });
});

describe('webhook events', () => {
  const eventOf = (scope: string, data: unknown) => events.eventOf(scope, delivery({ scope, data }));

  it('reads order events, with BigCommerce status ids as app statuses', () => {
    expect(eventOf('store/order/created', { type: 'order', id: 250 })).toEqual({
      ok: true,
      event: { kind: 'orderCreated', orderId: 250 },
    });
    expect(
      eventOf('store/order/statusUpdated', {
        type: 'order',
        id: 250,
        status: { previous_status_id: 0, new_status_id: 11 },
      }),
    ).toEqual({
      ok: true,
      event: { kind: 'orderStatusChanged', orderId: 250, from: 'incomplete', to: 'awaitingFulfillment' },
    });
    expect(
      eventOf('store/order/statusUpdated', { id: 250, status: { previous_status_id: 5, new_status_id: 4 } }),
    ).toMatchObject({ event: { from: 'cancelled', to: 'refunded' } });
    expect(
      eventOf('store/order/statusUpdated', {
        id: 250,
        status: { previous_status_id: 14, new_status_id: 77 },
      }),
    ).toMatchObject({ event: { from: 'partiallyRefunded', to: 'unknown' } });
  });

  it('reads product events: the product of a SKU change is its inventory’s product', () => {
    expect(eventOf('store/product/updated', { type: 'product', id: 101 })).toEqual({
      ok: true,
      event: { kind: 'productChanged', bcProductId: 101 },
    });
    expect(eventOf('store/product/inventory/updated', { id: 101, inventory: { product_id: 101 } })).toEqual({
      ok: true,
      event: { kind: 'productChanged', bcProductId: 101 },
    });
    expect(eventOf('store/product/inventory/updated', { id: 101 })).toMatchObject({
      event: { bcProductId: 101 },
    });
    expect(eventOf('store/sku/inventory/updated', { id: 5501, inventory: { product_id: 101 } })).toEqual({
      ok: true,
      event: { kind: 'productChanged', bcProductId: 101 },
    });
    expect(eventOf('store/product/deleted', { type: 'product', id: 101 })).toEqual({
      ok: true,
      event: { kind: 'productDeleted', bcProductId: 101 },
    });
    expect(eventOf('store/app/uninstalled', { type: 'store', id: '1001' })).toEqual({
      ok: true,
      event: { kind: 'appUninstalled' },
    });
  });

  it('reads a payload stored as just its data the same way', () => {
    expect(events.eventOf('store/order/created', { type: 'order', id: 250 })).toEqual({
      ok: true,
      event: { kind: 'orderCreated', orderId: 250 },
    });
  });

  it('says what a payload lacks for its scope', () => {
    expect(eventOf('store/order/statusUpdated', { type: 'order', id: 12 })).toEqual({
      ok: false,
      issues: [expect.stringMatching(/^status: /)],
    });
    expect(eventOf('store/sku/inventory/updated', { id: 5501 })).toMatchObject({ ok: false });
    expect(eventOf('store/order/created', { id: -1 })).toMatchObject({
      ok: false,
      issues: [expect.stringMatching(/^id: /)],
    });
    expect(events.eventOf('store/product/deleted', null)).toEqual({
      ok: false,
      issues: [expect.stringMatching(/^data: /)],
    });
  });

  it('leaves scopes the app does not act on unread', () => {
    expect(eventOf('store/order/updated', { type: 'order', id: 250 })).toBeNull();
    expect(events.eventOf('store/cart/created', 'anything')).toBeNull();
  });
});
