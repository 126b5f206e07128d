import { expect, it } from 'vitest';
import { startE2E } from './support/demo-harness.js';
import { waitUntilQuiescent } from './support/resilience-scenario.js';

/**
 * Issue 9, item 2, with the app and the sandbox as processes: a product unassigned and assigned again
 * keeps the stock the app counted; an unassignment with restore_tracking=true hands tracking back to
 * BigCommerce with that stock, which the sandbox then shows.
 */
it('re-assignment keeps the app’s stock; restore_tracking hands it back to BigCommerce', async () => {
  const e2e = await startE2E();
  try {
    const idOf = async (sku: string): Promise<number> => {
      const found = await e2e.bc('GET', `/v3/catalog/products?sku=${encodeURIComponent(sku)}`);
      return found.body.data[0].id;
    };
    const product = async (id: number) => (await e2e.bc('GET', `/v3/catalog/products/${id}`)).body.data;

    // A product BigCommerce never tracked: stock entered in the app, unassigned, assigned again.
    const spork = await idOf('COOK-SPORK4');
    expect((await product(spork)).inventory_tracking).toBe('none');
    expect((await e2e.api('POST', '/assignments', { product_ids: [spork] })).status).toBe(200);
    expect((await e2e.api('PATCH', '/items/COOK-SPORK4', { stock: 20 })).status).toBe(200);
    expect((await e2e.api('DELETE', `/assignments/${spork}`)).status).toBe(204);
    await waitUntilQuiescent(e2e);

    const again = await e2e.api('POST', '/assignments', { product_ids: [spork] });
    expect(again.body.results[0]).toMatchObject({
      status: 'assigned',
      warnings: ['ASSIGNMENT.STOCK_FROM_LEDGER'],
    });
    expect((await e2e.api('GET', '/items/COOK-SPORK4')).body).toMatchObject({
      stock: 20,
      status: 'in_stock',
    });

    // A product BigCommerce tracked by product (7 units): counted down in the app, handed back.
    const dome = await idOf('TENT-RL4');
    expect(await product(dome)).toMatchObject({ inventory_tracking: 'product', inventory_level: 7 });
    expect((await e2e.api('POST', '/assignments', { product_ids: [dome] })).status).toBe(200);
    await waitUntilQuiescent(e2e);
    expect((await product(dome)).inventory_tracking).toBe('none');
    expect((await e2e.api('PATCH', '/items/TENT-RL4', { stock: 4 })).status).toBe(200);

    const unassigned = await e2e.api('DELETE', `/assignments/${dome}?restore_tracking=true`);
    expect(unassigned).toMatchObject({
      status: 200,
      body: { product_id: dome, tracking_restored: 'product', warnings: [] },
    });
    await waitUntilQuiescent(e2e);
    // Tracking and level restored; purchase disabled, as on every unassignment.
    expect(await product(dome)).toMatchObject({
      inventory_tracking: 'product',
      inventory_level: 4,
      availability: 'disabled',
    });
  } finally {
    await e2e.close();
  }
}, 90_000);
