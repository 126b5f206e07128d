import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoreEvent } from '../../../src/sandbox/state/events.js';
import { anOrder, aProduct, aVariantProduct } from '../support/sandbox.builders.js';
import { startTestSandbox, type TestSandbox } from '../support/sandbox-harness.js';

/** BigCommerce's native backorders (beta), emulated behind the per-store switch (src/sandbox/README.md). */
let t: TestSandbox;

beforeEach(async () => {
  t = await startTestSandbox({ rateLimit: { quota: 10_000, windowMs: 30_000 } });
});

afterEach(async () => {
  await t.close();
});

async function nativeSwitch(method: 'GET' | 'PUT', body?: unknown, hash = 'teststore') {
  const response = await fetch(`${t.sandbox.url}/__sandbox/stores/${hash}/native-backorders`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

async function turnNativeOn() {
  expect((await nativeSwitch('PUT', { enabled: true })).body).toEqual({ enabled: true });
}

async function create(body: Record<string, unknown>) {
  const response = await t.api.post('/v3/catalog/products', body);
  expect(response.status).toBe(200);
  return response.body.data;
}

async function setBackorder(identity: Record<string, number>, settings: Record<string, unknown>) {
  return t.api.put('/v3/inventory/locations/1/items', { settings: [{ identity, ...settings }] });
}

async function locationOf(productId: number) {
  const items = await t.api.get('/v3/inventory/items', { query: { 'product_id:in': productId } });
  return items.body.data[0].locations[0];
}

describe('the per-store switch', () => {
  it('is off by default, turns on and off through /__sandbox, and 404s for an unknown store', async () => {
    expect(await nativeSwitch('GET')).toEqual({ status: 200, body: { enabled: false } });
    expect(t.sandbox.state.nativeBackorders('teststore')).toBe(false);
    await turnNativeOn();
    expect((await nativeSwitch('GET')).body).toEqual({ enabled: true });
    expect((await nativeSwitch('PUT', { enabled: false })).body).toEqual({ enabled: false });
    expect((await nativeSwitch('PUT', { enabled: 'yes' })).status).toBe(422);
    expect((await nativeSwitch('GET', undefined, 'nosuchstore')).status).toBe(404);
    expect((await nativeSwitch('PUT', { enabled: true }, 'nosuchstore')).status).toBe(404);
  });

  it('can be on from a store’s creation', () => {
    const created = t.sandbox.state.createStore('nativestore', { settings: { nativeBackorders: true } });
    expect(created.ok && created.value.settings.nativeBackorders).toBe(true);
    expect(t.sandbox.state.nativeBackorders('nativestore')).toBe(true);
  });
});

describe('GET/PUT /v3/settings/inventory', () => {
  it('answers the published fields only while native backorders are off', async () => {
    const response = await t.api.get('/v3/settings/inventory');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      data: {
        product_out_of_stock_behavior: 'do_nothing',
        option_out_of_stock_behavior: 'label_option',
        update_stock_behavior: 'order_placed',
        edit_order_stock_adjustment: true,
        refund_order_stock_adjustment: false,
        stock_level_display: 'show',
        default_out_of_stock_message: 'Currently out of stock',
        hide_in_product_filtering: false,
        show_pre_order_stock_levels: false,
        show_out_of_stock_message: false,
      },
      meta: {},
    });
    expect(response.body.data).not.toHaveProperty('show_backorder_availability_prompt');
  });

  it('adds the beta’s store-wide fields while on, and PUT changes only what it names', async () => {
    await turnNativeOn();
    const before = await t.api.get('/v3/settings/inventory');
    expect(before.body.data).toMatchObject({
      show_backorder_availability_prompt: false,
      backorder_availability_prompt: '',
      show_quantity_on_backorder: false,
      show_quantity_on_hand: false,
      show_backorder_message: false,
      show_default_shipping_expectation_prompt: false,
      default_shipping_expectation_prompt: '',
    });
    const put = await t.api.put('/v3/settings/inventory', {
      show_backorder_availability_prompt: true,
      backorder_availability_prompt: 'Available on backorder',
      stock_level_display: 'show_when_low',
    });
    expect(put.status).toBe(200);
    expect(put.body.data).toMatchObject({
      show_backorder_availability_prompt: true,
      backorder_availability_prompt: 'Available on backorder',
      stock_level_display: 'show_when_low',
      show_quantity_on_hand: false,
      update_stock_behavior: 'order_placed',
    });
    expect((await t.api.get('/v3/settings/inventory')).body.data).toEqual(put.body.data);
  });

  it('refuses a backorder field while off, and invalid values, with a 422 problem', async () => {
    const off = await t.api.put('/v3/settings/inventory', { show_backorder_availability_prompt: true });
    expect(off.status).toBe(422);
    expect(off.headers.get('content-type')).toContain('application/problem+json');
    expect(off.body).toMatchObject({
      status: 422,
      errors: { show_backorder_availability_prompt: expect.any(String) },
    });
    const bad = await t.api.put('/v3/settings/inventory', { stock_level_display: 'always' });
    expect(bad.status).toBe(422);
    expect((await t.api.get('/v3/settings/inventory')).body.data.stock_level_display).toBe('show');
  });

  it('needs the Information & Settings scope', async () => {
    const token = t.sandbox.state.issueToken('teststore', 'orders-only', ['store_v2_orders']).token;
    expect((await t.api.withToken(token).get('/v3/settings/inventory')).status).toBe(403);
    const reader = t.sandbox.state.issueToken('teststore', 'reader', [
      'store_v2_information_read_only',
    ]).token;
    expect((await t.api.withToken(reader).get('/v3/settings/inventory')).status).toBe(200);
    expect((await t.api.withToken(reader).put('/v3/settings/inventory', {})).status).toBe(403);
  });
});

describe('Inventory API with native backorders', () => {
  it('keeps every response as published while off, and refuses the backorder fields', async () => {
    const p = await create(aProduct({ inventory_tracking: 'product', inventory_level: 5 }));
    const location = await locationOf(p.id);
    expect(Object.keys(location).sort()).toEqual(
      [
        'available_to_sell',
        'location_code',
        'location_enabled',
        'location_id',
        'location_name',
        'settings',
        'total_inventory_onhand',
      ].sort(),
    );
    expect(Object.keys(location.settings).sort()).toEqual(
      ['bin_picking_number', 'is_in_stock', 'safety_stock', 'warning_level'].sort(),
    );
    const items = (await t.api.get('/v3/inventory/locations/1/items')).body.data[0];
    expect(items).not.toHaveProperty('qty_backordered');
    const settings = await setBackorder({ product_id: p.id }, { backorder_limit: 5 });
    expect(settings.status).toBe(422);
    expect(settings.body.errors).toHaveProperty(['settings.0.backorder_limit']);
    const absolute = await t.api.put('/v3/inventory/adjustments/absolute', {
      items: [{ location_id: 1, product_id: p.id, quantity: 3, qty_backordered: 1 }],
    });
    expect(absolute.status).toBe(422);
    const relative = await t.api.post('/v3/inventory/adjustments/relative', {
      items: [{ location_id: 1, product_id: p.id, quantity: 1, qty_backordered: 1 }],
    });
    expect(relative.status).toBe(422);
    expect((await locationOf(p.id)).total_inventory_onhand).toBe(5);
  });

  it('reports limits, quantities backordered and available to sell while on', async () => {
    await turnNativeOn();
    const p = await create(aProduct({ inventory_tracking: 'product', inventory_level: 10 }));
    expect(await locationOf(p.id)).toMatchObject({
      available_to_sell: 10,
      total_inventory_onhand: 10,
      qty_backordered: 0,
      available_for_backorder: 0,
      settings: { backorder_limit: 0, unlimited_backorder: false, safety_stock: 0 },
    });
    expect((await setBackorder({ product_id: p.id }, { backorder_limit: 45, safety_stock: 2 })).status).toBe(
      200,
    );
    expect(await locationOf(p.id)).toMatchObject({
      available_to_sell: 8 + 45,
      total_inventory_onhand: 10,
      available_for_backorder: 45,
      settings: { backorder_limit: 45, safety_stock: 2 },
    });
    const located = (await t.api.get('/v3/inventory/locations/1/items', { query: { 'product_id:in': p.id } }))
      .body.data[0];
    expect(located).toMatchObject({
      available_to_sell: 53,
      total_inventory_onhand: 10,
      qty_backordered: 0,
      available_for_backorder: 45,
      settings: { backorder_limit: 45, unlimited_backorder: false },
    });
    await setBackorder({ product_id: p.id }, { unlimited_backorder: true });
    expect(await locationOf(p.id)).toMatchObject({
      available_to_sell: 8,
      available_for_backorder: null,
      settings: { backorder_limit: 45, unlimited_backorder: true },
    });
    expect((await setBackorder({ product_id: p.id }, { backorder_limit: -1 })).status).toBe(422);
    expect((await setBackorder({ product_id: p.id }, { backorder_limit: 2_147_483_648 })).status).toBe(422);
    // The catalog's inventory_level stays the units on hand.
    expect((await t.api.get(`/v3/catalog/products/${p.id}`)).body.data.inventory_level).toBe(10);
  });

  it('absolute adjustments set qty_backordered, relative ones change it and never below zero', async () => {
    await turnNativeOn();
    const boots = await create(aVariantProduct({ S: 2 }));
    const small = boots.variants[0];
    await setBackorder({ variant_id: small.id }, { backorder_limit: 10 });
    const absolute = await t.api.put('/v3/inventory/adjustments/absolute', {
      items: [{ location_id: 1, variant_id: small.id, quantity: 4, qty_backordered: 3 }],
    });
    expect(absolute.status).toBe(200);
    expect(await locationOf(boots.id)).toMatchObject({
      total_inventory_onhand: 4,
      qty_backordered: 3,
      available_for_backorder: 7,
      available_to_sell: 11,
    });
    const relative = await t.api.post('/v3/inventory/adjustments/relative', {
      items: [{ location_id: 1, variant_id: small.id, quantity: 0, qty_backordered: -2 }],
    });
    expect(relative.status).toBe(200);
    expect((await locationOf(boots.id)).qty_backordered).toBe(1);
    const below = await t.api.post('/v3/inventory/adjustments/relative', {
      items: [{ location_id: 1, variant_id: small.id, quantity: 1, qty_backordered: -2 }],
    });
    expect(below.status).toBe(422);
    expect(await locationOf(boots.id)).toMatchObject({ qty_backordered: 1, total_inventory_onhand: 4 });
    const negative = await t.api.put('/v3/inventory/adjustments/absolute', {
      items: [{ location_id: 1, variant_id: small.id, quantity: 4, qty_backordered: -1 }],
    });
    expect(negative.status).toBe(422);
  });

  it('hides (and keeps) an item’s backorder numbers when the store switches off', async () => {
    await turnNativeOn();
    const p = await create(aProduct({ inventory_tracking: 'product', inventory_level: 1 }));
    await setBackorder({ product_id: p.id }, { backorder_limit: 5 });
    await nativeSwitch('PUT', { enabled: false });
    expect(await locationOf(p.id)).not.toHaveProperty('qty_backordered');
    expect((await locationOf(p.id)).available_to_sell).toBe(1);
    await turnNativeOn();
    expect((await locationOf(p.id)).settings.backorder_limit).toBe(5);
  });
});

describe('orders with native backorders', () => {
  function collectEvents(): StoreEvent[] {
    const events: StoreEvent[] = [];
    t.sandbox.state.events.subscribe((e) => events.push(e));
    return events;
  }

  it('sell past on hand up to the limit, backorder the rest, and record it per line', async () => {
    await turnNativeOn();
    const p = await create(aProduct({ inventory_tracking: 'product', inventory_level: 10 }));
    await setBackorder({ product_id: p.id }, { backorder_limit: 45, safety_stock: 2 });
    const events = collectEvents();
    const order = await t.api.post(
      '/v2/orders',
      anOrder([
        { product_id: p.id, quantity: 6 },
        { product_id: p.id, quantity: 7 },
      ]),
    );
    expect(order.status).toBe(200);
    // A = 10 − 2 = 8 from on hand (lines take it in order), 5 backordered.
    expect(await locationOf(p.id)).toMatchObject({
      total_inventory_onhand: 2,
      qty_backordered: 5,
      available_for_backorder: 40,
      available_to_sell: 40,
    });
    const lines = (await t.api.get(`/v2/orders/${order.body.id}/products`)).body;
    expect(lines.map((l: { quantity_backordered: number }) => l.quantity_backordered)).toEqual([0, 5]);
    expect(events.map((e) => e.scope)).toEqual([
      'store/product/inventory/order/updated',
      'store/order/created',
    ]);
    expect(events[0]!.data).toMatchObject({ inventory: { method: 'relative', value: -8 } });
  });

  it('backorder everything when nothing is on hand, and take anything with an unlimited backorder', async () => {
    await turnNativeOn();
    const boots = await create(aVariantProduct({ S: 0 }));
    const small = boots.variants[0];
    await setBackorder({ variant_id: small.id }, { unlimited_backorder: true });
    const events = collectEvents();
    const order = await t.api.post(
      '/v2/orders',
      anOrder([{ product_id: boots.id, variant_id: small.id, quantity: 1000 }]),
    );
    expect(order.status).toBe(200);
    expect((await t.api.get(`/v2/orders/${order.body.id}/products`)).body[0].quantity_backordered).toBe(1000);
    expect(await locationOf(boots.id)).toMatchObject({
      total_inventory_onhand: 0,
      qty_backordered: 1000,
      available_for_backorder: null,
    });
    expect(events.find((e) => e.scope === 'store/sku/inventory/order/updated')?.data).toMatchObject({
      inventory: { variant_id: small.id, method: 'relative', value: 0 },
    });
  });

  it('refuse the whole order past on hand + limit with the beta guide’s 409, changing nothing', async () => {
    await turnNativeOn();
    const boots = await create(aVariantProduct({ S: 10 }));
    const small = boots.variants[0];
    const other = await create(aProduct({ inventory_tracking: 'product', inventory_level: 5 }));
    await setBackorder({ variant_id: small.id }, { backorder_limit: 45 });
    const events = collectEvents();
    const refused = await t.api.post(
      '/v2/orders',
      anOrder([
        { product_id: other.id, quantity: 1 },
        { product_id: boots.id, variant_id: small.id, quantity: 30 },
        { product_id: boots.id, variant_id: small.id, quantity: 26 },
      ]),
    );
    expect(refused.status).toBe(409);
    expect(refused.body).toEqual([
      {
        status: 409,
        message: 'Quantities of one or more products are out of stock or did not meet quantity requirements.',
        details: {
          errors: [
            {
              type: 'OutOfStock',
              message: expect.any(String),
              product_id: boots.id,
              variant_id: small.id,
              location_id: 1,
              available_quantity: 10,
              available_quantity_for_backorder: 45,
            },
          ],
        },
      },
    ]);
    expect(events).toEqual([]);
    expect(await locationOf(boots.id)).toMatchObject({ total_inventory_onhand: 10, qty_backordered: 0 });
    expect(await locationOf(other.id)).toMatchObject({ total_inventory_onhand: 5 });
    const exact = await t.api.post(
      '/v2/orders',
      anOrder([{ product_id: boots.id, variant_id: small.id, quantity: 55 }]),
    );
    expect(exact.status).toBe(200);
  });

  it('are refused as today when off, with no backorder fields on the refusal or the lines', async () => {
    const p = await create(aProduct({ inventory_tracking: 'product', inventory_level: 2 }));
    t.sandbox.state.db
      .prepare(
        `INSERT INTO inventory_backorders (store_hash, location_id, item_kind, item_id, backorder_limit) VALUES ('teststore', 1, 'product', ?, 50)`,
      )
      .run(p.id);
    const refused = await t.api.post('/v2/orders', anOrder([{ product_id: p.id, quantity: 3 }]));
    expect(refused.status).toBe(409);
    expect(refused.body[0].details.errors[0]).not.toHaveProperty('available_quantity_for_backorder');
    const order = await t.api.post('/v2/orders', anOrder([{ product_id: p.id, quantity: 2 }]));
    const lines = (await t.api.get(`/v2/orders/${order.body.id}/products`)).body;
    expect(lines[0]).not.toHaveProperty('quantity_backordered');
    // Turned on later, older lines read 0.
    await turnNativeOn();
    expect((await t.api.get(`/v2/orders/${order.body.id}/products`)).body[0].quantity_backordered).toBe(0);
  });

  it('leave untracked products alone', async () => {
    await turnNativeOn();
    const p = await create(aProduct({ inventory_tracking: 'none' }));
    const order = await t.api.post('/v2/orders', anOrder([{ product_id: p.id, quantity: 3 }]));
    expect(order.status).toBe(200);
    expect((await t.api.get(`/v2/orders/${order.body.id}/products`)).body[0].quantity_backordered).toBe(0);
  });
});
