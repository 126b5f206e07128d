import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { type E2E, eventually, startE2E } from './support/demo-harness.js';
import { waitUntilQuiescent } from './support/resilience-scenario.js';

/**
 * Issue 11's "done when", in demo mode over real HTTP: in the two modes that cap at checkout a burst of
 * orders cannot take an item's backorders past its threshold. Cap at checkout: BigCommerce's level is the
 * units still sellable (stock above S plus T − B); native backorders: BigCommerce holds the stock on hand
 * and a backorder limit of T − B past its quantity backordered. Either way BigCommerce's own checkout (the
 * sandbox's `POST /v2/orders`) refuses every order beyond them, however fast they come and however far
 * behind the app is in counting them.
 *
 * A product without variants: S = 0, stock 5, T = 20 → 25 sellable units. 200 orders of one unit, all
 * at once: exactly 25 are accepted, 175 refused with BigCommerce's 409 OutOfStock; the app then counts
 * the 25 and ends with stock 5 − 25 = −20, B = T = 20, unavailable by the threshold block.
 */
const STOCK = 5;
const THRESHOLD = 20;
const SELLABLE = STOCK + THRESHOLD;
const ORDERS = 200;

vi.setConfig({ testTimeout: 60_000 });

const runs = [
  { database: 'SQLite', postgresUrl: null, mode: 'capped' },
  { database: 'PostgreSQL', postgresUrl: inject('postgresUrl'), mode: 'capped' },
  { database: 'SQLite', postgresUrl: null, mode: 'native' },
  { database: 'PostgreSQL', postgresUrl: inject('postgresUrl'), mode: 'native' },
] as const;

const BILLING = {
  first_name: 'Robin',
  last_name: 'Walker',
  street_1: '1 Trail Road',
  city: 'Boulder',
  state: 'Colorado',
  zip: '80301',
  country: 'United States',
  country_iso2: 'US',
  email: 'robin@example.com',
};

describe.each(runs)('an order burst in the $mode mode on $database', ({ database, postgresUrl, mode }) => {
  // On PostgreSQL it runs only when the run has a server (CI always does: REQUIRE_POSTGRES=1).
  const run = database === 'SQLite' || postgresUrl !== null;
  let e: E2E;
  const sku = `BURST-CAP-${Date.now()}`;
  let productId: number;

  beforeAll(async () => {
    if (!run) return;
    e = await startE2E({ postgresUrl });
  }, 60_000);
  afterAll(async () => {
    await e?.close();
  });

  const level = async () =>
    (await e.bc('GET', `/v3/catalog/products/${productId}`)).body.data.inventory_level as number;
  /** Native: BigCommerce's on hand, quantity backordered and limit of the product. */
  const nativeCounts = async () => {
    const { body } = await e.bc('GET', `/v3/inventory/items?product_id:in=${productId}`);
    const location = body.data[0].locations[0];
    return `${location.total_inventory_onhand}/${location.qty_backordered}/${location.settings.backorder_limit}`;
  };

  it.runIf(run)('BigCommerce accepts exactly the sellable units and B ends at T, never past it', async () => {
    if (mode === 'native') {
      expect(await e.nativeBackorders(true)).toBe(200);
      expect((await e.api('POST', '/settings/native-backorders/check')).body).toMatchObject({
        enabled: true,
      });
    }
    const settings = await e.api('PATCH', '/settings', { switch_condition: 0, inventory_mode: mode });
    expect(settings.status).toBe(200);
    const created = await e.bc('POST', '/v3/catalog/products', {
      name: `Burst ${sku}`,
      type: 'physical',
      weight: 1,
      price: 10,
      sku,
      inventory_tracking: 'product',
      inventory_level: 0,
    });
    expect(created.status).toBe(200);
    productId = created.body.data.id;
    expect((await e.api('POST', '/assignments', { product_ids: [productId] })).status).toBe(200);
    await eventually(async () => (await e.api('GET', `/items/${sku}`)).status === 200);
    const edited = await e.api('PATCH', `/items/${sku}`, { stock: STOCK, threshold: THRESHOLD });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ stock: STOCK, threshold: THRESHOLD, backordered: 0 });
    if (mode === 'capped') {
      await eventually(async () => (await level()) === SELLABLE).catch(async () => {
        throw new Error(`BigCommerce's level stayed ${await level()}, not ${SELLABLE}`);
      });
    } else {
      // On hand 5, nothing backordered yet, limit T.
      const wanted = `${STOCK}/0/${THRESHOLD}`;
      await eventually(async () => (await nativeCounts()) === wanted).catch(async () => {
        throw new Error(`BigCommerce's counts stayed ${await nativeCounts()}, not ${wanted}`);
      });
    }
    // Nothing else on its way (assignment email, per-order maximum), so the burst meets a settled store.
    await waitUntilQuiescent(e);

    // The burst: every order sent at once (well within a second), as 200 shoppers pressing "Place
    // order" together.
    const answers = await Promise.all(
      Array.from({ length: ORDERS }, () =>
        e.bc('POST', '/v2/orders', {
          status_id: 11,
          billing_address: BILLING,
          products: [{ product_id: productId, quantity: 1 }],
        }),
      ),
    );
    const accepted = answers.filter((a) => a.status === 200);
    const refused = answers.filter((a) => a.status !== 200);
    expect(accepted).toHaveLength(SELLABLE);
    expect(refused).toHaveLength(ORDERS - SELLABLE);
    for (const answer of refused) {
      // Out of stock (409) — or, once the app has counted the sold-out units and disabled purchase while
      // the burst is still arriving (one read per order makes that quick), not purchasable (400).
      if (answer.status === 400) {
        expect(answer.body[0].details).toMatchObject({
          product_id: productId,
          reason: 'availability_disabled',
        });
        continue;
      }
      expect(answer.status).toBe(409);
      expect(answer.body[0].details.errors[0]).toMatchObject({ type: 'OutOfStock', product_id: productId });
    }

    // The app counts every accepted order, and B never passes T on the way.
    const acceptedIds = accepted.map((a) => a.body.id as number);
    const db = e.demo.app.database.db;
    let highestB = 0;
    await eventually(async () => {
      const item = (await e.api('GET', `/items/${sku}`)).body as { backordered: number };
      highestB = Math.max(highestB, item.backordered);
      const lines = await db
        .selectFrom('order_lines')
        .select('bc_order_id')
        .where('bc_order_id', 'in', acceptedIds)
        .execute();
      return lines.length === SELLABLE;
    }, 40_000);
    await waitUntilQuiescent(e);
    expect(highestB).toBeLessThanOrEqual(THRESHOLD);

    const item = (await e.api('GET', `/items/${sku}`)).body;
    expect(item).toMatchObject({
      stock: STOCK - SELLABLE,
      backordered: THRESHOLD,
      status: 'unavailable',
      block: 'threshold',
    });
    expect(await level()).toBe(0);
    // Native: BigCommerce backordered exactly T itself, and the limit is 0 now that T is reached.
    if (mode === 'native') expect(await nativeCounts()).toBe(`0/${THRESHOLD}/0`);

    // The ledger: every movement B went through stayed at or below T, and adds up to T; so do the lines.
    const ledger = await db
      .selectFrom('ledger')
      .innerJoin('items', 'items.id', 'ledger.item_id')
      .where('items.sku', '=', sku)
      .select(['ledger.backordered_delta', 'ledger.backordered_after', 'ledger.delta'])
      .execute();
    const sum = (values: readonly (number | string)[]) => values.reduce<number>((s, v) => s + Number(v), 0);
    expect(sum(ledger.map((r) => r.backordered_delta))).toBe(THRESHOLD);
    expect(Math.max(...ledger.map((r) => Number(r.backordered_after)))).toBeLessThanOrEqual(THRESHOLD);
    expect(sum(ledger.map((r) => r.delta))).toBe(STOCK - SELLABLE);
    const lines = await db
      .selectFrom('order_lines')
      .innerJoin('items', 'items.id', 'order_lines.item_id')
      .where('items.sku', '=', sku)
      .select(['order_lines.backordered', 'order_lines.quantity'])
      .execute();
    expect(lines).toHaveLength(SELLABLE);
    expect(sum(lines.map((l) => l.backordered))).toBe(THRESHOLD);
    expect(sum(lines.map((l) => l.quantity))).toBe(SELLABLE);
  });
});
