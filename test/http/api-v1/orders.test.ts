import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { applyItemEvent } from '../../../src/app/items/apply-item-event.js';
import type { ItemRecord } from '../../../src/app/ports/item-repository.js';
import { describeEachDatabase } from '../../adapters/db/support/databases.js';
import { anAssignedItem } from '../../builders/assignment.builder.js';
import { NOW } from '../../builders/store.builder.js';
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
        control_panel_url: `https://store-${tenant.store.storeHash}.example.com/manage/orders/103`,
        lines: [
          expect.objectContaining({ sku: shoe.sku, quantity: 1, backordered: 1, returned_quantity: 0 }),
        ],
      },
      {
        order_id: 101,
        created_at: api.clock.now().toISOString(),
        backordered_units: 2,
        control_panel_url: `https://store-${tenant.store.storeHash}.example.com/manage/orders/101`,
        lines: [
          {
            order_product_id: shoeLine,
            sku: shoe.sku,
            product_id: shoe.bcProductId,
            variant_id: shoe.bcVariantId,
            product_name: expect.any(String),
            variant_label: null,
            quantity: 3,
            backordered: 2,
            returned_quantity: 0,
          },
          {
            order_product_id: hatLine,
            sku: hat.sku,
            product_id: hat.bcProductId,
            variant_id: hat.bcVariantId,
            product_name: expect.any(String),
            variant_label: null,
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

  describe('filters and the report, in the store’s time zone (America/Chicago)', () => {
    afterEach(() => api.clock.set(NOW));

    /** Sells at an instant: the order is dated by when its line was recorded. */
    async function sellAt(at: string, item: ItemRecord, bcOrderId: number, quantity: number) {
      api.clock.set(new Date(at));
      return sell(item, bcOrderId, quantity);
    }

    /** Orders on both sides of midnight and of a Monday, in Chicago (UTC−5 from 2025-03-09). */
    async function aStoreWithOrders() {
      const tenant = await api.aTenant({ timezone: 'America/Chicago' });
      const shoe = await anAssignedItem(db().repos, tenant.store.id, { stock: 0 });
      const hat = await anAssignedItem(db().repos, tenant.store.id, { stock: 0 });
      // Sunday 9 March, 23:30 in Chicago (Monday in UTC): week 2025-W10 there.
      await sellAt('2025-03-10T04:30:00Z', shoe, 201, 2);
      // Monday 10 March, 01:00 in Chicago: week 2025-W11.
      await sellAt('2025-03-10T06:00:00Z', shoe, 202, 1);
      await sellAt('2025-03-10T07:00:00Z', hat, 202, 4);
      // Wednesday 26 March: week 2025-W13 (W12 has none).
      await sellAt('2025-03-26T15:00:00Z', hat, 203, 1);
      // Cancelled: holds nothing, counted nowhere.
      const cancelled = await sellAt('2025-03-26T16:00:00Z', shoe, 204, 5);
      await giveBack(shoe, 204, cancelled, 5);
      api.clock.set(new Date('2025-03-28T12:00:00Z'));
      return { tenant, shoe, hat };
    }

    const orderIds = async (key: string, query: string) => {
      const response = await api.call('GET', `/api/v1/orders?${query}`, { auth: key });
      expect(response.status, query).toBe(200);
      return response.body.data.map((o: { order_id: number }) => o.order_id);
    };

    it('keeps the orders of a period of store-local dates, both days included, and of one SKU', async () => {
      const { tenant, shoe, hat } = await aStoreWithOrders();
      expect(await orderIds(tenant.key, '')).toEqual([203, 202, 201]);
      expect(await orderIds(tenant.key, 'to=2025-03-09')).toEqual([201]);
      expect(await orderIds(tenant.key, 'from=2025-03-10')).toEqual([203, 202]);
      expect(await orderIds(tenant.key, 'from=2025-03-10&to=2025-03-10')).toEqual([202]);
      expect(await orderIds(tenant.key, 'from=2025-03-27')).toEqual([]);
      expect(await orderIds(tenant.key, `sku=${encodeURIComponent(hat.sku!)}`)).toEqual([203, 202]);
      expect(await orderIds(tenant.key, `sku=${encodeURIComponent(shoe.sku!)}&from=2025-03-10`)).toEqual([
        202,
      ]);
      expect(await orderIds(tenant.key, 'sku=NO-SUCH-SKU')).toEqual([]);

      // Paging keeps the filters.
      const first = await api.call('GET', '/api/v1/orders?from=2025-03-01&limit=2', { auth: tenant.key });
      expect(first.body.data.map((o: { order_id: number }) => o.order_id)).toEqual([203, 202]);
      expect(await orderIds(tenant.key, `from=2025-03-01&limit=2&cursor=${first.body.next_cursor}`)).toEqual([
        201,
      ]);
    });

    it('refuses a period that ends before it starts, and dates that are not dates', async () => {
      const tenant = await api.aTenant();
      const backwards = await api.call('GET', '/api/v1/orders?from=2025-03-10&to=2025-03-09', {
        auth: tenant.key,
      });
      expect(backwards.status).toBe(422);
      expect(backwards.body.error.code).toBe('ORDERS.INVALID_DATE_RANGE');
      for (const query of ['from=2025-02-30', 'to=yesterday', 'sku=']) {
        const response = await api.call('GET', `/api/v1/orders?${query}`, { auth: tenant.key });
        expect(response.status, query).toBe(400);
        expect(response.body.error.code).toBe('VALIDATION.INVALID_QUERY');
      }
    });

    it('reports units and orders per item and per ISO week of the store, with the weeks between', async () => {
      const { tenant, shoe, hat } = await aStoreWithOrders();
      const response = await api.call('GET', '/api/v1/orders/report?from=2025-03-03', { auth: tenant.key });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        from: '2025-03-03',
        // The store's today (28 March in Chicago).
        to: '2025-03-28',
        time_zone: 'America/Chicago',
        backordered_units: 8,
        orders: 3,
        items: [
          expect.objectContaining({
            sku: hat.sku,
            product_id: hat.bcProductId,
            backordered_units: 5,
            orders: 2,
            // Per item per week: only its weeks with backordered units.
            weeks: [
              { week: '2025-W11', starts_on: '2025-03-10', backordered_units: 4, orders: 1 },
              { week: '2025-W13', starts_on: '2025-03-24', backordered_units: 1, orders: 1 },
            ],
          }),
          expect.objectContaining({ sku: shoe.sku, backordered_units: 3, orders: 2 }),
        ],
        weeks: [
          { week: '2025-W10', starts_on: '2025-03-03', backordered_units: 2, orders: 1 },
          { week: '2025-W11', starts_on: '2025-03-10', backordered_units: 5, orders: 1 },
          { week: '2025-W12', starts_on: '2025-03-17', backordered_units: 0, orders: 0 },
          { week: '2025-W13', starts_on: '2025-03-24', backordered_units: 1, orders: 1 },
        ],
        // Both were assigned out of stock (at NOW, 10 March 12:00 UTC) and never went back in stock.
        open_backorders: {
          backordered_units: 8,
          item_count: 2,
          items: [
            expect.objectContaining({
              sku: hat.sku,
              status: 'backorder',
              backordered: 5,
              since: NOW.toISOString(),
            }),
            expect.objectContaining({ sku: shoe.sku, backordered: 3 }),
          ],
        },
        back_in_stock: { average_days: null, episodes: 0 },
      });
      expect(response.body.items[0].product_name).toEqual(expect.any(String));

      const ofShoe = await api.call(
        'GET',
        `/api/v1/orders/report?sku=${encodeURIComponent(shoe.sku!)}&to=2025-03-16`,
        { auth: tenant.key },
      );
      expect(ofShoe.body).toMatchObject({
        from: null,
        to: '2025-03-16',
        backordered_units: 3,
        orders: 2,
        // From the first backorder's week.
        weeks: [
          { week: '2025-W10', backordered_units: 2 },
          { week: '2025-W11', backordered_units: 1 },
        ],
      });
    });

    it('reports the mean days back in stock of the episodes that ended in the period', async () => {
      const { tenant, shoe, hat } = await aStoreWithOrders();
      // The shoe, out of stock since its assignment (NOW, 10 March 12:00 UTC), back in stock 3.5 days later.
      api.clock.set(new Date('2025-03-14T00:00:00Z'));
      const restocked = await api.call('PATCH', `/api/v1/items/${encodeURIComponent(shoe.sku!)}`, {
        auth: tenant.key,
        body: { stock: 10 },
      });
      expect(restocked.status).toBe(200);
      api.clock.set(new Date('2025-03-28T12:00:00Z'));

      const report = await api.call('GET', '/api/v1/orders/report', { auth: tenant.key });
      expect(report.body.back_in_stock).toEqual({ average_days: 3.5, episodes: 1 });
      expect(report.body.open_backorders).toMatchObject({
        backordered_units: 5,
        item_count: 1,
        items: [expect.objectContaining({ sku: hat.sku })],
      });
      // Ended on 13 March in Chicago: not in a period after it, nor in the hat's report.
      const later = await api.call('GET', '/api/v1/orders/report?from=2025-03-14', { auth: tenant.key });
      expect(later.body.back_in_stock).toEqual({ average_days: null, episodes: 0 });
      const ofHat = await api.call('GET', `/api/v1/orders/report?sku=${encodeURIComponent(hat.sku!)}`, {
        auth: tenant.key,
      });
      expect(ofHat.body.back_in_stock.episodes).toBe(0);
    });

    it('exports the report: CSV of the rows per item per week, XLSX of every table', async () => {
      const { tenant, shoe, hat } = await aStoreWithOrders();
      const csv = await api.app.inject({
        method: 'GET',
        url: '/api/v1/orders/report/export?format=csv&from=2025-03-03&to=2025-03-16',
        headers: { authorization: `Bearer ${tenant.key}` },
      });
      expect(csv.statusCode).toBe(200);
      expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(csv.headers['content-disposition']).toContain(
        'filename="backorders-report-2025-03-03-to-2025-03-16.csv"',
      );
      expect([...csv.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const rows = parse(csv.rawPayload.toString('utf8').slice(1)) as string[][];
      expect(rows[0]).toEqual([
        'Week',
        'Week starts',
        'SKU',
        'Product',
        'Variant',
        'Backordered units',
        'Orders',
      ]);
      expect(rows.slice(1).map((r) => [r[0], r[1], r[2], r[5], r[6]])).toEqual([
        ['2025-W10', '2025-03-03', shoe.sku, '2', '1'],
        ['2025-W11', '2025-03-10', hat.sku, '4', '1'],
        ['2025-W11', '2025-03-10', shoe.sku, '1', '1'],
      ]);

      const xlsx = await api.app.inject({
        method: 'GET',
        url: `/api/v1/orders/report/export?format=xlsx&sku=${encodeURIComponent(hat.sku!)}`,
        headers: { authorization: `Bearer ${tenant.key}` },
      });
      expect(xlsx.statusCode).toBe(200);
      expect(xlsx.headers['content-type']).toBe(
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      );
      expect(xlsx.headers['content-disposition']).toContain(
        'filename="backorders-report-to-2025-03-28.xlsx"',
      );
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
      expect(workbook.worksheets.map((w) => w.name)).toEqual([
        'Per item per week',
        'Per item',
        'Per week',
        'Open backorders',
        'Summary',
      ]);
      const open = workbook.getWorksheet('Open backorders')!;
      expect(open.getRow(2).getCell(1).value).toBe(hat.sku);
      expect(open.getRow(2).getCell(5).value).toBe(5);
      // Chicago time of the episode's start (NOW, 12:00 UTC).
      expect(open.getRow(2).getCell(6).value).toBe('2025-03-10 07:00');
      expect(open.rowCount).toBe(2);
    });

    it('refuses an export without a known format, or of a backwards period', async () => {
      const tenant = await api.aTenant();
      for (const query of ['', 'format=pdf', 'format=csv&from=2025-13-01']) {
        const response = await api.call('GET', `/api/v1/orders/report/export?${query}`, { auth: tenant.key });
        expect(response.status, query).toBe(400);
        expect(response.body.error.code).toBe('VALIDATION.INVALID_QUERY');
      }
      const backwards = await api.call(
        'GET',
        '/api/v1/orders/report/export?format=xlsx&from=2025-03-10&to=2025-03-01',
        { auth: tenant.key },
      );
      expect(backwards.status).toBe(422);
      expect(backwards.body.error.code).toBe('ORDERS.INVALID_DATE_RANGE');
      expect((await api.call('GET', '/api/v1/orders/report/export?format=csv')).status).toBe(401);
    });

    it('reports nothing for another store, and refuses a backwards or too long period', async () => {
      await aStoreWithOrders();
      const other = await api.aTenant();
      const empty = await api.call('GET', '/api/v1/orders/report', { auth: other.key });
      expect(empty.body).toMatchObject({
        backordered_units: 0,
        orders: 0,
        items: [],
        weeks: [],
        open_backorders: { backordered_units: 0, item_count: 0, items: [] },
        back_in_stock: { average_days: null, episodes: 0 },
      });
      expect((await api.call('GET', '/api/v1/orders', { auth: other.key })).body.data).toEqual([]);

      for (const query of ['from=2025-03-10&to=2025-03-01', 'from=2015-01-01']) {
        const response = await api.call('GET', `/api/v1/orders/report?${query}`, { auth: other.key });
        expect(response.status, query).toBe(422);
        expect(response.body.error.code).toBe('ORDERS.INVALID_DATE_RANGE');
      }
    });
  });
});
