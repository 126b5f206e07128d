import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_PRODUCTS, demoCatalogPlugin } from '../../../src/sandbox/seed/index.js';
import { createSandbox, type Sandbox } from '../../../src/sandbox/server.js';

const allSkus = () => DEMO_PRODUCTS.flatMap((p) => [p.sku, ...p.variants.map((v) => v.sku)]);

describe('the demo catalog in a running sandbox', () => {
  let sandbox: Sandbox | undefined;
  afterEach(async () => {
    await sandbox?.close();
    sandbox = undefined;
  });

  it('is served by the Catalog API when the sandbox starts with the demo plugin', async () => {
    sandbox = await createSandbox({
      listen: false,
      ensureDemoStore: true,
      plugins: [demoCatalogPlugin('demo1234')],
    });
    const res = await sandbox.app.inject({
      method: 'GET',
      url: '/stores/demo1234/v3/catalog/products?limit=250&include=variants',
      headers: { 'x-auth-token': sandbox.config.demoApiToken },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.meta.pagination.total).toBe(DEMO_PRODUCTS.length);
    const skus = body.data.flatMap((p: { sku: string; variants: { sku: string }[] }) => [
      p.sku,
      ...p.variants.map((v) => v.sku),
    ]);
    for (const sku of allSkus()) expect(skus).toContain(sku);
    const store = await sandbox.app.inject({
      method: 'GET',
      url: '/stores/demo1234/v2/store',
      headers: { 'x-auth-token': sandbox.config.demoApiToken, accept: 'application/json' },
    });
    expect(store.json().name).toBe('Trailhead Outfitters (sandbox demo)');
  });
});
