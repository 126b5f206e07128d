import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { webhookEventKey } from '../../../../src/adapters/bigcommerce/index.js';
import type { StoreId } from '../../../../src/app/ports/store-id.js';
import { aWebhook, LifecycleHarness, uniqueHash } from '../lifecycle/support/lifecycle-harness.js';

type Delivery = { hash: string; created_at: number };
const keyOf = (event: Record<string, unknown>) => webhookEventKey(event as Delivery);

/** POST /webhooks/bigcommerce: the app's mailbox for BigCommerce's deliveries, against the real sandbox. */
let h: LifecycleHarness;
let hash: string;
let storeId: StoreId;
let secret: string;

beforeAll(async () => {
  h = await LifecycleHarness.start();
  hash = uniqueHash('w');
  h.createStore(hash);
  await h.install(hash);
  storeId = (await h.repos.stores.findStoreByHash(hash))!.id;
  secret = h.sandbox.state.hooks.listAll(hash)[0]!.headers!['X-Backorder-Secret']!;
});

afterAll(async () => {
  await h?.close();
});

beforeEach(() => {
  h.jobs.failWith = null;
});

const inboxRows = () =>
  h.database.db
    .selectFrom('webhook_inbox')
    .selectAll()
    .where('store_id', '=', storeId)
    .orderBy('id')
    .execute();

describe('webhook receipt', () => {
  it('records a real sandbox delivery and queues its processing', async () => {
    const sandboxApi = `${h.sandbox.url}/stores/${hash}/v3/catalog/products`;
    const headers = { 'x-auth-token': `api-${hash}-token`, 'content-type': 'application/json' };
    const created = await fetch(sandboxApi, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        name: 'Webhook product',
        type: 'physical',
        weight: 1,
        price: 5,
        sku: `WH-${hash}`,
      }),
    });
    expect(created.status).toBe(200);
    const productId = ((await created.json()) as { data: { id: number } }).data.id;
    const updated = await fetch(`${sandboxApi}/${productId}`, {
      method: 'PUT',
      headers,
      body: JSON.stringify({ price: 6 }),
    });
    expect(updated.status).toBe(200);
    await h.sandbox.dispatcher.settled();

    const deliveries = h.sandbox.dispatcher.deliveries(hash);
    const productUpdated = deliveries.filter((d) => d.scope === 'store/product/updated');
    expect(productUpdated.length).toBeGreaterThan(0);
    expect(productUpdated.every((d) => d.state === 'delivered')).toBe(true);

    const rows = (await inboxRows()).filter((r) => r.scope === 'store/product/updated');
    expect(rows).toHaveLength(1);
    const payload = JSON.parse(rows[0]!.payload) as {
      data: { id: number };
      producer: string;
      hash: string;
      created_at: number;
    };
    expect(payload).toMatchObject({ data: { id: productId }, producer: `stores/${hash}` });
    expect(rows[0]!.event_hash).toBe(`${payload.hash}:${payload.created_at}`);
    expect(h.jobs.ofStore(storeId).filter((j) => j.payload.inboxId === rows[0]!.id)).toEqual([
      expect.objectContaining({ name: 'webhook.process', payload: { storeId, inboxId: rows[0]!.id } }),
    ]);
  });

  it('a duplicate delivery (same hash) is answered 200 and recorded and queued once', async () => {
    const event = aWebhook(hash, { scope: 'store/order/created', data: { type: 'order', id: 4242 } });
    const first = await h.postWebhook(event, secret);
    const second = await h.postWebhook(event, secret);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(await first.text()).toBe('');

    const rows = (await inboxRows()).filter((r) => r.event_hash === keyOf(event));
    expect(rows).toHaveLength(1);
    expect(h.jobs.sent.filter((j) => j.payload.inboxId === rows[0]!.id)).toHaveLength(1);
    // Not even a second send that a singleton key would drop: a duplicate does not reach the queue.
    expect(h.jobs.calls.filter((j) => j.payload.inboxId === rows[0]!.id)).toHaveLength(1);
  });

  it('a later event with the same data (same hash, later created_at) is a new event, not a duplicate', async () => {
    // Every store/product/updated of one product carries {type, id}: BigCommerce's hash alone cannot tell them apart.
    const data = { type: 'product', id: 4343 };
    const first = aWebhook(hash, { scope: 'store/product/updated', data }) as Record<string, unknown> &
      Delivery;
    const later = { ...first, created_at: first.created_at + 60 };
    expect((await h.postWebhook(first, secret)).status).toBe(200);
    expect((await h.postWebhook(later, secret)).status).toBe(200);
    const rows = (await inboxRows()).filter((r) => r.event_hash.startsWith(`${first.hash}:`));
    expect(rows).toHaveLength(2);
  });

  it('refuses a wrong or missing secret, an unknown store and an uninstalled one with 401, recording nothing', async () => {
    const before = (await inboxRows()).length;
    const jobsBefore = h.jobs.ofStore(storeId).length;
    const wrong = await h.postWebhook(aWebhook(hash), `${secret}x`);
    const missing = await h.postWebhook(aWebhook(hash), null);
    const empty = await h.postWebhook(aWebhook(hash), '');
    const unknown = await h.postWebhook(aWebhook('nosuchstore1'), secret);

    const gone = uniqueHash('g');
    h.createStore(gone);
    await h.install(gone);
    const goneSecret = h.sandbox.state.hooks.listAll(gone)[0]!.headers!['X-Backorder-Secret']!;
    await h.uninstall(gone);
    const uninstalled = await h.postWebhook(aWebhook(gone), goneSecret);

    for (const res of [wrong, missing, empty, unknown, uninstalled]) {
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({
        error: { code: 'WEBHOOK.INVALID_SECRET', message: expect.any(String) },
      });
    }
    expect((await inboxRows()).length).toBe(before);
    expect(h.jobs.ofStore(storeId).length).toBe(jobsBefore);
    const goneId = (await h.repos.stores.findStoreByHash(gone))!.id;
    expect(await h.repos.inbox.listPending(goneId)).not.toContainEqual(
      expect.objectContaining({ eventHash: expect.any(String), scope: 'store/product/updated' }),
    );
  });

  it('refuses a malformed payload with 400 WEBHOOK.INVALID_PAYLOAD, recording nothing', async () => {
    const before = (await inboxRows()).length;
    const cases: [unknown, boolean][] = [
      [aWebhook(hash, { hash: undefined }), false],
      [aWebhook(hash, { scope: 42 }), false],
      [aWebhook(hash, { data: 'order 1' }), false],
      [aWebhook(hash, { created_at: 'yesterday' }), false],
      [aWebhook(hash, { producer: undefined }), false],
      [aWebhook(hash, { producer: 'apps/123' }), false],
      [[aWebhook(hash)], false],
      ['{"scope": "store/order/created", ', true],
    ];
    for (const [body, raw] of cases) {
      const res = await h.postWebhook(body, secret, raw);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('WEBHOOK.INVALID_PAYLOAD');
    }
    const huge = await h.postWebhook(
      aWebhook(hash, { data: { type: 'x', id: 1, pad: 'x'.repeat(100_000) } }),
      secret,
    );
    expect(huge.status).toBe(413);
    expect(((await huge.json()) as { error: { code: string } }).error.code).toBe('WEBHOOK.INVALID_PAYLOAD');
    expect((await inboxRows()).length).toBe(before);
  });

  it('when queueing fails the event is still recorded and acknowledged (the sweep queues it later)', async () => {
    h.jobs.failWith = new Error('job queue unavailable');
    const event = aWebhook(hash, { scope: 'store/sku/inventory/updated', data: { type: 'sku', id: 7 } });
    const res = await h.postWebhook(event, secret);
    expect(res.status).toBe(200);
    const [row] = (await inboxRows()).filter((r) => r.event_hash === keyOf(event));
    expect(row).toMatchObject({ scope: 'store/sku/inventory/updated', processed_at: null });
    expect(h.jobs.sent.some((j) => j.payload.inboxId === row!.id)).toBe(false);
    // Still pending, which is what the maintenance sweep looks for.
    expect((await h.repos.inbox.listPending(storeId)).map((e) => e.id)).toContain(row!.id);
  });
});
