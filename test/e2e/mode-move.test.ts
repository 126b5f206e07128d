import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { type E2E, eventually, startE2E } from './support/demo-harness.js';

/**
 * Moving a store between inventory modes (docs/product.md#moving-between-modes), end to end in demo mode:
 * a store with assigned items in the emulated mode turns BigCommerce's native backorders on, the app
 * moves its items across (tracking on, on hand and quantity backordered from the app's stock and B, the
 * limit from T − B, S as safety stock), and back again; at each step the app's numbers and BigCommerce's
 * are checked to agree exactly.
 *
 * "Summit Down Sleeping Bag" (product 6): SLEEP-DOWN5-REGULAR (6 in stock, T = 3), SLEEP-DOWN5-LONG (0,
 * no threshold); S = 2.
 */
const PRODUCT = 6;
const REGULAR = 'SLEEP-DOWN5-REGULAR';
const LONG = 'SLEEP-DOWN5-LONG';

vi.setConfig({ testTimeout: 60_000 });

const databases = [
  { database: 'SQLite', postgresUrl: null },
  { database: 'PostgreSQL', postgresUrl: inject('postgresUrl') },
] as const;

describe.each(databases)('moving between modes on $database', ({ database, postgresUrl }) => {
  const run = database === 'SQLite' || postgresUrl !== null;
  let e: E2E;
  const variants = new Map<string, number>();

  beforeAll(async () => {
    if (!run) return;
    e = await startE2E({ postgresUrl });
  }, 60_000);
  afterAll(async () => {
    await e?.close();
  });

  const item = async (sku: string) => {
    const { status, body } = await e.api('GET', `/items/${sku}`);
    expect(status).toBe(200);
    return body as { stock: number; backordered: number; status: string; block: string | null };
  };
  const order = async (sku: string, quantity: number) => {
    const { status, body } = await e.bc('POST', '/v2/orders', {
      status_id: 11,
      billing_address: {
        first_name: 'Ada',
        last_name: 'Shopper',
        email: 'ada@example.com',
        country_iso2: 'US',
      },
      products: [{ product_id: PRODUCT, variant_id: variants.get(sku), quantity }],
    });
    return { status, id: body?.id as number | undefined };
  };
  const processed = (orderId: number) =>
    eventually(async () => {
      const line = await e.demo.app.database.db
        .selectFrom('order_lines')
        .select('id')
        .where('bc_order_id', '=', orderId)
        .executeTakeFirst();
      return line !== undefined;
    });
  const inBigCommerce = async (sku: string) => {
    const { body } = await e.bc('GET', `/v3/inventory/items?variant_id:in=${variants.get(sku)}`);
    const location = body.data[0].locations[0];
    return {
      onHand: location.total_inventory_onhand as number,
      backordered: location.qty_backordered as number,
      limit: location.settings.backorder_limit as number,
      unlimited: location.settings.unlimited_backorder as boolean,
      safetyStock: location.settings.safety_stock as number,
    };
  };
  const variant = async (sku: string) => {
    const { body } = await e.bc('GET', `/v3/catalog/products/${PRODUCT}?include=variants`);
    return (body.data.variants as { sku: string; id: number; purchasing_disabled: boolean }[]).find(
      (v) => v.sku === sku,
    )!;
  };
  const moveTo = async (to: string) => {
    const started = await e.api('POST', '/settings/inventory-mode/moves', { to });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    const move = await eventually(async () => {
      const { body } = await e.api('GET', `/settings/inventory-mode/moves/${started.body.id}`);
      return body.status !== 'running' && body;
    });
    expect(move).toMatchObject({ status: 'done', to, total_products: 1, done_products: 1, problems: null });
  };

  it.runIf(run)('1. emulated: a product assigned, orders take both variants into backorder', async () => {
    expect((await e.api('PATCH', '/settings', { switch_condition: 2 })).status).toBe(200);
    expect((await e.api('POST', '/assignments', { product_ids: [PRODUCT] })).status).toBe(200);
    expect((await e.api('PATCH', `/items/${REGULAR}`, { threshold: 3 })).status).toBe(200);
    for (const sku of [REGULAR, LONG]) variants.set(sku, (await variant(sku)).id);

    const first = await order(REGULAR, 5); // 6 → 1: B = 1
    const second = await order(LONG, 1); // 0 → −1: B = 1
    await processed(first.id!);
    await processed(second.id!);
    expect(await item(REGULAR)).toMatchObject({ stock: 1, backordered: 1, status: 'backorder' });
    expect(await item(LONG)).toMatchObject({ stock: -1, backordered: 1, status: 'backorder' });
  });

  it.runIf(run)('2. native backorders turned on: the preview shows every count the move writes', async () => {
    expect(await e.nativeBackorders(true)).toBe(200);
    expect((await e.api('POST', '/settings/native-backorders/check')).body).toMatchObject({ enabled: true });

    const { status, body } = await e.api('GET', '/settings/inventory-mode/preview?to=native');
    expect(status).toBe(200);
    expect(body).toMatchObject({ from: 'emulated', to: 'native', next_cursor: null });
    const bySku = new Map((body.data as { sku: string }[]).map((row) => [row.sku, row]));
    // On hand − backordered = stock; backordered = B (more when the stock owes more); limit = backordered + T − B.
    expect(bySku.get(REGULAR)).toMatchObject({
      stock: 1,
      backordered: 1,
      bigcommerce: {
        inventory_tracking: 'on',
        inventory_level: 2,
        qty_backordered: 1,
        backorder_limit: 3,
        unlimited_backorder: false,
        safety_stock: 2,
      },
    });
    expect(bySku.get(LONG)).toMatchObject({
      bigcommerce: {
        inventory_level: 0,
        qty_backordered: 1,
        backorder_limit: null,
        unlimited_backorder: true,
      },
    });
  });

  it.runIf(run)('3. the move to native: BigCommerce counts exactly what the app counts', async () => {
    await moveTo('native');
    expect((await e.api('GET', '/settings')).body).toMatchObject({ inventory_mode: 'native' });
    const product = (await e.bc('GET', `/v3/catalog/products/${PRODUCT}`)).body.data;
    expect(product).toMatchObject({ inventory_tracking: 'variant', availability: 'available' });
    expect(await inBigCommerce(REGULAR)).toEqual({
      onHand: 2,
      backordered: 1,
      limit: 3,
      unlimited: false,
      safetyStock: 2,
    });
    expect(await inBigCommerce(LONG)).toMatchObject({
      onHand: 0,
      backordered: 1,
      unlimited: true,
      safetyStock: 2,
    });
    // The app's numbers did not move; both variants are still purchasable.
    expect(await item(REGULAR)).toMatchObject({ stock: 1, backordered: 1, status: 'backorder' });
    expect(await item(LONG)).toMatchObject({ stock: -1, backordered: 1, status: 'backorder' });
    expect((await variant(REGULAR)).purchasing_disabled).toBe(false);
  });

  it.runIf(run)('4. in native mode BigCommerce sells up to T and refuses past it', async () => {
    expect((await order(REGULAR, 3)).status).toBe(409); // B would be 4 > T
    const sold = await order(REGULAR, 2); // B = 3 = T
    expect(sold.status).toBe(200);
    await processed(sold.id!);
    const regular = await eventually(async () => {
      const i = await item(REGULAR);
      return i.block === 'threshold' && i;
    });
    expect(regular).toMatchObject({ stock: -1, backordered: 3, status: 'unavailable' });
    await eventually(async () => (await inBigCommerce(REGULAR)).limit === 0);
    expect(await inBigCommerce(REGULAR)).toMatchObject({ onHand: 2, backordered: 3 });
  });

  it.runIf(run)(
    '5. back to emulated: tracking off, purchasability from the app, numbers unchanged',
    async () => {
      await moveTo('emulated');
      const product = (await e.bc('GET', `/v3/catalog/products/${PRODUCT}`)).body.data;
      expect(product).toMatchObject({ inventory_tracking: 'none', availability: 'available' });
      expect(await item(REGULAR)).toMatchObject({ stock: -1, backordered: 3, status: 'unavailable' });
      expect(await item(LONG)).toMatchObject({ stock: -1, backordered: 1, status: 'backorder' });
      expect((await variant(REGULAR)).purchasing_disabled).toBe(true);
      expect((await variant(LONG)).purchasing_disabled).toBe(false);
      // The emulated mode again: LONG sells without a count in BigCommerce, the app counts it.
      const sold = await order(LONG, 2);
      expect(sold.status).toBe(200);
      await processed(sold.id!);
      await eventually(async () => (await item(LONG)).stock === -3);
      expect(await item(LONG)).toMatchObject({ backordered: 3, status: 'backorder' });
    },
  );
});
