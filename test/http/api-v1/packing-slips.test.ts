import { PDFParse } from 'pdf-parse';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { applyItemEvent } from '../../../src/app/items/apply-item-event.js';
import { assignProductItems } from '../../../src/app/items/assign-product-items.js';
import type { ItemRecord } from '../../../src/app/ports/item-repository.js';
import { attachment } from '../../../src/http/api-v1/operation.js';
import { describeEachDatabase } from '../../adapters/db/support/databases.js';
import { A_TEMPLATE } from '../../app/support/store-on-fakes.js';
import { anAssignment } from '../../builders/assignment.builder.js';
import { aCatalogProduct, anOrder } from '../../builders/catalog.builder.js';
import type { InMemoryStore } from '../../fakes/bigcommerce/index.js';
import { type ApiHarness, startApiHarness, type Tenant } from './support/api-harness.js';

async function pdfText(bytes: Buffer): Promise<string> {
  const parser = new PDFParse({ data: new Uint8Array(bytes) });
  try {
    return (await parser.getText()).text.replace(/\s+/g, ' ');
  } finally {
    await parser.destroy();
  }
}

type Shop = { readonly tenant: Tenant; readonly shop: InMemoryStore };

describeEachDatabase('public API packing slips', (db) => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApiHarness(db());
  });
  afterAll(async () => {
    await api?.close();
  });

  /** A store with a name, its default template's packing-slip message, and its store on BigCommerce. */
  async function aShop(): Promise<Shop> {
    const tenant = await api.aTenant();
    await db().repos.stores.updateProfile(tenant.store.id, { name: 'Sklep Łódź' }, api.clock.now());
    const made = await db().repos.templates.createTemplate(
      tenant.store.id,
      { ...A_TEMPLATE, packingSlipMessage: 'Zásilka odešle, {backordered} kusů čeká.' },
      api.clock.now(),
    );
    if (!made.ok) throw new Error(made.message);
    return { tenant, shop: api.bigcommerce.store(tenant.store.storeHash) };
  }

  /**
   * An order placed in BigCommerce for `quantity` units of the item's product, recorded by the app as
   * the order webhook does (a sale through the item pipeline, keyed by the order's line).
   */
  async function aRecordedOrder({ tenant, shop }: Shop, item: ItemRecord, quantity: number): Promise<number> {
    const order = shop.addOrder(
      anOrder([{ bcProductId: item.bcProductId, quantity }], {
        shippingAddresses: [
          { firstName: 'Zoë', lastName: 'Wójcik', street1: 'ul. Piotrkowska 1', city: 'Łódź' },
        ],
      }),
    );
    const line = order.lines[0]!;
    const outcome = await applyItemEvent(db().repos, {
      storeId: tenant.store.id,
      itemId: item.id,
      idempotencyKey: `order:${order.id}:line:${line.id}:sale`,
      cause: { type: 'order_line', ref: String(line.id) },
      actor: 'system',
      now: api.clock.now(),
      event: { kind: 'sold', quantity },
      orderLine: { bcOrderId: order.id, bcOrderProductId: line.id },
    });
    if (!outcome.applied) throw new Error(`sale refused: ${JSON.stringify(outcome)}`);
    return order.id;
  }

  /** An item of a product of the store on BigCommerce, assigned with the given stock. */
  async function anItemOf(shop: Shop, stock: number): Promise<ItemRecord> {
    const product = shop.shop.addProduct(aCatalogProduct({ name: 'Łódź Ćwikła Ősz' }));
    const assignment = anAssignment(shop.tenant.store.id, {
      items: [{ stock, bcVariantId: null, sku: product.sku }],
    });
    const outcome = await assignProductItems(db().repos, {
      ...assignment,
      product: { ...assignment.product, bcProductId: product.id, name: product.name, sku: product.sku },
    });
    if (!outcome.applied) throw new Error(`assignment failed: ${JSON.stringify(outcome)}`);
    return outcome.items[0]!.item;
  }

  it('answers the orders’ packing slips as one PDF attachment, one order per page', async () => {
    const shop = await aShop();
    const item = await anItemOf(shop, 1);
    const first = await aRecordedOrder(shop, item, 3);
    const second = await aRecordedOrder(shop, item, 1);

    const response = await api.call('GET', `/api/v1/orders/packing-slips?order_ids=${second},${first}`, {
      auth: shop.tenant.key,
    });

    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toBe(attachment(`packing-slips-${second}-${first}.pdf`));
    expect(response.headers['cache-control']).toBe('no-store');
    const text = await pdfText(response.body);
    expect(text.indexOf(`Order #${second}`)).toBeLessThan(text.indexOf(`Order #${first}`));
    for (const expected of [
      'Sklep Łódź',
      'Packing slip',
      'Zoë Wójcik',
      'ul. Piotrkowska 1',
      '2 of 3 backordered',
      '1 of 1 backordered',
      'Zásilka odešle, 3 kusů čeká.',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('answers one order’s packing slip, to an admin session too', async () => {
    const shop = await aShop();
    const item = await anItemOf(shop, 0);
    const orderId = await aRecordedOrder(shop, item, 2);

    const response = await api.call('GET', `/api/v1/orders/${orderId}/packing-slip`, {
      auth: await shop.tenant.session(),
    });

    expect(response.status).toBe(200);
    expect(response.headers['content-disposition']).toBe(attachment(`packing-slip-${orderId}.pdf`));
    expect(await pdfText(response.body)).toContain(`Order #${orderId}`);
  });

  it('names a file of many orders by the store’s date', async () => {
    const shop = await aShop();
    const item = await anItemOf(shop, 100);
    const ids: number[] = [];
    for (let n = 0; n < 6; n++) ids.push(await aRecordedOrder(shop, item, 1));

    const response = await api.call('GET', `/api/v1/orders/packing-slips?order_ids=${ids.join(',')}`, {
      auth: shop.tenant.key,
    });

    expect(response.status).toBe(200);
    // NOW is 12:00 UTC on 10 March 2025: the same day in Chicago.
    expect(response.headers['content-disposition']).toBe(attachment('packing-slips-2025-03-10.pdf'));
  });

  it('refuses an order the app did not record for this store with ORDER.NOT_FOUND naming it (404)', async () => {
    const mine = await aShop();
    const theirs = await aShop();
    const item = await anItemOf(mine, 0);
    const recorded = await aRecordedOrder(mine, item, 1);
    const theirItem = await anItemOf(theirs, 0);
    const theirOrder = await aRecordedOrder(theirs, theirItem, 1);
    const unrecorded = mine.shop.addOrder(anOrder([{ custom: 'Gift wrap', quantity: 1 }])).id;

    for (const url of [
      `/api/v1/orders/packing-slips?order_ids=${recorded},${theirOrder}`,
      `/api/v1/orders/packing-slips?order_ids=${unrecorded}`,
      `/api/v1/orders/${theirOrder}/packing-slip`,
    ]) {
      const response = await api.call('GET', url, { auth: mine.tenant.key });
      expect(response.status).toBe(404);
      expect(response.body.error.code).toBe('ORDER.NOT_FOUND');
      expect(response.body.error.message).toMatch(/Order \d+ /);
    }
    expect(
      (await api.call('GET', `/api/v1/orders/${theirOrder}/packing-slip`, { auth: theirs.tenant.key }))
        .status,
    ).toBe(200);
  });

  it('takes 1 to 50 order ids as decimal digits separated by commas (400 otherwise)', async () => {
    const { tenant } = await aShop();
    const tooMany = Array.from({ length: 51 }, (_, n) => n + 1).join(',');
    for (const query of [
      '',
      '?order_ids=',
      '?order_ids=1,,2',
      '?order_ids=1e2',
      `?order_ids=${tooMany}`,
      '?ids=1',
    ]) {
      const response = await api.call('GET', `/api/v1/orders/packing-slips${query}`, { auth: tenant.key });
      expect(response.status, query).toBe(400);
      expect(response.body.error.code).toBe('VALIDATION.INVALID_QUERY');
    }
    expect((await api.call('GET', '/api/v1/orders/0/packing-slip', { auth: tenant.key })).status).toBe(400);
    expect((await api.call('GET', '/api/v1/orders/packing-slips?order_ids=1')).status).toBe(401);
  });
});
