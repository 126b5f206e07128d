/*
 * Backorder for BigCommerce — storefront script.
 *
 * Installed through the Scripts API as `<script src="{app}/storefront/backorder.js?store={hash}" defer>`.
 * On a product page it replaces the add-to-cart label with the backorder button text and shows the backorder
 * message, following variant changes (Cornerstone's `onProductOptionsChanged`). On the cart page it writes
 * the cart message into the lines that are backorders.
 *
 * Rules this file keeps:
 * - It must never break the page: every entry point is wrapped, every request has a timeout, and when the
 *   app is unreachable, slow or answers nonsense the page stays exactly as the theme rendered it.
 * - Merchant texts are plain text: they are only ever written with `textContent`.
 * - Plain ES2019 served as-is (no build step); one global, `window.BackorderForBigCommerce`.
 */
// biome-ignore-all lint/complexity/useOptionalChain: optional chaining is ES2020; this file stays ES2019.
// biome-ignore-all lint/suspicious/noRedundantUseStrict: browsers load this as a classic script, not a module.
(() => {
  'use strict';

  const GLOBAL_NAME = 'BackorderForBigCommerce';
  const TIMEOUT_MS = 3000;
  const MAX_CART_PRODUCTS = 50;
  const SCRIPT_PATH = /\/storefront\/backorder\.js$/;
  const MESSAGE_ATTRIBUTE = 'data-backorder-app-message';
  const CART_ATTRIBUTE = 'data-backorder-app-cart-message';
  const SEEN_ROW_ATTRIBUTE = 'data-backorder-app-seen';

  if (typeof window === 'undefined' || typeof document === 'undefined') return;
  // Registered twice (or loaded by two tags): the first copy does the work.
  if (GLOBAL_NAME in window) return;

  let resolveReady = () => {};
  const ready = typeof Promise === 'function' ? new Promise((resolve) => (resolveReady = resolve)) : null;

  try {
    Object.defineProperty(window, GLOBAL_NAME, {
      value: Object.freeze({ version: '1', ready: ready }),
      configurable: false,
      enumerable: false,
      writable: false,
    });
  } catch (_) {
    return;
  }

  function safely(fn) {
    return (...args) => {
      try {
        return fn(...args);
      } catch (_) {
        return undefined;
      }
    };
  }

  // ---------- where the app is ----------

  function ownScript() {
    const current = document.currentScript;
    if (current && current.src && SCRIPT_PATH.test(new URL(current.src, document.baseURI).pathname)) {
      return current;
    }
    const scripts = document.getElementsByTagName('script');
    for (let i = 0; i < scripts.length; i++) {
      const src = scripts[i].src;
      if (src && SCRIPT_PATH.test(new URL(src, document.baseURI).pathname)) return scripts[i];
    }
    return null;
  }

  function appConfig() {
    const script = ownScript();
    if (!script) return null;
    const url = new URL(script.src, document.baseURI);
    const storeHash = url.searchParams.get('store');
    if (!storeHash || !/^[a-z0-9]{1,64}$/i.test(storeHash)) return null;
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
    // The app may live under a path prefix: its API sits beside the script.
    const base = url.origin + url.pathname.replace(SCRIPT_PATH, '').replace(/\/+$/, '');
    return { storeHash: storeHash, base: base };
  }

  // ---------- requests ----------

  /** Resolves with parsed JSON, or null on any failure (network, timeout, status, body). Never rejects. */
  function getJson(url, credentials) {
    if (typeof fetch !== 'function' || typeof AbortController !== 'function') return Promise.resolve(null);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
    let request;
    try {
      request = fetch(url, {
        method: 'GET',
        credentials: credentials,
        headers: { Accept: 'application/json' },
        signal: controller.signal,
      });
    } catch (_) {
      clearTimeout(timer);
      return Promise.resolve(null);
    }
    return request
      .then((response) => (response.ok ? response.json() : null))
      .then(
        (body) => {
          clearTimeout(timer);
          return body === undefined ? null : body;
        },
        () => {
          clearTimeout(timer);
          return null;
        },
      );
  }

  function isText(value) {
    return typeof value === 'string' && value.length > 0;
  }

  function textOrNull(value) {
    return isText(value) ? value : null;
  }

  /** The app's answer, kept only if it has the expected shape; anything else counts as no answer. */
  function parseView(body, productId) {
    if (!body || typeof body !== 'object' || !Array.isArray(body.items)) return null;
    if (body.productId !== productId) return null;
    const items = [];
    for (let i = 0; i < body.items.length; i++) {
      const raw = body.items[i];
      if (!raw || typeof raw !== 'object') return null;
      const variantId = raw.variantId;
      if (variantId !== null && !(typeof variantId === 'number' && variantId > 0)) return null;
      if (typeof raw.status !== 'string') return null;
      items.push({
        variantId: variantId,
        status: raw.status,
        buttonText: raw.status === 'backorder' ? textOrNull(raw.buttonText) : null,
        message: raw.status === 'backorder' ? textOrNull(raw.message) : null,
        cartMessage: raw.status === 'backorder' ? textOrNull(raw.cartMessage) : null,
      });
    }
    return items;
  }

  function loadProduct(config, productId, variantIds) {
    let url = `${config.base}/storefront/${encodeURIComponent(config.storeHash)}/products/${productId}`;
    if (variantIds && variantIds.length > 0) url += `?variant_ids=${variantIds.join(',')}`;
    return getJson(url, 'omit').then((body) => parseView(body, productId));
  }

  /** The item a variant belongs to; a product without variants has one item for every "variant". */
  function itemFor(items, variantId) {
    let productLevel = null;
    for (let i = 0; i < items.length; i++) {
      if (variantId !== null && items[i].variantId === variantId) return items[i];
      if (items[i].variantId === null) productLevel = items[i];
    }
    return productLevel;
  }

  function sameTexts(a, b) {
    return a.buttonText === b.buttonText && a.message === b.message;
  }

  /** What to show before a variant is chosen: the product's own item, or what every variant agrees on. */
  function itemBeforeSelection(items) {
    const productLevel = itemFor(items, null);
    if (productLevel) return productLevel;
    if (items.length === 0) return null;
    for (let i = 1; i < items.length; i++) if (!sameTexts(items[0], items[i])) return null;
    return items[0];
  }

  // ---------- product page ----------

  function labelOf(button) {
    return button.tagName === 'INPUT' ? button.value : button.textContent;
  }

  function setLabel(button, text) {
    if (button.tagName === 'INPUT') button.value = text;
    else button.textContent = text;
  }

  function productPage(config, form) {
    const idInput = form.querySelector('input[name="product_id"]');
    const productId = idInput ? Number(idInput.value) : Number.NaN;
    if (!(Number.isInteger(productId) && productId > 0)) return Promise.resolve();
    const button =
      form.querySelector('#form-action-addToCart') || document.getElementById('form-action-addToCart');

    const originalLabel = button ? labelOf(button) : null;
    let shownLabel = null;
    let messageElement = null;
    let items = null;
    // undefined: no option change seen yet; null: options changed to an incomplete selection.
    let variantId;

    function render(item) {
      const buttonText = item ? item.buttonText : null;
      const message = item ? item.message : null;
      if (button) {
        if (buttonText !== null) {
          if (labelOf(button) !== buttonText) setLabel(button, buttonText);
          shownLabel = buttonText;
        } else if (shownLabel !== null) {
          // Only undo our own change: if the theme relabelled the button meanwhile, its label stays.
          if (labelOf(button) === shownLabel) setLabel(button, originalLabel);
          shownLabel = null;
        }
      }
      if (message !== null) {
        if (!messageElement || !messageElement.isConnected) {
          messageElement = document.createElement('p');
          messageElement.className = 'backorder-message';
          messageElement.setAttribute(MESSAGE_ATTRIBUTE, '');
          messageElement.setAttribute('role', 'status');
          const anchor = button ? button.closest('.form-action') || button : null;
          if (anchor && anchor.parentNode) anchor.parentNode.insertBefore(messageElement, anchor.nextSibling);
          else form.appendChild(messageElement);
        }
        messageElement.textContent = message;
      } else if (messageElement) {
        if (messageElement.parentNode) messageElement.parentNode.removeChild(messageElement);
        messageElement = null;
      }
    }

    function update() {
      if (items === null) return;
      render(
        variantId === undefined || variantId === null
          ? itemBeforeSelection(items)
          : itemFor(items, variantId),
      );
    }

    document.addEventListener(
      'onProductOptionsChanged',
      safely((event) => {
        const data = event && event.detail && event.detail.data;
        const id = data && data.variantId;
        variantId = typeof id === 'number' && id > 0 ? id : null;
        update();
      }),
    );

    return loadProduct(config, productId, null).then(
      safely((loaded) => {
        if (loaded === null || loaded.length === 0) return;
        items = loaded;
        update();
      }),
    );
  }

  // ---------- cart page ----------

  function cartLines(body) {
    const cart = Array.isArray(body) ? body[0] : body;
    const lineItems = cart && typeof cart === 'object' ? cart.lineItems : null;
    if (!lineItems || typeof lineItems !== 'object') return null;
    const lines = {};
    const groups = [lineItems.physicalItems, lineItems.digitalItems];
    for (let g = 0; g < groups.length; g++) {
      const group = groups[g];
      if (!Array.isArray(group)) continue;
      for (let i = 0; i < group.length; i++) {
        const line = group[i];
        if (!line || typeof line.productId !== 'number') continue;
        lines[String(line.id)] = {
          productId: line.productId,
          variantId: typeof line.variantId === 'number' ? line.variantId : null,
        };
      }
    }
    return lines;
  }

  function rowItemId(row) {
    const input =
      row.querySelector('.cart-item-qty-input[data-cart-itemid]') || row.querySelector('[data-cart-itemid]');
    return input ? input.getAttribute('data-cart-itemid') : null;
  }

  function showCartMessage(row, text) {
    let p = row.querySelector('p.cart-item-backorder-message');
    if (!p) {
      p = document.createElement('p');
      p.className = 'cart-item-backorder-message';
      const cell = row.querySelector('.cart-item-title') || row.querySelector('td');
      if (!cell) return;
      cell.appendChild(p);
    }
    p.setAttribute(CART_ATTRIBUTE, '');
    p.textContent = text;
    if (p.hidden) p.hidden = false;
    if (p.style && p.style.display === 'none') p.style.display = '';
  }

  function cartPage(config) {
    const rows = document.querySelectorAll('tr.cart-item[data-item-row]');
    const pending = [];
    for (let i = 0; i < rows.length; i++) {
      if (rows[i].hasAttribute(SEEN_ROW_ATTRIBUTE)) continue;
      rows[i].setAttribute(SEEN_ROW_ATTRIBUTE, '');
      pending.push(rows[i]);
    }
    if (pending.length === 0) return Promise.resolve();

    // Same origin as the page: the Storefront Cart API knows which product and variant each line is.
    return getJson('/api/storefront/carts', 'same-origin').then(
      safely((body) => {
        const lines = cartLines(body);
        if (!lines) return undefined;
        const wanted = {};
        const productIds = [];
        for (let i = 0; i < pending.length; i++) {
          const line = lines[rowItemId(pending[i])];
          if (!line) continue;
          if (!wanted[line.productId]) {
            if (productIds.length >= MAX_CART_PRODUCTS) continue;
            wanted[line.productId] = [];
            productIds.push(line.productId);
          }
          if (line.variantId !== null && wanted[line.productId].indexOf(line.variantId) < 0) {
            wanted[line.productId].push(line.variantId);
          }
        }
        return Promise.all(productIds.map((id) => loadProduct(config, id, wanted[id]))).then(
          safely((views) => {
            const byProduct = {};
            for (let i = 0; i < productIds.length; i++) byProduct[productIds[i]] = views[i];
            for (let i = 0; i < pending.length; i++) {
              const line = lines[rowItemId(pending[i])];
              const items = line ? byProduct[line.productId] : null;
              const item = items ? itemFor(items, line.variantId) : null;
              if (item && item.cartMessage !== null) showCartMessage(pending[i], item.cartMessage);
            }
          }),
        );
      }),
    );
  }

  /** Cornerstone re-renders the cart after a quantity change without reloading: new rows get messages too. */
  function watchCart(config) {
    if (typeof MutationObserver !== 'function') return;
    let scheduled = null;
    const observer = new MutationObserver(
      safely(() => {
        if (scheduled !== null) return;
        scheduled = setTimeout(
          safely(() => {
            scheduled = null;
            if (document.querySelector(`tr.cart-item[data-item-row]:not([${SEEN_ROW_ATTRIBUTE}])`)) {
              cartPage(config);
            }
          }),
          250,
        );
      }),
    );
    observer.observe(document.body, { childList: true, subtree: true });
  }

  // ---------- start ----------

  // document.currentScript is only set while this file first runs, so the config is read now.
  const config = safely(appConfig)();

  const start = safely(() => {
    if (!config) return Promise.resolve();
    const work = [];
    const form = document.querySelector('form[data-cart-item-add]');
    if (form && form.querySelector('input[name="product_id"]')) work.push(productPage(config, form));
    if (document.querySelector('tr.cart-item[data-item-row]')) {
      work.push(cartPage(config));
      watchCart(config);
    }
    return Promise.all(work);
  });

  function run() {
    let done;
    try {
      done = start();
    } catch (_) {
      done = null;
    }
    if (done && typeof done.then === 'function') done.then(resolveReady, resolveReady);
    else resolveReady();
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', safely(run));
  else run();
})();
