/**
 * The storefront's theme script, served at /s/_assets/theme.js?v={version}. It reproduces the parts of
 * Cornerstone's behaviour that injected scripts rely on (bigcommerce/cornerstone@8ea5f78e84a6, 6.21.0:
 * assets/js/theme/common/product-details.js, product-details-base.js, global/quick-view.js, cart.js):
 * - every product form is its own view, scoped by its `.productView`: the page's and a quick view's;
 * - at start-up the options block is shown and the current (default) selection is sent to the
 *   product-attributes endpoint and the view updated, **without** an `onProductOptionsChanged` event;
 * - an option change calls the product-attributes endpoint, updates the view (add-to-cart disabled when
 *   the variant cannot be bought) and then, from 6.13, dispatches `onProductOptionsChanged` on
 *   `document` — with `detail.data` holding the attributes from 6.20, `detail.content` before (6.13 to
 *   6.19 swapped the two keys, fixed by cornerstone#2640);
 * - the quantity buttons respect `data-quantity-max` as read once at start-up (jQuery's `.data()` caches
 *   it, so later changes of the attribute are not seen);
 * - add-to-cart posts the form and shows refusals in `.productAttributes-message`;
 * - a card's `.quickview` button loads the product's quick view into `#modal .modal-content`;
 * - the cart's quantity buttons update lines;
 * - with native backorders on (the product view carries `data-sandbox-backorder-context`, what
 *   Cornerstone injects into its jsContext), product-details-base.js:432-600's backorder updates: the
 *   availability prompt, "{quantity} will be backordered" and the backorder message under
 *   `[data-product-backordered]` as the quantity or the variant changes, and add-to-cart disabled with
 *   "The maximum purchasable quantity is N" past available to sell (stock + what can be backordered).
 * Plain ES2017 served as-is: it runs in the shopper's browser, not in the sandbox process.
 */

/** Which Cornerstone's JavaScript a page runs: the current one by default (`?theme=` on a page). */
export const THEME_VERSIONS = ['6.21', '6.13', '6.12'] as const;
export type ThemeVersion = (typeof THEME_VERSIONS)[number];
export const DEFAULT_THEME: ThemeVersion = '6.21';

export function themeVersionOf(value: unknown): ThemeVersion {
  return THEME_VERSIONS.find((v) => v === value) ?? DEFAULT_THEME;
}

export function themeJs(version: ThemeVersion): string {
  return THEME_JS.replace('__THEME_VERSION__', version);
}

const THEME_JS = `(function () {
  'use strict';
  var version = '__THEME_VERSION__';
  var meta = document.querySelector('meta[name="sandbox-store-base"]');
  var base = meta ? meta.getAttribute('content') : '';

  function showMessage(box, text) {
    if (!box) return;
    var p = box.querySelector('.alertBox-message');
    if (p) p.textContent = text || '';
    box.style.display = text ? '' : 'none';
  }

  function serialize(form) {
    return new URLSearchParams(new FormData(form)).toString();
  }

  function initProduct(form) {
    if (form.__sandboxTheme) return;
    form.__sandboxTheme = true;
    var productId = form.querySelector('input[name="product_id"]').value;
    var scope = form.closest('.productView') || document;
    var button = form.querySelector('#form-action-addToCart');
    var box = form.querySelector('.productAttributes-message');
    var change = form.querySelector('[data-product-option-change]');
    var qty = form.querySelector('[name="qty[]"]');
    var wrapper = form.querySelector('.add-to-cart-wrapper');
    // jQuery's .data() reads the attribute once and caches it.
    var quantityMax = qty ? parseInt(qty.getAttribute('data-quantity-max'), 10) || 0 : 0;
    var contextText = scope.getAttribute && scope.getAttribute('data-sandbox-backorder-context');
    var backorder = contextText ? JSON.parse(contextText) : null;
    var backorderedQty = 0;
    // The variant cannot be bought at all (set by updateView): a quantity within limits does not re-enable it.
    var blocked = false;

    // product-details-base.js updateBackorderContext
    function updateBackorderContext(data) {
      if (typeof data.available_on_hand === 'number') backorder.availableOnHand = data.available_on_hand;
      else if (typeof data.stock === 'number') backorder.availableOnHand = data.stock;
      if (typeof data.available_for_backorder === 'number') backorder.availableForBackorder = data.available_for_backorder;
      if (typeof data.available_to_sell === 'number') backorder.availableToSell = data.available_to_sell;
      if (typeof data.show_backorder_availability_prompt === 'boolean') backorder.showBackorderAvailabilityPrompt = data.show_backorder_availability_prompt;
      if (typeof data.backorder_availability_prompt === 'string') backorder.backorderAvailabilityPrompt = data.backorder_availability_prompt;
      if (typeof data.unlimited_backorder === 'boolean') backorder.unlimitedBackorder = data.unlimited_backorder;
      backorder.backorderMessageId = data.backorder_message_id == null ? null : data.backorder_message_id;
    }

    // product-details-base.js updateBackorderPrompt
    function updateBackorderPrompt() {
      var prompt = scope.querySelector('[data-backorder-prompt]');
      if (!prompt) return;
      var unlimited = backorder.unlimitedBackorder === true;
      var forBackorder = unlimited ? Infinity : parseInt(backorder.availableForBackorder, 10) || 0;
      var toSell = unlimited ? Infinity : parseInt(backorder.availableToSell, 10) || 0;
      var text = backorder.backorderAvailabilityPrompt;
      if (backorder.showBackorderAvailabilityPrompt && toSell > 0 && forBackorder > 0 && text) {
        prompt.textContent = text;
        prompt.style.display = '';
      } else {
        prompt.style.display = 'none';
      }
    }

    // product-details-base.js updateQtyBackorderedMessage, updateBackorderMessage, toggleBackorderedContainer
    function updateBackordered(quantity) {
      var container = scope.querySelector('[data-product-backordered]');
      if (!container) return;
      var qtyMessage = container.querySelector('[data-qty-backordered-message]');
      var message = container.querySelector('[data-backorder-message]');
      var stockText = scope.querySelector('[data-product-stock]');
      var contextOnHand = parseInt(backorder.availableOnHand, 10);
      var fromDom = stockText ? parseInt(stockText.textContent, 10) : NaN;
      var onHand = 0;
      if (!isNaN(contextOnHand) && contextOnHand > 0) onHand = contextOnHand;
      else if (!isNaN(fromDom)) onHand = fromDom;
      var unlimited = backorder.unlimitedBackorder === true;
      var forBackorder = unlimited ? Infinity : parseInt(backorder.availableForBackorder, 10) || 0;
      backorderedQty = Math.max(0, Math.min(quantity - onHand, forBackorder));
      qtyMessage.textContent = backorder.showQuantityOnBackorder !== false && backorderedQty > 0
        ? backorder.quantityBackorderedMessage.replace('__QTY__', backorderedQty)
        : '';
      var text = '';
      if (backorderedQty > 0 && backorder.showBackorderMessage && Array.isArray(backorder.backorderMessages)) {
        var found = null;
        for (var m = 0; m < backorder.backorderMessages.length; m++) {
          if (backorder.backorderMessages[m].id === backorder.backorderMessageId) found = backorder.backorderMessages[m];
        }
        if (!found) {
          for (var d = 0; d < backorder.backorderMessages.length; d++) {
            if (backorder.backorderMessages[d].is_default) found = found || backorder.backorderMessages[d];
          }
        }
        if (found) text = found.message;
      }
      message.textContent = text;
      var hasContent = qtyMessage.textContent.trim() !== '' || message.textContent.trim() !== '';
      container.style.display = hasContent ? '' : 'none';
    }

    // product-details-base.js updateAddToCartForQty (the main product's sell limit)
    function updateAddToCartForQty(quantity) {
      if (blocked) return;
      var unlimited = backorder.unlimitedBackorder === true;
      var toSell = unlimited ? Infinity : parseInt(backorder.availableToSell, 10) || 0;
      if (toSell > 0 && quantity > toSell) {
        if (button) button.disabled = true;
        showMessage(box, backorder.quantityMaxMessage.replace('__QTY__', toSell));
        box.setAttribute('data-qty-limit', 'true');
        return;
      }
      if (box && box.getAttribute('data-qty-limit') === 'true') {
        box.removeAttribute('data-qty-limit');
        showMessage(box, '');
        if (button && toSell > 0 && !blocked) button.disabled = false;
      }
    }

    function currentQty() {
      return qty ? parseInt(qty.value, 10) || 1 : 1;
    }

    function updateBackorderView(data) {
      if (!backorder) return;
      if (data) {
        updateBackorderContext(data);
        updateBackorderPrompt();
      }
      updateBackordered(currentQty());
      updateAddToCartForQty(currentQty());
    }

    function updateView(data) {
      showMessage(box, data.stock_message || data.purchasing_message);
      var sku = scope.querySelector('[data-product-sku]');
      if (sku) sku.textContent = data.sku || '';
      var stock = scope.querySelector('[data-product-stock]');
      var stockField = scope.querySelector('.form-field--stock');
      if (stock) stock.textContent = typeof data.stock === 'number' ? String(data.stock) : '';
      if (stockField) stockField.classList.toggle('u-hiddenVisually', typeof data.stock !== 'number');
      var price = scope.querySelector('[data-product-price-without-tax]');
      if (price && data.price && data.price.without_tax) price.textContent = data.price.without_tax.formatted;
      var disabled = !data.purchasable || !(data.instock || data.available_to_sell > 0);
      if (button) button.disabled = disabled;
      var steps = form.querySelectorAll('[data-quantity-change] button');
      for (var i = 0; i < steps.length; i++) steps[i].disabled = disabled;
      if (wrapper && wrapper.style.display === 'none' && data.purchasable) wrapper.style.display = '';
      blocked = disabled;
      if (box) box.removeAttribute('data-qty-limit');
      updateBackorderView(data);
    }

    function optionChange(then) {
      fetch(base + '/remote/v1/product-attributes/' + encodeURIComponent(productId), {
        method: 'POST',
        credentials: 'same-origin',
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded; charset=UTF-8',
          'X-Requested-With': 'XMLHttpRequest',
          'stencil-options': '{"render_with":"products/bulk-discount-rates"}'
        },
        body: serialize(form)
      })
        .then(function (res) { return res.json(); })
        .then(function (response) { then(response.data || {}, response.content || ''); });
    }

    if (change) {
      change.style.display = '';
      change.addEventListener('change', function () {
        optionChange(function (data, content) {
          updateView(data);
          if (version === '6.12') return;
          var detail = version === '6.13' ? { content: data, data: content } : { content: content, data: data };
          document.dispatchEvent(new CustomEvent('onProductOptionsChanged', { bubbles: true, detail: detail }));
        });
      });
    }
    // The current (default) selection at start-up: the view is updated, no event is dispatched.
    optionChange(updateView);

    var qtyButtons = form.querySelectorAll('[data-quantity-change] button');
    for (var i = 0; i < qtyButtons.length; i++) {
      qtyButtons[i].addEventListener('click', function (event) {
        event.preventDefault();
        var current = parseInt(qty.value, 10) || 1;
        var next = event.currentTarget.getAttribute('data-action') === 'inc' ? current + 1 : Math.max(1, current - 1);
        if (quantityMax > 0 && next > quantityMax) next = quantityMax;
        qty.value = String(next);
        updateBackorderView(null);
      });
    }
    if (qty) qty.addEventListener('change', function () { updateBackorderView(null); });

    form.addEventListener('submit', function (event) {
      event.preventDefault();
      if (!button || button.disabled) return;
      var label = button.value;
      button.value = button.getAttribute('data-wait-message') || label;
      button.disabled = true;
      fetch(base + '/remote/v1/cart/add', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'X-Requested-With': 'XMLHttpRequest' },
        body: new FormData(form)
      })
        .then(function (res) { return res.json(); })
        .then(function (response) {
          button.value = label;
          button.disabled = false;
          var error = response.data && response.data.error;
          if (error) {
            showMessage(box, error);
            return;
          }
          window.location.href = base + '/cart.php';
        }, function () {
          button.value = label;
          button.disabled = false;
          showMessage(box, 'The item could not be added to your cart. Please try again.');
        });
    });
  }

  function initQuickView() {
    var modal = document.getElementById('modal');
    if (!modal) return;
    var content = modal.querySelector('.modal-content');
    document.body.addEventListener('click', function (event) {
      var opener = event.target.closest && event.target.closest('.quickview');
      if (opener) {
        event.preventDefault();
        modal.style.display = '';
        modal.classList.add('open');
        fetch(base + '/products/' + encodeURIComponent(opener.getAttribute('data-product-id')) + '/quick-view', {
          credentials: 'same-origin',
          headers: { 'X-Requested-With': 'XMLHttpRequest', 'stencil-options': '{"render_with":"products/quick-view"}' }
        })
          .then(function (res) { return res.text(); })
          .then(function (markup) {
            content.innerHTML = markup;
            var view = content.querySelector('.productView');
            if (view) view.classList.add('productView--quickView');
            var form = content.querySelector('.quickView form[data-cart-item-add]');
            if (form) initProduct(form);
          });
        return;
      }
      if (event.target.closest && event.target.closest('.modal-close')) {
        modal.classList.remove('open');
        modal.style.display = 'none';
        content.innerHTML = '';
      }
    });
  }

  function initCart(table) {
    var box = document.querySelector('.cart-message');
    function update(itemId, quantity) {
      fetch(base + '/remote/v1/cart/update', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'XMLHttpRequest' },
        body: JSON.stringify({ items: [{ id: itemId, quantity: quantity }] })
      })
        .then(function (res) { return res.json(); })
        .then(function (response) {
          if (response.data && response.data.status === 'succeed') window.location.reload();
          else showMessage(box, (response.data && response.data.errors || []).join(' '));
        });
    }
    table.addEventListener('click', function (event) {
      var target = event.target.closest('[data-cart-update], .cart-remove');
      if (!target) return;
      var itemId = target.getAttribute('data-cart-itemid');
      if (target.classList.contains('cart-remove')) return update(itemId, 0);
      var input = document.getElementById('qty-' + itemId);
      var current = parseInt(input.value, 10) || 0;
      update(itemId, target.getAttribute('data-action') === 'inc' ? current + 1 : current - 1);
    });
    table.addEventListener('change', function (event) {
      var input = event.target;
      if (!input.classList || !input.classList.contains('cart-item-qty-input')) return;
      update(input.getAttribute('data-cart-itemid'), parseInt(input.value, 10) || 0);
    });
  }

  var productForms = document.querySelectorAll('form[data-cart-item-add]');
  for (var f = 0; f < productForms.length; f++) initProduct(productForms[f]);
  initQuickView();
  var cartTable = document.querySelector('table.cart');
  if (cartTable) initCart(cartTable);
})();
`;
