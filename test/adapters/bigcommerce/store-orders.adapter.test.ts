import { describe, expect, it } from 'vitest';
import { createStoreOrders } from '../../../src/adapters/bigcommerce/index.js';
import { asStoreId } from '../../../src/app/ports/store-id.js';
import type { OrderStatus } from '../../../src/app/ports/store-orders.js';
import { anOrder, anOrderProduct } from './support/builders.js';
import { ok, type Reply } from './support/fake-bigcommerce.js';
import { clientOn, STORE_HASH } from './support/harness.js';

/** StoreOrders over the BigCommerce client: what the use cases read and write, in the app's terms. */
const STORE_ID = asStoreId(7);
const notFound: Reply = {
  status: 404,
  body: [{ status: 404, message: 'The requested resource was not found.' }],
};

async function ordersOn(handler: Parameters<typeof clientOn>[0]) {
  const { client, server } = await clientOn(handler, { maxRetries: 0 });
  const asked: number[] = [];
  const orders = createStoreOrders(async (storeId) => {
    asked.push(storeId);
    return client;
  });
  return { orders, server, asked };
}

describe('StoreOrders over BigCommerce', () => {
  it("maps BigCommerce's order status ids to the app's statuses", async () => {
    const expected: Record<number, OrderStatus> = {
      0: 'incomplete',
      1: 'pending',
      2: 'shipped',
      3: 'partiallyShipped',
      4: 'refunded',
      5: 'cancelled',
      6: 'declined',
      7: 'awaitingPayment',
      8: 'awaitingPickup',
      9: 'awaitingShipment',
      10: 'completed',
      11: 'awaitingFulfillment',
      12: 'manualVerificationRequired',
      13: 'disputed',
      14: 'partiallyRefunded',
      99: 'unknown',
    };
    // Order 1000 + n has status id n.
    const { orders, server, asked } = await ordersOn((req) => {
      const id = Number(req.path.split('/').at(-1));
      return ok(anOrder({ id, status_id: id - 1000, staff_notes: 'Fragile' }));
    });
    for (const [statusId, status] of Object.entries(expected)) {
      const id = 1000 + Number(statusId);
      expect(await orders.getOrder(STORE_ID, id)).toEqual({
        id,
        status,
        staffNotes: 'Fragile',
        createdAt: new Date('2026-03-05T10:00:00Z'),
        customerName: null,
      });
    }
    // One call per read, for the store asked.
    expect(server.requests).toHaveLength(16);
    expect(server.requests[0]).toMatchObject({ method: 'GET', path: `/stores/${STORE_HASH}/v2/orders/1000` });
    expect(new Set(asked)).toEqual(new Set([STORE_ID]));
  });

  it('reads missing staff notes as empty, and a deleted order as null', async () => {
    const { orders } = await ordersOn((req) =>
      req.path.endsWith('/250') ? ok({ ...anOrder({ id: 250 }), staff_notes: null }) : notFound,
    );
    expect(await orders.getOrder(STORE_ID, 250)).toMatchObject({ staffNotes: '' });
    expect(await orders.getOrder(STORE_ID, 251)).toBeNull();
  });

  it('names the customer by the billing first and last name, leaving out blank parts', async () => {
    const address = (first_name: string, last_name: string) => ({ first_name, last_name, email: 'a@b.c' });
    const { orders } = await ordersOn((req) => {
      const id = Number(req.path.split('/').at(-1));
      const billing = {
        260: address(' Jane ', 'Doe'),
        261: address('', 'Müller'),
        262: address(' ', ''),
      }[id];
      return ok(anOrder({ id, ...(billing === undefined ? {} : { billing_address: billing }) }));
    });
    expect(await orders.getOrder(STORE_ID, 260)).toMatchObject({ customerName: 'Jane Doe' });
    expect(await orders.getOrder(STORE_ID, 261)).toMatchObject({ customerName: 'Müller' });
    expect(await orders.getOrder(STORE_ID, 262)).toMatchObject({ customerName: null });
    expect(await orders.getOrder(STORE_ID, 263)).toMatchObject({ customerName: null });
  });

  it('reads the lines: catalog ids, gift certificates, the merchant’s name and the chosen options', async () => {
    const { orders, server } = await ordersOn(() =>
      ok([
        anOrderProduct({
          id: 1,
          product_id: 101,
          variant_id: 1001,
          sku: 'TEE-L',
          name: 'T-Shirt',
          name_merchant: 'T-Shirt (cotton)',
          quantity: 2,
          product_options: [
            {
              id: 1,
              option_id: 3,
              order_product_id: 1,
              product_option_id: 9,
              display_name: 'Size',
              display_value: 'L',
              value: '12',
              name: 'size',
            },
          ],
        }),
        anOrderProduct({ id: 2, product_id: 0, variant_id: 0, type: 'physical', name: 'Custom engraving' }),
        anOrderProduct({ id: 3, product_id: 0, variant_id: 0, type: 'giftcertificate', name: 'Gift card' }),
        anOrderProduct({ id: 4, product_id: 102, variant_id: 1020, type: 'digital', name_merchant: '' }),
      ]),
    );

    expect(await orders.getOrderLines(STORE_ID, 250)).toEqual([
      {
        id: 1,
        bcProductId: 101,
        bcVariantId: 1001,
        kind: 'product',
        quantity: 2,
        name: 'T-Shirt (cotton)',
        sku: 'TEE-L',
        options: [{ name: 'Size', value: 'L' }],
      },
      expect.objectContaining({ id: 2, bcProductId: null, bcVariantId: null, kind: 'product' }),
      expect.objectContaining({ id: 3, bcProductId: null, kind: 'giftCertificate', name: 'Gift card' }),
      expect.objectContaining({ id: 4, bcProductId: 102, kind: 'product', name: 'Product 101', options: [] }),
    ]);
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      `GET /stores/${STORE_HASH}/v2/orders/250/products`,
    ]);
  });

  it('reads BigCommerce’s own backordered units of a line (native backorders, beta) only when it sends them', async () => {
    const { orders } = await ordersOn(() =>
      ok([
        { ...anOrderProduct({ id: 1, quantity: 5 }), quantity_backordered: 2 },
        { ...anOrderProduct({ id: 2, quantity: 1 }), quantity_backordered: 0 },
        anOrderProduct({ id: 3 }),
      ]),
    );
    const lines = (await orders.getOrderLines(STORE_ID, 251))!;
    expect(lines.map((l) => l.quantityBackordered)).toEqual([2, 0, undefined]);
    expect('quantityBackordered' in lines[2]!).toBe(false);
  });

  it('reads the lines of a deleted order as null; an outage throws', async () => {
    const { orders } = await ordersOn((req) => (req.path.includes('/250/') ? notFound : { status: 500 }));
    expect(await orders.getOrderLines(STORE_ID, 250)).toBeNull();
    await expect(orders.getOrderLines(STORE_ID, 251)).rejects.toMatchObject({
      code: 'BIGCOMMERCE.SERVER_ERROR',
    });
  });

  it('reads the shipping addresses (every page), missing parts as empty; a deleted order as null', async () => {
    const { orders, server } = await ordersOn((req) =>
      req.path.includes('/250/')
        ? ok([
            {
              id: 7,
              order_id: 250,
              first_name: 'Zoë',
              last_name: 'Wójcik',
              company: '',
              street_1: 'ul. Piotrkowska 1',
              street_2: '',
              city: 'Łódź',
              state: 'łódzkie',
              zip: '90-001',
              country: 'Poland',
              country_iso2: 'PL',
              phone: '',
              email: 'zoe@example.com',
              shipping_method: 'Free Shipping',
            },
            { id: 8, order_id: 250, first_name: 'Ada', city: 'Austin' },
          ])
        : notFound,
    );
    expect(await orders.getShippingAddresses(STORE_ID, 250)).toEqual([
      {
        id: 7,
        firstName: 'Zoë',
        lastName: 'Wójcik',
        company: '',
        street1: 'ul. Piotrkowska 1',
        street2: '',
        city: 'Łódź',
        state: 'łódzkie',
        zip: '90-001',
        country: 'Poland',
        phone: '',
      },
      {
        id: 8,
        firstName: 'Ada',
        lastName: '',
        company: '',
        street1: '',
        street2: '',
        city: 'Austin',
        state: '',
        zip: '',
        country: '',
        phone: '',
      },
    ]);
    expect(server.requests[0]).toMatchObject({
      method: 'GET',
      path: `/stores/${STORE_HASH}/v2/orders/250/shipping_addresses`,
    });
    expect(await orders.getShippingAddresses(STORE_ID, 251)).toBeNull();
  });

  it('writes the staff notes alone (other fields would clear discounts); false when the order is gone', async () => {
    const { orders, server } = await ordersOn((req) =>
      req.path.endsWith('/250') ? ok(anOrder({ id: 250, staff_notes: 'New' })) : notFound,
    );
    expect(await orders.writeStaffNotes(STORE_ID, 250, 'New')).toBe(true);
    expect(server.requests[0]).toMatchObject({
      method: 'PUT',
      path: `/stores/${STORE_HASH}/v2/orders/250`,
      body: { staff_notes: 'New' },
    });
    expect(Object.keys(server.requests[0]!.body as object)).toEqual(['staff_notes']);
    expect(await orders.writeStaffNotes(STORE_ID, 251, 'New')).toBe(false);
  });
  it('reads an order with its lines side-loaded in one call; either consignment structure; the lines read apart only when some are missing', async () => {
    const line = (id: number, quantity: number) => anOrderProduct({ id, order_id: 250, quantity });
    const consignments = {
      pickups: [],
      shipping: [{ id: 1, line_items: [line(2, 1), line(1, 2)] }],
      downloads: [],
    };
    const answers: Record<string, unknown> = {
      object: { ...anOrder({ id: 250, items_total: 3 }), consignments },
      legacy: { ...anOrder({ id: 250, items_total: 3 }), consignments: [consignments] },
      short: { ...anOrder({ id: 250, items_total: 5 }), consignments },
    };
    let answer = 'object';
    const { orders, server } = await ordersOn((req) =>
      req.path.endsWith('/products') ? ok([line(1, 2), line(2, 1), line(3, 2)]) : ok(answers[answer]),
    );
    for (const structure of ['object', 'legacy']) {
      answer = structure;
      const before = server.requests.length;
      const read = await orders.getOrderWithLines(STORE_ID, 250);
      expect(read?.lines.map((l) => [l.id, l.quantity])).toEqual([
        [1, 2],
        [2, 1],
      ]);
      expect(
        server.requests.slice(before).map((r) => [r.path.split('/v2')[1], r.query.get('include')]),
      ).toEqual([['/orders/250', 'consignments.line_items']]);
      expect(server.requests.at(-1)!.query.get('consignment_structure')).toBe('object');
    }
    answer = 'short';
    const before = server.requests.length;
    expect((await orders.getOrderWithLines(STORE_ID, 250))?.lines.map((l) => l.id)).toEqual([1, 2, 3]);
    expect(server.requests.slice(before).map((r) => r.path.split('/v2')[1])).toEqual([
      '/orders/250',
      '/orders/250/products',
    ]);
  });
});
