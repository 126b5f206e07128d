/**
 * The storefront's theme script, served at /s/_assets/theme.js. It reproduces the parts of Cornerstone's
 * behaviour that injected scripts rely on (assets/js/theme/common/product-details.js, cart.js): option
 * changes call the product-attributes endpoint, update the view, disable add-to-cart when the variant
 * cannot be bought, then dispatch `onProductOptionsChanged`; add-to-cart posts the form and shows refusals
 * in `.productAttributes-message`; the cart's quantity buttons update lines.
 * Plain ES2017 served as-is: it runs in the shopper's browser, not in the sandbox process.
 */
export const THEME_JS = `(function () {
  'use strict';
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
    var productId = form.querySelector('input[name="product_id"]').value;
    var scope = form.closest('.productView') || document;
    var button = form.querySelector('#form-action-addToCart');
    var box = form.querySelector('.productAttributes-message');
    var change = form.querySelector('[data-product-option-change]');
    var qty = form.querySelector('[name="qty[]"]');

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
    }

    if (change) {
      change.addEventListener('change', function () {
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
          .then(function (response) {
            var data = response.data || {};
            var content = response.content || '';
            updateView(data);
            document.dispatchEvent(new CustomEvent('onProductOptionsChanged', {
              bubbles: true,
              detail: { content: content, data: data }
            }));
          });
      });
    }

    var qtyButtons = form.querySelectorAll('[data-quantity-change] button');
    for (var i = 0; i < qtyButtons.length; i++) {
      qtyButtons[i].addEventListener('click', function (event) {
        event.preventDefault();
        var current = parseInt(qty.value, 10) || 1;
        var next = event.currentTarget.getAttribute('data-action') === 'inc' ? current + 1 : Math.max(1, current - 1);
        qty.value = String(next);
      });
    }

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

  var productForm = document.querySelector('form[data-cart-item-add]');
  if (productForm) initProduct(productForm);
  var cartTable = document.querySelector('table.cart');
  if (cartTable) initCart(cartTable);
})();
`;
