import * as cheerio from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../src/sandbox/server.js';
import type { StoreEvent } from '../../../src/sandbox/state/events.js';
import { productBySku, Shopper, STORE, storefrontSandbox } from './storefront-fixture.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await storefrontSandbox();
});
afterAll(async () => sandbox.close());

const variantOf = (sku: string, variantSku: string) => {
  const product = productBySku(sandbox, sku);
  const variant = product.variants!.find((v) => v.sku === variantSku)!;
  return { product, variant };
};

/** attribute[<option_id>] = value id, for the variant's option values. */
const attributesFor = (variant: { option_values: { option_id: number; id: number }[] }) =>
  Object.fromEntries(variant.option_values.map((ov) => [`attribute[${ov.option_id}]`, String(ov.id)]));

describe('storefront pages', () => {
  it('lists visible products on the home page, escaped, with category navigation', async () => {
    const evil = sandbox.state.products.createProduct(STORE, {
      name: '<img src=x onerror=alert(1)> Mug',
      type: 'physical',
      weight: 1,
      price: 5,
      sku: 'EVIL-1',
    });
    expect(evil.ok).toBe(true);
    const res = await new Shopper(sandbox).get(`/s/${STORE}/?page=1`);
    expect(res.statusCode).toBe(200);
    const $ = cheerio.load(res.body);
    const names = $('.card-title a')
      .map((_, a) => $(a).text())
      .get();
    expect(names).toContain('Ridgeline 2-Person Backpacking Tent');
    expect(names).not.toContain('Staff Sample (hidden)');
    expect(names).toContain('<img src=x onerror=alert(1)> Mug');
    expect(res.body).not.toContain('<img src=x');
    expect(res.body).toContain('&lt;img src=x onerror=alert(1)&gt; Mug');
    expect(
      $('.navPages-action')
        .map((_, a) => $(a).text())
        .get(),
    ).toEqual(['Camping', 'Coffee', 'Apparel', 'Accessories']);
    if (evil.ok) sandbox.state.products.deleteProducts(STORE, [evil.value.id]);
  });

  it('lists a category with its subcategories', async () => {
    const coffee = sandbox.state.taxonomy.listCategories(STORE, { name: 'Coffee' }).items[0]!;
    const res = await new Shopper(sandbox).get(`/s/${STORE}/categories/${coffee.id}`);
    const $ = cheerio.load(res.body);
    expect($('h1.page-heading').text()).toBe('Coffee');
    expect(
      $('.navList-action')
        .map((_, a) => $(a).text())
        .get(),
    ).toEqual(['Beans', 'Brewing Gear']);
    const names = $('.card-title a')
      .map((_, a) => $(a).text())
      .get();
    expect(names).toContain('Ethiopia Guji Natural');
    expect(names).not.toContain('Ridgeline 4-Person Family Dome');
  });

  it('renders a product with variants in Cornerstone markup', async () => {
    const jacket = productBySku(sandbox, 'JKT-RAIN');
    const res = await new Shopper(sandbox).get(`/s/${STORE}/products/${jacket.id}`);
    expect(res.statusCode).toBe(200);
    const $ = cheerio.load(res.body);
    const view = $(`div.productView[data-event-type="product"][data-entity-id="${jacket.id}"]`);
    expect(view.length).toBe(1);
    const form = view.find('form[data-cart-item-add]');
    expect(form.attr('action')).toBe(`/s/${STORE}/cart.php`);
    expect(form.attr('enctype')).toBe('multipart/form-data');
    expect(form.find('input[name="action"][value="add"]').length).toBe(1);
    expect(form.find(`input[name="product_id"][value="${jacket.id}"]`).length).toBe(1);
    expect(form.find('input#form-action-addToCart[type="submit"]').attr('value')).toBe('Add to Cart');
    expect(form.find('input[id="qty[]"][name="qty[]"]').attr('value')).toBe('1');
    const change = form.find('[data-product-option-change]');
    for (const option of jacket.options!) {
      const inputs = change.find(`input[type="radio"][name="attribute[${option.id}]"]`);
      expect(inputs.map((_, i) => $(i).attr('value')).get()).toEqual(
        option.option_values.map((v) => String(v.id)),
      );
    }
    expect(view.find('[data-product-stock]').length).toBe(1);
    expect(view.find('[data-product-sku]').length).toBe(1);
    expect(form.find('.productAttributes-message').length).toBe(1);
    // Cornerstone 6.21: the options block starts hidden (its JavaScript shows it); native backorder
    // elements sit in the stock field, hidden; the add-to-cart button shares a column with wallet buttons.
    expect(change.attr('style')).toBe('display:none;');
    for (const hook of [
      '[data-backorder-prompt]',
      '[data-product-backordered]',
      '[data-picklist-backorder-list]',
    ]) {
      expect(form.find(`.form-field--stock ${hook}`).attr('style'), hook).toBe('display:none;');
    }
    expect(form.find('[data-product-backordered] [data-qty-backordered-message]').length).toBe(1);
    expect(form.find('[data-product-backordered] [data-backorder-message]').length).toBe(1);
    const buttons = form.find('#add-to-cart-wrapper .add-to-cart-buttons');
    expect(buttons.children('.form-action').find('#form-action-addToCart').length).toBe(1);
    expect(buttons.children('.add-to-cart-wallet-buttons[data-add-to-cart-wallet-buttons]').length).toBe(1);
    expect($('#modal.modal[data-reveal] .modal-content').length).toBe(1);
    expect($('script[src="/s/_assets/theme.js?v=6.21"]').length).toBe(1);
  });

  it('starts a product page on its default option values, as Cornerstone shows the default variant', async () => {
    const created = sandbox.state.products.createProduct(STORE, {
      name: 'Default Jacket',
      type: 'physical',
      weight: 1,
      price: 10,
      sku: 'DEF-JKT',
      inventory_tracking: 'variant',
      variants: [
        {
          sku: 'DEF-JKT-S',
          inventory_level: 0,
          option_values: [{ option_display_name: 'Size', label: 'S' }],
        },
        {
          sku: 'DEF-JKT-M',
          inventory_level: 5,
          option_values: [{ option_display_name: 'Size', label: 'M' }],
        },
      ],
    });
    if (!created.ok) throw new Error(JSON.stringify(created));
    const product = sandbox.state.products.getProduct(STORE, created.value.id, { options: true })!;
    const option = product.options![0]!;
    const m = option.option_values.find((v) => v.label === 'M')!;
    const made = sandbox.state.options.updateOption(STORE, product.id, option.id, {
      option_values: [{ label: 'M', sort_order: 1, is_default: true }],
    });
    expect(made.ok && made.value.option_values.find((v) => v.id === m.id)?.is_default).toBe(true);
    const $ = cheerio.load((await new Shopper(sandbox).get(`/s/${STORE}/products/${product.id}`)).body);
    expect($(`input[name="attribute[${option.id}]"][value="${m.id}"]`).is('[checked]')).toBe(true);
    expect($('[data-product-stock]').text()).toBe('5');
    expect($('#form-action-addToCart').is('[disabled]')).toBe(false);
    sandbox.state.products.deleteProducts(STORE, [product.id]);
  });

  it('serves the quick view of a product, its cards with a quick-view button and one cart action, and related products', async () => {
    const jacket = productBySku(sandbox, 'JKT-RAIN');
    const tent = productBySku(sandbox, 'TENT-RL2');
    const quick = await new Shopper(sandbox).get(`/s/${STORE}/products/${jacket.id}/quick-view`);
    expect(quick.statusCode).toBe(200);
    const $q = cheerio.load(quick.body);
    expect($q('.modal-body.quickView > .productView form[data-cart-item-add]').length).toBe(1);
    expect($q('html > body > .modal-body').length).toBe(1);
    expect($q('header, script').length).toBe(0);

    const $ = cheerio.load((await new Shopper(sandbox).get(`/s/${STORE}/?page=1`)).body);
    const card = (id: number) => $(`article.card[data-entity-id="${id}"]`);
    expect(card(jacket.id).find(`button.quickview[data-product-id="${jacket.id}"]`).length).toBe(1);
    // With options: "Choose Options"; sold out (tracked, stock 0): the out-of-stock link; else add to cart.
    expect(card(jacket.id).find('.card-figcaption-button').last().text()).toBe('Choose Options');
    expect(card(tent.id).find('.card-figcaption-button').last().text()).toBe('Out of stock');
    const addable = $('a[data-button-type="add-cart"]').first();
    expect(addable.attr('href')).toMatch(new RegExp(`^/s/${STORE}/cart\\.php\\?action=add&product_id=\\d+$`));

    const shopper = new Shopper(sandbox);
    const added = await shopper.get(addable.attr('href')!);
    expect(added.statusCode).toBe(303);
    expect(added.headers.location).toBe(`/s/${STORE}/cart.php`);
    expect(
      (await shopper.get(`/s/${STORE}/api/storefront/carts`)).json()[0].lineItems.physicalItems,
    ).toHaveLength(1);

    const page = cheerio.load(
      (await new Shopper(sandbox).get(`/s/${STORE}/products/${jacket.id}?theme=6.12`)).body,
    );
    expect(page('#tab-related article.card').length).toBeGreaterThan(0);
    expect(page(`#tab-related article.card[data-entity-id="${jacket.id}"]`).length).toBe(0);
    expect(page('script[src="/s/_assets/theme.js?v=6.12"]').length).toBe(1);
    for (const v of ['6.12', '6.13', '6.21', 'nonsense']) {
      const theme = await new Shopper(sandbox).get(`/s/_assets/theme.js?v=${v}`);
      expect(theme.body).toContain(`var version = '${v === 'nonsense' ? '6.21' : v}'`);
    }
  });

  it('renders a dropdown option as a select named attribute[id]', async () => {
    const beans = productBySku(sandbox, 'BEAN-MORNING');
    const grind = beans.options!.find((o) => o.display_name === 'Grind')!;
    const $ = cheerio.load((await new Shopper(sandbox).get(`/s/${STORE}/products/${beans.id}`)).body);
    const select = $(`[data-product-option-change] select[name="attribute[${grind.id}]"]`);
    expect(
      select
        .find('option[value!=""]')
        .map((_, o) => $(o).text())
        .get(),
    ).toEqual(['Whole Bean', 'Espresso', 'Filter', 'French Press']);
  });

  it('shows an out-of-stock simple product with stock 0 and add-to-cart hidden and disabled', async () => {
    const tent = productBySku(sandbox, 'TENT-RL2');
    const $ = cheerio.load((await new Shopper(sandbox).get(`/s/${STORE}/products/${tent.id}`)).body);
    expect($('[data-product-stock]').text()).toBe('0');
    expect($('[data-product-sku]').text()).toBe('TENT-RL2');
    expect($('#add-to-cart-wrapper').attr('style')).toContain('display: none');
    expect($('#form-action-addToCart').is('[disabled]')).toBe(true);
    // As in add-to-cart.html, the sold-out alert is inside the hidden block: the shopper sees no reason.
    expect($('#add-to-cart-wrapper .alertBox--error').first().text()).toBe('Out of stock');
  });

  it('escapes product texts and answers 404 for hidden or unknown products', async () => {
    const skillet = productBySku(sandbox, 'COOK-SKILLET');
    const body = (await new Shopper(sandbox).get(`/s/${STORE}/products/${skillet.id}`)).body;
    expect(body).toContain('Campfire &lt;and&gt; kitchen ready');
    expect(body).toContain('Cast Iron Camp Skillet 10&quot;');
    const hidden = productBySku(sandbox, 'ACC-HIDDEN');
    expect((await new Shopper(sandbox).get(`/s/${STORE}/products/${hidden.id}`)).statusCode).toBe(404);
    expect((await new Shopper(sandbox).get(`/s/${STORE}/products/999999`)).statusCode).toBe(404);
    expect((await new Shopper(sandbox).get('/s/nostore/')).statusCode).toBe(404);
  });
});

describe('product attributes (option change)', () => {
  const attributes = (productId: number, form: Record<string, string>, shopper = new Shopper(sandbox)) =>
    shopper.post(`/s/${STORE}/remote/v1/product-attributes/${productId}`, {
      action: 'add',
      product_id: String(productId),
      'qty[]': '1',
      ...form,
    });

  it('answers the selected variant with Cornerstone fields', async () => {
    const { product, variant } = variantOf('JKT-RAIN', 'JKT-RAIN-M-SLATE');
    const res = await attributes(product.id, attributesFor(variant));
    expect(res.statusCode).toBe(200);
    expect(res.json().data).toMatchObject({
      sku: 'JKT-RAIN-M-SLATE',
      variantId: variant.id,
      stock: 8,
      purchasable: true,
      instock: true,
      purchasing_message: null,
      available_to_sell: 8,
      price: { without_tax: { value: 179, formatted: '$179.00', currency: 'USD' } },
    });
  });

  it('reports an out-of-stock variant as not in stock', async () => {
    const { product, variant } = variantOf('JKT-RAIN', 'JKT-RAIN-XL-SLATE');
    const data = (await attributes(product.id, attributesFor(variant))).json().data;
    expect(data).toMatchObject({ variantId: variant.id, stock: 0, instock: false, purchasable: true });
    expect(data.in_stock_attributes).not.toContain(variant.option_values.find((ov) => ov.label === 'XL')!.id);
  });

  it('reports a purchasing-disabled variant with its message', async () => {
    const { product, variant } = variantOf('JKT-PUFFER', 'JKT-PUFFER-S-NAVY');
    const data = (await attributes(product.id, attributesFor(variant))).json().data;
    expect(data).toMatchObject({ purchasable: false, purchasing_message: 'Navy S is discontinued' });
  });

  it('answers without a variant while options are missing, and 404 for unknown products', async () => {
    const { product, variant } = variantOf('JKT-RAIN', 'JKT-RAIN-M-SLATE');
    const first = variant.option_values[0]!;
    const data = (
      await attributes(product.id, { [`attribute[${first.option_id}]`]: String(first.id) })
    ).json().data;
    expect(data.variantId).toBeNull();
    expect((await attributes(999999, {})).statusCode).toBe(404);
  });

  it('is also served at the root path for the storefront the browser visited', async () => {
    const { product, variant } = variantOf('JKT-RAIN', 'JKT-RAIN-M-SLATE');
    const shopper = new Shopper(sandbox);
    const before = await shopper.post(`/remote/v1/product-attributes/${product.id}`, attributesFor(variant));
    expect(before.statusCode).toBe(404);
    await shopper.get(`/s/${STORE}/`);
    const after = await shopper.post(`/remote/v1/product-attributes/${product.id}`, attributesFor(variant));
    expect(after.json().data.variantId).toBe(variant.id);
  });
});

describe('cart', () => {
  const add = (shopper: Shopper, productId: number, form: Record<string, string>, qty = '1') =>
    shopper.post(`/s/${STORE}/remote/v1/cart/add`, {
      action: 'add',
      product_id: String(productId),
      'qty[]': qty,
      ...form,
    });

  it('adds a variant, merges repeated adds, and refuses beyond tracked stock', async () => {
    const shopper = new Shopper(sandbox);
    const { product, variant } = variantOf('JKT-RAIN', 'JKT-RAIN-L-FORESTGREEN');
    const first = await add(shopper, product.id, attributesFor(variant), '3');
    expect(first.json().data.cart_item).toMatchObject({
      product_id: product.id,
      variant_id: variant.id,
      quantity: 3,
    });
    expect((await add(shopper, product.id, attributesFor(variant), '4')).json().data.cart_item.quantity).toBe(
      7,
    );
    const tooMany = await add(shopper, product.id, attributesFor(variant), '2');
    expect(tooMany.json().data.error).toBe(
      "We don't have enough Northwind Rain Shell Jacket stock on hand for the quantity you selected. Please try again.",
    );

    const carts = (await shopper.get(`/s/${STORE}/api/storefront/carts`)).json();
    expect(carts).toHaveLength(1);
    expect(carts[0].lineItems.physicalItems).toEqual([
      expect.objectContaining({
        productId: product.id,
        variantId: variant.id,
        sku: 'JKT-RAIN-L-FORESTGREEN',
        name: 'Northwind Rain Shell Jacket',
        quantity: 7,
        options: [
          expect.objectContaining({ name: 'Size', value: 'L' }),
          expect.objectContaining({ name: 'Color', value: 'Forest Green' }),
        ],
      }),
    ]);
    expect(carts[0].cartAmount).toBe(7 * 179);
    const byId = await shopper.get(`/s/${STORE}/api/storefront/carts/${carts[0].id}`);
    expect(byId.json().id).toBe(carts[0].id);
    expect(
      (await new Shopper(sandbox).get(`/s/${STORE}/api/storefront/carts/${carts[0].id}`)).statusCode,
    ).toBe(404);
    expect((await new Shopper(sandbox).get(`/s/${STORE}/api/storefront/carts`)).json()).toEqual([]);
  });

  it('refuses out-of-stock, not purchasable, incomplete and invalid adds with the storefront wording', async () => {
    const shopper = new Shopper(sandbox);
    const tent = productBySku(sandbox, 'TENT-RL2');
    expect((await add(shopper, tent.id, {})).json().data.error).toBe(
      'Ridgeline 2-Person Backpacking Tent is out of stock.',
    );
    const siphon = productBySku(sandbox, 'BREW-SIPHON');
    expect((await add(shopper, siphon.id, {})).json().data.error).toContain('not available for purchase');
    const { product, variant } = variantOf('JKT-PUFFER', 'JKT-PUFFER-S-NAVY');
    expect((await add(shopper, product.id, attributesFor(variant))).json().data.error).toBe(
      'Navy S is discontinued',
    );
    const size = product.options!.find((o) => o.display_name === 'Size')!;
    expect(
      (
        await add(shopper, product.id, { [`attribute[${size.id}]`]: String(size.option_values[1]!.id) })
      ).json().data.error,
    ).toBe('Please select an option for Color.');
    const pad = productBySku(sandbox, 'SLEEP-PAD');
    expect((await add(shopper, pad.id, {}, '0')).json().data.error).toBe('Please enter a valid quantity.');
    expect((await add(shopper, pad.id, {}, 'abc')).json().data.error).toBe('Please enter a valid quantity.');
    expect((await shopper.get(`/s/${STORE}/api/storefront/carts`)).json()).toEqual([]);
  });

  it('adds without JavaScript through the form action, form-encoded or multipart', async () => {
    const shopper = new Shopper(sandbox);
    const pad = productBySku(sandbox, 'SLEEP-PAD');
    const res = await shopper.post(`/s/${STORE}/cart.php`, {
      action: 'add',
      product_id: String(pad.id),
      'qty[]': '2',
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/s/${STORE}/cart.php`);

    const multipart = new FormData();
    multipart.set('action', 'add');
    multipart.set('product_id', String(pad.id));
    multipart.set('qty[]', '1');
    const viaMultipart = await shopper.request('POST', `/s/${STORE}/cart.php`, { multipart });
    expect(viaMultipart.statusCode).toBe(303);
    const cart = (await shopper.get(`/s/${STORE}/api/storefront/carts`)).json()[0];
    expect(cart.lineItems.physicalItems[0]).toMatchObject({ productId: pad.id, quantity: 3 });

    const tent = productBySku(sandbox, 'TENT-RL2');
    const refused = await shopper.post(`/s/${STORE}/cart.php`, {
      action: 'add',
      product_id: String(tent.id),
      'qty[]': '1',
    });
    expect(refused.statusCode).toBe(422);
    expect(cheerio.load(refused.body)('.productAttributes-message').text().trim()).toBe(
      'Ridgeline 2-Person Backpacking Tent is out of stock.',
    );
  });

  it('renders the cart page in Cornerstone markup and updates quantities', async () => {
    const shopper = new Shopper(sandbox);
    const { product, variant } = variantOf('TEE-LOGO', 'TEE-LOGO-M-WHITE');
    await add(shopper, product.id, attributesFor(variant), '2');
    const $ = cheerio.load((await shopper.get(`/s/${STORE}/cart.php`)).body);
    const rows = $('table.cart > tbody.cart-list > tr.cart-item[data-item-row]');
    expect(rows.length).toBe(1);
    expect(rows.find('a.cart-item-name__label').text()).toBe('Trailhead Logo Tee');
    const lineId = (await shopper.get(`/s/${STORE}/api/storefront/carts`)).json()[0].lineItems
      .physicalItems[0].id;
    expect(rows.find(`.cart-item-qty-input[data-cart-itemid="${lineId}"]`).attr('value')).toBe('2');
    // BigCommerce's own native-backorder texts (cart/content.html) need native backorders: none here.
    expect(rows.find('p.cart-item-backorder-message').length).toBe(0);
    expect(
      rows
        .find('.definitionList-value')
        .map((_, d) => $(d).text())
        .get(),
    ).toEqual(['M', 'White']);

    const update = (quantity: number) =>
      shopper.request('POST', `/s/${STORE}/remote/v1/cart/update`, {
        json: { items: [{ id: lineId, quantity }] },
      });
    expect((await update(5)).json().data.status).toBe('succeed');
    expect((await update(16)).json().data).toMatchObject({ status: 'failed' });
    expect(
      (await shopper.get(`/s/${STORE}/api/storefront/carts`)).json()[0].lineItems.physicalItems[0].quantity,
    ).toBe(5);
    expect((await update(0)).json().data.status).toBe('succeed');
    expect((await shopper.get(`/s/${STORE}/api/storefront/carts`)).json()[0].lineItems.physicalItems).toEqual(
      [],
    );
  });
});

describe('checkout', () => {
  it('places the order through the orders state: stock decremented, webhook event, order in GET /v2/orders', async () => {
    const events: StoreEvent[] = [];
    const unsubscribe = sandbox.state.events.subscribe((e) => events.push(e));
    const shopper = new Shopper(sandbox);
    const { product, variant } = variantOf('TEE-MERINO', 'TEE-MERINO-M-BLACK');
    const before = sandbox.state.variants.getVariant(STORE, product.id, variant.id)!.inventory_level;
    await shopper.post(`/s/${STORE}/remote/v1/cart/add`, {
      action: 'add',
      product_id: String(product.id),
      'qty[]': '2',
      ...attributesFor(variant),
    });
    const cartId = (await shopper.get(`/s/${STORE}/api/storefront/carts`)).json()[0].id;
    const page = cheerio.load((await shopper.get(`/s/${STORE}/checkout`)).body);
    expect(page('.checkout-summary').text()).toContain('2 × Merino Base Layer Tee');

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
    const confirmation = cheerio.load((await shopper.get(placed.headers.location as string)).body);
    expect(confirmation('.order-number').text()).toBe(String(orderId));

    const order = sandbox.state.orders.get(STORE, orderId)!;
    expect(order).toMatchObject({ cart_id: cartId, order_source: 'storefront', status_id: 11 });
    expect(sandbox.state.orders.products(STORE, orderId)).toEqual([
      expect.objectContaining({
        product_id: product.id,
        variant_id: variant.id,
        quantity: 2,
        sku: 'TEE-MERINO-M-BLACK',
      }),
    ]);
    expect(sandbox.state.variants.getVariant(STORE, product.id, variant.id)!.inventory_level).toBe(
      before - 2,
    );
    expect(events.map((e) => e.scope)).toEqual(
      expect.arrayContaining(['store/order/created', 'store/sku/inventory/order/updated']),
    );
    unsubscribe();

    const api = await sandbox.app.inject({
      method: 'GET',
      url: `/stores/${STORE}/v2/orders/${orderId}`,
      headers: { 'x-auth-token': sandbox.config.demoApiToken, accept: 'application/json' },
    });
    expect(api.statusCode).toBe(200);
    expect(api.json()).toMatchObject({ id: orderId, cart_id: cartId });
    expect((await shopper.get(`/s/${STORE}/api/storefront/carts`)).json()).toEqual([]);
  });

  it('keeps the cart and shows the refusal when stock ran out before checkout', async () => {
    const shopper = new Shopper(sandbox);
    const stove = productBySku(sandbox, 'COOK-STOVE');
    await shopper.post(`/s/${STORE}/remote/v1/cart/add`, {
      action: 'add',
      product_id: String(stove.id),
      'qty[]': '1',
    });
    const other = new Shopper(sandbox);
    await other.post(`/s/${STORE}/remote/v1/cart/add`, {
      action: 'add',
      product_id: String(stove.id),
      'qty[]': '1',
    });
    expect(
      (
        await other.post(`/s/${STORE}/checkout`, {
          email: 'b@example.com',
          first_name: 'B',
          last_name: 'B',
          street_1: 'x',
          city: 'y',
          zip: 'z',
        })
      ).statusCode,
    ).toBe(303);

    const ordersBefore = sandbox.state.orders.list(STORE, { limit: 250 }).length;
    const refused = await shopper.post(`/s/${STORE}/checkout`, {
      email: 'a@example.com',
      first_name: 'A',
      last_name: 'A',
      street_1: 'x',
      city: 'y',
      zip: 'z',
    });
    expect(refused.statusCode).toBe(409);
    expect(cheerio.load(refused.body)('.checkout-error').text()).toMatch(/out of stock/i);
    expect(sandbox.state.orders.list(STORE, { limit: 250 }).length).toBe(ordersBefore);
    expect(
      (await shopper.get(`/s/${STORE}/api/storefront/carts`)).json()[0].lineItems.physicalItems,
    ).toHaveLength(1);
  });

  it('refuses a cart above the product’s per-order maximum, lowered since the items were added (issue 9.1)', async () => {
    const shopper = new Shopper(sandbox);
    const pad = productBySku(sandbox, 'SLEEP-PAD');
    await shopper.post(`/s/${STORE}/remote/v1/cart/add`, {
      action: 'add',
      product_id: String(pad.id),
      'qty[]': '3',
    });
    // What the app does while the product is in backorder with 2 units left.
    expect(sandbox.state.products.updateProduct(STORE, pad.id, { order_quantity_maximum: 2 }).ok).toBe(true);
    const details = {
      email: 'a@example.com',
      first_name: 'A',
      last_name: 'A',
      street_1: 'x',
      city: 'y',
      zip: 'z',
    };
    const ordersBefore = sandbox.state.orders.list(STORE, { limit: 250 }).length;

    const refused = await shopper.post(`/s/${STORE}/checkout`, details);

    expect(refused.statusCode).toBe(409);
    expect(cheerio.load(refused.body)('.checkout-error').text()).toMatch(/quantity requirements/i);
    expect(sandbox.state.orders.list(STORE, { limit: 250 }).length).toBe(ordersBefore);
    // Within the maximum, the same cart goes through.
    sandbox.state.products.updateProduct(STORE, pad.id, { order_quantity_maximum: 3 });
    expect((await shopper.post(`/s/${STORE}/checkout`, details)).statusCode).toBe(303);
    sandbox.state.products.updateProduct(STORE, pad.id, { order_quantity_maximum: 0 });
  });

  it('refuses incomplete details and an empty cart', async () => {
    const shopper = new Shopper(sandbox);
    expect((await shopper.get(`/s/${STORE}/checkout`)).statusCode).toBe(303);
    const pad = productBySku(sandbox, 'SLEEP-PAD');
    await shopper.post(`/s/${STORE}/remote/v1/cart/add`, {
      action: 'add',
      product_id: String(pad.id),
      'qty[]': '1',
    });
    const res = await shopper.post(`/s/${STORE}/checkout`, {
      email: 'not-an-email',
      first_name: 'A',
      last_name: 'B',
      street_1: 'x',
      city: 'y',
      zip: 'z',
    });
    expect(res.statusCode).toBe(422);
    expect(cheerio.load(res.body)('.checkout-error').text()).toBe('Please enter a valid email address.');
  });
});

describe('scripts from the Scripts API', () => {
  it('injects enabled scripts by location and visibility', async () => {
    const create = (body: Record<string, unknown>) =>
      sandbox.app.inject({
        method: 'POST',
        url: `/stores/${STORE}/v3/content/scripts`,
        headers: { 'x-auth-token': sandbox.config.demoApiToken, 'content-type': 'application/json' },
        payload: JSON.stringify(body),
      });
    const created = await Promise.all([
      create({
        name: 'head tag',
        kind: 'script_tag',
        html: '<script>window.__headTag = 1;</script>',
        location: 'head',
        visibility: 'storefront',
      }),
      create({
        name: 'footer src',
        kind: 'src',
        src: 'https://cdn.example.com/backorder.js?a=1&b=2',
        load_method: 'defer',
        location: 'footer',
        visibility: 'all_pages',
      }),
      create({
        name: 'off',
        kind: 'script_tag',
        html: '<script>window.__disabled = 1;</script>',
        enabled: false,
      }),
      create({
        name: 'checkout only',
        kind: 'script_tag',
        html: '<script>window.__checkout = 1;</script>',
        visibility: 'checkout',
      }),
    ]);
    for (const res of created) expect(res.statusCode).toBe(200);

    const pad = productBySku(sandbox, 'SLEEP-PAD');
    const shopper = new Shopper(sandbox);
    const product = (await shopper.get(`/s/${STORE}/products/${pad.id}`)).body;
    const head = product.slice(0, product.indexOf('</head>'));
    expect(head).toContain('<script>window.__headTag = 1;</script>');
    const footer = product.slice(product.indexOf('<main class="body"'));
    expect(footer).toContain(
      '<script src="https://cdn.example.com/backorder.js?a=1&amp;b=2" defer></script>',
    );
    expect(product).not.toContain('__disabled');
    expect(product).not.toContain('__checkout');

    await shopper.post(`/s/${STORE}/remote/v1/cart/add`, {
      action: 'add',
      product_id: String(pad.id),
      'qty[]': '1',
    });
    const checkout = (await shopper.get(`/s/${STORE}/checkout`)).body;
    expect(checkout).toContain('window.__checkout = 1;');
    expect(checkout).toContain('backorder.js');
    expect(checkout).not.toContain('__headTag');
    const cart = (await shopper.get(`/s/${STORE}/cart.php`)).body;
    expect(cart).toContain('__headTag');
  });
});
