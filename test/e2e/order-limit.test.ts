import { expect, it } from 'vitest';
import type { OrderCreateInput } from '../../src/sandbox/state/orders.repo.js';
import { eventually, startE2E } from './support/demo-harness.js';
import { waitUntilQuiescent } from './support/resilience-scenario.js';

/**
 * Issue 9.1, through the sandbox: a product without variants in backorder with a threshold gets its
 * per-order maximum lowered to the units left to backorder, a checkout above it is refused by
 * BigCommerce (the sandbox), and the merchant's own maximum comes back when backorder ends.
 */
it('keeps the per-order maximum at the units left to backorder, and gives the merchant’s back after', async () => {
  const e2e = await startE2E();
  try {
    const { state } = e2e.demo.sandbox.sandbox;
    const sku = `LIMIT-${Date.now()}`;
    const created = await e2e.bc('POST', '/v3/catalog/products', {
      name: `Limited ${sku}`,
      type: 'physical',
      weight: 1,
      price: 10,
      sku,
      inventory_tracking: 'product',
      inventory_level: 0,
      order_quantity_maximum: 50,
    });
    expect(created.status).toBe(200);
    const productId: number = created.body.data.id;
    const maximum = () => state.products.getProduct(e2e.storeHash, productId)?.order_quantity_maximum;
    const checkout = (quantity: number) => {
      const input: OrderCreateInput = {
        status_id: 11,
        billing_address: {
          first_name: 'Robin',
          last_name: 'Walker',
          street_1: '1 Trail Road',
          city: 'Boulder',
          zip: '80301',
          country: 'United States',
          country_iso2: 'US',
          email: 'robin@example.com',
        },
        products: [{ product_id: productId, quantity }],
      };
      return state.orders.create(e2e.storeHash, input, 'storefront');
    };

    expect((await e2e.api('POST', '/assignments', { product_ids: [productId] })).status).toBe(200);
    await eventually(async () => (await e2e.api('GET', `/items/${sku}`)).status === 200);
    expect((await e2e.api('PATCH', `/items/${sku}`, { threshold: 5 })).status).toBe(200);
    await waitUntilQuiescent(e2e);
    expect(maximum()).toBe(5);

    expect(checkout(2).ok).toBe(true);
    await eventually(async () => maximum() === 3);
    const tooMany = checkout(4);
    expect(tooMany).toMatchObject({ ok: false, code: 'SANDBOX.ORDER.QUANTITY_LIMIT' });

    expect(checkout(3).ok).toBe(true);
    await waitUntilQuiescent(e2e);
    expect((await e2e.api('GET', `/items/${sku}`)).body).toMatchObject({
      backordered: 5,
      status: 'unavailable',
    });
    expect(state.products.getProduct(e2e.storeHash, productId)).toMatchObject({
      availability: 'disabled',
      order_quantity_maximum: 50,
    });

    expect((await e2e.api('PATCH', `/items/${sku}`, { stock: 10 })).status).toBe(200);
    await waitUntilQuiescent(e2e);
    expect(state.products.getProduct(e2e.storeHash, productId)).toMatchObject({
      availability: 'available',
      order_quantity_maximum: 50,
    });
  } finally {
    await e2e.close();
  }
}, 90_000);
