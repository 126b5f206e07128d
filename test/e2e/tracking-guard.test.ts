import { expect, it } from 'vitest';
import { startE2E } from './support/demo-harness.js';
import { waitUntilQuiescent } from './support/resilience-scenario.js';

/**
 * docs/product.md#changes-made-in-bigcommerce: when someone turns inventory tracking back on, the app
 * notices, takes the level as stock and turns tracking off again — every time, not only the first.
 * BigCommerce's webhook `hash` is the same for every store/product/updated of one product, so the inbox must
 * not take a later event for a duplicate of an earlier one.
 */
it('tracking turned back on in BigCommerce is turned off again, each time', async () => {
  const e2e = await startE2E();
  try {
    const { state } = e2e.demo.sandbox.sandbox;
    expect((await e2e.api('POST', '/assignments', { product_ids: [6] })).status).toBe(200);
    await waitUntilQuiescent(e2e); // the echo of the app's own write is processed and ignored

    for (const attempt of [1, 2]) {
      // Events one second apart at least, as two separate changes in BigCommerce would be.
      await new Promise((resolve) => setTimeout(resolve, 1100));
      state.products.updateProduct(e2e.storeHash, 6, { inventory_tracking: 'variant' });
      await waitUntilQuiescent(e2e);
      expect(state.products.getProduct(e2e.storeHash, 6)?.inventory_tracking, `attempt ${attempt}`).toBe(
        'none',
      );
    }
  } finally {
    await e2e.close();
  }
}, 60_000);
