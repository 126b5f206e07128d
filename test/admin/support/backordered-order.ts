import { expect } from 'vitest';
import { type E2E, eventually } from '../../e2e/support/demo-harness.js';

/** The demo store's "Summit Down Sleeping Bag -5°C": Length Regular (6 in stock) and Long (0 in stock). */
export const SLEEPING_BAG = { productId: 6, name: 'Summit Down Sleeping Bag -5°C', long: 'SLEEP-DOWN5-LONG' };

/**
 * The sleeping bag assigned (its Long variant out of stock, so in backorder, with 5 incoming) and an
 * order of `quantity` Long bags placed through BigCommerce's API, as a shopper's checkout would; resolves
 * once the app has recorded the order as holding backordered units.
 */
export async function aBackorderedOrder(e2e: E2E, quantity: number): Promise<number> {
  const assigned = await e2e.api('POST', '/assignments', { product_ids: [SLEEPING_BAG.productId] });
  expect([200, 409].includes(assigned.status) || assigned.body?.results !== undefined).toBe(true);
  expect((await e2e.api('PATCH', `/items/${SLEEPING_BAG.long}`, { incoming_stock: 5 })).status).toBe(200);

  const product = await e2e.bc('GET', `/v3/catalog/products/${SLEEPING_BAG.productId}?include=variants`);
  const long = (product.body.data.variants as { sku: string; id: number }[]).find(
    (v) => v.sku === SLEEPING_BAG.long,
  )!;
  const order = await e2e.bc('POST', '/v2/orders', {
    status_id: 11,
    billing_address: {
      first_name: 'Ada',
      last_name: 'Shopper',
      street_1: '1 Main St',
      city: 'Austin',
      state: 'Texas',
      zip: '78701',
      country: 'United States',
      country_iso2: 'US',
      email: 'ada@example.com',
    },
    products: [{ product_id: SLEEPING_BAG.productId, variant_id: long.id, quantity }],
  });
  expect(order.status).toBe(200);
  const orderId = order.body.id as number;
  await eventually(async () => {
    const orders = await e2e.api('GET', '/orders');
    return orders.body.data.some((o: { order_id: number }) => o.order_id === orderId);
  });
  return orderId;
}
