import { describe, expect, it } from 'vitest';
import { NOTE_START } from '../../../src/app/orders/packing-slip-note.js';
import { printPackingSlips } from '../../../src/app/orders/print-packing-slips.js';
import type { PackingSlipDocument, PackingSlipPrinter } from '../../../src/app/ports/packing-slip-printer.js';
import { aCatalogProduct, anOrder, aSizedProduct } from '../../builders/catalog.builder.js';
import { orderCreated, orderStatusUpdated } from '../../builders/webhook.builder.js';
import { aStoreOnFakes, assigned, deliver, type StoreOnFakes, TEST_NOW } from '../support/store-on-fakes.js';

/**
 * The packing slips of recorded orders, on fakes: what the use case hands the printer (the PDF itself is
 * tested in test/adapters/pdf, the operation in test/http/api-v1/packing-slips.test.ts).
 */

/** A printer that keeps what it was given and answers bytes naming the orders. */
function aRecordingPrinter(): PackingSlipPrinter & { readonly printed: PackingSlipDocument[] } {
  const printed: PackingSlipDocument[] = [];
  return {
    printed,
    async print(document) {
      printed.push(document);
      return new TextEncoder().encode(document.slips.map((s) => s.orderId).join(','));
    },
  };
}

const ADDRESS = {
  firstName: 'Zoë',
  lastName: 'Wójcik',
  company: 'Ćwikła sp. z o.o.',
  street1: 'ul. Piotrkowska 1',
  city: 'Łódź',
  state: 'łódzkie',
  zip: '90-001',
  country: 'Poland',
};

async function aWorld(options: Parameters<typeof aStoreOnFakes>[0] = {}) {
  const world = await aStoreOnFakes({
    template: {
      packingSlipMessage: 'Zásilka odešle [{back_in_stock_date}, ]{backordered} kusů čeká.',
      backInStockDate: null,
    },
    ...options,
  });
  const printer = aRecordingPrinter();
  const deps = { ...world.deps, packingSlipPrinter: printer };
  return { world, printer, deps };
}

/** An order placed in the store and recorded by the app (its order webhook processed). */
async function aRecordedOrder(world: StoreOnFakes, seed: Parameters<typeof anOrder>[0], extra = {}) {
  const order = world.shop.addOrder(anOrder(seed, { shippingAddresses: [ADDRESS], ...extra }));
  expect(await deliver(world, orderCreated(order.id))).toBe('processed');
  return order;
}

describe('printing packing slips', () => {
  it('hands the printer each order: store, number, date, ship-to, every line with its backordered units, the messages', async () => {
    const { world, printer, deps } = await aWorld();
    await world.repos.stores.updateProfile(world.storeId, { name: 'Sklep Łódź' }, TEST_NOW);
    const sized = world.shop.addProduct(
      aSizedProduct({ S: 0, M: 1 }, { name: 'Łódź Ćwikła Ősz', sku: 'LCO' }),
    );
    const other = world.shop.addProduct(aCatalogProduct({ name: 'Not assigned', sku: 'NA-1' }));
    await assigned(world, sized, { 'LCO-S': 0, 'LCO-M': 1 });
    const order = await aRecordedOrder(world, [
      { bcProductId: sized.id, bcVariantId: sized.variants.find((v) => v.sku === 'LCO-M')!.id, quantity: 5 },
      { bcProductId: other.id, quantity: 2 },
      { custom: 'Engraving', quantity: 1 },
      { giftCertificate: 'Gift card' },
    ]);

    const result = await printPackingSlips(deps, { storeId: world.storeId, orderIds: [order.id] });

    expect(result).toEqual({
      ok: true,
      pdf: new TextEncoder().encode(String(order.id)),
      orderIds: [order.id],
    });
    expect(printer.printed).toEqual([
      {
        storeName: 'Sklep Łódź',
        locale: world.store.locale,
        printedAt: TEST_NOW,
        slips: [
          {
            orderId: order.id,
            // Placed at TEST_NOW: 10 March in Chicago.
            placedOn: 'March 10, 2026',
            shipTo: [
              ['Zoë Wójcik', 'Ćwikła sp. z o.o.', 'ul. Piotrkowska 1', 'Łódź, łódzkie 90-001', 'Poland'],
            ],
            lines: [
              {
                name: 'Łódź Ćwikła Ősz',
                options: ['Size: M'],
                sku: 'LCO-M',
                quantity: 5,
                backordered: 4,
                givenBack: false,
              },
              {
                name: 'Not assigned',
                options: [],
                sku: 'NA-1',
                quantity: 2,
                backordered: 0,
                givenBack: false,
              },
              { name: 'Engraving', options: [], sku: null, quantity: 1, backordered: 0, givenBack: false },
            ],
            messages: ['Zásilka odešle 4 kusů čeká.'],
          },
        ],
      },
    ]);
    // The staff note carries the same message, rendered by the same code.
    expect(world.shop.order(order.id)?.staffNotes).toContain(`${NOTE_START}\nZásilka odešle 4 kusů čeká.\n`);
  });

  it('dates and numbers as the store writes them, the date in the store’s time zone', async () => {
    // 15:00 UTC on 10 March is already 11 March in Auckland.
    const { world, printer, deps } = await aWorld({ timezone: 'Pacific/Auckland' });
    await world.repos.stores.updateProfile(world.storeId, { locale: 'de-DE' }, TEST_NOW);
    const product = world.shop.addProduct(aCatalogProduct());
    await assigned(world, product, 0);
    const order = await aRecordedOrder(world, [{ bcProductId: product.id, quantity: 1200 }]);

    await printPackingSlips(deps, { storeId: world.storeId, orderIds: [order.id] });

    const [slip] = printer.printed[0]!.slips;
    expect(slip!.placedOn).toBe('11. März 2026');
    expect(slip!.messages).toEqual(['Zásilka odešle 1.200 kusů čeká.']);
    expect(printer.printed[0]!.locale).toBe('de-DE');
  });

  it('prints several orders in the order asked, a repeated one once', async () => {
    const { world, printer, deps } = await aWorld();
    const product = world.shop.addProduct(aCatalogProduct());
    await assigned(world, product, 0);
    const first = await aRecordedOrder(world, [{ bcProductId: product.id, quantity: 1 }]);
    const second = await aRecordedOrder(world, [{ bcProductId: product.id, quantity: 2 }]);

    const result = await printPackingSlips(deps, {
      storeId: world.storeId,
      orderIds: [second.id, first.id, second.id],
    });

    expect(result).toMatchObject({ ok: true, orderIds: [second.id, first.id] });
    expect(printer.printed[0]!.slips.map((slip) => slip.orderId)).toEqual([second.id, first.id]);
  });

  it('marks a line given back and carries no message for it; an order shipping nowhere has no address', async () => {
    const { world, printer, deps } = await aWorld({ settings: { restockOnCancel: true } });
    const product = world.shop.addProduct(aCatalogProduct());
    await assigned(world, product, 0);
    const order = await aRecordedOrder(world, [{ bcProductId: product.id, quantity: 2 }], {
      shippingAddresses: [],
    });
    world.shop.setOrderStatus(order.id, 'cancelled');
    expect(await deliver(world, orderStatusUpdated(order.id, 'pending', 'cancelled'))).toBe('processed');

    await printPackingSlips(deps, { storeId: world.storeId, orderIds: [order.id] });

    expect(printer.printed[0]!.slips[0]).toMatchObject({
      shipTo: [],
      lines: [{ quantity: 2, backordered: 2, givenBack: true }],
      messages: [],
    });
  });

  it('refuses an order the app did not record for this store, naming it, before asking BigCommerce anything', async () => {
    const { world, printer, deps } = await aWorld();
    const product = world.shop.addProduct(aCatalogProduct());
    await assigned(world, product, 0);
    const recorded = await aRecordedOrder(world, [{ bcProductId: product.id, quantity: 1 }]);
    // In the store, but with nothing of the app: no order webhook recorded it.
    const unrelated = world.shop.addOrder(anOrder([{ custom: 'Gift wrap', quantity: 1 }]));
    const otherStore = await aWorld();
    const otherProduct = otherStore.world.shop.addProduct(aCatalogProduct());
    await assigned(otherStore.world, otherProduct, 0);
    // Order ids are per store: theirs is given a number that is no order of ours.
    for (let n = 0; n < 5; n++)
      otherStore.world.shop.addOrder(anOrder([{ custom: 'Gift wrap', quantity: 1 }]));
    const theirs = await aRecordedOrder(otherStore.world, [{ bcProductId: otherProduct.id, quantity: 1 }]);
    const callsBefore = world.shop.calls.length;

    for (const orderId of [unrelated.id, theirs.id, 987_654]) {
      const result = await printPackingSlips(deps, {
        storeId: world.storeId,
        orderIds: [recorded.id, orderId],
      });
      expect(result).toMatchObject({ ok: false, code: 'ORDER.NOT_FOUND' });
      expect(result.ok ? '' : result.message).toContain(String(orderId));
    }
    expect(world.shop.calls.length).toBe(callsBefore);
    expect(printer.printed).toEqual([]);
  });

  it('refuses an order BigCommerce no longer has', async () => {
    const { world, printer, deps } = await aWorld();
    const product = world.shop.addProduct(aCatalogProduct());
    await assigned(world, product, 0);
    const order = await aRecordedOrder(world, [{ bcProductId: product.id, quantity: 1 }]);
    world.shop.deleteOrder(order.id);

    const result = await printPackingSlips(deps, { storeId: world.storeId, orderIds: [order.id] });

    expect(result).toMatchObject({ ok: false, code: 'ORDER.NOT_FOUND' });
    expect(printer.printed).toEqual([]);
  });
});
