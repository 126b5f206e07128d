import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApplyEventInput, applyItemEvent } from '../../../src/app/items/apply-item-event.js';
import { assignProductItems } from '../../../src/app/items/assign-product-items.js';
import { orderLineRef } from '../../../src/app/orders/record-order-sales.js';
import type { ItemRecord } from '../../../src/app/ports/item-repository.js';
import type { StoreId } from '../../../src/app/ports/store-id.js';
import { describeEachDatabase } from '../../adapters/db/support/databases.js';
import { anAssignment } from '../../builders/assignment.builder.js';
import { NOW } from '../../builders/store.builder.js';
import { type ApiHarness, startApiHarness, type Tenant } from './support/api-harness.js';

const HOUR = 3_600_000;
const at = (hours: number) => new Date(NOW.getTime() + hours * HOUR);
let keySequence = 0;

interface Entry {
  id: string;
  kind: 'movement' | 'transition';
  at: string;
  item: { sku: string | null; product_name: string; variant_label: string | null; product_id: number };
  movement: { kind: string; delta: number; backordered_delta: number; stock_after: number } | null;
  transition: { from: { status: string | null }; to: { status: string | null }; reason: string } | null;
  cause: { type: string; ref: string | null; order_id: number | null };
  actor: string;
}

describeEachDatabase('public API dashboard and activity', (db) => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApiHarness(db());
  });
  afterAll(async () => {
    await api?.close();
  });

  /** "Trail Jacket" in sizes M (stock 2, threshold 1) and L (stock 5, back in stock on `dateL`), assigned at NOW. */
  async function aJacket(storeId: StoreId, dateL: string | null = null) {
    const assignment = anAssignment(storeId, {
      now: NOW,
      items: [
        { stock: 2, threshold: 1, optionValues: [{ optionId: 1, valueId: 10, name: 'Size', label: 'M' }] },
        {
          stock: 5,
          backInStockDate: dateL,
          optionValues: [{ optionId: 1, valueId: 11, name: 'Size', label: 'L' }],
        },
      ],
    });
    const outcome = await assignProductItems(db().repos, {
      ...assignment,
      product: { ...assignment.product, name: 'Trail Jacket' },
    });
    if (!outcome.applied) throw new Error('assignment failed');
    const [m, l] = outcome.items.map((i) => i.item) as [ItemRecord, ItemRecord];
    return { product: outcome.product, m, l };
  }

  async function apply(item: ItemRecord, input: Partial<ApplyEventInput> & Pick<ApplyEventInput, 'event'>) {
    keySequence += 1;
    const outcome = await applyItemEvent(db().repos, {
      storeId: item.storeId,
      itemId: item.id,
      idempotencyKey: `http-activity:${keySequence}`,
      cause: { type: 'api_request', ref: `request-${keySequence}` },
      actor: 'api-key:abc',
      now: NOW,
      ...input,
    });
    if (!outcome.applied) throw new Error(`refused: ${JSON.stringify(outcome)}`);
    return outcome.item;
  }

  /** Order 123 sells 3 M at +1h (1 backordered: threshold reached); at +14h (21:00 in Chicago, still Mar 10) L is set to 0. */
  async function aStory(tenant: Tenant) {
    const jacket = await aJacket(tenant.store.id, '2025-03-12');
    await apply(jacket.m, {
      event: { kind: 'sold', quantity: 3 },
      cause: { type: 'order_line', ref: orderLineRef(123, 456) },
      actor: 'bigcommerce',
      now: at(1),
      orderLine: { bcOrderId: 123, bcOrderProductId: 456 },
    });
    await apply(jacket.l, { event: { kind: 'edited', source: 'api', stock: 0 }, now: at(14) });
    return jacket;
  }

  const get = (tenant: Tenant, url: string) => api.call('GET', url, { auth: tenant.key });
  const entries = async (tenant: Tenant, query = '') => {
    const response = await get(tenant, `/api/v1/activity${query}`);
    expect(response.status, `${query}: ${JSON.stringify(response.body)}`).toBe(200);
    return response.body.data as Entry[];
  };
  const words = (list: readonly Entry[]) =>
    list.map((e) =>
      e.movement !== null
        ? `${e.item.variant_label} ${e.movement.kind} ${e.movement.delta}`
        : `${e.item.variant_label} ${e.transition!.from.status}→${e.transition!.to.status}`,
    );

  describe('GET /activity', () => {
    it('lists movements and status changes newest first, each naming its item, cause and actor', async () => {
      const tenant = await api.aTenant();
      const { m, product } = await aStory(tenant);
      const list = await entries(tenant);
      expect(words(list)).toEqual([
        'Size: L in_stock→backorder',
        'Size: L set -5',
        'Size: M in_stock→unavailable',
        'Size: M sale -3',
        'Size: L null→in_stock',
        'Size: L assignment 5',
        'Size: M null→in_stock',
        'Size: M assignment 2',
      ]);
      expect(list[3]).toEqual({
        id: expect.stringMatching(/^m\d+$/),
        kind: 'movement',
        at: at(1).toISOString(),
        item: {
          sku: m.sku,
          product_id: product.bcProductId,
          variant_id: m.bcVariantId,
          product_name: 'Trail Jacket',
          variant_label: 'Size: M',
        },
        movement: { kind: 'sale', delta: -3, backordered_delta: 1, stock_after: -1, backordered_after: 1 },
        transition: null,
        cause: { type: 'order_line', ref: 'order:123:line:456', order_id: 123 },
        actor: 'bigcommerce',
      });
      expect(list[2]).toMatchObject({
        id: expect.stringMatching(/^t\d+$/),
        movement: null,
        transition: {
          from: { status: 'in_stock', block: null },
          to: { status: 'unavailable', block: 'threshold' },
          reason: 'threshold_reached',
        },
        cause: { type: 'order_line', order_id: 123 },
      });
      expect(new Set(list.map((e) => e.id)).size).toBe(list.length);
      // An admin session reads the same list.
      const viaSession = await api.call('GET', '/api/v1/activity', { auth: await tenant.session() });
      expect(viaSession.body.data).toEqual(list);
    });

    it('pages with the cursor without skipping or repeating an entry', async () => {
      const tenant = await api.aTenant();
      await aStory(tenant);
      const all = await entries(tenant);
      const seen: Entry[] = [];
      let url = '/api/v1/activity?limit=3';
      for (;;) {
        const page = await get(tenant, url);
        expect(page.body.data.length).toBeLessThanOrEqual(3);
        seen.push(...page.body.data);
        if (page.body.next_cursor === null) break;
        url = `/api/v1/activity?limit=3&cursor=${page.body.next_cursor}`;
      }
      expect(seen).toEqual(all);
      // Filters apply on every page.
      const first = await get(tenant, '/api/v1/activity?kind=transition&limit=1');
      const rest = await entries(tenant, `?kind=transition&cursor=${first.body.next_cursor}`);
      expect([...first.body.data, ...rest].map((e: Entry) => e.kind)).toEqual(Array(4).fill('transition'));
    });

    it('filters by SKU, product, cause, kind and the store’s own days', async () => {
      const tenant = await api.aTenant();
      const { m, l, product } = await aStory(tenant);
      expect(words(await entries(tenant, `?sku=${m.sku}`))).toEqual([
        'Size: M in_stock→unavailable',
        'Size: M sale -3',
        'Size: M null→in_stock',
        'Size: M assignment 2',
      ]);
      expect(await entries(tenant, `?product_id=${product.bcProductId}`)).toHaveLength(8);
      expect(await entries(tenant, `?product_id=${product.bcProductId + 1}`)).toEqual([]);
      expect(words(await entries(tenant, '?cause=order_line'))).toEqual([
        'Size: M in_stock→unavailable',
        'Size: M sale -3',
      ]);
      expect(words(await entries(tenant, `?kind=movement&sku=${l.sku}`))).toEqual([
        'Size: L set -5',
        'Size: L assignment 5',
      ]);
      // +14h is 02:00 UTC on Mar 11, but 21:00 on Mar 10 in the store's time zone (Chicago).
      expect(await entries(tenant, '?from=2025-03-10&to=2025-03-10')).toHaveLength(8);
      expect(words(await entries(tenant, '?from=2025-03-11'))).toEqual([]);
      expect(await entries(tenant, '?to=2025-03-09')).toEqual([]);
      expect(await entries(tenant, '?sku=NOPE')).toEqual([]);
    });

    it('never shows another store’s rows, even asked by their SKU or product', async () => {
      const mine = await api.aTenant();
      const theirs = await api.aTenant();
      await aStory(mine);
      const their = await aStory(theirs);
      const list = await entries(mine);
      expect(list).toHaveLength(8);
      expect(list.some((e) => e.item.sku === their.m.sku || e.item.sku === their.l.sku)).toBe(false);
      expect(await entries(mine, `?sku=${their.m.sku}`)).toEqual([]);
      expect(await entries(mine, `?product_id=${their.product.bcProductId}`)).toEqual([]);
      expect(await entries(await api.aTenant())).toEqual([]);
    });

    it('refuses bad filters: 400 for what the schema refuses, 422 for a range that ends before it starts', async () => {
      const tenant = await api.aTenant();
      for (const query of [
        'cause=bogus',
        'kind=everything',
        'from=2025-02-30',
        'to=03/10/2025',
        'limit=0',
        'limit=201',
        'cursor=%%%',
        `cursor=${Buffer.from('v1:12').toString('base64url')}`,
        'product_id=abc',
        'item=1',
      ]) {
        const response = await get(tenant, `/api/v1/activity?${query}`);
        expect(response.status, query).toBe(400);
        expect(response.body.error.code).toBe('VALIDATION.INVALID_QUERY');
      }
      const range = await get(tenant, '/api/v1/activity?from=2025-03-11&to=2025-03-10');
      expect(range.status).toBe(422);
      expect(range.body.error.code).toBe('ACTIVITY.INVALID_DATE_RANGE');
      expect((await api.call('GET', '/api/v1/activity')).status).toBe(401);
    });
  });

  describe('GET /dashboard', () => {
    it('an empty store: zero counts, empty lists, the window of the next 7 store-local days', async () => {
      const tenant = await api.aTenant({ timezone: 'Asia/Tokyo' });
      // 16:00 UTC on Mar 10 is already 01:00 on Mar 11 in Tokyo.
      api.clock.set(new Date('2025-03-10T16:00:00.000Z'));
      try {
        const response = await get(tenant, '/api/v1/dashboard');
        expect(response.status).toBe(200);
        expect(response.body).toEqual({
          today: '2025-03-11',
          counts: {
            assigned: 0,
            in_stock: 0,
            backorder: 0,
            unavailable: 0,
            blocks: { threshold: 0, date: 0, manual: 0 },
          },
          needs_attention: { total: 0, items: [] },
          upcoming_dates: { from: '2025-03-12', to: '2025-03-18', total: 0, items: [] },
          recent_activity: [],
        });
      } finally {
        api.clock.set(NOW);
      }
    });

    it('counts by status and block, lists blocked items and dates due with names, and the latest changes', async () => {
      const tenant = await api.aTenant();
      const { m, l } = await aStory(tenant);
      // Today is Mar 10 in Chicago: Mar 17 is the last day of the window, Mar 18 is past it, today is not in it.
      const later = await aJacket(tenant.store.id, '2025-03-17');
      await apply(later.m, {
        event: { kind: 'edited', source: 'api', backInStockDate: '2025-03-18' },
        now: at(2),
      });
      await apply(later.l, { event: { kind: 'disabled' }, now: at(3) });
      const today = await aJacket(tenant.store.id, '2025-03-10');

      const response = await get(tenant, '/api/v1/dashboard');
      expect(response.status).toBe(200);
      const body = response.body;
      expect(body.today).toBe('2025-03-10');
      expect(body.counts).toEqual({
        assigned: 6,
        in_stock: 4,
        backorder: 1,
        unavailable: 1,
        // L of "today" was blocked by its date at assignment (in stock, so still in_stock).
        blocks: { threshold: 1, date: 1, manual: 1 },
      });
      expect(body.needs_attention.total).toBe(2);
      expect(body.needs_attention.items).toContainEqual({
        item: {
          sku: m.sku,
          product_id: m.bcProductId,
          variant_id: m.bcVariantId,
          product_name: 'Trail Jacket',
          variant_label: 'Size: M',
        },
        stock: -1,
        threshold: 1,
        backordered: 1,
        incoming_stock: 0,
        back_in_stock_date: null,
        status: 'unavailable',
        block: 'threshold',
      });
      expect(body.needs_attention.items.map((i: { item: { sku: string } }) => i.item.sku)).toContain(
        today.l.sku,
      );
      expect(body.upcoming_dates).toMatchObject({ from: '2025-03-11', to: '2025-03-17', total: 2 });
      expect(
        body.upcoming_dates.items.map((i: { item: { sku: string }; back_in_stock_date: string }) => [
          i.item.sku,
          i.back_in_stock_date,
        ]),
      ).toEqual([
        [l.sku, '2025-03-12'],
        [later.l.sku, '2025-03-17'],
      ]);
      expect(body.recent_activity.length).toBeLessThanOrEqual(10);
      expect(body.recent_activity.every((e: Entry) => e.kind === 'transition')).toBe(true);
      expect(body.recent_activity[0]).toMatchObject({
        at: at(14).toISOString(),
        item: { sku: l.sku, product_name: 'Trail Jacket' },
        transition: { from: { status: 'in_stock' }, to: { status: 'backorder' }, reason: 'api_edit' },
      });

      // Another store's dashboard is its own.
      const other = await get(await api.aTenant(), '/api/v1/dashboard');
      expect(other.body.counts.assigned).toBe(0);
      expect(other.body.recent_activity).toEqual([]);
    });
  });
});
