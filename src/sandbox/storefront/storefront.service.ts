import type { ProductView, VariantView } from '../state/catalog.types.js';
import type { InventoryRepo } from '../state/inventory.repo.js';
import type { OrdersRepo } from '../state/orders.repo.js';
import type { ProductRepo } from '../state/product.repo.js';
import type { Refusal } from '../state/results.js';
import type { ScriptsRepo, StorefrontPage } from '../state/scripts.repo.js';
import type { StockCells } from '../state/stock-cells.js';
import type { Store, StoresRepo } from '../state/stores.repo.js';
import type { TaxonomyRepo } from '../state/taxonomy.repo.js';
import type { Cart, CartLine, CartStore } from './cart.store.js';
import {
  attributesOf,
  checkAddToCart,
  type Money,
  productAttributesData,
  purchasability,
  type StockPosition,
  type StockReader,
  type StorefrontBackorders,
  select,
  sellLimit,
} from './product-availability.js';
import type { CardAction } from './storefront.pages.js';

/**
 * What the storefront does, apart from HTTP: reads the catalog as a shopper sees it, keeps carts, and
 * places orders through the orders state's `create` — the very path `POST /v2/orders` takes — so stock
 * rules apply and webhooks fire exactly as for an API order.
 */
export interface StorefrontDeps {
  readonly stores: StoresRepo;
  readonly products: ProductRepo;
  readonly taxonomy: TaxonomyRepo;
  readonly stock: StockCells;
  readonly inventory: InventoryRepo;
  readonly orders: OrdersRepo;
  readonly scripts: ScriptsRepo;
  readonly carts: CartStore;
}

export type StorefrontRefusal = { ok: false; status: number; message: string };

export interface CheckoutDetails {
  email: string;
  first_name: string;
  last_name: string;
  street_1: string;
  city: string;
  zip: string;
}

export class StorefrontService {
  constructor(readonly deps: StorefrontDeps) {}

  store(hash: string): Store | undefined {
    return this.deps.stores.get(hash);
  }

  money(store: Store): Money {
    return { currency: store.settings.currency, symbol: store.settings.currencySymbol };
  }

  scriptsFor(hash: string, page: StorefrontPage) {
    return this.deps.scripts.forPage(hash, page);
  }

  /** A product as the storefront shows it: visible products only, with options and variants. */
  product(hash: string, productId: number): ProductView | undefined {
    if (!Number.isSafeInteger(productId) || productId < 1) return undefined;
    const product = this.deps.products.getProduct(hash, productId, { variants: true, options: true });
    return product?.is_visible ? product : undefined;
  }

  /** What can be sold per variant, from the inventory state (null when not tracked). */
  stockReader(hash: string, product: ProductView): StockReader {
    return (variant: VariantView) => {
      const isBase = variant.option_values.length === 0;
      const cell = this.deps.stock.stockCell(hash, product.id, isBase ? undefined : variant.id);
      if (!cell || cell.kind === 'untracked') return null;
      return this.deps.inventory.sellable(hash, cell);
    };
  }

  /** The store's native-backorder storefront settings, or null while the store has them off. */
  backorders(store: Store): StorefrontBackorders | null {
    if (!store.settings.nativeBackorders) return null;
    const b = store.settings.inventory.backorders;
    return {
      showBackorderAvailabilityPrompt: b.show_backorder_availability_prompt,
      backorderAvailabilityPrompt: b.backorder_availability_prompt,
      showQuantityOnBackorder: b.show_quantity_on_backorder,
      showQuantityOnHand: b.show_quantity_on_hand,
      showBackorderMessage: b.show_backorder_message,
      backorderMessage: store.settings.defaultBackorderMessage,
      showDefaultShippingExpectationPrompt: b.show_default_shipping_expectation_prompt,
      defaultShippingExpectationPrompt: b.default_shipping_expectation_prompt,
    };
  }

  /**
   * Each cart line's `stock_position` as BigCommerce gives it to Cornerstone's cart under native
   * backorders (templates/components/cart/content.html:143-171): how much of the line ships from stock
   * and how much is backordered (an item's lines take the stock first, in cart order, as the checkout
   * will), and the backorder message for a line with backordered units. Empty while the store has
   * native backorders off, and for lines whose stock is not tracked.
   */
  stockPositions(store: Store, cart: Cart | undefined): Map<string, StockPosition> {
    const out = new Map<string, StockPosition>();
    const backorders = this.backorders(store);
    if (!backorders || !cart) return out;
    const left = new Map<string, number>();
    for (const line of cart.lines) {
      const product = this.deps.products.getProduct(store.hash, line.productId, { variants: true });
      const variant = product?.variants?.find((v) => v.id === line.variantId);
      if (!product || !variant) continue;
      const isBase = variant.option_values.length === 0;
      const cell = this.deps.stock.stockCell(store.hash, product.id, isBase ? undefined : variant.id);
      if (!cell || cell.kind === 'untracked') continue;
      const key = cell.kind === 'product' ? `p${cell.productId}` : `v${cell.variantId}`;
      const available = left.get(key) ?? this.deps.inventory.sellable(store.hash, cell).onHand;
      const onHand = Math.min(available, line.quantity);
      left.set(key, available - onHand);
      const backordered = line.quantity - onHand;
      out.set(line.id, {
        quantityOnHand: onHand,
        quantityBackordered: backordered,
        backorderMessage: backordered > 0 ? backorders.backorderMessage : null,
      });
    }
    return out;
  }

  /**
   * What a product page starts with: the default option values' variant (Cornerstone shows it from the
   * start), or nothing chosen when an option has no default; a product without options is itself.
   */
  initialState(hash: string, product: ProductView) {
    return purchasability(product, select(product, defaultValues(product)), this.stockReader(hash, product));
  }

  /** The cart action a product card offers (card.html), as BigCommerce decides it. */
  cardAction(hash: string, product: ProductView): CardAction {
    if ((product.options ?? []).length > 0) return 'options';
    if (product.availability === 'disabled') return null;
    if (product.availability === 'preorder') return 'preorder';
    const state = this.initialState(hash, product);
    if (!state.instock) return 'soldOut';
    return state.purchasable ? 'add' : null;
  }

  /** `POST /remote/v1/product-attributes/{id}`: Cornerstone's response for the submitted option form. */
  productAttributes(store: Store, productId: number, form: Record<string, unknown>) {
    const product = this.product(store.hash, productId);
    if (!product) return undefined;
    const selection = select(product, attributesOf(form));
    const data = productAttributesData(
      product,
      selection,
      this.money(store),
      this.stockReader(store.hash, product),
      this.backorders(store),
    );
    return { data, content: '' };
  }

  cart(hash: string, cartId: string | undefined): Cart | undefined {
    return cartId ? this.deps.carts.get(hash, cartId) : undefined;
  }

  /** Add-to-cart: the same checks the storefront makes before a line goes in the cart. */
  addToCart(
    hash: string,
    cartId: string | undefined,
    form: Record<string, unknown>,
  ): { ok: true; cart: Cart; line: CartLine } | StorefrontRefusal {
    const productId = Number(first(form.product_id));
    const product = this.product(hash, productId);
    if (!product) return { ok: false, status: 404, message: 'The product you requested could not be found.' };
    const rawQty = first(form['qty[]'] ?? form.qty ?? '1');
    const quantity = /^\d+$/.test(String(rawQty).trim()) ? Number(rawQty) : Number.NaN;
    const selection = select(product, attributesOf(form));
    const existingCart = this.cart(hash, cartId);
    const variantId = selection.variant?.id;
    const inCart =
      existingCart && variantId !== undefined
        ? existingCart.lines
            .filter((l) =>
              product.inventory_tracking === 'product'
                ? l.productId === product.id
                : l.variantId === variantId,
            )
            .reduce((s, l) => s + l.quantity, 0)
        : 0;
    const check = checkAddToCart(product, selection, quantity, inCart, this.stockReader(hash, product));
    if (!check.ok) return { ok: false, status: 422, message: check.message };
    const variant = selection.variant!;
    const cart = existingCart ?? this.deps.carts.create(hash);
    const added = this.deps.carts.addLine(cart, {
      productId: product.id,
      variantId: variant.id,
      sku: variant.sku || product.sku,
      name: product.name,
      quantity,
      listPrice: variant.calculated_price,
      options: variant.option_values.map((ov) => ({
        optionId: ov.option_id,
        optionValueId: ov.id,
        name: ov.option_display_name,
        value: ov.label,
      })),
    });
    return { ok: true, cart: added.cart, line: added.line };
  }

  /** Cart quantity change (0 removes the line); a raise is checked against tracked stock. */
  updateLine(
    hash: string,
    cart: Cart,
    lineId: string,
    quantity: number,
  ): { ok: true; cart: Cart } | StorefrontRefusal {
    const line = cart.lines.find((l) => l.id === lineId);
    if (!line) return { ok: false, status: 404, message: 'The item is no longer in your cart.' };
    if (!Number.isInteger(quantity) || quantity < 0)
      return { ok: false, status: 422, message: 'Please enter a valid quantity.' };
    if (quantity > line.quantity) {
      const product = this.product(hash, line.productId);
      const variant = product?.variants?.find((v) => v.id === line.variantId);
      const stock = product && variant ? this.stockReader(hash, product)(variant) : null;
      const others = cart.lines
        .filter(
          (l) =>
            l.id !== line.id &&
            (product?.inventory_tracking === 'product'
              ? l.productId === line.productId
              : l.variantId === line.variantId),
        )
        .reduce((s, l) => s + l.quantity, 0);
      if (!product || !variant)
        return { ok: false, status: 422, message: `${line.name} is no longer available.` };
      if (stock !== null && quantity + others > sellLimit(stock)) {
        return {
          ok: false,
          status: 422,
          message: `We don't have enough ${line.name} stock on hand for the quantity you selected. Please try again.`,
        };
      }
    }
    return { ok: true, cart: this.deps.carts.setQuantity(cart, lineId, quantity) };
  }

  /** The Storefront Cart API's cart object (reference/carts.sf.yml). */
  cartJson(store: Store, cart: Cart, base: string) {
    const amount = cart.lines.reduce((s, l) => s + l.listPrice * l.quantity, 0);
    const brands = this.brandsOf(
      store.hash,
      cart.lines.map((l) => l.productId),
    );
    return {
      id: cart.id,
      customerId: 0,
      email: cart.email,
      currency: {
        name: store.settings.currency,
        code: store.settings.currency,
        symbol: store.settings.currencySymbol,
        decimalPlaces: 2,
      },
      isTaxIncluded: false,
      baseAmount: amount,
      discountAmount: 0,
      cartAmount: amount,
      coupons: [],
      discounts: [],
      lineItems: {
        physicalItems: cart.lines.map((l) => ({
          id: l.id,
          parentId: null,
          variantId: l.variantId,
          productId: l.productId,
          sku: l.sku,
          name: l.name,
          url: `${base}/products/${l.productId}`,
          quantity: l.quantity,
          brand: brands.get(l.productId) ?? '',
          isTaxable: true,
          imageUrl: '',
          discounts: [],
          discountAmount: 0,
          couponAmount: 0,
          originalPrice: l.listPrice,
          listPrice: l.listPrice,
          salePrice: l.listPrice,
          extendedListPrice: l.listPrice * l.quantity,
          extendedSalePrice: l.listPrice * l.quantity,
          isShippingRequired: true,
          isMutable: true,
          giftWrapping: null,
          options: l.options.map((o) => ({
            name: o.name,
            nameId: o.optionId,
            value: o.value,
            valueId: o.optionValueId,
          })),
        })),
        digitalItems: [],
        giftCertificates: [],
        customItems: [],
      },
      createdTime: cart.createdAt.toISOString(),
      updatedTime: cart.updatedAt.toISOString(),
      locale: 'en',
    };
  }

  brandsOf(hash: string, productIds: readonly number[]): Map<number, string> {
    const out = new Map<number, string>();
    const ids = [...new Set(productIds)];
    if (ids.length === 0) return out;
    const products = this.deps.products.listProducts(hash, { idIn: ids, limit: 250 }).items;
    const brandIds = [...new Set(products.map((p) => p.brand_id).filter((id) => id > 0))];
    const brands = new Map(
      brandIds.length > 0
        ? this.deps.taxonomy.listBrands(hash, { idIn: brandIds, limit: 250 }).items.map((b) => [b.id, b.name])
        : [],
    );
    for (const p of products) out.set(p.id, brands.get(p.brand_id) ?? '');
    return out;
  }

  /**
   * Places the cart's order through `OrdersRepo.create` (the POST /v2/orders path) with source
   * `storefront`: stock is checked and decremented there, and store/order/created fires from there.
   */
  checkout(store: Store, cart: Cart, details: CheckoutDetails): { ok: true; orderId: number } | Refusal {
    const result = this.deps.orders.create(
      store.hash,
      {
        status_id: 11,
        customer_id: 0,
        billing_address: {
          first_name: details.first_name,
          last_name: details.last_name,
          street_1: details.street_1,
          city: details.city,
          zip: details.zip,
          country: store.settings.country,
          country_iso2: store.settings.countryCode,
          email: details.email,
        },
        products: cart.lines.map((l) => ({
          product_id: l.productId,
          variant_id: l.variantId,
          quantity: l.quantity,
        })),
        payment_method: 'Sandbox test payment',
        cart_id: cart.id,
        channel_id: 1,
      },
      'storefront',
    );
    if (!result.ok) return result;
    this.deps.carts.delete(store.hash, cart.id);
    return { ok: true, orderId: result.value.id };
  }
}

/** The option values marked default (`is_default`), as the product form renders them selected. */
function defaultValues(product: ProductView): Map<number, number> {
  const out = new Map<number, number>();
  for (const option of product.options ?? []) {
    const value = option.option_values.find((v) => v.is_default);
    if (value) out.set(option.id, value.id);
  }
  return out;
}

function first(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : value;
}
