import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { anOrder, aProduct, aVariantProduct } from '../support/sandbox.builders.js';
import { startTestSandbox, type TestSandbox } from '../support/sandbox-harness.js';

let t: TestSandbox;

beforeEach(async () => {
  t = await startTestSandbox({ rateLimit: { quota: 10_000, windowMs: 30_000 } });
});

afterEach(async () => {
  await t.close();
});

async function create(body: Record<string, unknown>) {
  const response = await t.api.post('/v3/catalog/products', body);
  expect(response.status).toBe(200);
  return response.body.data;
}

async function stock(productId: number) {
  return (await t.api.get(`/v3/catalog/products/${productId}`)).body.data.inventory_level as number;
}

describe('POST /v2/orders', () => {
  it('decrements tracked stock (product and variant) and leaves untracked stock alone', async () => {
    const tracked = await create(aProduct({ inventory_tracking: 'product', inventory_level: 5 }));
    const untracked = await create(aProduct({ inventory_tracking: 'none', inventory_level: 1 }));
    const boots = await create(aVariantProduct({ S: 2, M: 4 }));
    const medium = boots.variants[1];
    const order = await t.api.post(
      '/v2/orders',
      anOrder([
        { product_id: tracked.id, quantity: 2 },
        { product_id: untracked.id, quantity: 3 },
        { product_id: boots.id, variant_id: medium.id, quantity: 4 },
      ]),
    );
    expect(order.status).toBe(200);
    expect(order.body).toMatchObject({ status_id: 1, items_total: 9, subtotal_ex_tax: '90.0000' });
    expect(await stock(tracked.id)).toBe(3);
    expect(await stock(untracked.id)).toBe(1);
    expect(
      (await t.api.get(`/v3/catalog/products/${boots.id}/variants/${medium.id}`)).body.data.inventory_level,
    ).toBe(0);
    const lines = (await t.api.get(`/v2/orders/${order.body.id}/products`)).body;
    expect(lines.map((l: { variant_id: number; sku: string }) => l.sku)).toEqual([
      tracked.sku,
      untracked.sku,
      medium.sku,
    ]);
    expect(lines[2].product_options[0]).toMatchObject({ display_name: 'Size', display_value: 'M' });
  });

  it('refuses the whole order with 409 when tracked stock is short, and changes nothing', async () => {
    const a = await create(aProduct({ inventory_tracking: 'product', inventory_level: 5 }));
    const b = await create(aProduct({ inventory_tracking: 'product', inventory_level: 1 }));
    const refused = await t.api.post(
      '/v2/orders',
      anOrder([
        { product_id: a.id, quantity: 2 },
        { product_id: b.id, quantity: 2 },
      ]),
    );
    expect(refused.status).toBe(409);
    expect(refused.body).toEqual([
      {
        status: 409,
        message: 'Quantities of one or more products are out of stock or did not meet quantity requirements.',
        details: {
          errors: [
            expect.objectContaining({
              type: 'OutOfStock',
              product_id: b.id,
              location_id: 1,
              available_quantity: 1,
            }),
          ],
        },
      },
    ]);
    expect(await stock(a.id)).toBe(5);
    expect(await stock(b.id)).toBe(1);
    expect((await t.api.get('/v2/orders')).body).toEqual([]);
  });

  it('counts several lines of the same item together', async () => {
    const a = await create(aProduct({ inventory_tracking: 'product', inventory_level: 3 }));
    const refused = await t.api.post(
      '/v2/orders',
      anOrder([
        { product_id: a.id, quantity: 2 },
        { product_id: a.id, quantity: 2 },
      ]),
    );
    expect(refused.status).toBe(409);
  });

  it('refuses lines that are not purchasable: availability disabled, purchasing_disabled variant', async () => {
    const disabled = await create(aProduct({ availability: 'disabled' }));
    const boots = await create(aVariantProduct({ S: 5 }));
    await t.api.put(`/v3/catalog/products/${boots.id}/variants/${boots.variants[0].id}`, {
      purchasing_disabled: true,
    });
    for (const line of [
      { product_id: disabled.id, quantity: 1 },
      { product_id: boots.id, variant_id: boots.variants[0].id, quantity: 1 },
    ]) {
      const refused = await t.api.post('/v2/orders', anOrder([line]));
      expect(refused.status).toBe(400);
      expect(refused.body[0]).toMatchObject({
        status: 400,
        message: expect.stringContaining('cannot be purchased'),
      });
    }
    expect(await stock(boots.id)).toBe(5);
  });

  it('needs a variant for products with options (variant_id or product_options) and checks it belongs to the product', async () => {
    const boots = await create(aVariantProduct({ S: 5, M: 5 }));
    const other = await create(aProduct());
    expect((await t.api.post('/v2/orders', anOrder([{ product_id: boots.id, quantity: 1 }]))).status).toBe(
      400,
    );
    const foreign = await t.api.post(
      '/v2/orders',
      anOrder([{ product_id: other.id, variant_id: boots.variants[0].id, quantity: 1 }]),
    );
    expect(foreign.status).toBe(400);
    const options = (await t.api.get(`/v3/catalog/products/${boots.id}/options`)).body.data[0];
    const byOptions = await t.api.post('/v2/orders', {
      ...anOrder([]),
      products: [
        {
          product_id: boots.id,
          quantity: 1,
          product_options: [{ id: options.id, value: String(options.option_values[1].id) }],
        },
      ],
    });
    expect(byOptions.status).toBe(200);
    expect(
      (await t.api.get(`/v3/catalog/products/${boots.id}/variants/${boots.variants[1].id}`)).body.data
        .inventory_level,
    ).toBe(4);
  });

  it('refuses invalid bodies with a v2 400 array', async () => {
    const response = await t.api.post('/v2/orders', { products: [] });
    expect(response.status).toBe(400);
    expect(response.body[0]).toMatchObject({
      status: 400,
      message: expect.stringContaining("'billing_address'"),
    });
  });
});

describe('GET and PUT /v2/orders', () => {
  it('filters by min_id, status_id and pages; updates status, staff_notes and customer_message', async () => {
    const product = await create(aProduct());
    const placed: number[] = [];
    for (let i = 0; i < 3; i++)
      placed.push(
        (await t.api.post('/v2/orders', anOrder([{ product_id: product.id, quantity: 1 }]))).body.id,
      );
    await t.api.put(`/v2/orders/${placed[1]}`, {
      status_id: 11,
      staff_notes: 'note',
      customer_message: 'hello',
    });
    expect(
      (await t.api.get('/v2/orders', { query: { min_id: placed[1]! } })).body.map(
        (o: { id: number }) => o.id,
      ),
    ).toEqual(placed.slice(1));
    const awaiting = (await t.api.get('/v2/orders', { query: { status_id: 11 } })).body;
    expect(awaiting).toHaveLength(1);
    expect(awaiting[0]).toMatchObject({
      id: placed[1],
      status: 'Awaiting Fulfillment',
      staff_notes: 'note',
      customer_message: 'hello',
    });
    expect(
      (await t.api.get('/v2/orders', { query: { limit: 2, page: 2 } })).body.map((o: { id: number }) => o.id),
    ).toEqual([placed[2]]);
    expect((await t.api.get('/v2/orders', { query: { sort: 'id:desc', limit: 1 } })).body[0].id).toBe(
      placed[2],
    );
    expect(awaiting[0].date_created).toMatch(/^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} \+0000$/);
  });

  it('refuses order line edits it does not emulate, and unknown orders', async () => {
    const product = await create(aProduct());
    const order = (await t.api.post('/v2/orders', anOrder([{ product_id: product.id, quantity: 1 }]))).body;
    const edit = await t.api.put(`/v2/orders/${order.id}`, { products: [{ id: 1, quantity: 0 }] });
    expect(edit.status).toBe(400);
    expect((await t.api.put('/v2/orders/99999', { status_id: 2 })).status).toBe(404);
    expect((await t.api.put(`/v2/orders/${order.id}`, { status_id: 99 })).status).toBe(400);
  });
});

describe('Inventory API and catalog stay one truth', () => {
  it('absolute and relative adjustments show in the catalog, and refuse going below zero', async () => {
    const boots = await create(aVariantProduct({ S: 1, M: 1 }));
    const small = boots.variants[0];
    await t.api.put('/v3/inventory/adjustments/absolute', {
      items: [{ location_id: 1, sku: small.sku, quantity: 8 }],
    });
    await t.api.post('/v3/inventory/adjustments/relative', {
      items: [{ location_id: 1, variant_id: small.id, quantity: -3 }],
    });
    expect(
      (await t.api.get(`/v3/catalog/products/${boots.id}/variants/${small.id}`)).body.data.inventory_level,
    ).toBe(5);
    expect(await stock(boots.id)).toBe(6);
    const below = await t.api.post('/v3/inventory/adjustments/relative', {
      items: [
        { location_id: 1, variant_id: boots.variants[1].id, quantity: 1 },
        { location_id: 1, variant_id: small.id, quantity: -6 },
      ],
    });
    expect(below.status).toBe(422);
    // All items or none: the first item's +1 was rolled back.
    expect(await stock(boots.id)).toBe(6);
  });

  it('refuses the wrong identity for the tracking mode, and unknown locations', async () => {
    const byProduct = await create(aProduct({ inventory_tracking: 'product', inventory_level: 1 }));
    const boots = await create(aVariantProduct({ S: 1 }));
    const wrong = await t.api.put('/v3/inventory/adjustments/absolute', {
      items: [{ location_id: 1, product_id: boots.id, quantity: 3 }],
    });
    expect(wrong.status).toBe(422);
    expect(wrong.body.title).toMatch(/tracked by variant/);
    const location = await t.api.put('/v3/inventory/adjustments/absolute', {
      items: [{ location_id: 7, product_id: byProduct.id, quantity: 3 }],
    });
    expect(location.status).toBe(404);
  });

  it('an untracked product needs an absolute adjustment first, which starts tracking', async () => {
    const product = await create(aProduct({ inventory_tracking: 'none' }));
    const relative = await t.api.post('/v3/inventory/adjustments/relative', {
      items: [{ location_id: 1, product_id: product.id, quantity: 1 }],
    });
    expect(relative.status).toBe(422);
    expect(relative.body.title).toMatch(/requires absolute adjustment before relative/);
    await t.api.put('/v3/inventory/adjustments/absolute', {
      items: [{ location_id: 1, product_id: product.id, quantity: 2 }],
    });
    const after = (await t.api.get(`/v3/catalog/products/${product.id}`)).body.data;
    expect(after).toMatchObject({ inventory_tracking: 'product', inventory_level: 2 });
  });

  it('safety stock lowers what orders may take', async () => {
    const product = await create(aProduct({ inventory_tracking: 'product', inventory_level: 5 }));
    await t.api.put('/v3/inventory/locations/1/items', {
      settings: [{ identity: { product_id: product.id }, safety_stock: 4 }],
    });
    expect((await t.api.post('/v2/orders', anOrder([{ product_id: product.id, quantity: 2 }]))).status).toBe(
      409,
    );
    expect((await t.api.post('/v2/orders', anOrder([{ product_id: product.id, quantity: 1 }]))).status).toBe(
      200,
    );
    const item = (await t.api.get('/v3/inventory/items', { query: { 'product_id:in': product.id } })).body
      .data[0];
    expect(item.locations[0]).toMatchObject({ total_inventory_onhand: 4, available_to_sell: 0 });
  });
});

describe('Scripts', () => {
  it('allows 10 scripts per API client, each client seeing only its own, and lists enabled ones per page', async () => {
    for (let i = 0; i < 10; i++) {
      expect(
        (
          await t.api.post('/v3/content/scripts', {
            name: `s${i}`,
            kind: 'src',
            src: `https://cdn.example.com/${i}.js`,
          })
        ).status,
      ).toBe(200);
    }
    const eleventh = await t.api.post('/v3/content/scripts', {
      name: 's10',
      kind: 'src',
      src: 'https://cdn.example.com/x.js',
    });
    expect(eleventh.status).toBe(422);
    const other = t.api.withToken(
      t.sandbox.state.issueToken('teststore', 'other-app', ['store_v2_content']).token,
    );
    expect((await other.get('/v3/content/scripts')).body.data).toEqual([]);
    const checkout = await other.post('/v3/content/scripts', {
      name: 'checkout only',
      kind: 'script_tag',
      html: '<script>1</script>',
      visibility: 'checkout',
    });
    expect(checkout.status).toBe(200);
    const firstUuid = (await t.api.get('/v3/content/scripts')).body.data[0].uuid;
    await t.api.put(`/v3/content/scripts/${firstUuid}`, { enabled: false });
    expect(t.sandbox.state.scripts.forPage('teststore', 'storefront')).toHaveLength(9);
    expect(t.sandbox.state.scripts.forPage('teststore', 'checkout').map((s) => s.name)).toEqual([
      'checkout only',
    ]);
    expect(
      (
        await t.api.post('/v3/content/scripts', {
          name: 'bad',
          kind: 'script_tag',
          html: '<script></script>',
          load_method: 'async',
        })
      ).status,
    ).toBe(422);
  });
});

describe('GET /v2/orders with include=consignments.line_items', () => {
  const withLines = { include: 'consignments.line_items', consignment_structure: 'object' };

  it('side-loads the lines in the consignments: an object with consignment_structure=object, else the legacy array', async () => {
    const hat = await create(aProduct({ inventory_tracking: 'none' }));
    const boots = await create(aVariantProduct({ S: 2, M: 4 }));
    const order = await t.api.post(
      '/v2/orders',
      anOrder([
        { product_id: hat.id, quantity: 2 },
        { product_id: boots.id, variant_id: boots.variants[1].id, quantity: 1 },
      ]),
    );
    const id = order.body.id as number;
    const lines = (await t.api.get(`/v2/orders/${id}/products`)).body;

    const one = await t.api.get(`/v2/orders/${id}`, { query: withLines });
    expect(one.body).toMatchObject({ id, staff_notes: '', status_id: 1 });
    expect(one.body.consignments).toMatchObject({
      pickups: [],
      downloads: [],
      email: { gift_certificates: [] },
      shipping: [{ first_name: expect.any(String), items_total: 3, line_items: lines }],
    });
    const legacy = await t.api.get(`/v2/orders/${id}`, { query: { include: 'consignments.line_items' } });
    expect(legacy.body.consignments).toEqual([one.body.consignments]);
    const links = await t.api.get(`/v2/orders/${id}`, {
      query: { include: 'consignments', consignment_structure: 'object' },
    });
    expect(links.body.consignments.shipping[0].line_items).toEqual(
      lines.map((line: { id: number }) => ({
        url: expect.stringMatching(new RegExp(`/v2/orders/${id}/products/${line.id}$`)),
        resource: `/orders/${id}/products/${line.id}`,
      })),
    );
    // Without include the order links to its lines, as before.
    expect((await t.api.get(`/v2/orders/${id}`)).body.consignments).toBeUndefined();
    expect((await t.api.get(`/v2/orders/${id}`, { query: { include: 'lines' } })).status).toBe(400);
    expect((await t.api.get(`/v2/orders/424242`, { query: withLines })).status).toBe(404);
  });

  it('lists a range of orders with their lines, up to 250 a page', async () => {
    const hat = await create(aProduct({ inventory_tracking: 'none' }));
    const ids: number[] = [];
    for (let i = 1; i <= 4; i++) {
      ids.push((await t.api.post('/v2/orders', anOrder([{ product_id: hat.id, quantity: i }]))).body.id);
    }
    const listed = await t.api.get('/v2/orders', {
      query: { min_id: ids[1]!, max_id: ids[3]!, limit: 250, ...withLines },
    });
    expect(listed.status).toBe(200);
    expect(
      listed.body.map(
        (o: { id: number; consignments: { shipping: { line_items: { quantity: number }[] }[] } }) => [
          o.id,
          o.consignments.shipping[0]!.line_items.map((l) => l.quantity),
        ],
      ),
    ).toEqual([
      [ids[1], [2]],
      [ids[2], [3]],
      [ids[3], [4]],
    ]);
    expect((await t.api.get('/v2/orders', { query: { limit: 251, ...withLines } })).status).toBe(400);
  });
});
