import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { CategoryView, ProductView } from '../state/catalog.types.js';
import type { StorefrontPage } from '../state/scripts.repo.js';
import type { Store } from '../state/stores.repo.js';
import type { Cart } from './cart.store.js';
import {
  type CheckoutForm,
  cartPage,
  checkoutPage,
  DEFAULT_CHECKOUT,
  type Layout,
  listingPage,
  notFoundPage,
  orderConfirmationPage,
  productPage,
  quickViewFragment,
} from './storefront.pages.js';
import type { StorefrontService } from './storefront.service.js';
import { type ThemeVersion, themeJs, themeVersionOf } from './theme.asset.js';

/**
 * The storefront of every emulated store, under `/s/{store_hash}/`:
 *   /s/{hash}/                      home: all visible products
 *   /s/{hash}/categories/{id}       category listing
 *   /s/{hash}/products/{id}         product page (Cornerstone markup); `?theme=6.12|6.13|6.21` picks
 *                                   which Cornerstone's JavaScript a page runs (theme.asset.ts)
 *   /s/{hash}/products/{id}/quick-view  the quick view's product view (what the modal loads)
 *   /s/{hash}/cart.php              cart page; POST, or GET ?action=add&product_id= (a card's
 *                                   add_to_cart_url), adds to cart without JavaScript
 *   /s/{hash}/checkout              checkout; POST places the order
 *   /s/{hash}/checkout/order-confirmation/{orderId}
 *   /s/{hash}/remote/v1/product-attributes/{productId}, /remote/v1/cart/add, /remote/v1/cart/update (theme AJAX)
 *   /s/{hash}/api/storefront/carts[/{cartId}] (Storefront Cart API)
 * Scripts written for BigCommerce call root paths (`fetch('/api/storefront/carts')`), so the JSON
 * endpoints are also served at the root for the store whose storefront the browser visited last
 * (cookie `sandbox_storefront`).
 */
export interface StorefrontRoutesOptions {
  service: StorefrontService;
}

const LAST_STORE_COOKIE = 'sandbox_storefront';
const cartCookie = (hash: string) => `sandbox_cart_${hash}`;

type StoreParams = { storeHash: string };

export const storefrontRoutes: FastifyPluginAsync<StorefrontRoutesOptions> = async (
  app: FastifyInstance,
  o,
) => {
  const sf = o.service;
  await app.register(cookie);
  await app.register(formbody);
  // Cornerstone's product form is multipart (enctype="multipart/form-data"); no files are accepted.
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    limits: { files: 0, fields: 200, fieldSize: 10_000 },
  });

  app.get<{ Querystring: { v?: string } }>('/s/_assets/theme.js', async (req, reply) =>
    reply
      .type('application/javascript; charset=utf-8')
      .header('cache-control', 'no-cache')
      .send(themeJs(themeVersionOf(req.query.v))),
  );

  const base = (hash: string) => `/s/${hash}`;

  function storeOf(req: FastifyRequest<{ Params: StoreParams }>): Store | undefined {
    return sf.store(req.params.storeHash);
  }

  function cartOf(req: FastifyRequest, store: Store): Cart | undefined {
    return sf.cart(store.hash, req.cookies[cartCookie(store.hash)]);
  }

  function rememberCart(reply: FastifyReply, store: Store, cart: Cart): void {
    reply.setCookie(cartCookie(store.hash), cart.id, { path: '/', httpOnly: true, sameSite: 'lax' });
  }

  function layoutFor(
    req: FastifyRequest,
    reply: FastifyReply,
    store: Store,
    pageType: Layout['pageType'],
  ): Layout {
    const scriptPage: StorefrontPage =
      pageType === 'checkout'
        ? 'checkout'
        : pageType === 'order_confirmation'
          ? 'order_confirmation'
          : 'storefront';
    reply.setCookie(LAST_STORE_COOKIE, store.hash, { path: '/', sameSite: 'lax' });
    const cart = cartOf(req, store);
    return {
      store,
      base: base(store.hash),
      scripts: sf.scriptsFor(store.hash, scriptPage),
      categories: sf.deps.taxonomy.listCategories(store.hash, { limit: 250 }).items,
      cartQuantity: cart ? cart.lines.reduce((s, l) => s + l.quantity, 0) : 0,
      pageType,
      theme: themeOf(req),
    };
  }

  function cardsOf(store: Store, products: readonly ProductView[]) {
    return products.map((listed) => {
      const product = sf.product(store.hash, listed.id) ?? listed;
      return { product, action: sf.cardAction(store.hash, product) };
    });
  }

  function productInput(store: Store, product: ProductView, categories: readonly CategoryView[]) {
    return {
      product,
      brand: brandsFor(store, [product.brand_id]).find((b) => b.id === product.brand_id)?.name ?? '',
      categoryNames: categories.filter((c) => product.categories.includes(c.id)).map((c) => c.name),
      initial: sf.initialState(store.hash, product),
      hasOptions: (product.options ?? []).length > 0,
      backorders: sf.backorders(store),
    };
  }

  function html(reply: FastifyReply, body: string, status = 200) {
    return reply.code(status).type('text/html; charset=utf-8').send(body);
  }

  function unknownStore(reply: FastifyReply, hash: string) {
    return html(reply, notFoundPage(null, `There is no store ${hash} in this sandbox.`), 404);
  }

  // ------------------------------------------------------------------ pages

  app.get('/s/:storeHash', async (req: FastifyRequest<{ Params: StoreParams }>, reply) =>
    reply.redirect(`${base(req.params.storeHash)}/`, 301),
  );

  app.get<{ Params: StoreParams; Querystring: { page?: string } }>('/s/:storeHash/', async (req, reply) => {
    const store = storeOf(req);
    if (!store) return unknownStore(reply, req.params.storeHash);
    const l = layoutFor(req, reply, store, 'home');
    const page = pageParam(req.query.page);
    const result = sf.deps.products.listProducts(store.hash, {
      isVisible: true,
      page,
      limit: 60,
      sort: 'name',
    });
    return html(
      reply,
      listingPage(l, {
        heading: 'All products',
        products: cardsOf(store, result.items),
        brands: brandsFor(
          store,
          result.items.map((p) => p.brand_id),
        ),
        page,
        totalPages: Math.max(1, Math.ceil(result.total / result.limit)),
        pageUrl: (p) => `${l.base}/?page=${p}`,
      }),
    );
  });

  app.get<{ Params: StoreParams & { categoryId: string }; Querystring: { page?: string } }>(
    '/s/:storeHash/categories/:categoryId',
    async (req, reply) => {
      const store = storeOf(req);
      if (!store) return unknownStore(reply, req.params.storeHash);
      const l = layoutFor(req, reply, store, 'category');
      const categoryId = Number(req.params.categoryId);
      const category = l.categories.find((c) => c.id === categoryId);
      if (!category) return html(reply, notFoundPage(l, 'This category does not exist.'), 404);
      const page = pageParam(req.query.page);
      const subcategories = l.categories.filter((c) => c.parent_id === category.id);
      const result = sf.deps.products.listProducts(store.hash, {
        isVisible: true,
        categoriesIn: [category.id, ...subcategories.map((c) => c.id)],
        page,
        limit: 60,
        sort: 'name',
      });
      return html(
        reply,
        listingPage(l, {
          heading: category.name,
          products: cardsOf(store, result.items),
          brands: brandsFor(
            store,
            result.items.map((p) => p.brand_id),
          ),
          page,
          totalPages: Math.max(1, Math.ceil(result.total / result.limit)),
          pageUrl: (p) => `${l.base}/categories/${category.id}?page=${p}`,
          subcategories,
        }),
      );
    },
  );

  app.get<{ Params: StoreParams & { productId: string } }>(
    '/s/:storeHash/products/:productId',
    async (req, reply) => {
      const store = storeOf(req);
      if (!store) return unknownStore(reply, req.params.storeHash);
      const l = layoutFor(req, reply, store, 'product');
      const product = sf.product(store.hash, Number(req.params.productId));
      if (!product) return html(reply, notFoundPage(l, 'The product you requested could not be found.'), 404);
      // Related products: others of its categories (BigCommerce picks them itself), as cards.
      const related = product.categories.length
        ? sf.deps.products
            .listProducts(store.hash, {
              isVisible: true,
              categoriesIn: [...product.categories],
              limit: 5,
              sort: 'name',
            })
            .items.filter((p) => p.id !== product.id)
            .slice(0, 4)
        : [];
      return html(
        reply,
        productPage(l, { ...productInput(store, product, l.categories), related: cardsOf(store, related) }),
      );
    },
  );

  /** What `utils.api.product.getById(id, {template: 'products/quick-view'})` answers: the modal's view. */
  app.get<{ Params: StoreParams & { productId: string } }>(
    '/s/:storeHash/products/:productId/quick-view',
    async (req, reply) => {
      const store = storeOf(req);
      if (!store) return unknownStore(reply, req.params.storeHash);
      const l = layoutFor(req, reply, store, 'product');
      const product = sf.product(store.hash, Number(req.params.productId));
      if (!product) return reply.code(404).type('text/html; charset=utf-8').send('');
      return html(reply, quickViewFragment(l, productInput(store, product, l.categories)));
    },
  );

  app.get<{ Params: StoreParams; Querystring: { action?: string; product_id?: string } }>(
    '/s/:storeHash/cart.php',
    async (req, reply) => {
      const store = storeOf(req);
      if (!store) return unknownStore(reply, req.params.storeHash);
      if (req.query.action === 'add') {
        // A card's add_to_cart_url: one unit, then the cart (refusals show on the product page).
        const added = sf.addToCart(store.hash, cartOf(req, store)?.id, {
          product_id: req.query.product_id,
          'qty[]': '1',
        });
        if (added.ok) rememberCart(reply, store, added.cart);
        return reply.redirect(
          added.ok
            ? `${base(store.hash)}/cart.php`
            : `${base(store.hash)}/products/${Number(req.query.product_id) || 0}`,
          303,
        );
      }
      const l = layoutFor(req, reply, store, 'cart');
      const cart = cartOf(req, store);
      return html(
        reply,
        cartPage(l, cart, sf.brandsOf(store.hash, cart?.lines.map((x) => x.productId) ?? []), {
          settings: sf.backorders(store),
          positions: sf.stockPositions(store, cart),
        }),
      );
    },
  );

  /** Add to cart without JavaScript: the product form's own action. */
  app.post<{ Params: StoreParams }>('/s/:storeHash/cart.php', async (req, reply) => {
    const store = storeOf(req);
    if (!store) return unknownStore(reply, req.params.storeHash);
    const form = formOf(req);
    const added = sf.addToCart(store.hash, cartOf(req, store)?.id, form);
    if (added.ok) {
      rememberCart(reply, store, added.cart);
      return reply.redirect(`${base(store.hash)}/cart.php`, 303);
    }
    const product = sf.product(store.hash, Number(form.product_id));
    const l = layoutFor(req, reply, store, 'product');
    if (!product) return html(reply, notFoundPage(l, added.message), 404);
    return html(
      reply,
      productPage(l, { ...productInput(store, product, l.categories), error: added.message }),
      added.status,
    );
  });

  app.get<{ Params: StoreParams }>('/s/:storeHash/checkout', async (req, reply) => {
    const store = storeOf(req);
    if (!store) return unknownStore(reply, req.params.storeHash);
    const cart = cartOf(req, store);
    if (!cart || cart.lines.length === 0) return reply.redirect(`${base(store.hash)}/cart.php`, 303);
    return html(reply, checkoutPage(layoutFor(req, reply, store, 'checkout'), cart, { ...DEFAULT_CHECKOUT }));
  });

  app.post<{ Params: StoreParams }>('/s/:storeHash/checkout', async (req, reply) => {
    const store = storeOf(req);
    if (!store) return unknownStore(reply, req.params.storeHash);
    const cart = cartOf(req, store);
    if (!cart || cart.lines.length === 0) return reply.redirect(`${base(store.hash)}/cart.php`, 303);
    const form = formOf(req);
    const details: CheckoutForm = {
      email: text(form.email, 255),
      first_name: text(form.first_name, 255),
      last_name: text(form.last_name, 255),
      street_1: text(form.street_1, 255),
      city: text(form.city, 50),
      zip: text(form.zip, 20),
    };
    const missing = (Object.keys(details) as (keyof CheckoutForm)[]).filter((k) => details[k] === '');
    if (missing.length > 0 || !/^[^\s@]+@[^\s@]+$/.test(details.email)) {
      const message =
        missing.length > 0 ? `Please fill in: ${missing.join(', ')}.` : 'Please enter a valid email address.';
      return html(reply, checkoutPage(layoutFor(req, reply, store, 'checkout'), cart, details, message), 422);
    }
    const placed = sf.checkout(store, cart, details);
    if (!placed.ok) {
      return html(
        reply,
        checkoutPage(layoutFor(req, reply, store, 'checkout'), cart, details, placed.message),
        placed.status,
      );
    }
    reply.clearCookie(cartCookie(store.hash), { path: '/' });
    return reply.redirect(`${base(store.hash)}/checkout/order-confirmation/${placed.orderId}`, 303);
  });

  app.get<{ Params: StoreParams & { orderId: string } }>(
    '/s/:storeHash/checkout/order-confirmation/:orderId',
    async (req, reply) => {
      const store = storeOf(req);
      if (!store) return unknownStore(reply, req.params.storeHash);
      const l = layoutFor(req, reply, store, 'order_confirmation');
      const orderId = Number(req.params.orderId);
      const order = Number.isSafeInteger(orderId) ? sf.deps.orders.get(store.hash, orderId) : undefined;
      if (!order) return html(reply, notFoundPage(l, 'This order does not exist.'), 404);
      const email = String((order.billing_address as { email?: string } | undefined)?.email ?? '');
      return html(reply, orderConfirmationPage(l, order.id, email));
    },
  );

  // ------------------------------------------------------------------ theme AJAX and Storefront API

  /** The JSON endpoints, at `/s/{hash}/...` and, for the last visited store, at the root. */
  function jsonRoutes(prefix: string, resolve: (req: FastifyRequest) => Store | undefined) {
    app.post<{ Params: { productId: string } }>(
      `${prefix}/remote/v1/product-attributes/:productId`,
      async (req, reply) => {
        const store = resolve(req);
        if (!store) return reply.code(404).send({ error: 'Store not found' });
        const answer = sf.productAttributes(store, Number(req.params.productId), formOf(req));
        if (!answer) return reply.code(404).send({ error: 'Product not found' });
        return answer;
      },
    );

    app.post(`${prefix}/remote/v1/cart/add`, async (req, reply) => {
      const store = resolve(req);
      if (!store) return reply.code(404).send({ error: 'Store not found' });
      const added = sf.addToCart(store.hash, cartOf(req, store)?.id, formOf(req));
      // Like stencil-utils' itemAdd: refusals are 200 with data.error, which the theme shows.
      if (!added.ok) return { data: { error: added.message } };
      rememberCart(reply, store, added.cart);
      return {
        data: {
          cart_id: added.cart.id,
          cart_item: {
            id: added.line.id,
            product_id: added.line.productId,
            variant_id: added.line.variantId,
            quantity: added.line.quantity,
          },
        },
      };
    });

    app.post(`${prefix}/remote/v1/cart/update`, async (req, reply) => {
      const store = resolve(req);
      if (!store) return reply.code(404).send({ error: 'Store not found' });
      const cart = cartOf(req, store);
      const items = (req.body as { items?: { id?: unknown; quantity?: unknown }[] } | undefined)?.items;
      const item = Array.isArray(items) ? items[0] : undefined;
      if (!cart || !item || typeof item.id !== 'string' || typeof item.quantity !== 'number') {
        return { data: { status: 'failed', errors: ['The cart could not be updated.'] } };
      }
      const updated = sf.updateLine(store.hash, cart, item.id, item.quantity);
      if (!updated.ok) return { data: { status: 'failed', errors: [updated.message] } };
      return { data: { status: 'succeed' } };
    });

    app.get(`${prefix}/api/storefront/carts`, async (req, reply) => {
      const store = resolve(req);
      if (!store) return reply.code(404).send({ status: 404, title: 'Store not found' });
      const cart = cartOf(req, store);
      return cart ? [sf.cartJson(store, cart, base(store.hash))] : [];
    });

    app.get<{ Params: { cartId: string } }>(`${prefix}/api/storefront/carts/:cartId`, async (req, reply) => {
      const store = resolve(req);
      const cart = store ? cartOf(req, store) : undefined;
      // A shopper reads only their own cart, whatever id they ask for.
      if (!store || !cart || cart.id !== req.params.cartId) {
        return reply.code(404).send({
          status: 404,
          title: 'Cart not found',
          type: 'https://developer.bigcommerce.com/api-docs/getting-started/api-status-codes',
        });
      }
      return sf.cartJson(store, cart, base(store.hash));
    });
  }

  jsonRoutes('/s/:storeHash', (req) => sf.store((req.params as StoreParams).storeHash));
  jsonRoutes('', (req) => {
    const hash = req.cookies[LAST_STORE_COOKIE];
    return hash ? sf.store(hash) : undefined;
  });

  function brandsFor(store: Store, brandIds: readonly number[]) {
    const ids = [...new Set(brandIds.filter((id) => id > 0))];
    return ids.length > 0 ? sf.deps.taxonomy.listBrands(store.hash, { idIn: ids, limit: 250 }).items : [];
  }
};

/** The Cornerstone whose JavaScript a page runs: `?theme=` on the page, the current one otherwise. */
function themeOf(req: FastifyRequest): ThemeVersion {
  return themeVersionOf((req.query as { theme?: unknown } | undefined)?.theme);
}

function formOf(req: FastifyRequest): Record<string, unknown> {
  return req.body && typeof req.body === 'object' ? (req.body as Record<string, unknown>) : {};
}

function text(value: unknown, max: number): string {
  const v = Array.isArray(value) ? value[0] : value;
  return typeof v === 'string' ? v.trim().slice(0, max) : '';
}

function pageParam(raw: string | undefined): number {
  const n = Number(raw ?? 1);
  return Number.isInteger(n) && n >= 1 && n <= 100_000 ? n : 1;
}
