import { html, page, type SafeHtml, trustedHtml } from '../html.js';
import type { BrandView, CategoryView, OptionView, ProductView } from '../state/catalog.types.js';
import type { ScriptView } from '../state/scripts.repo.js';
import type { Store } from '../state/stores.repo.js';
import type { Cart } from './cart.store.js';
import {
  backorderData,
  formatMoney,
  type Money,
  type Purchasability,
  type StockPosition,
  type StorefrontBackorders,
} from './product-availability.js';
import type { ThemeVersion } from './theme.asset.js';

/**
 * Storefront pages in the markup of Cornerstone 6.21.0 (bigcommerce/cornerstone@8ea5f78e84a6:
 * templates/components/products/product-view.html, add-to-cart.html, card.html, quick-view.html,
 * common/modal/modal.html, cart/content.html), so scripts written for a Cornerstone store find the same
 * hooks in the same places. Only what scripts rely on is mirrored (no images, reviews, tabs' other
 * content). Merchant texts are always escaped; only Scripts API tags are rendered raw, as BigCommerce does.
 */
export interface Layout {
  readonly store: Store;
  readonly base: string;
  readonly scripts: readonly ScriptView[];
  readonly categories: readonly CategoryView[];
  readonly cartQuantity: number;
  readonly pageType: 'home' | 'category' | 'product' | 'cart' | 'checkout' | 'order_confirmation';
  /** Which Cornerstone's JavaScript the page runs (`?theme=`): see theme.asset.ts. */
  readonly theme: ThemeVersion;
}

/**
 * The few layout rules scripts' placement depends on, as Cornerstone's CSS has them at its "large"
 * breakpoint (assets/scss/components/stencil/productView/_productView.scss): the add-to-cart button and
 * the wallet buttons share a half-width column floated left (`.add-to-cart-buttons`). The quick-view
 * modal (`#modal`) lies over the page.
 */
const STOREFRONT_CSS = `
.productView{background:#fff;border:1px solid #ddd;padding:1rem;overflow:hidden}
.add-to-cart-buttons{display:inline-block;float:left;margin:1rem 0;padding-right:.75rem;width:50%;box-sizing:border-box}
.add-to-cart-buttons .button{margin:0;width:100%}
.add-to-cart-wallet-buttons{margin-top:.75rem}
.aria-description--hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
.modal{position:fixed;inset:5% 10%;z-index:10;background:#fff;border:1px solid #444;overflow:auto;padding:1rem}
.modal-close{float:right}
.card-figcaption-body{display:flex;gap:.4rem;flex-wrap:wrap;margin-bottom:.4rem}
`;

export function moneyOf(store: Store): Money {
  return { currency: store.settings.currency, symbol: store.settings.currencySymbol };
}

function renderScript(s: ScriptView): SafeHtml {
  if (s.kind === 'script_tag') return trustedHtml(s.html);
  const loading = s.load_method === 'async' ? html` async` : s.load_method === 'defer' ? html` defer` : '';
  const integrity =
    s.integrity_hashes.length > 0
      ? html` integrity="${s.integrity_hashes.join(' ')}" crossorigin="anonymous"`
      : '';
  return html`<script src="${s.src}"${loading}${integrity}></script>`;
}

function layout(l: Layout, title: string, content: SafeHtml): string {
  const head = l.scripts.filter((s) => s.location === 'head').map(renderScript);
  const footer = l.scripts.filter((s) => s.location === 'footer').map(renderScript);
  const topLevel = l.categories.filter((c) => c.parent_id === 0 && c.is_visible !== false);
  const body = html`<header class="sandbox-banner">BigCommerce sandbox storefront (development emulator) ·
  <a href="/cp/${l.store.hash}/apps">Control panel</a> · <a href="/mailbox">Mailbox</a></header>
<header class="header">
  <main style="padding-bottom:0">
    <h2 class="header-logo"><a href="${l.base}/">${l.store.settings.name}</a></h2>
    <nav class="navPages"><ul class="navPages-list" style="display:flex;gap:1rem;list-style:none;padding:0">
      ${topLevel.map((c) => html`<li class="navPages-item"><a class="navPages-action" href="${l.base}/categories/${c.id}">${c.name}</a></li>`)}
      <li class="navUser-item navUser-item--cart"><a class="navUser-action" href="${l.base}/cart.php">Cart
        <span class="countPill cart-quantity">${l.cartQuantity}</span></a></li>
    </ul></nav>
  </main>
</header>
<main class="body" data-page-type="${l.pageType}">${content}</main>
<div id="modal" class="modal" data-reveal data-prevent-quick-search-close style="display:none">
  <button class="modal-close" type="button" aria-label="Close">×</button>
  <div id="modal-content" class="modal-content"></div>
  <div class="loadingOverlay"></div>
</div>
<script src="/s/_assets/theme.js?v=${l.theme}"></script>`;
  return page(`${title} - ${l.store.settings.name}`, body, {
    head: html`<meta name="sandbox-store-base" content="${l.base}"><style>${trustedHtml(STOREFRONT_CSS)}</style>${head}`,
    footer: html`${footer}`,
  });
}

/** What a product card offers (card.html's `show_cart_action` buttons), worked out by the storefront. */
export type CardAction = 'options' | 'add' | 'preorder' | 'soldOut' | null;

export interface CardProduct {
  readonly product: ProductView;
  readonly action: CardAction;
}

/**
 * templates/components/products/card.html: the quick-view button, then one cart action — "Choose
 * Options" for a product with options, "Pre-Order" or "Add to Cart" (`data-button-type="add-cart"`,
 * BigCommerce's add_to_cart_url) for one without, or the out-of-stock message.
 */
function productCard(
  l: Layout,
  { product: p, action }: CardProduct,
  brands: ReadonlyMap<number, string>,
): SafeHtml {
  const money = moneyOf(l.store);
  const url = `${l.base}/products/${p.id}`;
  const addUrl = `${l.base}/cart.php?action=add&product_id=${p.id}`;
  const button = 'button button--small card-figcaption-button';
  return html`<li class="product"><article class="card" data-test="card-${p.id}" data-event-type="list" data-entity-id="${p.id}" data-name="${p.name}">
  <figure class="card-figure">
    <figcaption class="card-figcaption"><div class="card-figcaption-body">
      <button type="button" class="${button} quickview" data-event-type="product-click" data-product-id="${p.id}">Quick view</button>
      ${
        action === 'options'
          ? html`<a href="${url}" data-event-type="product-click" class="${button}" data-product-id="${p.id}">Choose Options</a>`
          : action === 'preorder'
            ? html`<a href="${addUrl}" data-event-type="product-click" class="${button}">Pre-Order</a>`
            : action === 'add'
              ? html`<a href="${addUrl}" data-event-type="product-click" data-button-type="add-cart" class="${button}">Add to Cart</a>
      <span class="product-status-message aria-description--hidden">The item has been added</span>`
              : action === 'soldOut'
                ? html`<a href="${url}" data-event-type="product-click" class="${button}" data-product-id="${p.id}">Out of stock</a>`
                : ''
      }
    </div></figcaption>
  </figure>
  <div class="card-body">
    <p class="card-text" data-test-info-type="brandName">${brands.get(p.brand_id) ?? ''}</p>
    <h3 class="card-title"><a href="${url}" data-event-type="product-click">${p.name}</a></h3>
    <div class="card-text" data-test-info-type="price"><span class="price price--withoutTax">${formatMoney(p.calculated_price, money)}</span></div>
  </div>
</article></li>`;
}

export interface ListingInput {
  readonly heading: string;
  readonly products: readonly CardProduct[];
  readonly brands: readonly BrandView[];
  readonly page: number;
  readonly totalPages: number;
  readonly pageUrl: (page: number) => string;
  readonly subcategories?: readonly CategoryView[];
}

export function listingPage(l: Layout, input: ListingInput): string {
  const brands = new Map(input.brands.map((b) => [b.id, b.name]));
  const content = html`<h1 class="page-heading">${input.heading}</h1>
${
  input.subcategories && input.subcategories.length > 0
    ? html`<ul class="navList">${input.subcategories.map(
        (c) =>
          html`<li class="navList-item"><a class="navList-action" href="${l.base}/categories/${c.id}">${c.name}</a></li>`,
      )}</ul>`
    : ''
}
${
  input.products.length > 0
    ? html`<ul class="productGrid">${input.products.map((p) => productCard(l, p, brands))}</ul>`
    : html`<p class="muted">No products here yet.</p>`
}
<nav class="pagination">${
    input.page > 1
      ? html`<a class="pagination-link" rel="prev" href="${input.pageUrl(input.page - 1)}">Previous</a> `
      : ''
  }${input.page < input.totalPages ? html`<a class="pagination-link" rel="next" href="${input.pageUrl(input.page + 1)}">Next</a>` : ''}</nav>`;
  return layout(l, input.heading, content);
}

function optionField(option: OptionView): SafeHtml {
  const label = html`${option.display_name}: <small>Required</small>`;
  if (option.type === 'dropdown') {
    return html`<div class="form-field" data-product-attribute="set-select">
  <label class="form-label form-label--alternate form-label--inlineSmall" for="attribute_select_${option.id}">${label}</label>
  <select class="form-select form-select--small" name="attribute[${option.id}]" id="attribute_select_${option.id}" required>
    <option value="">Choose Options</option>
    ${option.option_values.map(
      (v) =>
        html`<option data-product-attribute-value="${v.id}" value="${v.id}"${v.is_default ? html` selected` : ''}>${v.label}</option>`,
    )}
  </select>
</div>`;
  }
  const kind = option.type === 'radio_buttons' ? 'radio' : option.type === 'swatch' ? 'swatch' : 'rectangle';
  return html`<div class="form-field" data-product-attribute="set-${kind}" role="radiogroup">
  <label class="form-label form-label--alternate form-label--inlineSmall">${label}</label>
  ${option.option_values.map(
    (
      v,
    ) => html`<input class="form-radio" type="radio" id="attribute_${kind}_${option.id}_${v.id}" name="attribute[${option.id}]" value="${v.id}"${
      v.is_default ? html` checked` : ''
    } required data-state="${v.is_default ? 'true' : 'false'}">
  <label class="form-option" for="attribute_${kind}_${option.id}_${v.id}" data-product-attribute-value="${v.id}"><span class="form-option-variant">${v.label}</span></label>`,
  )}
</div>`;
}

export interface ProductPageInput {
  readonly product: ProductView;
  readonly brand: string;
  readonly categoryNames: readonly string[];
  /**
   * Purchasability of what the page starts with: the default option values (Cornerstone shows the
   * default variant from the start); for a product without options, the product itself.
   */
  readonly initial: Purchasability;
  readonly hasOptions: boolean;
  readonly error?: string;
  /** templates/components/products/tabs.html: the related products' cards (product page only). */
  readonly related?: readonly CardProduct[];
  /** The store's native-backorder settings; null (or absent) while the store has them off. */
  readonly backorders?: StorefrontBackorders | null;
}

/** Cornerstone 6.21's English texts of native backorders (lang/en.json:734-735, 822). */
export const BACKORDER_TEXTS = {
  quantityBackordered: (quantity: number | string) => `${quantity} will be backordered`,
  quantityOnHand: (quantity: number | string) => `${quantity} ready to ship`,
  quantityMax: (quantity: number | string) => `The maximum purchasable quantity is ${quantity}`,
};

/**
 * What product-view.html:1-13 `{{inject}}`s into the theme's context for native backorders, for the
 * theme script (theme.asset.ts) to run Cornerstone's backorder view updates. Cornerstone keeps it in
 * its jsContext; the sandbox puts it, as JSON, in the product view's `data-sandbox-backorder-context`.
 */
function backorderContext(initial: Purchasability, b: StorefrontBackorders) {
  const data = backorderData(initial.level);
  return {
    availableOnHand: data.available_on_hand,
    availableForBackorder: data.available_for_backorder,
    availableToSell: data.available_to_sell,
    unlimitedBackorder: data.unlimited_backorder,
    showQuantityOnBackorder: b.showQuantityOnBackorder,
    showBackorderAvailabilityPrompt: b.showBackorderAvailabilityPrompt,
    backorderAvailabilityPrompt: b.backorderAvailabilityPrompt,
    quantityBackorderedMessage: BACKORDER_TEXTS.quantityBackordered('__QTY__'),
    quantityMaxMessage: BACKORDER_TEXTS.quantityMax('__QTY__'),
    backorderMessages: [{ id: 1, name: 'Default', message: b.backorderMessage, is_default: true }],
    showBackorderMessage: b.showBackorderMessage,
  };
}

/**
 * product-view.html:270-274: the availability prompt is rendered visible with its text when
 * `{{#all product.show_backorder_availability_prompt product.available_to_sell product.available_for_backorder}}`
 * (unlimited counts as something left to backorder), else hidden and empty.
 */
function backorderPrompt(initial: Purchasability, b: StorefrontBackorders | null | undefined): SafeHtml {
  const level = initial.level;
  const shown =
    b?.showBackorderAvailabilityPrompt === true &&
    b.backorderAvailabilityPrompt !== '' &&
    level !== null &&
    level.onHand + level.forBackorder > 0 &&
    level.forBackorder > 0;
  return shown
    ? html`<span class="productView-backorder-availability-prompt" data-backorder-prompt>${b.backorderAvailabilityPrompt}</span>`
    : html`<span class="productView-backorder-availability-prompt" data-backorder-prompt style="display:none;"></span>`;
}

/**
 * templates/components/products/product-view.html with add-to-cart.html, shared by the product page and
 * the quick view (quick-view.html wraps the same view in `.modal-body.quickView`, so a page may hold two
 * product forms with the same element ids, each scoped by its `.productView`).
 */
function productView(l: Layout, input: ProductPageInput): SafeHtml {
  const { product, initial } = input;
  const money = moneyOf(l.store);
  const options = product.options ?? [];
  // Cornerstone hides the whole add-to-cart block unless the product can be purchased
  // (`{{#unless product.can_purchase}}style="display: none"`), its out-of-stock alert included.
  const canPurchase = product.availability !== 'disabled' && (input.hasOptions || initial.instock);
  const stock = initial.stock;
  const isPreorder = product.availability === 'preorder';
  const message = input.error ?? initial.purchasingMessage;
  const buyable = initial.purchasable && initial.instock;
  const context = input.backorders ? JSON.stringify(backorderContext(initial, input.backorders)) : null;
  return html`<div class="productView" data-event-type="product" data-entity-id="${product.id}" data-name="${product.name}"${
    context === null ? '' : html` data-sandbox-backorder-context="${context}"`
  }
  data-product-category="${input.categoryNames.join(', ')}" data-product-brand="${input.brand}"
  data-product-price="${product.calculated_price}" data-product-variant="${options.length > 1 ? 'multi-product-options' : options.length === 1 ? 'single-product-option' : 'single-product'}">
  <section class="productView-details product-data">
    <div class="productView-product">
      <h1 class="productView-title">${product.name}</h1>
      <h2 class="productView-brand"><span>${input.brand}</span></h2>
      <div class="productView-price"><div class="price-section price-section--withoutTax">
        <span data-product-price-without-tax class="price price--withoutTax">${formatMoney(product.calculated_price, money)}</span>
      </div></div>
      <dl class="productView-info">
        <dt class="productView-info-name sku-label">SKU:</dt>
        <dd class="productView-info-value" data-product-sku>${input.hasOptions ? '' : product.sku}</dd>
      </dl>
    </div>
  </section>
  <section class="productView-details product-options">
    <div class="productView-options">
      <form class="form" method="post" action="${l.base}/cart.php" enctype="multipart/form-data" data-cart-item-add>
        <input type="hidden" name="action" value="add">
        <input type="hidden" name="product_id" value="${product.id}"/>
        <div data-product-option-change style="display:none;">
          ${options.map(optionField)}
        </div>
        <div class="form-field form-field--stock${stock === null ? ' u-hiddenVisually' : ''}">
          <label class="form-label form-label--alternate">
            <span class="productView-stock-message">Current Stock: <span data-product-stock>${stock ?? ''}</span></span>
            ${backorderPrompt(initial, input.backorders)}
          </label>
          <p class="form-label form-label--alternate" data-product-backordered style="display:none;">
            <span data-qty-backordered-message></span>
            <span data-backorder-message></span>
          </p>
          <ul class="productView-picklist-backorder" data-picklist-backorder-list style="display:none;"></ul>
        </div>
        <div id="add-to-cart-wrapper" class="add-to-cart-wrapper"${canPurchase ? '' : html` style="display: none"`}>
          <div class="form-field form-field--increments">
            <label class="form-label form-label--alternate" for="qty[]">Quantity:</label>
            <div class="form-increment" data-quantity-change>
              <button class="button button--icon" type="button" data-action="dec">−</button>
              <input class="form-input form-input--incrementTotal" id="qty[]" name="qty[]" type="tel" value="1"
                data-quantity-min="${product.order_quantity_minimum ?? 0}" data-quantity-max="${product.order_quantity_maximum ?? 0}"
                min="1" pattern="[0-9]*" aria-live="polite">
              <button class="button button--icon" type="button" data-action="inc">+</button>
            </div>
          </div>
          ${
            !input.hasOptions && !initial.instock
              ? html`<div class="alertBox alertBox--error"><p class="alertBox-message">Out of stock</p></div>`
              : ''
          }
          <div class="alertBox alertBox--error productAttributes-message"${message ? '' : html` style="display:none"`}>
            <p class="alertBox-column alertBox-message">${message ?? ''}</p>
          </div>
          <div class="add-to-cart-buttons${isPreorder ? ' pre-order-buttons' : ''}">
            <div class="form-action">
              <input id="form-action-addToCart" data-wait-message="Adding to cart…" class="button button--primary" type="submit"
                value="${isPreorder ? 'Pre-Order' : 'Add to Cart'}"${buyable ? '' : html` disabled`}>
              <span class="product-status-message aria-description--hidden">Adding to cart… The item has been added</span>
            </div>
            <div class="add-to-cart-wallet-buttons" data-add-to-cart-wallet-buttons>
              <div data-smart-button-container-id="sandbox-wallet-${product.id}">
                <button type="button" class="button sandbox-wallet-button">Pay with Sandbox Wallet</button>
              </div>
            </div>
          </div>
        </div>
      </form>
    </div>
  </section>
  <article class="productView-description" itemprop="description">${String(product.description ?? '')}</article>
</div>`;
}

export function productPage(l: Layout, input: ProductPageInput): string {
  const brands = new Map<number, string>();
  const related = input.related ?? [];
  const content = html`${productView(l, input)}
${
  related.length > 0
    ? html`<ul class="tabs" role="tablist"><li class="tab is-active" role="presentation">
  <a class="tab-title" href="#tab-related" role="tab" aria-selected="true">Related Products</a></li></ul>
<div role="tabpanel" aria-hidden="false" class="tab-content has-jsContent is-active" id="tab-related">
  <section class="productCarousel"><ul class="productGrid">${related.map((p) => productCard(l, p, brands))}</ul></section>
</div>`
    : ''
}`;
  return layout(l, input.product.name, content);
}

/** templates/components/products/quick-view.html: the product view the quick-view modal loads. */
export function quickViewFragment(l: Layout, input: ProductPageInput): string {
  return html`<div class="modal-body quickView">${productView(l, input)}</div>`.value;
}

/**
 * templates/components/cart/content.html:143-158: a line's native-backorder texts in its quantity cell,
 * only for a line with a `stock_position` (native backorders on, stock tracked), each behind the
 * store's toggle: "N ready to ship" (`show_quantity_on_hand`, when some is on hand and some
 * backordered), "N will be backordered" (`show_quantity_on_backorder`), the backorder message
 * (`show_backorder_message`).
 */
function cartLineBackorder(position: StockPosition | undefined, b: StorefrontBackorders | null): SafeHtml {
  if (!position || !b) return html``;
  const texts: string[] = [];
  if (b.showQuantityOnHand && position.quantityOnHand > 0 && position.quantityBackordered > 0) {
    texts.push(BACKORDER_TEXTS.quantityOnHand(position.quantityOnHand));
  }
  if (b.showQuantityOnBackorder && position.quantityBackordered > 0) {
    texts.push(BACKORDER_TEXTS.quantityBackordered(position.quantityBackordered));
  }
  if (b.showBackorderMessage && position.backorderMessage) texts.push(position.backorderMessage);
  return html`${texts.map((text) => html`<p class="cart-item-backorder-message">${text}</p>`)}`;
}

/** Native backorders on the cart page: each line's `stock_position` and the store's settings. */
export interface CartBackorders {
  readonly settings: StorefrontBackorders | null;
  readonly positions: ReadonlyMap<string, StockPosition>;
}

/**
 * templates/components/cart/content.html, and of cart/totals.html the default shipping-expectation
 * prompt (lines 98-122: `p.cart-shipping-expectation-message` when
 * `cart.inventory_settings.show_default_shipping_expectation_prompt` and a line has a quantity
 * backordered; Cornerstone shows it in the shipping estimator's total, the sandbox in a total of its own).
 */
export function cartPage(
  l: Layout,
  cart: Cart | undefined,
  brandByProduct: ReadonlyMap<number, string>,
  backorders: CartBackorders = { settings: null, positions: new Map() },
): string {
  const b = backorders.settings;
  const hasBackorderedItem = [...backorders.positions.values()].some((p) => p.quantityBackordered > 0);
  const shippingExpectation =
    b?.showDefaultShippingExpectationPrompt === true && hasBackorderedItem
      ? html`<li class="cart-total"><p class="cart-shipping-expectation-message">${b.defaultShippingExpectationPrompt}</p></li>`
      : html``;
  const money = moneyOf(l.store);
  const lines = cart?.lines ?? [];
  const quantity = lines.reduce((s, x) => s + x.quantity, 0);
  const total = lines.reduce((s, x) => s + x.quantity * x.listPrice, 0);
  const content = html`<h1 class="page-heading">Your Cart (${quantity} item${quantity === 1 ? '' : 's'})</h1>
<div class="alertBox cart-message" style="display:none"><p class="alertBox-message"></p></div>
${
  lines.length === 0
    ? html`<p class="cart-empty">Your cart is empty.</p>`
    : html`<table class="cart" data-cart-quantity="${quantity}">
  <thead class="cart-header"><tr>
    <th class="cart-header-item" colspan="2">Item</th><th class="cart-header-item">Price</th>
    <th class="cart-header-item cart-header-quantity">Quantity</th><th class="cart-header-item">Total</th>
  </tr></thead>
  <tbody class="cart-list">
  ${lines.map(
    (
      line,
    ) => html`<tr class="cart-item" data-item-row data-product-id="${line.productId}" data-variant-id="${line.variantId}">
    <td class="cart-item-block cart-item-figure"></td>
    <td class="cart-item-block cart-item-title">
      <p class="cart-item-brand">${brandByProduct.get(line.productId) ?? ''}</p>
      <h2 class="cart-item-name"><a class="cart-item-name__label" href="${l.base}/products/${line.productId}">${line.name}</a></h2>
      ${
        line.options.length > 0
          ? html`<dl class="definitionList">${line.options.map(
              (o) =>
                html`<dt class="definitionList-key">${o.name}:</dt><dd class="definitionList-value">${o.value}</dd>`,
            )}</dl>`
          : ''
      }
    </td>
    <td class="cart-item-block cart-item-info"><span class="cart-item-label">Price</span>
      <span class="cart-item-value">${formatMoney(line.listPrice, money)}</span></td>
    <td class="cart-item-block cart-item-info cart-item-quantity">
      <label class="form-label cart-item-label" for="qty-${line.id}">Quantity:</label>
      <div class="form-increment">
        <button class="button button--icon" type="button" data-cart-update data-cart-itemid="${line.id}" data-action="dec">−</button>
        <input class="form-input form-input--incrementTotal cart-item-qty-input" id="qty-${line.id}" name="qty-${line.id}" type="tel"
          value="${line.quantity}" data-quantity-min="0" data-quantity-max="0" min="1" pattern="[0-9]*"
          data-cart-itemid="${line.id}" data-action="manualQtyChange" aria-live="polite">
        <button class="button button--icon" type="button" data-cart-update data-cart-itemid="${line.id}" data-action="inc">+</button>
      </div>
      ${cartLineBackorder(backorders.positions.get(line.id), b)}
    </td>
    <td class="cart-item-block cart-item-info"><span class="cart-item-label">Total</span>
      <strong class="cart-item-value">${formatMoney(line.listPrice * line.quantity, money)}</strong>
      <button class="cart-remove" type="button" data-cart-itemid="${line.id}" aria-label="Remove ${line.name} from cart">×</button>
    </td>
  </tr>`,
  )}
  </tbody>
</table>
<ul class="cart-totals">${shippingExpectation}<li class="cart-total"><strong>Grand total:</strong>
  <span class="cart-total-grandTotal">${formatMoney(total, money)}</span></li></ul>
<div class="cart-actions"><a class="button button--primary" id="checkout-button" href="${l.base}/checkout">Check out</a></div>`
}`;
  return layout(l, 'Your Cart', content);
}

export interface CheckoutForm {
  email: string;
  first_name: string;
  last_name: string;
  street_1: string;
  city: string;
  zip: string;
}

export const DEFAULT_CHECKOUT: CheckoutForm = {
  email: 'shopper@example.com',
  first_name: 'Sam',
  last_name: 'Shopper',
  street_1: '1 Trail Road',
  city: 'Austin',
  zip: '78701',
};

export function checkoutPage(l: Layout, cart: Cart, form: CheckoutForm, error?: string): string {
  const money = moneyOf(l.store);
  const total = cart.lines.reduce((s, x) => s + x.quantity * x.listPrice, 0);
  const field = (name: keyof CheckoutForm, label: string, type = 'text') =>
    html`<div class="form-field"><label class="form-label" for="checkout-${name}">${label}</label>
      <input class="form-input" id="checkout-${name}" name="${name}" type="${type}" value="${form[name]}" required></div>`;
  const content = html`<h1 class="page-heading">Checkout</h1>
${error ? html`<div class="alertBox alertBox--error checkout-error"><p class="alertBox-message">${error}</p></div>` : ''}
<table class="checkout-summary">
  ${cart.lines.map(
    (line) =>
      html`<tr class="productList-item" data-product-id="${line.productId}"><td>${line.quantity} × ${line.name}${
        line.options.length > 0
          ? html` <span class="muted">(${line.options.map((o) => `${o.name}: ${o.value}`).join(', ')})</span>`
          : ''
      }</td><td>${formatMoney(line.listPrice * line.quantity, money)}</td></tr>`,
  )}
  <tr><th>Total</th><th class="checkout-total">${formatMoney(total, money)}</th></tr>
</table>
<form class="checkout-form" method="post" action="${l.base}/checkout">
  ${field('email', 'Email', 'email')}
  ${field('first_name', 'First name')}
  ${field('last_name', 'Last name')}
  ${field('street_1', 'Address')}
  ${field('city', 'City')}
  ${field('zip', 'Postal code')}
  <p class="muted">Payment: the sandbox captures every order with a test payment.</p>
  <button class="button button--primary" id="checkout-place-order" type="submit">Place Order</button>
</form>`;
  return layout(l, 'Checkout', content);
}

export function orderConfirmationPage(l: Layout, orderId: number, email: string): string {
  const content = html`<h1 class="page-heading">Thank you!</h1>
<p class="order-confirmation">Your order number is <strong class="order-number" data-order-id="${orderId}">${orderId}</strong>.</p>
<p>A confirmation would be sent to ${email}.</p>
<p><a class="button" href="${l.base}/">Continue shopping</a></p>`;
  return layout(l, 'Order Confirmation', content);
}

export function notFoundPage(l: Layout | null, message: string): string {
  const content = html`<h1 class="page-heading">404 — Not found</h1><p>${message}</p>`;
  return l ? layout(l, 'Not found', content) : page('Not found', html`<main>${content}</main>`);
}
