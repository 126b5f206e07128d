/*
 * Backorder for BigCommerce — storefront script.
 *
 * Installed through the Scripts API as `<script src="{app}/storefront/backorder.js?store={hash}" defer>`.
 * Every product form on the page (the product's own, a quick view's) is a view of its own: its add-to-cart
 * label, its message below the add-to-cart buttons' row (the backorder message, or the unavailable message
 * where a disabled product's add-to-cart was) and its quantity, capped at the units still allowed. The
 * chosen item is read from the form itself (the option values the app recorded per variant), so a default
 * selection counts from the start and themes without `onProductOptionsChanged` work too; that event is
 * used for items whose option values the app does not know. Product cards' add-to-cart buttons get the
 * button text; cart lines get the cart message in an element of the app's own. Content added later
 * (quick views, re-rendered carts) is picked up.
 *
 * With BigCommerce's native backorders (`native: true` in the app's answers) the theme shows its own
 * backorder texts and BigCommerce refuses past the limit: the script adds only what native lacks (see
 * README.md): no caps, the message beside the shown native texts, never a text a shown native one says.
 *
 * Rules this file keeps:
 * - It must never break the page: every entry point is wrapped, every request has a timeout, and when the
 *   app is unreachable, slow or answers nonsense the page stays exactly as the theme rendered it.
 * - Merchant texts are plain text: they are only ever written with `textContent`.
 * - The theme's own elements (BigCommerce's native backorder texts among them) are never written to,
 *   except the add-to-cart labels and the quantity limits it replaces while an item is in backorder.
 * - Plain ES2019, kept readable here; served minified (esbuild at build time, still ES2019: README.md).
 *   One global, `window.BackorderForBigCommerce`.
 */
// biome-ignore-all lint/complexity/useOptionalChain: optional chaining is ES2020; this file stays ES2019.
// biome-ignore-all lint/suspicious/noRedundantUseStrict: browsers load this as a classic script, not a module.
(() => {
  'use strict';

  const GLOBAL_NAME = 'BackorderForBigCommerce';
  const TIMEOUT_MS = 3000;
  const MAX_IDS = 50;
  const SCRIPT_PATH = /\/storefront\/backorder\.js$/;
  const MESSAGE_ATTRIBUTE = 'data-backorder-app-message';
  const CART_ATTRIBUTE = 'data-backorder-app-cart-message';

  if (typeof window === 'undefined' || typeof document === 'undefined') return;
  // Registered twice (or loaded by two tags): the first copy does the work.
  if (GLOBAL_NAME in window) return;

  let resolveReady = () => {};
  const ready = typeof Promise === 'function' ? new Promise((resolve) => (resolveReady = resolve)) : null;

  try {
    Object.defineProperty(window, GLOBAL_NAME, {
      value: Object.freeze({ version: '3', ready: ready }),
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

  // The store runs BigCommerce's native backorders, as every answer of the app says.
  let native = false;

  function text(value) {
    return typeof value === 'string' && value.length > 0 ? value : null;
  }

  function isId(value) {
    return typeof value === 'number' && value > 0 && value % 1 === 0;
  }

  /** `{"12": 34}`: option id → value id, as the product form sends them; null when unknown or malformed. */
  function optionsOf(value) {
    if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
    const keys = Object.keys(value);
    for (let i = 0; i < keys.length; i++) if (!/^\d+$/.test(keys[i]) || !isId(value[keys[i]])) return null;
    return value;
  }

  /** One product's items as the app answered, kept only if they have the expected shape; else null. */
  function parseItems(raw) {
    if (!Array.isArray(raw)) return null;
    const items = [];
    for (let i = 0; i < raw.length; i++) {
      const item = raw[i];
      if (!item || typeof item !== 'object' || typeof item.status !== 'string') return null;
      if (item.variantId !== null && !isId(item.variantId)) return null;
      const backorder = item.status === 'backorder';
      const remaining = item.remainingUnits;
      items.push({
        variantId: item.variantId,
        options: optionsOf(item.options),
        buttonText: backorder ? text(item.buttonText) : null,
        message: backorder ? text(item.message) : null,
        cartMessage: backorder ? text(item.cartMessage) : null,
        unavailable: item.status === 'unavailable' ? text(item.unavailableMessage) : null,
        // Native: BigCommerce refuses past its limit and says "N will be backordered"; a cap would contradict it.
        remaining:
          backorder && !native && typeof remaining === 'number' && remaining >= 0
            ? Math.floor(remaining)
            : null,
      });
    }
    return items;
  }

  /** Items by product id for up to MAX_IDS products (`{}` on any failure); variantIds narrow variants. */
  function load(config, productIds, variantIds) {
    let url = `${config.base}/storefront/${encodeURIComponent(config.storeHash)}/products?ids=${productIds.join(',')}`;
    if (variantIds && variantIds.length > 0) url += `&variant_ids=${variantIds.join(',')}`;
    return getJson(url, 'omit').then((body) => {
      if (body) native = body.native === true;
      const byProduct = {};
      const products = body && Array.isArray(body.products) ? body.products : [];
      for (let i = 0; i < products.length; i++) {
        const product = products[i];
        if (!product || productIds.indexOf(product.productId) < 0) continue;
        const items = parseItems(product.items);
        if (items && items.length > 0) byProduct[product.productId] = items;
      }
      return byProduct;
    });
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

  /** What to show before a variant is chosen: the product's own item, or what all its variants agree on. */
  function agreed(items) {
    const productLevel = itemFor(items, null);
    if (productLevel) return productLevel;
    const a = items[0];
    for (let i = 1; i < items.length; i++) {
      const b = items[i];
      if (a.buttonText !== b.buttonText || a.message !== b.message) return null;
      if (a.unavailable !== b.unavailable || a.remaining !== b.remaining) return null;
    }
    return a || null;
  }

  // ---------- product forms ----------

  const views = [];
  let lastChanged = null;

  function labelOf(button) {
    return button.tagName === 'INPUT' ? button.value : button.textContent;
  }

  function setLabel(button, label) {
    if (button.tagName === 'INPUT') button.value = label;
    else button.textContent = label;
  }

  function isHidden(element) {
    return !!element && window.getComputedStyle(element).display === 'none';
  }

  /** The last of the theme's elements matching `selector` in `scope` that the shopper sees (rendered, not
   * in a `.u-hiddenVisually` block such as Cornerstone's hidden stock field), saying `message` if given. */
  function shown(scope, selector, message) {
    const found = scope.querySelectorAll(selector);
    let last = null;
    for (let i = 0; i < found.length; i++) {
      const element = found[i];
      if (element.getClientRects().length === 0 || element.closest('.u-hiddenVisually')) continue;
      if (!message || element.textContent.trim() === message.trim()) last = element;
    }
    return last;
  }

  /** The item the form's current choice is, from the option values the app recorded for each variant. */
  function chosen(view) {
    const items = view.items;
    const productLevel = itemFor(items, null);
    if (productLevel) return productLevel;
    let known = typeof FormData === 'function';
    for (let i = 0; i < items.length; i++) if (!items[i].options) known = false;
    if (!known) return view.variantId ? itemFor(items, view.variantId) : agreed(items);
    const form = new FormData(view.form);
    let complete = true;
    for (let i = 0; i < items.length; i++) {
      const keys = Object.keys(items[i].options);
      let matches = keys.length > 0;
      for (let k = 0; k < keys.length; k++) {
        const value = form.get(`attribute[${keys[k]}]`);
        if (!value) complete = false;
        if (value !== String(items[i].options[keys[k]])) matches = false;
      }
      if (matches) return items[i];
    }
    return complete ? null : agreed(items);
  }

  function update(view) {
    if (!view.items) return;
    const item = chosen(view);
    const button = view.button;
    const label = item ? item.buttonText : null;
    if (button) {
      if (label !== null) {
        if (labelOf(button) !== label) setLabel(button, label);
        view.label = label;
      } else if (view.label !== null) {
        // Only undo our own change: if the theme relabelled the button meanwhile, its label stays.
        if (labelOf(button) === view.label) setLabel(button, view.original);
        view.label = null;
      }
    }
    view.message = item ? item.message || item.unavailable : null;
    view.unavailable = item && item.unavailable !== null;
    place(view);
    capQuantity(view, item ? item.remaining : null);
  }

  /** Below the add-to-cart buttons' row (Cornerstone puts wallet buttons beside the button), where a
   * hidden add-to-cart block would be, or right after the shown native backorder texts, to be read with
   * them. Not at all while a shown native text says the same. */
  function place(view) {
    let element = view.element;
    const message = view.message;
    const unavailable = view.unavailable;
    const natives = '[data-backorder-prompt],[data-qty-backordered-message],[data-backorder-message]';
    if (message === null || shown(view.form, natives, message)) {
      if (element && element.parentNode) element.parentNode.removeChild(element);
      view.element = null;
      return;
    }
    if (!element) {
      element = document.createElement('p');
      element.className = 'backorder-message';
      element.setAttribute(MESSAGE_ATTRIBUTE, '');
      element.setAttribute('role', 'status');
      element.style.clear = 'both';
      view.element = element;
    }
    const button = view.button;
    const wrapper = button ? button.closest('.add-to-cart-wrapper') : null;
    // "N will be backordered" with its message, else the prompt (in a label, where a <p> may not go).
    const beside = unavailable
      ? null
      : shown(view.form, '[data-product-backordered],[data-backorder-prompt]');
    const anchor = beside
      ? beside.closest('label') || beside
      : unavailable && isHidden(wrapper)
        ? wrapper
        : button
          ? button.closest('.add-to-cart-buttons') || button.closest('.form-action') || button
          : null;
    if (anchor && anchor.parentNode && anchor.nextSibling !== element) {
      anchor.parentNode.insertBefore(element, anchor.nextSibling);
    } else if (!anchor && element.parentNode !== view.form) {
      view.form.appendChild(element);
    }
    // Only when it changed: a write would wake the page watcher, which re-places messages.
    if (element.textContent !== message) element.textContent = message;
  }

  /** While in backorder with a threshold, one order may take at most the remaining units. */
  function capQuantity(view, cap) {
    const input = view.quantity;
    if (!input || view.cap === cap) return;
    if (view.cap === null) view.limits = [input.getAttribute('max'), input.getAttribute('data-quantity-max')];
    view.cap = cap;
    const restore = (name, value) =>
      value === null ? input.removeAttribute(name) : input.setAttribute(name, value);
    if (cap === null) {
      restore('max', view.limits[0]);
      restore('data-quantity-max', view.limits[1]);
      return;
    }
    // The product's own per-order maximum, when lower, still holds.
    const own = Number(view.limits[1]);
    const limit = String(own > 0 && own < cap ? own : cap);
    input.setAttribute('max', limit);
    input.setAttribute('data-quantity-max', limit);
    clamp(view);
  }

  /** True when the quantity was above the cap (it is set to the cap, and the message said again). */
  function clamp(view) {
    const input = view.quantity;
    if (!input || view.cap === null || !(Number(input.value) > view.cap)) return false;
    input.value = String(Math.max(view.cap, 1));
    if (view.element) {
      const message = view.element.textContent;
      view.element.textContent = '';
      view.element.textContent = message;
    }
    return true;
  }

  function viewOf(target) {
    const form = target && target.closest ? target.closest('form') : null;
    for (let i = 0; i < views.length; i++) if (views[i].form === form) return views[i];
    return null;
  }

  function addView(form) {
    const idInput = form.querySelector('input[name="product_id"]');
    const productId = idInput ? Number(idInput.value) : Number.NaN;
    if (!isId(productId)) return null;
    const button = form.querySelector('#form-action-addToCart') || form.querySelector('[type="submit"]');
    const view = {
      form: form,
      productId: productId,
      button: button,
      original: button ? labelOf(button) : null,
      label: null,
      quantity: form.querySelector('[name="qty[]"]'),
      cap: null,
      limits: null,
      element: null,
      // Kept to re-place it as the native texts change.
      message: null,
      unavailable: false,
      items: null,
      // undefined: no option change seen yet; null: options changed to an incomplete selection.
      variantId: undefined,
    };
    views.push(view);
    form.addEventListener(
      'change',
      safely(() => {
        lastChanged = view;
        update(view);
      }),
    );
    return view;
  }

  /** The theme's option-change event is page-wide: it goes to the form whose product has the variant. */
  function onOptionsChanged(event) {
    const detail = (event && event.detail) || {};
    // Cornerstone 6.13–6.19 sent the attributes as `detail.content` (the keys were swapped until 6.20).
    const data = detail.data && detail.data.variantId !== undefined ? detail.data : detail.content;
    const id = data && isId(data.variantId) ? data.variantId : null;
    let target = lastChanged;
    for (let i = 0; i < views.length; i++) {
      const items = views[i].items || [];
      for (let k = 0; k < items.length; k++) if (id !== null && items[k].variantId === id) target = views[i];
    }
    if (!target) return;
    target.variantId = id;
    update(target);
  }

  /** After the theme's own handlers (its +/− buttons, typing): a quantity above the cap is brought back. */
  function onQuantity(event) {
    const target = event.target;
    const view = viewOf(target);
    if (view && (event.type !== 'click' || target.closest('[data-quantity-change]'))) clamp(view);
  }

  /** An add to cart above the remaining units is stopped before the theme sends it. */
  function onSubmit(event) {
    const view = viewOf(event.target);
    if (view && clamp(view)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }

  // ---------- product cards ----------

  function cardButtons(config, links) {
    const byProduct = {};
    const ids = [];
    for (let i = 0; i < links.length && ids.length < MAX_IDS; i++) {
      const card = links[i].closest('[data-entity-id]');
      const id = card ? Number(card.getAttribute('data-entity-id')) : Number.NaN;
      if (!isId(id)) continue;
      if (!byProduct[id]) ids.push(id);
      byProduct[id] = (byProduct[id] || []).concat(links[i]);
    }
    if (ids.length === 0) return Promise.resolve();
    return load(config, ids).then(
      safely((items) => {
        for (let i = 0; i < ids.length; i++) {
          const item = items[ids[i]] ? itemFor(items[ids[i]], null) : null;
          if (!item || item.buttonText === null) continue;
          for (let k = 0; k < byProduct[ids[i]].length; k++)
            byProduct[ids[i]][k].textContent = item.buttonText;
        }
      }),
    );
  }

  // ---------- cart ----------

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

  const cartCaps = typeof WeakMap === 'function' ? new WeakMap() : null;

  /** A cart line of an item in backorder may not be raised above the remaining units either. */
  function onCartChange(event) {
    const target = event.target;
    const row = target && target.closest ? target.closest('tr.cart-item[data-item-row]') : null;
    const cap = row ? cartCaps.get(row) : undefined;
    const input = row ? row.querySelector('.cart-item-qty-input') : null;
    if (cap === undefined || !input) return;
    if (event.type === 'click' && target.closest('[data-action="inc"]') && Number(input.value) >= cap) {
      event.preventDefault();
      event.stopImmediatePropagation();
    } else if (target === input && Number(input.value) > cap) {
      input.value = String(cap);
    }
  }

  /** The app's own element (`p.cart-item-backorder-message` is BigCommerce's), unless a native text on
   * the line or the cart's shipping expectation says the same. */
  function showCartMessage(row, message) {
    const cell = row.querySelector('.cart-item-title') || row.querySelector('td');
    if (!cell) return;
    if (shown(row, 'p.cart-item-backorder-message', message)) return;
    if (shown(document, 'p.cart-shipping-expectation-message', message)) return;
    const p = document.createElement('p');
    p.className = 'backorder-cart-message';
    p.setAttribute(CART_ATTRIBUTE, '');
    p.textContent = message;
    cell.appendChild(p);
  }

  function cartRows(config, rows) {
    // Same origin as the page: the Storefront Cart API knows which product and variant each line is.
    return getJson('/api/storefront/carts', 'same-origin').then(
      safely((body) => {
        const lines = cartLines(body);
        if (!lines) return undefined;
        const productIds = [];
        const variantIds = [];
        for (let i = 0; i < rows.length; i++) {
          const line = lines[rowItemId(rows[i])];
          if (!line) continue;
          if (productIds.indexOf(line.productId) < 0 && productIds.length < MAX_IDS)
            productIds.push(line.productId);
          if (line.variantId !== null && variantIds.indexOf(line.variantId) < 0)
            variantIds.push(line.variantId);
        }
        if (productIds.length === 0) return undefined;
        return load(config, productIds, variantIds).then(
          safely((items) => {
            for (let i = 0; i < rows.length; i++) {
              const line = lines[rowItemId(rows[i])];
              const item =
                line && items[line.productId] ? itemFor(items[line.productId], line.variantId) : null;
              if (item && item.cartMessage !== null) showCartMessage(rows[i], item.cartMessage);
              if (item && item.remaining !== null) cartCaps.set(rows[i], item.remaining);
            }
          }),
        );
      }),
    );
  }

  // ---------- the page, and what is added to it later ----------

  const seen = typeof WeakSet === 'function' ? new WeakSet() : null;

  /** The elements matching `selector` this script has not handled yet. */
  function fresh(selector) {
    const found = document.querySelectorAll(selector);
    const out = [];
    for (let i = 0; i < found.length; i++) {
      if (seen.has(found[i])) continue;
      seen.add(found[i]);
      out.push(found[i]);
    }
    return out;
  }

  function scan(config) {
    const work = [];
    const forms = fresh('form[data-cart-item-add]');
    for (let i = 0; i < forms.length; i++) {
      const view = addView(forms[i]);
      if (!view) continue;
      work.push(
        load(config, [view.productId]).then(
          safely((items) => {
            view.items = items[view.productId] || null;
            update(view);
          }),
        ),
      );
    }
    const links = fresh('[data-entity-id] [data-button-type="add-cart"]');
    if (links.length > 0) work.push(cardButtons(config, links));
    const rows = fresh('tr.cart-item[data-item-row]');
    if (rows.length > 0) work.push(cartRows(config, rows));
    return Promise.all(work);
  }

  /** Quick views open, carts re-render, carousels load: new forms, cards and rows are handled too. */
  function watch(config) {
    if (typeof MutationObserver !== 'function') return;
    let scheduled = null;
    new MutationObserver(
      safely(() => {
        if (scheduled !== null) return;
        scheduled = setTimeout(
          safely(() => {
            scheduled = null;
            scan(config);
            // Native: the theme rewrites its backorder texts as the quantity or the variant changes.
            if (native) views.forEach(place);
          }),
          100,
        );
      }),
    ).observe(document.body, { childList: true, subtree: true });
  }

  // ---------- start ----------

  // document.currentScript is only set while this file first runs, so the config is read now.
  const config = safely(appConfig)();

  const start = safely(() => {
    if (!config || !seen || !cartCaps || typeof Promise !== 'function') return Promise.resolve();
    document.addEventListener('onProductOptionsChanged', safely(onOptionsChanged));
    document.addEventListener('submit', safely(onSubmit), true);
    for (const type of ['click', 'change']) document.addEventListener(type, safely(onCartChange), true);
    const quantity = safely(onQuantity);
    for (const type of ['click', 'input', 'change', 'keyup']) document.addEventListener(type, quantity);
    watch(config);
    return scan(config);
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
