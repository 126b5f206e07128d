import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RETRY_SCHEDULE_SECONDS } from '../../../src/sandbox/webhooks/webhook-dispatcher.js';
import { startTestSandbox, type TestSandbox } from '../support/sandbox-harness.js';
import { WebhookReceiver } from '../support/webhook-receiver.js';

/** 1e-5 turns BigCommerce's ~48 h of retries (173,040 s) into about 1.7 s. */
const FAST = 0.000_01;

let t: TestSandbox;
let receiver: WebhookReceiver;

async function hook(scope: string, headers: Record<string, string> | null = null) {
  const response = await t.api.post('/v3/hooks', {
    scope,
    destination: receiver.url(),
    is_active: true,
    headers,
  });
  expect(response.status).toBe(200);
  return response.body.data as { id: number; client_id: string };
}

async function aProduct(fields: Record<string, unknown> = {}) {
  const response = await t.api.post('/v3/catalog/products', {
    name: `Product ${Math.random().toString(36).slice(2, 8)}`,
    type: 'physical',
    weight: 1,
    price: 10,
    ...fields,
  });
  expect(response.status).toBe(200);
  return response.body.data;
}

const billing = { first_name: 'Jo', last_name: 'Doe', zip: '12345', email: 'jo@example.com' };

beforeEach(async () => {
  receiver = await WebhookReceiver.start();
  t = await startTestSandbox({ webhooks: { timeScale: FAST, duplicateRate: 0, timeoutMs: 2000 } });
});

afterEach(async () => {
  await t.close();
  await receiver.close();
});

describe('webhook deliveries', () => {
  it('POSTs BigCommerce payloads with the hook headers', async () => {
    await hook('store/product/created', { Authorization: 'Basic c2VjcmV0', 'X-Custom': 'yes' });
    const product = await aProduct();
    await receiver.waitFor(1);
    const [delivery] = receiver.received;
    const data = { type: 'product', id: product.id };
    expect(delivery!.body).toEqual({
      scope: 'store/product/created',
      store_id: String(t.sandbox.state.stores.get('teststore')!.storeId),
      data,
      hash: createHash('sha1').update(JSON.stringify(data)).digest('hex'),
      created_at: expect.any(Number),
      producer: 'stores/teststore',
    });
    expect(delivery!.headers.authorization).toBe('Basic c2VjcmV0');
    expect(delivery!.headers['x-custom']).toBe('yes');
    expect(delivery!.headers['content-type']).toBe('application/json');
  });

  it('fires order created, updated and statusUpdated (previous/new), and the order-caused inventory events', async () => {
    await hook('store/order/*');
    await hook('store/product/inventory/order/updated');
    await hook('store/sku/inventory/order/updated');
    const byProduct = await aProduct({ inventory_tracking: 'product', inventory_level: 5 });
    const byVariant = await aProduct({
      inventory_tracking: 'variant',
      variants: [
        {
          sku: 'V-RED',
          inventory_level: 4,
          option_values: [{ option_display_name: 'Colour', label: 'Red' }],
        },
      ],
    });
    const variant = byVariant.variants[0];
    const order = await t.api.post('/v2/orders', {
      billing_address: billing,
      products: [
        { product_id: byProduct.id, quantity: 2 },
        { product_id: byVariant.id, variant_id: variant.id, quantity: 3 },
      ],
    });
    expect(order.status).toBe(200);
    await receiver.waitFor(3);
    const find = (scope: string) => receiver.received.find((r) => r.body.scope === scope)?.body.data;
    expect(find('store/order/created')).toEqual({ type: 'order', id: order.body.id });
    expect(find('store/product/inventory/order/updated')).toEqual({
      type: 'product',
      id: byProduct.id,
      inventory: { product_id: byProduct.id, method: 'relative', value: -2 },
    });
    expect(find('store/sku/inventory/order/updated')).toEqual({
      type: 'sku',
      id: variant.sku_id,
      inventory: { product_id: byVariant.id, method: 'relative', value: -3, variant_id: variant.id },
    });

    expect((await t.api.put(`/v2/orders/${order.body.id}`, { status_id: 5 })).status).toBe(200);
    await receiver.waitFor(5);
    expect(find('store/order/updated')).toEqual({ type: 'order', id: order.body.id });
    expect(find('store/order/statusUpdated')).toEqual({
      type: 'order',
      id: order.body.id,
      status: { previous_status_id: 1, new_status_id: 5 },
    });
  });

  it('fires product updated, product and sku inventory updated (absolute and relative), product deleted', async () => {
    await hook('store/product/*');
    await hook('store/sku/inventory/updated');
    const product = await aProduct({ inventory_tracking: 'product', inventory_level: 1 });
    const variantProduct = await aProduct({
      inventory_tracking: 'variant',
      variants: [
        { sku: 'SKU-A', inventory_level: 1, option_values: [{ option_display_name: 'Size', label: 'A' }] },
      ],
    });
    await receiver.waitFor(2);
    receiver.received.length = 0;

    await t.api.put(`/v3/catalog/products/${product.id}`, { inventory_level: 9, availability: 'disabled' });
    await t.api.post('/v3/inventory/adjustments/relative', {
      items: [{ location_id: 1, variant_id: variantProduct.variants[0].id, quantity: 2 }],
    });
    await t.api.delete(`/v3/catalog/products/${product.id}`);
    await receiver.waitFor(4);
    const bodies = receiver.received.map((r) => r.body);
    expect(bodies.map((b) => b.scope).sort()).toEqual([
      'store/product/deleted',
      'store/product/inventory/updated',
      'store/product/updated',
      'store/sku/inventory/updated',
    ]);
    expect(bodies.find((b) => b.scope === 'store/product/inventory/updated').data.inventory).toEqual({
      product_id: product.id,
      method: 'absolute',
      value: 9,
    });
    expect(bodies.find((b) => b.scope === 'store/sku/inventory/updated').data.inventory).toMatchObject({
      method: 'relative',
      value: 2,
      variant_id: variantProduct.variants[0].id,
    });
  });

  it('retries non-2xx on the (time-scaled) BigCommerce schedule until a 2xx', async () => {
    receiver.respondWith(500, 503, 404);
    const created = await hook('store/product/created');
    await aProduct();
    await receiver.waitFor(4);
    await t.sandbox.dispatcher.settled();
    const gaps = receiver.received.slice(1).map((r, i) => r.at - receiver.received[i]!.at);
    // 60 s, 180 s and 300 s scaled by 1e-5: each gap is at least the scheduled delay.
    expect(gaps[2]!).toBeGreaterThanOrEqual(Math.floor(RETRY_SCHEDULE_SECONDS[2] * 1000 * FAST));
    const [delivery] = t.sandbox.dispatcher.deliveries('teststore', { hookId: created.id });
    expect(delivery).toMatchObject({ state: 'delivered', attempts: 4, last_status: 200 });
    expect(new Set(receiver.received.map((r) => r.body.hash)).size).toBe(1);
    expect((await t.api.get(`/v3/hooks/${created.id}`)).body.data.is_active).toBe(true);
  });

  it('deactivates the hook (is_active=false) after the last retry fails', async () => {
    receiver.defaultStatus = 500;
    const created = await hook('store/product/created');
    await aProduct();
    const attempts = 1 + RETRY_SCHEDULE_SECONDS.length;
    await receiver.waitFor(attempts, 10_000);
    await t.sandbox.dispatcher.settled();
    expect(receiver.received).toHaveLength(attempts);
    const [delivery] = t.sandbox.dispatcher.deliveries('teststore', { hookId: created.id });
    expect(delivery).toMatchObject({ state: 'failed', attempts, last_status: 500 });
    expect((await t.api.get(`/v3/hooks/${created.id}`)).body.data.is_active).toBe(false);

    // An inactive hook receives nothing more until it is re-enabled.
    receiver.defaultStatus = 200;
    await aProduct();
    await t.sandbox.dispatcher.settled();
    expect(receiver.received).toHaveLength(attempts);
    await t.api.put(`/v3/hooks/${created.id}`, { is_active: true });
    await aProduct();
    await receiver.waitFor(attempts + 1);
  });

  it('delivers some events twice when a duplicate rate is set, with the same hash', async () => {
    t.sandbox.dispatcher.configure({ duplicateRate: 1 });
    await hook('store/product/created');
    await aProduct();
    await receiver.waitFor(2);
    await t.sandbox.dispatcher.settled();
    expect(receiver.received).toHaveLength(2);
    expect(receiver.received[0]!.body).toEqual(receiver.received[1]!.body);
  });

  it('counts a timeout or refused connection as a failure and retries it', async () => {
    const created = await t.api.post('/v3/hooks', {
      scope: 'store/product/created',
      destination: 'http://127.0.0.1:1/none',
    });
    await aProduct();
    await new Promise((resolve) => setTimeout(resolve, 100));
    await t.sandbox.dispatcher.settled();
    const [delivery] = t.sandbox.dispatcher.deliveries('teststore', { hookId: created.body.data.id });
    expect(delivery!.attempts).toBeGreaterThanOrEqual(1);
    expect(delivery!.last_error).toMatch(/fetch failed|ECONNREFUSED|Error/);
  });

  it('keeps hooks per API client and, on uninstall, notifies only that app and removes its hooks and token', async () => {
    const app = t.sandbox.state.issueToken('teststore', 'app-client-1', ['store_v2_orders']);
    const appApi = t.api.withToken(app.token);
    await hook('store/app/uninstalled');
    const appHook = await appApi.post('/v3/hooks', {
      scope: 'store/app/uninstalled',
      destination: receiver.url('/app'),
    });
    expect(appHook.status).toBe(200);
    expect((await t.api.get('/v3/hooks')).body.data).toHaveLength(1);
    expect((await appApi.get('/v3/hooks')).body.data.map((h: { id: number }) => h.id)).toEqual([
      appHook.body.data.id,
    ]);
    expect((await t.api.get(`/v3/hooks/${appHook.body.data.id}`)).status).toBe(404);

    expect(t.sandbox.state.uninstallApp('teststore', 'app-client-1')).toEqual({ hooks: 1, scripts: 0 });
    await receiver.waitFor(1);
    await t.sandbox.dispatcher.settled();
    expect(receiver.received.map((r) => [r.path, r.body.scope])).toEqual([['/app', 'store/app/uninstalled']]);
    expect((await appApi.get('/v3/hooks')).status).toBe(401);
  });
});

describe('delivery concurrency', () => {
  it('keeps at most `concurrency` deliveries in flight, raised at run time without waiting for one to end', async () => {
    // A receiver that holds every request until released: what is in flight stays in flight.
    const held: http.ServerResponse[] = [];
    const server = http.createServer((request, response) => {
      request.resume();
      request.on('end', () => held.push(response));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const created = await t.api.post('/v3/hooks', {
        scope: 'store/order/created',
        destination: `http://127.0.0.1:${port}/webhooks`,
      });
      expect(created.status).toBe(200);
      const { dispatcher, state } = t.sandbox;
      dispatcher.configure({ concurrency: 2 });
      expect(dispatcher.currentSettings().concurrency).toBe(2);
      state.events.publish(
        [1, 2, 3, 4, 5, 6].map((id) => ({
          storeHash: 'teststore',
          scope: 'store/order/created' as const,
          data: { type: 'order', id },
        })),
      );
      await expect.poll(() => held.length).toBe(2);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(held).toHaveLength(2);

      dispatcher.configure({ concurrency: 6 });
      await expect.poll(() => held.length).toBe(6);
      for (const response of held) response.end();
      await dispatcher.settled();
      expect(dispatcher.deliveries('teststore').map((d) => d.state)).toEqual(Array(6).fill('delivered'));
    } finally {
      for (const response of held) response.end();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('pending retries', () => {
  it('survive a restart when the sandbox keeps its data in a file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-hooks-'));
    const databaseFile = path.join(dir, 'sandbox.sqlite');
    // 60 s × 0.005 = 300 ms until the first retry: time enough to stop and start again.
    const webhooks = { timeScale: 0.005, duplicateRate: 0, timeoutMs: 2000 };
    try {
      const first = await startTestSandbox({ databaseFile, demoStoreHash: 'durable', webhooks });
      receiver.respondWith(500);
      await first.api.post('/v3/hooks', { scope: 'store/product/created', destination: receiver.url() });
      await first.api.post('/v3/catalog/products', { name: 'Kept', type: 'physical', weight: 1, price: 1 });
      await receiver.waitFor(1);
      await first.sandbox.dispatcher.settled();
      await first.close();

      const second = await startTestSandbox({ databaseFile, demoStoreHash: 'durable', webhooks });
      await receiver.waitFor(2);
      await second.sandbox.dispatcher.settled();
      expect(second.sandbox.dispatcher.deliveries('durable')[0]).toMatchObject({
        state: 'delivered',
        attempts: 2,
      });
      expect(receiver.received[1]!.body.hash).toBe(receiver.received[0]!.body.hash);
      await second.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('hook rules', () => {
  it('refuses duplicates (same client, scope, destination) and more than 10 per scope', async () => {
    for (let i = 0; i < 10; i++) {
      const response = await t.api.post('/v3/hooks', {
        scope: 'store/order/created',
        destination: receiver.url(`/h${i}`),
      });
      expect(response.status).toBe(200);
    }
    const eleventh = await t.api.post('/v3/hooks', {
      scope: 'store/order/created',
      destination: receiver.url('/h10'),
    });
    expect(eleventh.status).toBe(422);
    const duplicate = await t.api.post('/v3/hooks', {
      scope: 'store/order/updated',
      destination: receiver.url('/x'),
    });
    expect(duplicate.status).toBe(200);
    const again = await t.api.post('/v3/hooks', {
      scope: 'store/order/updated',
      destination: receiver.url('/x'),
    });
    expect(again.status).toBe(422);
    expect(again.body.errors.destination).toMatch(/already exists/);
  });

  it('accepts https on 443 and local http, refuses other destinations and unknown scopes', async () => {
    expect(
      (
        await t.api.post('/v3/hooks', {
          scope: 'store/order/created',
          destination: 'https://app.example.com/h',
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await t.api.post('/v3/hooks', {
          scope: 'store/order/created',
          destination: 'http://localhost:8080/h',
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await t.api.post('/v3/hooks', {
          scope: 'store/order/created',
          destination: 'http://app.example.com/h',
        })
      ).status,
    ).toBe(422);
    expect(
      (
        await t.api.post('/v3/hooks', {
          scope: 'store/order/created',
          destination: 'https://app.example.com:8443/h',
        })
      ).status,
    ).toBe(422);
    expect(
      (await t.api.post('/v3/hooks', { scope: 'store/nothing', destination: 'https://app.example.com/h' }))
        .status,
    ).toBe(422);
  });
});
