import https from 'node:https';
import net from 'node:net';
import BigCommerce from 'node-bigcommerce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../support/sandbox-harness.js';

/**
 * The second check of the contract: node-bigcommerce, an independent BigCommerce client from npm, drives
 * the sandbox. That client always speaks HTTPS to api.bigcommerce.com:443 but accepts an `agent`; this
 * agent opens a plain TCP connection to the sandbox instead, so the client's own request code, headers,
 * paths, JSON handling and 429 retry run unchanged.
 */
class SandboxAgent extends https.Agent {
  constructor(private readonly port: number) {
    super({ keepAlive: false });
  }

  override createConnection(): net.Socket {
    return net.connect({ host: '127.0.0.1', port: this.port });
  }
}

let t: TestSandbox;
let agent: SandboxAgent;

function client(apiVersion: 'v2' | 'v3', options: { failOnLimitReached?: boolean } = {}): BigCommerce {
  return new BigCommerce({
    clientId: 'node-bigcommerce-test',
    accessToken: t.api.token,
    storeHash: t.api.storeHash,
    responseType: 'json',
    apiVersion,
    agent,
    ...options,
  });
}

beforeAll(async () => {
  t = await startTestSandbox();
  agent = new SandboxAgent(Number(new URL(t.sandbox.url).port));
});

afterAll(async () => {
  agent?.destroy();
  await t?.close();
});

describe('node-bigcommerce against the sandbox', () => {
  it('creates and lists products (v3), places and reads an order (v2)', async () => {
    const v3 = client('v3');
    const v2 = client('v2');
    const created = await v3.post('/catalog/products', {
      name: 'Lantern',
      type: 'physical',
      weight: 1,
      price: 30,
      sku: 'LANT-1',
      inventory_tracking: 'product',
      inventory_level: 3,
    });
    expect(created.data).toMatchObject({ name: 'Lantern', inventory_level: 3 });

    const listed = await v3.get('/catalog/products?sku=LANT-1&include=variants');
    expect(listed.data).toHaveLength(1);
    expect(listed.meta.pagination.total).toBe(1);

    const order = await v2.post('/orders', {
      billing_address: { first_name: 'Ann', last_name: 'Lee', zip: '10001', email: 'ann@example.com' },
      products: [{ product_id: created.data.id, quantity: 2 }],
    });
    expect(order.status).toBe('Pending');
    const lines = await v2.get(`/orders/${order.id}/products`);
    expect(lines[0]).toMatchObject({ product_id: created.data.id, quantity: 2, sku: 'LANT-1' });
    const after = await v3.get(`/catalog/products/${created.data.id}`);
    expect(after.data.inventory_level).toBe(1);

    const store = await v2.get('/store');
    expect(store.id).toBe(t.api.storeHash);
  });

  it('surfaces BigCommerce error bodies as the client expects', async () => {
    const v2 = client('v2');
    const refused = await v2
      .post('/orders', {
        billing_address: { zip: '1', email: 'x@example.com' },
        products: [{ product_id: 999_999, quantity: 1 }],
      })
      .catch((error: { code: number; responseBody: string }) => error);
    expect(refused.code).toBe(400);
    expect(JSON.parse(refused.responseBody)[0]).toMatchObject({ status: 400 });
  });

  it('honours X-Retry-After on 429 (the client waits and retries) or fails fast when asked', async () => {
    t.sandbox.rateLimiter.configure({ quota: 1, windowMs: 1000 });
    try {
      const v2 = client('v2');
      const first = await v2.get('/time');
      const started = Date.now();
      const second = await v2.get('/time');
      expect(Date.now() - started).toBeGreaterThanOrEqual(900);
      expect(second.time).toBeGreaterThanOrEqual(first.time);

      const failing = client('v2', { failOnLimitReached: true });
      const error = await failing.get('/time').catch((e: { retryAfter: number }) => e);
      expect(error.retryAfter).toBeGreaterThanOrEqual(1);
    } finally {
      t.sandbox.rateLimiter.configure({ quota: 150, windowMs: 30_000 });
    }
  });
});
