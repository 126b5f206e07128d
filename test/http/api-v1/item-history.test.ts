import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyItemEvent } from '../../../src/app/items/apply-item-event.js';
import { orderLineRef } from '../../../src/app/orders/record-order-sales.js';
import type { ItemRecord } from '../../../src/app/ports/item-repository.js';
import { describeEachDatabase } from '../../adapters/db/support/databases.js';
import { anAssignedItem } from '../../builders/assignment.builder.js';
import { type ApiHarness, startApiHarness, type Tenant } from './support/api-harness.js';

let lineSequence = 0;

/** An item's history and the orders holding its backordered units: what the product detail screen shows. */
describeEachDatabase('public API: an item’s history and orders', (db) => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApiHarness(db());
  });
  afterAll(async () => {
    await api?.close();
  });

  /** A sale recorded the way the order webhook does. */
  async function sell(item: ItemRecord, bcOrderId: number, quantity: number): Promise<number> {
    lineSequence += 1;
    const bcOrderProductId = 800_000 + lineSequence;
    const outcome = await applyItemEvent(db().repos, {
      storeId: item.storeId,
      itemId: item.id,
      idempotencyKey: `order:${bcOrderId}:line:${bcOrderProductId}:sale`,
      cause: { type: 'order_line', ref: orderLineRef(bcOrderId, bcOrderProductId) },
      actor: 'system',
      now: api.clock.now(),
      event: { kind: 'sold', quantity },
      orderLine: { bcOrderId, bcOrderProductId },
    });
    if (!outcome.applied) throw new Error(`sale refused: ${JSON.stringify(outcome)}`);
    return bcOrderProductId;
  }

  const get = (tenant: Tenant, path: string) => api.call('GET', `/api/v1${path}`, { auth: tenant.key });

  describe('GET /items/{sku}/history', () => {
    it('merges movements and transitions newest first, with cause, order and actor, page by page', async () => {
      const tenant = await api.aTenant();
      const item = await anAssignedItem(db().repos, tenant.store.id, { stock: 1, incoming: 5 });
      const line = await sell(item, 501, 3); // 1 → −2: backorder
      const received = await api.call('POST', `/api/v1/items/${item.sku}/receive`, {
        auth: tenant.key,
        body: { quantity: 5 },
      });
      expect(received.status).toBe(200);

      const response = await get(tenant, `/items/${item.sku}/history`);
      expect(response.status).toBe(200);
      expect(response.body.next_cursor).toBeNull();
      const entries = response.body.data;
      expect(entries.map((e: { type: string }) => e.type)).toEqual([
        'transition', // receipt: back in stock
        'movement',
        'transition', // sale: backorder
        'movement',
        'transition', // assignment: in stock
        'movement',
      ]);
      expect(entries[0]).toEqual({
        type: 'transition',
        at: api.clock.now().toISOString(),
        actor: expect.stringMatching(/^api-key:/),
        cause: { type: 'api_request', ref: expect.any(String), order_id: null },
        movement: null,
        transition: {
          from: { status: 'backorder', block: null },
          to: { status: 'in_stock', block: null },
          reason: expect.any(String),
        },
      });
      expect(entries[1]).toMatchObject({
        movement: { kind: 'receive', delta: 5, stock_after: 3, backordered_delta: -2, backordered_after: 0 },
        transition: null,
      });
      expect(entries[3]).toEqual({
        type: 'movement',
        at: api.clock.now().toISOString(),
        actor: 'system',
        cause: { type: 'order_line', ref: `order:501:line:${line}`, order_id: 501 },
        movement: {
          kind: 'sale',
          delta: -3,
          backordered_delta: 2,
          stock_after: -2,
          backordered_after: 2,
          episode: expect.any(Number),
        },
        transition: null,
      });
      expect(entries[2].cause.order_id).toBe(501);

      // Pages of 4 then 2, continuing where the first stopped.
      const first = await get(tenant, `/items/${item.sku}/history?limit=4`);
      expect(first.body.data).toEqual(entries.slice(0, 4));
      const second = await get(tenant, `/items/${item.sku}/history?limit=4&cursor=${first.body.next_cursor}`);
      expect(second.body.data).toEqual(entries.slice(4));
      expect(second.body.next_cursor).toBeNull();
    });

    it('answers ITEM.NOT_FOUND for an unknown SKU or another store’s item, 400 for a bad cursor', async () => {
      const tenant = await api.aTenant();
      const other = await api.aTenant();
      const item = await anAssignedItem(db().repos, other.store.id, { stock: 1 });
      for (const sku of ['NO-SUCH-SKU', item.sku!]) {
        const response = await get(tenant, `/items/${encodeURIComponent(sku)}/history`);
        expect(response.status, sku).toBe(404);
        expect(response.body.error.code).toBe('ITEM.NOT_FOUND');
      }
      for (const query of [
        'cursor=abc',
        `cursor=${Buffer.from('v1:h:1:2:3').toString('base64url')}`,
        'limit=0',
      ]) {
        const response = await get(other, `/items/${item.sku}/history?${query}`);
        expect(response.status, query).toBe(400);
        expect(response.body.error.code).toBe('VALIDATION.INVALID_QUERY');
      }
    });
  });

  describe('GET /items/{sku}/orders', () => {
    it('lists the lines holding its backordered units, newest order first, with episode and a link', async () => {
      const tenant = await api.aTenant();
      const item = await anAssignedItem(db().repos, tenant.store.id, { stock: 2 });
      const other = await anAssignedItem(db().repos, tenant.store.id, { stock: 0 });
      await sell(item, 601, 2); // from stock: not a backorder
      const second = await sell(item, 602, 3);
      await sell(other, 602, 1);
      const third = await sell(item, 603, 1);

      const response = await get(tenant, `/items/${item.sku}/orders`);
      expect(response.status).toBe(200);
      const hash = tenant.store.storeHash;
      expect(response.body).toEqual({
        data: [
          {
            order_id: 603,
            order_product_id: third,
            created_at: api.clock.now().toISOString(),
            quantity: 1,
            backordered: 1,
            returned_quantity: 0,
            episode: expect.any(Number),
            control_panel_url: `https://store-${hash}.example.com/manage/orders/603`,
          },
          expect.objectContaining({ order_id: 602, order_product_id: second, quantity: 3, backordered: 3 }),
        ],
        next_cursor: null,
      });
      expect(response.body.data[0].episode).toBe(response.body.data[1].episode);

      const first = await get(tenant, `/items/${item.sku}/orders?limit=1`);
      expect(first.body.data.map((l: { order_id: number }) => l.order_id)).toEqual([603]);
      const next = await get(tenant, `/items/${item.sku}/orders?limit=1&cursor=${first.body.next_cursor}`);
      expect(next.body.data.map((l: { order_id: number }) => l.order_id)).toEqual([602]);
      expect(next.body.next_cursor).toBeNull();

      // Another store cannot read it.
      const stranger = await api.aTenant();
      expect((await get(stranger, `/items/${item.sku}/orders`)).status).toBe(404);
    });
  });
});
