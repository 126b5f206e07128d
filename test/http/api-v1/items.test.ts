import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyItemEvent } from '../../../src/app/items/apply-item-event.js';
import { describeEachDatabase } from '../../adapters/db/support/databases.js';
import { anAssignedItem } from '../../builders/assignment.builder.js';
import { type ApiHarness, startApiHarness, type Tenant } from './support/api-harness.js';

describeEachDatabase('public API items', (db) => {
  let api: ApiHarness;
  let tenant: Tenant;
  beforeAll(async () => {
    api = await startApiHarness(db());
    tenant = await api.aTenant();
  });
  afterAll(async () => {
    await api?.close();
  });

  const anItem = (overrides: Parameters<typeof anAssignedItem>[2] = {}) =>
    anAssignedItem(db().repos, tenant.store.id, overrides);
  const itemNow = async (id: number) => (await db().repos.items.getItem(tenant.store.id, id))!;

  describe('reading', () => {
    it('gets an item by SKU in the documented shape', async () => {
      const item = await anItem({ stock: 4, threshold: 3, incoming: 6, backInStockDate: '2099-04-01' });
      const response = await api.call('GET', `/api/v1/items/${encodeURIComponent(item.sku!)}`, {
        auth: tenant.key,
      });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        sku: item.sku,
        product_id: item.bcProductId,
        variant_id: item.bcVariantId,
        variant_label: null,
        stock: 4,
        threshold: 3,
        backordered: 0,
        incoming_stock: 6,
        back_in_stock_date: '2099-04-01',
        status: 'in_stock',
        block: null,
      });
    });

    it('finds SKUs with spaces, slashes and non-ASCII letters when they are URL-encoded', async () => {
      const item = await anItem({ sku: `Größe 42/L-${Date.now()}` });
      const response = await api.call('GET', `/api/v1/items/${encodeURIComponent(item.sku!)}`, {
        auth: tenant.key,
      });
      expect(response.status).toBe(200);
      expect(response.body.sku).toBe(item.sku);
    });

    it('answers ITEM.NOT_FOUND for an unknown SKU', async () => {
      const response = await api.call('GET', '/api/v1/items/NO-SUCH-SKU', { auth: tenant.key });
      expect(response.status).toBe(404);
      expect(response.body.error).toEqual({ code: 'ITEM.NOT_FOUND', message: expect.any(String) });
    });

    it('lists items filtered by SKU, product and status, page by page with a cursor', async () => {
      const own = await api.aTenant();
      const made = [];
      for (const stock of [5, -1, 3, -2, 7])
        made.push(await anAssignedItem(db().repos, own.store.id, { stock }));

      const all = await api.call('GET', '/api/v1/items?limit=2', { auth: own.key });
      expect(all.status).toBe(200);
      expect(all.body.data.map((i: { sku: string }) => i.sku)).toEqual([made[0]!.sku, made[1]!.sku]);
      const second = await api.call('GET', `/api/v1/items?limit=2&cursor=${all.body.next_cursor}`, {
        auth: own.key,
      });
      expect(second.body.data.map((i: { sku: string }) => i.sku)).toEqual([made[2]!.sku, made[3]!.sku]);
      const third = await api.call('GET', `/api/v1/items?limit=2&cursor=${second.body.next_cursor}`, {
        auth: own.key,
      });
      expect(third.body.data.map((i: { sku: string }) => i.sku)).toEqual([made[4]!.sku]);
      expect(third.body.next_cursor).toBeNull();

      const backorder = await api.call('GET', '/api/v1/items?status=backorder', { auth: own.key });
      expect(backorder.body.data.map((i: { stock: number }) => i.stock)).toEqual([-1, -2]);

      const bySku = await api.call('GET', `/api/v1/items?sku=${made[2]!.sku}`, { auth: own.key });
      expect(bySku.body).toEqual({
        data: [expect.objectContaining({ sku: made[2]!.sku })],
        next_cursor: null,
        product: null,
      });

      const byProduct = await api.call('GET', `/api/v1/items?product_id=${made[3]!.bcProductId}`, {
        auth: own.key,
      });
      expect(byProduct.body.data).toEqual([expect.objectContaining({ sku: made[3]!.sku })]);
      // The product filtered by comes with its name, for a screen showing that product.
      const product = await db().repos.products.getProduct(own.store.id, made[3]!.productId);
      expect(byProduct.body.product).toEqual({
        product_id: made[3]!.bcProductId,
        name: product!.name,
        sku: product!.sku,
      });
      const noProduct = await api.call('GET', '/api/v1/items?product_id=999999', { auth: own.key });
      expect(noProduct.body).toEqual({ data: [], next_cursor: null, product: null });
    });

    it('refuses bad query parameters with VALIDATION.INVALID_QUERY and details', async () => {
      for (const query of [
        'limit=0',
        'limit=abc',
        'limit=1000',
        'status=sold_out',
        'product_id=-3',
        'cursor=not-a-cursor',
        'colour=red',
      ]) {
        const response = await api.call('GET', `/api/v1/items?${query}`, { auth: tenant.key });
        expect(response.status, query).toBe(400);
        expect(response.body.error.code, query).toBe('VALIDATION.INVALID_QUERY');
        expect(response.body.error.details.length, query).toBeGreaterThan(0);
      }
    });
  });

  describe('PATCH', () => {
    it('sets stock, threshold, incoming stock and date as one API edit, recorded in the ledger', async () => {
      const item = await anItem({ stock: 5 });
      const response = await api.call('PATCH', `/api/v1/items/${item.sku}`, {
        auth: tenant.key,
        body: { stock: -2, threshold: 4, incoming_stock: 10, back_in_stock_date: '2099-06-30' },
      });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        stock: -2,
        threshold: 4,
        incoming_stock: 10,
        back_in_stock_date: '2099-06-30',
        status: 'backorder',
        block: null,
      });
      const [movement] = await db().repos.history.listLedger(tenant.store.id, { itemId: item.id });
      expect(movement).toMatchObject({
        kind: 'set',
        delta: -7,
        causeType: 'api_request',
        actor: expect.stringMatching(/^api-key:bo_/),
      });
      // in_stock → backorder notifies: the effects are queued for delivery.
      expect(api.jobs.named('notifications.flush')).toContainEqual(
        expect.objectContaining({ payload: { storeId: tenant.store.id } }),
      );
      expect(api.jobs.named('outbox.deliver')).toContainEqual(
        expect.objectContaining({ payload: { storeId: tenant.store.id } }),
      );
    });

    it('clears the threshold and the date with null', async () => {
      const item = await anItem({ threshold: 2, backInStockDate: '2099-01-01' });
      const response = await api.call('PATCH', `/api/v1/items/${item.sku}`, {
        auth: tenant.key,
        body: { threshold: null, back_in_stock_date: null },
      });
      expect(response.body).toMatchObject({ threshold: null, back_in_stock_date: null });
    });

    it('refuses bad bodies with VALIDATION.INVALID_BODY, details, and changes nothing', async () => {
      const item = await anItem({ stock: 5, threshold: 2 });
      const before = await itemNow(item.id);
      const cases: [unknown, string][] = [
        [{ stock: '7' }, 'stock'],
        [{ stock: 1.5 }, 'stock'],
        [{ threshold: -1 }, 'threshold'],
        [{ incoming_stock: null }, 'incoming_stock'],
        [{ back_in_stock_date: '2026-02-30' }, 'back_in_stock_date'],
        [{ back_in_stock_date: '30/06/2026' }, 'back_in_stock_date'],
        [{ back_in_stock_date: '2026-06-30T00:00:00Z' }, 'back_in_stock_date'],
        [{ stock: 1, colour: 'red' }, 'colour'],
        [{ stock: 3_000_000_000 }, 'stock'],
        [{}, ''],
        [[1, 2], ''],
      ];
      for (const [body, path] of cases) {
        const response = await api.call('PATCH', `/api/v1/items/${item.sku}`, { auth: tenant.key, body });
        expect(response.status, JSON.stringify(body)).toBe(400);
        expect(response.body.error.code).toBe('VALIDATION.INVALID_BODY');
        expect(response.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
      }
      const notJson = await api.call('PATCH', `/api/v1/items/${item.sku}`, {
        auth: tenant.key,
        rawBody: '{"stock": 1',
        headers: { 'content-type': 'application/json' },
      });
      expect(notJson.status).toBe(400);
      expect(notJson.body.error.code).toBe('VALIDATION.INVALID_BODY');
      const form = await api.call('PATCH', `/api/v1/items/${item.sku}`, {
        auth: tenant.key,
        rawBody: 'stock=1',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(form.status).toBe(415);
      expect(form.body.error.code).toBe('VALIDATION.UNSUPPORTED_MEDIA_TYPE');
      const noBody = await api.call('PATCH', `/api/v1/items/${item.sku}`, { auth: tenant.key });
      expect(noBody.status).toBe(400);

      expect(await itemNow(item.id)).toEqual(before);
      expect(await db().repos.history.listLedger(tenant.store.id, { itemId: item.id })).toHaveLength(1);
    });

    it('applies a request once per Idempotency-Key; a retry answers the item as it is', async () => {
      const item = await anItem({ stock: 5 });
      const send = (stock: number) =>
        api.call('PATCH', `/api/v1/items/${item.sku}`, {
          auth: tenant.key,
          body: { stock },
          headers: { 'idempotency-key': `erp-sync-${item.id}` },
        });
      const first = await send(8);
      expect(first.status).toBe(200);
      expect(first.headers['idempotent-replayed']).toBeUndefined();
      await applyItemEvent(db().repos, {
        storeId: tenant.store.id,
        itemId: item.id,
        idempotencyKey: `order:1:${item.id}`,
        cause: { type: 'order_line', ref: null },
        actor: 'system',
        now: api.clock.now(),
        event: { kind: 'sold', quantity: 1 },
      });
      const retry = await send(8);
      expect(retry.status).toBe(200);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(retry.body.stock).toBe(7);

      const badKey = await api.call('PATCH', `/api/v1/items/${item.sku}`, {
        auth: tenant.key,
        body: { stock: 1 },
        headers: { 'idempotency-key': 'with spaces' },
      });
      expect(badKey.status).toBe(400);
      expect(badKey.body.error.code).toBe('VALIDATION.INVALID_HEADER');
    });
  });

  describe('enable, disable, receive', () => {
    it('disables and enables backorder', async () => {
      const item = await anItem({ stock: -1 });
      const disabled = await api.call('POST', `/api/v1/items/${item.sku}/disable`, { auth: tenant.key });
      expect(disabled.status).toBe(200);
      expect(disabled.body).toMatchObject({ status: 'unavailable', block: 'manual' });
      const again = await api.call('POST', `/api/v1/items/${item.sku}/disable`, { auth: tenant.key });
      expect(again.status).toBe(409);
      expect(again.body.error.code).toBe('BACKORDER.ALREADY_DISABLED');

      // An empty JSON body is no body.
      const enabled = await api.call('POST', `/api/v1/items/${item.sku}/enable`, {
        auth: tenant.key,
        rawBody: '',
        headers: { 'content-type': 'application/json' },
      });
      expect(enabled.status).toBe(200);
      expect(enabled.body).toMatchObject({ status: 'backorder', block: null });
      const already = await api.call('POST', `/api/v1/items/${item.sku}/enable`, { auth: tenant.key });
      expect(already.status).toBe(409);
      expect(already.body.error.code).toBe('BACKORDER.ALREADY_ENABLED');

      const withBody = await api.call('POST', `/api/v1/items/${item.sku}/enable`, {
        auth: tenant.key,
        body: { force: true },
      });
      expect(withBody.status).toBe(400);
    });

    it('refuses enable while the threshold is reached with BACKORDER.THRESHOLD_REACHED, and changes nothing', async () => {
      const item = await anItem({ stock: 0, threshold: 0 });
      expect(item).toMatchObject({ status: 'unavailable', block: 'threshold' });
      const response = await api.call('POST', `/api/v1/items/${item.sku}/enable`, { auth: tenant.key });
      expect(response.status).toBe(409);
      expect(response.body.error).toEqual({
        code: 'BACKORDER.THRESHOLD_REACHED',
        message: expect.any(String),
      });
      expect(await itemNow(item.id)).toMatchObject({ status: 'unavailable', block: 'threshold' });

      // Raising T through the API, then enabling, works.
      await api.call('PATCH', `/api/v1/items/${item.sku}`, { auth: tenant.key, body: { threshold: 5 } });
      const enabled = await api.call('POST', `/api/v1/items/${item.sku}/enable`, { auth: tenant.key });
      expect(enabled.body).toMatchObject({ status: 'backorder', block: null });
    });

    it('refuses enable when the back-in-stock date has passed with BACKORDER.DATE_PASSED', async () => {
      const item = await anItem({ stock: 0, backInStockDate: '2025-03-01' });
      expect(item).toMatchObject({ block: 'date' });
      const response = await api.call('POST', `/api/v1/items/${item.sku}/enable`, { auth: tenant.key });
      expect(response.status).toBe(409);
      expect(response.body.error.code).toBe('BACKORDER.DATE_PASSED');
      // The API writing a later date lifts the date block (R12).
      const patched = await api.call('PATCH', `/api/v1/items/${item.sku}`, {
        auth: tenant.key,
        body: { back_in_stock_date: '2099-01-01' },
      });
      expect(patched.body).toMatchObject({ status: 'backorder', block: null });
    });

    it('receives incoming stock, and refuses more than is incoming', async () => {
      const item = await anItem({ stock: -3, incoming: 10 });
      const received = await api.call('POST', `/api/v1/items/${item.sku}/receive`, {
        auth: tenant.key,
        body: { quantity: 6 },
      });
      expect(received.status).toBe(200);
      expect(received.body).toMatchObject({ stock: 3, incoming_stock: 4, status: 'in_stock' });
      const tooMany = await api.call('POST', `/api/v1/items/${item.sku}/receive`, {
        auth: tenant.key,
        body: { quantity: 5 },
      });
      expect(tooMany.status).toBe(409);
      expect(tooMany.body.error.code).toBe('ITEM.RECEIVE_EXCEEDS_INCOMING');
      for (const body of [
        { quantity: 0 },
        { quantity: -1 },
        { quantity: '2' },
        {},
        { quantity: 1, note: 'x' },
      ]) {
        const bad = await api.call('POST', `/api/v1/items/${item.sku}/receive`, { auth: tenant.key, body });
        expect(bad.status, JSON.stringify(body)).toBe(400);
        expect(bad.body.error.code).toBe('VALIDATION.INVALID_BODY');
      }
      expect(await itemNow(item.id)).toMatchObject({ stock: 3, incoming: 4 });
    });

    it('records an admin session’s changes as admin edits', async () => {
      const item = await anItem({ stock: 0, backInStockDate: '2025-03-01' });
      const session = await tenant.session();
      // An admin writing a later date does not lift the date block (R12): enabling is the merchant's act.
      const patched = await api.call('PATCH', `/api/v1/items/${item.sku}`, {
        auth: session,
        body: { back_in_stock_date: '2099-01-01' },
      });
      expect(patched.body).toMatchObject({ status: 'unavailable', block: 'date' });
      const enabled = await api.call('POST', `/api/v1/items/${item.sku}/enable`, { auth: session });
      expect(enabled.body).toMatchObject({ status: 'backorder', block: null });
      const [transition] = await db().repos.history.listTransitions(tenant.store.id, { itemId: item.id });
      expect(transition).toMatchObject({
        to: { status: 'backorder', block: null },
        causeType: 'admin_action',
        actor: expect.stringMatching(/^admin:owner\d+@example\.com$/),
      });
    });
  });

  it('answers ROUTE.NOT_FOUND for an unknown path under /api/v1', async () => {
    const response = await api.call('GET', '/api/v1/widgets', { auth: tenant.key });
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('ROUTE.NOT_FOUND');
  });
});
