import { describe, expect, it } from 'vitest';
import {
  type BigCommerceError,
  exchangeAuthCode,
  type ProductPatch,
  storeHashFromContext,
  type VariantPatch,
} from '../../../src/adapters/bigcommerce/index.js';
import { aHook, anOrder, anOrderProduct, aProduct, aScript, aVariant } from './support/builders.js';
import { ok, type RecordedRequest, startFakeServer, v3Page } from './support/fake-bigcommerce.js';
import { clientOn, onCleanup, STORE_HASH } from './support/harness.js';

const ids = (body: unknown) => (body as { id: number }[]).map((item) => item.id);
const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);
const echoBatch = (makeItem: (id: number) => unknown) => (req: RecordedRequest) =>
  ok({ data: ids(req.body).map(makeItem), meta: {} });

describe('batched writes', () => {
  it('updateProducts sends 23 products as PUT /catalog/products batches of 10, 10 and 3', async () => {
    const { client, server } = await clientOn(echoBatch((id) => aProduct({ id })));
    const patches: ProductPatch[] = range(1, 23).map((id) => ({ id, availability: 'disabled' }));

    const result = await client.updateProducts(patches);

    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual(
      Array(3).fill(`PUT /stores/${STORE_HASH}/v3/catalog/products`),
    );
    expect(server.requests.map((r) => (r.body as unknown[]).length)).toEqual([10, 10, 3]);
    expect(server.requests.flatMap((r) => ids(r.body))).toEqual(range(1, 23));
    expect(server.requests[0]?.body).toContainEqual({ id: 1, availability: 'disabled' });
    expect(result.updated.map((p) => p.id)).toEqual(range(1, 23));
    expect(result.failures).toEqual([]);
  });

  it('updateVariants sends 120 variants as PUT /catalog/variants batches of 50, 50 and 20', async () => {
    const { client, server } = await clientOn(echoBatch((id) => aVariant({ id })));
    const patches: VariantPatch[] = range(1, 120).map((id) => ({ id, purchasing_disabled: true }));

    const result = await client.updateVariants(patches);

    expect(server.requests.every((r) => r.path === `/stores/${STORE_HASH}/v3/catalog/variants`)).toBe(true);
    expect(server.requests.map((r) => (r.body as unknown[]).length)).toEqual([50, 50, 20]);
    expect(result.updated).toHaveLength(120);
  });

  it('a refused batch is re-sent item by item, so one bad variant does not block the others', async () => {
    const bad = 7;
    const { client, server } = await clientOn((req) => {
      if (!ids(req.body).includes(bad)) return echoBatch((id) => aVariant({ id }))(req);
      return {
        status: 422,
        body: {
          batch_errors: [
            {
              status: 422,
              title: 'Variant inventory_level is invalid',
              type: '/api-docs/getting-started/api-status-codes',
              errors: { inventory_level: 'must be an integer' },
            },
          ],
        },
      };
    });

    const result = await client.updateVariants(range(1, 10).map((id) => ({ id, inventory_level: 1 })));

    expect(result.updated.map((v) => v.id)).toEqual(range(1, 10).filter((id) => id !== bad));
    expect(result.failures).toEqual([
      {
        id: bad,
        status: 422,
        code: 'BIGCOMMERCE.UNPROCESSABLE',
        title: 'Variant inventory_level is invalid',
        errors: { inventory_level: 'must be an integer' },
        details: expect.any(Array),
      },
    ]);
    expect(server.requests).toHaveLength(1 + 10);
  });

  it('a deleted product in a batch comes back as a NOT_FOUND item failure', async () => {
    const { client } = await clientOn((req) =>
      ids(req.body).includes(3)
        ? { status: 404, body: { status: 404, title: 'Product not found', type: 'x' } }
        : echoBatch((id) => aProduct({ id }))(req),
    );
    const result = await client.updateProducts(range(1, 4).map((id) => ({ id, availability: 'available' })));
    expect(result.updated.map((p) => p.id)).toEqual([1, 2, 4]);
    expect(result.failures).toMatchObject([{ id: 3, status: 404, code: 'BIGCOMMERCE.NOT_FOUND' }]);
  });

  it('a 207 multi-status is narrowed down to the item that was only partly applied', async () => {
    const { client } = await clientOn((req) =>
      ids(req.body).includes(2)
        ? {
            status: 207,
            body: {
              data: ids(req.body).map((id) => aProduct({ id })),
              errors: {
                status: 422,
                title: 'Inventory data failed to update',
                type: 'x',
                errors: { inventory_level: 'bad' },
              },
              meta: {},
            },
          }
        : echoBatch((id) => aProduct({ id }))(req),
    );
    const result = await client.updateProducts([1, 2, 3].map((id) => ({ id, inventory_level: 4 })));
    expect(result.updated.map((p) => p.id)).toEqual([1, 2, 3]);
    expect(result.failures).toMatchObject([
      { id: 2, status: 207, code: 'BIGCOMMERCE.MULTI_STATUS', title: 'Inventory data failed to update' },
    ]);
  });

  it('errors that are not about items (auth, outage) are thrown, not reported per item', async () => {
    const { client } = await clientOn(() => ({ status: 401, body: { status: 401, title: 'Unauthorized' } }));
    await expect(client.updateProducts([{ id: 1, availability: 'disabled' }])).rejects.toMatchObject({
      code: 'BIGCOMMERCE.UNAUTHORIZED',
    });
  });

  it('sends nothing for an empty batch', async () => {
    const { client, server } = await clientOn(() => ok({}));
    expect(await client.updateVariants([])).toEqual({ updated: [], failures: [] });
    expect(server.requests).toHaveLength(0);
  });
});

describe('paged reads', () => {
  it('iterateProducts follows meta.pagination at limit 250, keeping the filters', async () => {
    const { client, server } = await clientOn((req) => {
      const page = Number(req.query.get('page'));
      const first = (page - 1) * 250 + 1;
      return v3Page(
        range(first, page < 3 ? 250 : 7).map((id) => aProduct({ id })),
        page,
        3,
        507,
      );
    });

    const seen: number[] = [];
    for await (const product of client.iterateProducts({
      'categories:in': [4, 5],
      is_visible: true,
      'inventory_level:max': 0,
      include: ['variants'],
    })) {
      seen.push(product.id);
    }

    expect(seen).toEqual(range(1, 507));
    expect(server.requests.map((r) => r.query.get('page'))).toEqual(['1', '2', '3']);
    for (const req of server.requests) {
      expect(req.path).toBe(`/stores/${STORE_HASH}/v3/catalog/products`);
      expect(req.query.get('limit')).toBe('250');
      expect(req.rawQuery).toContain('categories:in=4,5');
      expect(req.rawQuery).toContain('is_visible=true');
      expect(req.rawQuery).toContain('inventory_level:max=0');
      expect(req.rawQuery).toContain('include=variants');
    }
  });

  it('stops at total_pages even when the server ignores the page parameter', async () => {
    const { client, server } = await clientOn(() => v3Page([aProduct({ id: 1 })], 1, 3, 750));
    let count = 0;
    for await (const _ of client.iterateProducts()) count += 1;
    expect(count).toBe(3);
    expect(server.requests.map((r) => r.query.get('page'))).toEqual(['1', '2', '3']);
  });

  it('listProducts returns one page with its pagination', async () => {
    const { client, server } = await clientOn(() => v3Page([aProduct({ id: 9 })], 2, 4, 151));
    const page = await client.listProducts(
      { keyword: 'red shoe', sku: 'A-1', brand_id: 3 },
      { page: 2, limit: 50 },
    );
    expect(page.data.map((p) => p.id)).toEqual([9]);
    expect(page.pagination).toMatchObject({ current_page: 2, total_pages: 4, total: 151 });
    const req = server.requests[0]!;
    expect(req.query.get('keyword')).toBe('red shoe');
    expect(req.query.get('sku')).toBe('A-1');
    expect(req.query.get('brand_id')).toBe('3');
    expect(req.query.get('page')).toBe('2');
    expect(req.query.get('limit')).toBe('50');
  });

  it('getProductsByIds asks 250 ids at a time and skips the call when there are none', async () => {
    const { client, server } = await clientOn((req) =>
      v3Page(
        (req.query.get('id:in') ?? '').split(',').map((id) => aProduct({ id: Number(id) })),
        1,
        1,
      ),
    );
    expect(await client.getProductsByIds([])).toEqual([]);
    expect(server.requests).toHaveLength(0);

    const products = await client.getProductsByIds(range(1, 300), { include: ['variants'] });
    expect(products).toHaveLength(300);
    expect(server.requests.map((r) => (r.query.get('id:in') ?? '').split(',').length)).toEqual([250, 50]);
  });

  it('getProduct includes variants by default', async () => {
    const { client, server } = await clientOn(() =>
      ok({ data: aProduct({ id: 5, variants: [aVariant({ product_id: 5 })] }), meta: {} }),
    );
    const product = await client.getProduct(5);
    expect(product.variants?.[0]?.product_id).toBe(5);
    expect(server.requests[0]?.path).toBe(`/stores/${STORE_HASH}/v3/catalog/products/5`);
    expect(server.requests[0]?.query.get('include')).toBe('variants');
  });

  it('iterateVariants filters by product_id:in', async () => {
    const { client, server } = await clientOn(() => v3Page([aVariant({ id: 1 }), aVariant({ id: 2 })], 1, 1));
    const all = [];
    for await (const v of client.iterateVariants({ 'product_id:in': [101, 102] })) all.push(v);
    expect(all).toHaveLength(2);
    expect(server.requests[0]?.rawQuery).toContain('product_id:in=101,102');
  });

  it('getOrderProducts pages v2 until a short page', async () => {
    const { client, server } = await clientOn((req) => {
      const page = Number(req.query.get('page'));
      const count = page === 1 ? 250 : 10;
      return ok(range((page - 1) * 250 + 1, count).map((id) => anOrderProduct({ id })));
    });
    const lines = await client.getOrderProducts(250);
    expect(lines).toHaveLength(260);
    expect(server.requests.map((r) => r.path)).toEqual(
      Array(2).fill(`/stores/${STORE_HASH}/v2/orders/250/products`),
    );
    expect(server.requests.map((r) => r.query.get('limit'))).toEqual(['250', '250']);
  });

  it('v2 paging stops at a 204 No Content', async () => {
    const { client, server } = await clientOn((req) =>
      req.query.get('page') === '1' ? ok(range(1, 250).map((id) => anOrder({ id }))) : { status: 204 },
    );
    const orders = [];
    for await (const order of client.iterateOrders({ min_date_modified: '2026-03-01T00:00:00Z' }))
      orders.push(order);
    expect(orders).toHaveLength(250);
    expect(server.requests).toHaveLength(2);
    expect(server.requests[0]?.query.get('min_date_modified')).toBe('2026-03-01T00:00:00Z');
  });

  it('listCategories and listBrands read every page', async () => {
    const { client, server } = await clientOn((req) => {
      const page = Number(req.query.get('page'));
      return req.path.endsWith('/categories')
        ? v3Page([{ id: page, parent_id: 0, name: `C${page}`, is_visible: true, sort_order: 0 }], page, 2)
        : v3Page([{ id: 1, name: 'Acme' }], 1, 1);
    });
    expect((await client.listCategories()).map((c) => c.name)).toEqual(['C1', 'C2']);
    expect(await client.listBrands()).toEqual([{ id: 1, name: 'Acme' }]);
    expect(server.requests.map((r) => r.path)).toEqual([
      `/stores/${STORE_HASH}/v3/catalog/categories`,
      `/stores/${STORE_HASH}/v3/catalog/categories`,
      `/stores/${STORE_HASH}/v3/catalog/brands`,
    ]);
  });
});

describe('orders', () => {
  it('updateOrder sends only the fields it changes', async () => {
    const { client, server } = await clientOn(() =>
      ok(anOrder({ id: 250, staff_notes: 'Backordered: 2 x SKU-1' })),
    );
    const order = await client.updateOrder(250, {
      staff_notes: 'Backordered: 2 x SKU-1',
      status_id: undefined,
    });
    expect(order.staff_notes).toBe('Backordered: 2 x SKU-1');
    expect(server.requests[0]?.method).toBe('PUT');
    expect(server.requests[0]?.path).toBe(`/stores/${STORE_HASH}/v2/orders/250`);
    expect(server.requests[0]?.body).toStrictEqual({ staff_notes: 'Backordered: 2 x SKU-1' });
  });

  it('updateOrder refuses an empty change', async () => {
    const { client, server } = await clientOn(() => ok(anOrder()));
    await expect(client.updateOrder(250, {})).rejects.toThrow(TypeError);
    expect(server.requests).toHaveLength(0);
  });

  it('getOrder and listOrderStatuses read v2', async () => {
    const { client, server } = await clientOn((req) =>
      req.path.endsWith('/order_statuses')
        ? ok([
            {
              id: 5,
              name: 'Cancelled',
              system_label: 'Cancelled',
              custom_label: 'Cancelled',
              system_description: '',
            },
          ])
        : ok(anOrder({ id: 42 })),
    );
    expect((await client.getOrder(42)).id).toBe(42);
    expect((await client.listOrderStatuses())[0]?.name).toBe('Cancelled');
    expect(server.requests.map((r) => r.path)).toEqual([
      `/stores/${STORE_HASH}/v2/orders/42`,
      `/stores/${STORE_HASH}/v2/order_statuses`,
    ]);
  });
});

describe('webhooks and scripts', () => {
  it('createHook posts scope, destination, is_active and headers', async () => {
    const { client, server } = await clientOn((req) => ok({ data: aHook(req.body as object), meta: {} }));
    const hook = await client.createHook({
      scope: 'store/order/created',
      destination: 'https://app.example/webhooks',
      is_active: true,
      headers: { 'x-backorder-secret': 's3cret' },
    });
    expect(hook.id).toBe(22561593);
    expect(server.requests[0]?.method).toBe('POST');
    expect(server.requests[0]?.path).toBe(`/stores/${STORE_HASH}/v3/hooks`);
    expect(server.requests[0]?.body).toEqual({
      scope: 'store/order/created',
      destination: 'https://app.example/webhooks',
      is_active: true,
      headers: { 'x-backorder-secret': 's3cret' },
    });
  });

  it('after a 5xx on createHook it looks for the hook before posting again', async () => {
    const created = aHook();
    const { client, server } = await clientOn((req) =>
      req.method === 'POST'
        ? { status: 502 }
        : v3Page([aHook({ id: 1, headers: { other: 'x' } }), created], 1, 1),
    );
    const hook = await client.createHook({
      scope: created.scope,
      destination: created.destination,
      headers: { 'x-backorder-secret': 's3cret' },
    });
    expect(hook).toEqual(created);
    expect(server.requests.map((r) => r.method)).toEqual(['POST', 'GET']);
    expect(server.requests[1]?.query.get('scope')).toBe(created.scope);
    expect(server.requests[1]?.query.get('destination')).toBe(created.destination);
  });

  it('after a 5xx on createHook with nothing found it posts again', async () => {
    const { client, server } = await clientOn((req, i) =>
      req.method === 'GET' ? v3Page([], 1, 0) : i === 0 ? { status: 500 } : ok({ data: aHook(), meta: {} }),
    );
    await client.createHook({ scope: 'store/order/created', destination: 'https://app.example/webhooks' });
    expect(server.requests.map((r) => r.method)).toEqual(['POST', 'GET', 'POST']);
  });

  it('listHooks, updateHook and deleteHook (a hook already gone counts as deleted)', async () => {
    const { client, server } = await clientOn((req) => {
      if (req.method === 'GET') return v3Page([aHook()], 1, 1);
      if (req.method === 'PUT') return ok({ data: aHook({ is_active: true }), meta: {} });
      return req.path.endsWith('/1')
        ? ok({ data: aHook({ id: 1 }) })
        : { status: 404, body: { status: 404, title: 'Not Found' } };
    });
    expect(await client.listHooks({ is_active: false })).toHaveLength(1);
    expect(server.requests[0]?.query.get('is_active')).toBe('false');
    await client.updateHook(22561593, { is_active: true });
    expect(server.requests[1]?.body).toEqual({ is_active: true });
    await client.deleteHook(1);
    await client.deleteHook(2);
    expect(server.requests.slice(2).map((r) => `${r.method} ${r.path}`)).toEqual([
      `DELETE /stores/${STORE_HASH}/v3/hooks/1`,
      `DELETE /stores/${STORE_HASH}/v3/hooks/2`,
    ]);
  });

  it('scripts CRUD on /content/scripts', async () => {
    const script = aScript();
    const { client, server } = await clientOn((req) => {
      if (req.method === 'DELETE') return { status: 204 };
      if (req.method === 'GET') return v3Page([script], 1, 1);
      return ok({ data: { ...script, ...(req.body as object) }, meta: {} });
    });
    const created = await client.createScript({
      name: script.name,
      kind: 'src',
      src: script.src!,
      location: 'footer',
      visibility: 'storefront',
      auto_uninstall: true,
      consent_category: 'essential',
    });
    expect(created.uuid).toBe(script.uuid);
    expect(await client.listScripts()).toEqual([script]);
    const updated = await client.updateScript(script.uuid, { src: 'https://app.example/v2.js' });
    expect(updated.src).toBe('https://app.example/v2.js');
    await client.deleteScript(script.uuid);
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      `POST /stores/${STORE_HASH}/v3/content/scripts`,
      `GET /stores/${STORE_HASH}/v3/content/scripts`,
      `PUT /stores/${STORE_HASH}/v3/content/scripts/${script.uuid}`,
      `DELETE /stores/${STORE_HASH}/v3/content/scripts/${script.uuid}`,
    ]);
    expect(server.requests[2]?.body).toEqual({ src: 'https://app.example/v2.js' });
  });

  it('after a timeout on createScript it finds the script the first send created', async () => {
    const script = aScript();
    const { client, server } = await clientOn(
      (req) => (req.method === 'POST' ? 'hang' : v3Page([script], 1, 1)),
      { timeoutMs: 100 },
    );
    const found = await client.createScript({ name: script.name, kind: 'src', src: script.src! });
    expect(found.uuid).toBe(script.uuid);
    expect(server.requests.map((r) => r.method)).toEqual(['POST', 'GET']);
  });
});

describe('inventory', () => {
  it('getInventoryItems reads every page with the filters', async () => {
    const item = {
      identity: { sku: 'SKU-1', variant_id: 1001, product_id: 101, sku_id: null },
      locations: [
        {
          location_id: 1,
          location_code: 'BC-LOCATION-1',
          location_name: 'Default location',
          available_to_sell: 4,
          total_inventory_onhand: 4,
          location_enabled: true,
          settings: { safety_stock: 0, is_in_stock: true, warning_level: 0, bin_picking_number: '' },
        },
      ],
    };
    const { client, server } = await clientOn(() => v3Page([item], 1, 1));
    expect(await client.getInventoryItems({ 'variant_id:in': [1001], 'location_id:in': [1] })).toEqual([
      item,
    ]);
    expect(server.requests[0]?.path).toBe(`/stores/${STORE_HASH}/v3/inventory/items`);
    expect(server.requests[0]?.rawQuery).toContain('variant_id:in=1001');
  });

  it('adjustInventoryAbsolute PUTs at most 2000 items per request', async () => {
    let n = 0;
    const { client, server } = await clientOn(() => ok({ transaction_id: `tx-${++n}` }));
    const items = range(1, 2001).map((variant_id) => ({ location_id: 1, variant_id, quantity: 0 }));
    const result = await client.adjustInventoryAbsolute({ reason: 'Backorder sync', items });
    expect(result.transaction_ids).toEqual(['tx-1', 'tx-2']);
    expect(server.requests.map((r) => (r.body as { items: unknown[] }).items.length)).toEqual([2000, 1]);
    expect(server.requests[0]?.method).toBe('PUT');
    expect(server.requests[0]?.path).toBe(`/stores/${STORE_HASH}/v3/inventory/adjustments/absolute`);
    expect(server.requests[0]?.body).toMatchObject({ reason: 'Backorder sync' });
  });
});

describe('other endpoints', () => {
  it('request() reaches any v2/v3 path through the same lane and refuses path tricks', async () => {
    const { client, server } = await clientOn(() => ok({ time: 1_700_000_000 }));
    const res = await client.request<{ time: number }>({ method: 'GET', api: 'v2', path: '/time' });
    expect(res).toEqual({ status: 200, body: { time: 1_700_000_000 } });
    await client.request({
      method: 'PUT',
      api: 'v3',
      path: '/inventory/locations/1/items',
      body: { settings: [{ identity: { variant_id: 1 }, safety_stock: 0 }] },
    });
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      `GET /stores/${STORE_HASH}/v2/time`,
      `PUT /stores/${STORE_HASH}/v3/inventory/locations/1/items`,
    ]);
    await expect(client.request({ method: 'GET', api: 'v3', path: '/../../other/v3/hooks' })).rejects.toThrow(
      TypeError,
    );
    await expect(client.request({ method: 'GET', api: 'v3', path: 'https://evil.example' })).rejects.toThrow(
      TypeError,
    );
    expect(server.requests).toHaveLength(2);
  });
});

describe('OAuth code exchange', () => {
  it('POSTs the code to /oauth2/token and returns the token', async () => {
    const server = await startFakeServer(() =>
      ok({
        access_token: 'ACCESS',
        scope: 'store_v2_products store_v2_orders',
        user: { id: 24654, username: 'merchant@example.com', email: 'merchant@example.com' },
        owner: { id: 24654, username: 'merchant@example.com', email: 'merchant@example.com' },
        context: 'stores/abc123',
        account_uuid: 'uuid-1',
      }),
    );
    onCleanup(() => server.close());
    const token = await exchangeAuthCode({
      loginBaseUrl: server.url,
      clientId: 'cid',
      clientSecret: 'secret',
      code: 'qr6h3thvbvag2ffq',
      scope: 'store_v2_products store_v2_orders',
      context: 'stores/abc123',
      redirectUri: 'https://app.example/auth',
    });
    expect(token.access_token).toBe('ACCESS');
    expect(storeHashFromContext(token.context)).toBe('abc123');
    expect(server.requests[0]?.method).toBe('POST');
    expect(server.requests[0]?.path).toBe('/oauth2/token');
    expect(server.requests[0]?.headers['x-auth-token']).toBeUndefined();
    expect(server.requests[0]?.body).toEqual({
      client_id: 'cid',
      client_secret: 'secret',
      code: 'qr6h3thvbvag2ffq',
      context: 'stores/abc123',
      scope: 'store_v2_products store_v2_orders',
      grant_type: 'authorization_code',
      redirect_uri: 'https://app.example/auth',
    });
  });

  it('a refused code is a typed error, not retried', async () => {
    const server = await startFakeServer(() => ({
      status: 400,
      body: { error: 'invalid_grant', message: 'Invalid code' },
    }));
    onCleanup(() => server.close());
    const error: BigCommerceError = await exchangeAuthCode({
      loginBaseUrl: server.url,
      clientId: 'cid',
      clientSecret: 'secret',
      code: 'used',
      scope: 's',
      context: 'stores/abc123',
      redirectUri: 'https://app.example/auth',
    }).catch((e) => e);
    expect(error.code).toBe('BIGCOMMERCE.BAD_REQUEST');
    expect(error.title).toBe('Invalid code');
    expect(server.requests).toHaveLength(1);
  });

  it('storeHashFromContext rejects anything but stores/{hash}', () => {
    expect(storeHashFromContext('stores/x1y2')).toBe('x1y2');
    expect(storeHashFromContext('stores/../admin')).toBeNull();
    expect(storeHashFromContext('accounts/1')).toBeNull();
  });
});
