import { expect, it } from 'vitest';
import { StoreNotConnectedError } from '../../../src/app/ports/store-not-connected.js';
import type { OrderStatus, StoreOrderLine } from '../../../src/app/ports/store-orders.js';
import { aCatalogProduct, anOrder, aSizedProduct } from '../../builders/catalog.builder.js';
import { describeEachStore } from './support/store-targets.js';

/**
 * StoreOrders' contract: what the order webhooks rely on, held on the real adapter over the sandbox and
 * on the in-memory fake alike (test/adapters/bigcommerce/support/store-targets.ts).
 */
describeEachStore('StoreOrders', (target) => {
  it('reads an order: status, staff notes, and lines naming product, variant, SKU, options and name', async () => {
    const shop = await target().aStore();
    const sized = await shop.product(aSizedProduct({ S: 5, M: 5 }, { name: `Tee ${shop.storeId}` }));
    const mug = await shop.product(
      aCatalogProduct({ name: `Mug ${shop.storeId}`, sku: `MUG-${shop.storeId}` }),
    );
    const m = sized.variants[1]!;
    const orderId = await shop.order(
      anOrder(
        [
          { bcProductId: sized.id, bcVariantId: m.id, quantity: 2 },
          { bcProductId: mug.id, quantity: 1 },
          { custom: 'Engraving', quantity: 1, sku: 'ENG' },
        ],
        {
          status: 'awaitingFulfillment',
          staffNotes: 'Leave at the door.',
          customer: { firstName: 'Zoë', lastName: 'Łukasik' },
        },
      ),
    );

    const before = Date.now();
    expect(await target().orders.getOrder(shop.storeId, orderId)).toEqual({
      id: orderId,
      status: 'awaitingFulfillment',
      staffNotes: 'Leave at the door.',
      createdAt: expect.any(Date),
      customerName: 'Zoë Łukasik',
    });
    // Placed just now, in whole seconds as BigCommerce writes it.
    const { createdAt } = (await target().orders.getOrder(shop.storeId, orderId))!;
    expect(createdAt.getMilliseconds()).toBe(0);
    expect(Math.abs(before - createdAt.getTime())).toBeLessThan(60_000);
    const lines = await target().orders.getOrderLines(shop.storeId, orderId);
    expect(lines).toEqual<StoreOrderLine[]>([
      {
        id: expect.any(Number),
        bcProductId: sized.id,
        bcVariantId: m.id,
        kind: 'product',
        quantity: 2,
        name: `Tee ${shop.storeId}`,
        sku: m.sku,
        options: [{ name: 'Size', value: 'M' }],
      },
      {
        id: expect.any(Number),
        bcProductId: mug.id,
        // A product without options is sold as its base variant.
        bcVariantId: mug.variants[0]!.id,
        kind: 'product',
        quantity: 1,
        name: `Mug ${shop.storeId}`,
        sku: `MUG-${shop.storeId}`,
        options: [],
      },
      {
        id: expect.any(Number),
        bcProductId: null,
        bcVariantId: null,
        kind: 'product',
        quantity: 1,
        name: 'Engraving',
        sku: 'ENG',
        options: [],
      },
    ]);
    expect(new Set(lines!.map((l) => l.id)).size).toBe(3);
  });

  it('reads an order with its lines in one read: shipped, picked up, and a range of orders in one list', async () => {
    const shop = await target().aStore();
    const sized = await shop.product(aSizedProduct({ S: 5, M: 5 }));
    const mug = await shop.product(aCatalogProduct());
    const m = sized.variants[1]!;
    const shipped = await shop.order(
      anOrder(
        [
          { bcProductId: sized.id, bcVariantId: m.id, quantity: 2 },
          { bcProductId: mug.id, quantity: 1 },
          { custom: 'Engraving', quantity: 1, sku: 'ENG' },
        ],
        {
          status: 'awaitingFulfillment',
          staffNotes: 'Leave at the door.',
          customer: { firstName: 'Zoë', lastName: 'Łukasik' },
          shippingAddresses: [
            { firstName: 'Zoë', lastName: 'Łukasik', street1: '1 Main St', city: 'Austin' },
          ],
        },
      ),
    );
    // Without a shipping address (a pickup): the lines are there all the same.
    const pickedUp = await shop.order(anOrder([{ bcProductId: mug.id, quantity: 4 }]));

    const read = await target().orders.getOrderWithLines(shop.storeId, shipped);
    expect(read).toEqual({
      ...(await target().orders.getOrder(shop.storeId, shipped)),
      lines: await target().orders.getOrderLines(shop.storeId, shipped),
    });
    expect(read!.lines).toHaveLength(3);
    const pickup = await target().orders.getOrderWithLines(shop.storeId, pickedUp);
    expect(pickup!.lines).toEqual(await target().orders.getOrderLines(shop.storeId, pickedUp));
    expect(pickup!.lines.map((l) => l.quantity)).toEqual([4]);

    const listed = await target().orders.listOrdersWithLines(shop.storeId, {
      minId: Math.min(shipped, pickedUp),
      maxId: Math.max(shipped, pickedUp),
    });
    expect(listed).toEqual([read, pickup].sort((a, b) => a!.id - b!.id));
    expect(await target().orders.getOrderWithLines(shop.storeId, 987_654_321)).toBeNull();
    expect(
      await target().orders.listOrdersWithLines(shop.storeId, { minId: 987_654_000, maxId: 987_654_249 }),
    ).toEqual([]);
    await expect(target().orders.listOrdersWithLines(shop.storeId, { minId: 1, maxId: 251 })).rejects.toThrow(
      RangeError,
    );
  });

  it('reads every status the app names as it was set', async () => {
    const shop = await target().aStore();
    const statuses: OrderStatus[] = [
      'incomplete',
      'pending',
      'shipped',
      'partiallyShipped',
      'refunded',
      'cancelled',
      'declined',
      'awaitingPayment',
      'awaitingPickup',
      'awaitingShipment',
      'completed',
      'awaitingFulfillment',
      'manualVerificationRequired',
      'disputed',
      'partiallyRefunded',
    ];
    for (const status of statuses) {
      const orderId = await shop.order(anOrder([{ custom: 'Gift wrap', quantity: 1 }], { status }));
      expect(await target().orders.getOrder(shop.storeId, orderId)).toMatchObject({ status, staffNotes: '' });
    }
  });

  it('staff notes written read back, and change nothing else of the order', async () => {
    const shop = await target().aStore();
    const mug = await shop.product(aCatalogProduct());
    const orderId = await shop.order(
      anOrder([{ bcProductId: mug.id, quantity: 3 }], { status: 'awaitingShipment', staffNotes: 'VIP.' }),
    );
    const lines = await target().orders.getOrderLines(shop.storeId, orderId);

    expect(await target().orders.writeStaffNotes(shop.storeId, orderId, 'VIP.\n\n--- Backorder ---')).toBe(
      true,
    );

    expect(await target().orders.getOrder(shop.storeId, orderId)).toMatchObject({
      id: orderId,
      status: 'awaitingShipment',
      staffNotes: 'VIP.\n\n--- Backorder ---',
      // An order naming nobody.
      customerName: null,
    });
    expect(await target().orders.getOrderLines(shop.storeId, orderId)).toEqual(lines);
    expect(await target().orders.writeStaffNotes(shop.storeId, orderId, '')).toBe(true);
    expect(await target().orders.getOrder(shop.storeId, orderId)).toMatchObject({ staffNotes: '' });
  });

  it('reads where an order ships, each address with an id of its own; an order without shipping has none', async () => {
    const shop = await target().aStore();
    const mug = await shop.product(aCatalogProduct());
    const orderId = await shop.order(
      anOrder([{ bcProductId: mug.id, quantity: 1 }], {
        shippingAddresses: [
          {
            firstName: 'Zoë',
            lastName: 'Wójcik',
            company: 'Łódź Ćwikła sp. z o.o.',
            street1: 'ul. Piotrkowska 1',
            street2: 'lok. 2',
            city: 'Łódź',
            state: 'łódzkie',
            zip: '90-001',
            country: 'Poland',
            phone: '+48 42 000 00 00',
          },
          { firstName: 'Ada', lastName: 'Shopper', street1: '1 Main St', city: 'Austin', zip: '78701' },
        ],
      }),
    );
    const addresses = await target().orders.getShippingAddresses(shop.storeId, orderId);
    expect(addresses).toEqual([
      {
        id: expect.any(Number),
        firstName: 'Zoë',
        lastName: 'Wójcik',
        company: 'Łódź Ćwikła sp. z o.o.',
        street1: 'ul. Piotrkowska 1',
        street2: 'lok. 2',
        city: 'Łódź',
        state: 'łódzkie',
        zip: '90-001',
        country: 'Poland',
        phone: '+48 42 000 00 00',
      },
      {
        id: expect.any(Number),
        firstName: 'Ada',
        lastName: 'Shopper',
        company: '',
        street1: '1 Main St',
        street2: '',
        city: 'Austin',
        state: '',
        zip: '78701',
        country: '',
        phone: '',
      },
    ]);
    expect(new Set(addresses!.map((a) => a.id)).size).toBe(2);

    const pickup = await shop.order(anOrder([{ bcProductId: mug.id, quantity: 1 }]));
    expect(await target().orders.getShippingAddresses(shop.storeId, pickup)).toEqual([]);
  });

  it('an unknown order reads as null, its lines too, and writing its staff notes answers false', async () => {
    const shop = await target().aStore();
    expect(await target().orders.getOrder(shop.storeId, 987_654_321)).toBeNull();
    expect(await target().orders.getOrderLines(shop.storeId, 987_654_321)).toBeNull();
    expect(await target().orders.getShippingAddresses(shop.storeId, 987_654_321)).toBeNull();
    expect(await target().orders.writeStaffNotes(shop.storeId, 987_654_321, 'Note')).toBe(false);
  });

  it('throws StoreNotConnectedError for a store the app is no longer connected to; an outage throws', async () => {
    const shop = await target().aStore();
    const orderId = await shop.order(anOrder([{ custom: 'Gift wrap', quantity: 1 }]));
    await shop.duringOutage(async () => {
      await expect(target().orders.getOrder(shop.storeId, orderId)).rejects.toMatchObject({
        code: 'BIGCOMMERCE.SERVER_ERROR',
      });
      await expect(target().orders.writeStaffNotes(shop.storeId, orderId, 'x')).rejects.toMatchObject({
        code: 'BIGCOMMERCE.SERVER_ERROR',
      });
    });
    expect(await target().orders.getOrder(shop.storeId, orderId)).toMatchObject({ staffNotes: '' });

    await shop.disconnect();
    await expect(target().orders.getOrderLines(shop.storeId, orderId)).rejects.toBeInstanceOf(
      StoreNotConnectedError,
    );
  });
});
