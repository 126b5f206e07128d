import * as cheerio from 'cheerio';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../src/sandbox/server.js';
import {
  DEFAULT_INVENTORY_SETTINGS,
  type StoreBackorderSettings,
} from '../../../src/sandbox/state/store-inventory-settings.js';
import { Shopper, STORE, storefrontSandbox } from './storefront-fixture.js';

/**
 * The storefront under BigCommerce's native backorders (beta): what Cornerstone 6.21 renders for them
 * (product-view.html, cart/content.html, cart/totals.html) and the sell limit of stock + backorder.
 */
let sandbox: Sandbox;
beforeEach(async () => {
  sandbox = await storefrontSandbox();
});
afterEach(async () => sandbox.close());

const ALL_ON: Partial<StoreBackorderSettings> = {
  show_backorder_availability_prompt: true,
  backorder_availability_prompt: 'Available on backorder <b>soon</b>',
  show_quantity_on_backorder: true,
  show_quantity_on_hand: true,
  show_backorder_message: true,
  show_default_shipping_expectation_prompt: true,
  default_shipping_expectation_prompt: 'Backordered items ship in 2-3 weeks',
};

function nativeOn(backorders: Partial<StoreBackorderSettings> = ALL_ON) {
  expect(sandbox.state.setNativeBackorders(STORE, true).ok).toBe(true);
  const inventory = sandbox.state.stores.get(STORE)!.settings.inventory;
  sandbox.state.stores.updateSettings(STORE, {
    inventory: {
      ...DEFAULT_INVENTORY_SETTINGS,
      ...inventory,
      backorders: { ...inventory.backorders, ...backorders },
    },
  });
}

/** A simple product tracked by product with `onHand` units and a backorder limit. */
function aProduct(
  onHand: number,
  backorder: { backorder_limit?: number; unlimited_backorder?: boolean } = {},
) {
  const created = sandbox.state.products.createProduct(STORE, {
    name: `Backorderable ${Math.random()}`,
    type: 'physical',
    weight: 1,
    price: 20,
    sku: `BO-${Math.floor(Math.random() * 1e9)}`,
    inventory_tracking: 'product',
    inventory_level: onHand,
  });
  if (!created.ok) throw new Error(created.message);
  if (Object.keys(backorder).length > 0 && sandbox.state.nativeBackorders(STORE)) {
    const set = sandbox.state.inventory.updateLocationSettings(STORE, 1, {
      settings: [{ identity: { product_id: created.value.id }, ...backorder }],
    });
    expect(set.ok).toBe(true);
  }
  return created.value;
}

const add = (shopper: Shopper, productId: number, qty: number) =>
  shopper.post(`/s/${STORE}/remote/v1/cart/add`, {
    action: 'add',
    product_id: String(productId),
    'qty[]': String(qty),
  });

const attributes = async (shopper: Shopper, productId: number) =>
  (await shopper.post(`/s/${STORE}/remote/v1/product-attributes/${productId}`, {})).json().data;

describe('product page', () => {
  it('renders the availability prompt, escaped, and the backorder context while on', async () => {
    nativeOn();
    const p = aProduct(0, { backorder_limit: 5 });
    const $ = cheerio.load((await new Shopper(sandbox).get(`/s/${STORE}/products/${p.id}`)).body);
    const prompt = $('.productView [data-backorder-prompt]');
    expect(prompt.text()).toBe('Available on backorder <b>soon</b>');
    expect(prompt.attr('style')).toBeUndefined();
    expect($('[data-product-backordered] [data-qty-backordered-message]').length).toBe(1);
    expect($('[data-product-backordered] [data-backorder-message]').length).toBe(1);
    // Out of stock but backorderable: the add-to-cart block shows, enabled.
    expect($('#add-to-cart-wrapper').attr('style')).toBeUndefined();
    expect($('#form-action-addToCart').attr('disabled')).toBeUndefined();
    const context = JSON.parse($('.productView').attr('data-sandbox-backorder-context')!);
    expect(context).toMatchObject({
      availableOnHand: 0,
      availableForBackorder: 5,
      availableToSell: 5,
      unlimitedBackorder: false,
      quantityBackorderedMessage: '__QTY__ will be backordered',
      showBackorderMessage: true,
      backorderMessages: [expect.objectContaining({ is_default: true, message: expect.any(String) })],
    });
  });

  it('hides the prompt when nothing can be backordered, when its toggle is off, and while native is off', async () => {
    nativeOn();
    const none = aProduct(3);
    let $ = cheerio.load((await new Shopper(sandbox).get(`/s/${STORE}/products/${none.id}`)).body);
    expect($('[data-backorder-prompt]').attr('style')).toBe('display:none;');
    expect($('[data-backorder-prompt]').text()).toBe('');

    nativeOn({ show_backorder_availability_prompt: false });
    const some = aProduct(0, { unlimited_backorder: true });
    $ = cheerio.load((await new Shopper(sandbox).get(`/s/${STORE}/products/${some.id}`)).body);
    expect($('[data-backorder-prompt]').attr('style')).toBe('display:none;');

    sandbox.state.setNativeBackorders(STORE, false);
    $ = cheerio.load((await new Shopper(sandbox).get(`/s/${STORE}/products/${some.id}`)).body);
    expect($('[data-backorder-prompt]').attr('style')).toBe('display:none;');
    expect($('.productView').attr('data-sandbox-backorder-context')).toBeUndefined();
    // Off: stock 0 means out of stock, as before.
    expect($('#form-action-addToCart').attr('disabled')).toBeDefined();
  });
});

describe('option-change response (remote product attributes)', () => {
  it('reports available to sell, for backorder and unlimited while on', async () => {
    nativeOn();
    const limited = aProduct(4, { backorder_limit: 6 });
    expect(await attributes(new Shopper(sandbox), limited.id)).toMatchObject({
      stock: 4,
      instock: true,
      purchasable: true,
      available_on_hand: 4,
      available_to_sell: 10,
      available_for_backorder: 6,
      unlimited_backorder: false,
      show_backorder_availability_prompt: true,
      backorder_availability_prompt: 'Available on backorder <b>soon</b>',
      show_backorder_message: true,
      backorder_message_id: null,
    });
    const unlimited = aProduct(0, { unlimited_backorder: true });
    expect(await attributes(new Shopper(sandbox), unlimited.id)).toMatchObject({
      stock: 0,
      instock: true,
      available_to_sell: 0,
      available_for_backorder: null,
      unlimited_backorder: true,
    });
  });

  it('reports no backorders while off', async () => {
    const p = aProduct(4);
    expect(await attributes(new Shopper(sandbox), p.id)).toMatchObject({
      available_to_sell: 4,
      available_on_hand: 4,
      available_for_backorder: 0,
      unlimited_backorder: false,
      show_backorder_message: false,
      backorder_message: null,
    });
  });
});

describe('cart and checkout', () => {
  it('adds up to stock + backorder limit and never more', async () => {
    nativeOn();
    const p = aProduct(2, { backorder_limit: 3 });
    const shopper = new Shopper(sandbox);
    expect((await add(shopper, p.id, 4)).json().data.cart_item.quantity).toBe(4);
    expect((await add(shopper, p.id, 2)).json().data.error).toEqual(expect.any(String));
    expect((await add(shopper, p.id, 1)).json().data.cart_item.quantity).toBe(5);
    const lineId = (await shopper.get(`/s/${STORE}/api/storefront/carts`)).json()[0].lineItems
      .physicalItems[0].id;
    const raise = await shopper.request('POST', `/s/${STORE}/remote/v1/cart/update`, {
      json: { items: [{ id: lineId, quantity: 6 }] },
    });
    expect(raise.json().data.status).toBe('failed');
  });

  it('renders each line’s stock position texts and the shipping expectation, then checks out with the backorder recorded', async () => {
    nativeOn();
    const p = aProduct(2, { backorder_limit: 10 });
    const inStock = aProduct(5, { backorder_limit: 10 });
    const shopper = new Shopper(sandbox);
    await add(shopper, p.id, 5);
    await add(shopper, inStock.id, 1);
    const $ = cheerio.load((await shopper.get(`/s/${STORE}/cart.php`)).body);
    const texts = (productId: number) =>
      $(`tr.cart-item[data-product-id="${productId}"] p.cart-item-backorder-message`)
        .map((_, e) => $(e).text())
        .get();
    expect(texts(p.id)).toEqual([
      '2 ready to ship',
      '3 will be backordered',
      sandbox.state.stores.get(STORE)!.settings.defaultBackorderMessage,
    ]);
    expect(texts(inStock.id)).toEqual([]);
    expect($('p.cart-shipping-expectation-message').text()).toBe('Backordered items ship in 2-3 weeks');

    const placed = await shopper.post(`/s/${STORE}/checkout`, {
      email: 'ada@example.com',
      first_name: 'Ada',
      last_name: 'Lovelace',
      street_1: '12 Analytical St',
      city: 'London',
      zip: 'N1',
    });
    expect(placed.statusCode).toBe(303);
    const orderId = Number(/order-confirmation\/(\d+)$/.exec(placed.headers.location as string)![1]);
    expect(
      sandbox.state.orders.products(STORE, orderId)!.map((l) => [l.product_id, l.quantity_backordered]),
    ).toEqual([
      [p.id, 3],
      [inStock.id, 0],
    ]);
    const cell = sandbox.state.stock.stockCell(STORE, p.id)!;
    expect(cell.kind).toBe('product');
    if (cell.kind === 'product') {
      expect(sandbox.state.inventory.backorderOf(STORE, cell).qty_backordered).toBe(3);
    }
  });

  it('renders each text only behind its toggle, and none while off', async () => {
    nativeOn({ show_quantity_on_backorder: true });
    const p = aProduct(1, { backorder_limit: 10 });
    const shopper = new Shopper(sandbox);
    await add(shopper, p.id, 3);
    let $ = cheerio.load((await shopper.get(`/s/${STORE}/cart.php`)).body);
    expect(
      $('p.cart-item-backorder-message')
        .map((_, e) => $(e).text())
        .get(),
    ).toEqual(['2 will be backordered']);
    expect($('p.cart-shipping-expectation-message').length).toBe(0);
    sandbox.state.setNativeBackorders(STORE, false);
    $ = cheerio.load((await shopper.get(`/s/${STORE}/cart.php`)).body);
    expect($('p.cart-item-backorder-message').length).toBe(0);
  });
});
