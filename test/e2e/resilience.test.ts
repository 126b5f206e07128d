import { describe, expect, it } from 'vitest';
import { startE2E } from './support/demo-harness.js';

describe('explore', () => {
  it('starts', async () => {
    const t0 = Date.now();
    const e2e = await startE2E();
    console.log('start ms', Date.now() - t0);
    try {
      const state = e2e.demo.sandbox.sandbox.state;
      const p = state.catalog.getProduct(e2e.storeHash, 6, { variants: true });
      console.log(JSON.stringify(p, null, 1).slice(0, 3000));
      const a = await e2e.api('POST', '/assignments', { product_ids: [6] });
      console.log(JSON.stringify(a));
      const items = await e2e.api('GET', '/items?product_id=6');
      console.log(JSON.stringify(items));
      expect(a.status).toBe(200);
    } finally {
      await e2e.close();
    }
  });
});
