import { afterAll, beforeAll, expect, it } from 'vitest';
import { applyItemEvent } from '../../../src/app/items/apply-item-event.js';
import type { ItemRecord } from '../../../src/app/ports/item-repository.js';
import { describeEachDatabase } from '../../adapters/db/support/databases.js';
import { anAssignedItem } from '../../builders/assignment.builder.js';
import { type ApiHarness, startApiHarness } from './support/api-harness.js';

let lineSequence = 0;

describeEachDatabase('public API orders holding backordered units', (db) => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApiHarness(db());
  });
  afterAll(async () => {
    await api?.close();
  });

  /** Records an order line the way the order webhook does: a sale through the ItemRepository. */
  async function sell(item: ItemRecord, bcOrderId: number, quantity: number): Promise<number> {
    lineSequence += 1;
    const bcOrderProductId = 900_000 + lineSequence;
    const outcome = await applyItemEvent(db().repos, {
      storeId: item.storeId,
      itemId: item.id,
      idempotencyKey: `order:${bcOrderId}:line:${bcOrderProductId}:sale`,
      cause: { type: 'order_line', ref: String(bcOrderProductId) },
      actor: 'system',
      now: api.clock.now(),
      event: { kind: 'sold', quantity },
      orderLine: { bcOrderId, bcOrderProductId },
    });
    if (!outcome.applied) throw new Error(`sale refused: ${JSON.stringify(outcome)}`);
    return bcOrderProductId;
  }

  async function giveBack(item: ItemRecord, bcOrderId: number, bcOrderProductId: number, quantity: number) {
    const line = await db().repos.orderLines.findOrderLine(item.storeId, bcOrderProductId);
    const outcome = await applyItemEvent(db().repos, {
      storeId: item.storeId,
      itemId: item.id,
      idempotencyKey: `order:${bcOrderId}:line:${bcOrderProductId}:return`,
      cause: { type: 'order_line', ref: String(bcOrderProductId) },
      actor: 'system',
      now: api.clock.now(),
      event: { kind: 'returned', quantity, backordered: line!.backordered, episode: line!.episode },
      orderLine: { bcOrderId, bcOrderProductId },
    });
    if (!outcome.applied) throw new Error(`give-back refused: ${JSON.stringify(outcome)}`);
  }

  it('lists orders with backordered lines, newest first, with their lines and quantities', async () => {
    const tenant = await api.aTenant();
    const shoe = await anAssignedItem(db().repos, tenant.store.id, { stock: 1 });
    const hat = await anAssignedItem(db().repos, tenant.store.id, { stock: 50 });

    // Order 101: 3 shoes with 1 in stock (2 backordered) and 1 hat in stock.
    const shoeLine = await sell(shoe, 101, 3);
    const hatLine = await sell(hat, 101, 1);
    // Order 102: only in-stock units: not listed.
    await sell(hat, 102, 2);
    // Order 103: 1 more shoe, all backordered.
    await sell(shoe, 103, 1);
    // Order 104: backordered, then cancelled entirely: holds nothing any more.
    const cancelled = await sell(shoe, 104, 2);
    await giveBack(shoe, 104, cancelled, 2);

    const response = await api.call('GET', '/api/v1/orders', { auth: tenant.key });
    expect(response.status).toBe(200);
    expect(response.body.next_cursor).toBeNull();
    expect(response.body.data).toEqual([
      {
        order_id: 103,
        created_at: api.clock.now().toISOString(),
        backordered_units: 1,
        lines: [
          expect.objectContaining({ sku: shoe.sku, quantity: 1, backordered: 1, returned_quantity: 0 }),
        ],
      },
      {
        order_id: 101,
        created_at: api.clock.now().toISOString(),
        backordered_units: 2,
        lines: [
          {
            order_product_id: shoeLine,
            sku: shoe.sku,
            product_id: shoe.bcProductId,
            variant_id: shoe.bcVariantId,
            quantity: 3,
            backordered: 2,
            returned_quantity: 0,
          },
          {
            order_product_id: hatLine,
            sku: hat.sku,
            product_id: hat.bcProductId,
            variant_id: hat.bcVariantId,
            quantity: 1,
            backordered: 0,
            returned_quantity: 0,
          },
        ],
      },
    ]);

    const first = await api.call('GET', '/api/v1/orders?limit=1', { auth: tenant.key });
    expect(first.body.data.map((o: { order_id: number }) => o.order_id)).toEqual([103]);
    const next = await api.call('GET', `/api/v1/orders?limit=1&cursor=${first.body.next_cursor}`, {
      auth: tenant.key,
    });
    expect(next.body.data.map((o: { order_id: number }) => o.order_id)).toEqual([101]);
    expect(next.body.next_cursor).toBeNull();

    // Another store sees none of them.
    const other = await api.aTenant();
    expect((await api.call('GET', '/api/v1/orders', { auth: other.key })).body).toEqual({
      data: [],
      next_cursor: null,
    });
  });

  it('refuses bad paging parameters', async () => {
    const tenant = await api.aTenant();
    for (const query of ['limit=0', 'limit=101', 'cursor=%%%', 'since=2025-01-01']) {
      const response = await api.call('GET', `/api/v1/orders?${query}`, { auth: tenant.key });
      expect(response.status, query).toBe(400);
      expect(response.body.error.code).toBe('VALIDATION.INVALID_QUERY');
    }
  });
});
