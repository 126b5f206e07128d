import type { OptionView, ProductView, VariantView } from '../state/catalog.types.js';

/**
 * What the storefront tells a shopper about a product with a given option selection: the data of
 * Cornerstone's product-attributes response (`POST /remote/v1/product-attributes/{id}`) and the rules
 * add-to-cart applies. Pure: the product (with variants and options) and its stock are passed in.
 */
export interface Selection {
  /** The variant the selection points to; the base variant for a product without options. */
  readonly variant: VariantView | null;
  /** Every option has a value. */
  readonly complete: boolean;
  /** Options without a value, in display order. */
  readonly missing: readonly OptionView[];
  /** A value that is not one of the option's values was sent. */
  readonly invalid: boolean;
}

/** `attribute[<option_id>]` fields of a submitted product form. */
export function attributesOf(form: Record<string, unknown>): Map<number, number> {
  const out = new Map<number, number>();
  for (const [key, raw] of Object.entries(form)) {
    const match = /^attribute\[(\d+)\]$/.exec(key);
    const value = Array.isArray(raw) ? raw[raw.length - 1] : raw;
    if (!match || value === undefined || value === '') continue;
    const valueId = Number(value);
    if (Number.isInteger(valueId)) out.set(Number(match[1]), valueId);
  }
  return out;
}

export function select(product: ProductView, attributes: ReadonlyMap<number, number>): Selection {
  const options = product.options ?? [];
  const variants = product.variants ?? [];
  if (options.length === 0) {
    return { variant: variants[0] ?? null, complete: true, missing: [], invalid: false };
  }
  let invalid = false;
  const chosen: number[] = [];
  const missing: OptionView[] = [];
  for (const option of options) {
    const valueId = attributes.get(option.id);
    if (valueId === undefined) missing.push(option);
    else if (!option.option_values.some((v) => v.id === valueId)) invalid = true;
    else chosen.push(valueId);
  }
  if (invalid || missing.length > 0) return { variant: null, complete: false, missing, invalid };
  const key = [...chosen].sort((a, b) => a - b).join(',');
  const variant =
    variants.find(
      (v) =>
        v.option_values
          .map((ov) => ov.id)
          .sort((a, b) => a - b)
          .join(',') === key,
    ) ?? null;
  return { variant, complete: true, missing: [], invalid: false };
}

/**
 * What a shopper may buy of a variant: `onHand` (available to sell from stock: on hand minus safety
 * stock) and `forBackorder` (what native backorders still allow: Infinity when unlimited, 0 when the
 * store has them off). The storefront never lets a cart hold more than their sum, as the checkout
 * refuses it (the orders state's rule).
 */
export interface StockLevel {
  readonly onHand: number;
  readonly forBackorder: number;
}

/** A cart line's `stock_position` under native backorders (Cornerstone's cart/content.html). */
export interface StockPosition {
  readonly quantityOnHand: number;
  readonly quantityBackordered: number;
  readonly backorderMessage: string | null;
}

export function sellLimit(level: StockLevel): number {
  return level.onHand + level.forBackorder;
}

/**
 * The stock level of a product's variant (the base variant for a product without options), or null
 * when stock is not tracked. Supplied by the storefront from the inventory state, so safety stock,
 * `is_in_stock` and native backorders count exactly as they do for orders.
 */
export type StockReader = (variant: VariantView) => StockLevel | null;

export interface Purchasability {
  readonly purchasable: boolean;
  /** Something can be sold: from stock, or on backorder. */
  readonly instock: boolean;
  /** Available to sell from stock (null when not tracked). */
  readonly stock: number | null;
  readonly level: StockLevel | null;
  /** Why it cannot be bought (variant's purchasing_disabled_message or the storefront's wording). */
  readonly purchasingMessage: string | null;
}

export function purchasability(
  product: ProductView,
  selection: Selection,
  stockOf: StockReader,
): Purchasability {
  const level = selection.complete && selection.variant ? stockOf(selection.variant) : null;
  const stock = level ? level.onHand : null;
  const instock = level === null || sellLimit(level) > 0;
  if (product.availability === 'disabled') {
    return { purchasable: false, instock, stock, level, purchasingMessage: null };
  }
  if (selection.complete && !selection.variant) {
    // The combination exists as options but no variant was created for it.
    return {
      purchasable: false,
      instock: false,
      stock: null,
      level: null,
      purchasingMessage: 'The selected product combination is currently unavailable.',
    };
  }
  const variant = selection.variant;
  if (variant?.purchasing_disabled) {
    return {
      purchasable: false,
      instock,
      stock,
      level,
      purchasingMessage: variant.purchasing_disabled_message || 'This product is not available for purchase.',
    };
  }
  return { purchasable: true, instock, stock, level, purchasingMessage: null };
}

export interface Money {
  readonly currency: string;
  readonly symbol: string;
}

export function formatMoney(value: number, money: Money): string {
  return `${money.symbol}${value.toFixed(2)}`;
}

/**
 * What the storefront shows of native backorders (beta) while a store has them on: the store's
 * inventory settings toggles and its default backorder message (null when the store has them off).
 */
export interface StorefrontBackorders {
  readonly showBackorderAvailabilityPrompt: boolean;
  readonly backorderAvailabilityPrompt: string;
  readonly showQuantityOnBackorder: boolean;
  readonly showQuantityOnHand: boolean;
  readonly showBackorderMessage: boolean;
  readonly backorderMessage: string;
  readonly showDefaultShippingExpectationPrompt: boolean;
  readonly defaultShippingExpectationPrompt: string;
}

/**
 * The native-backorder fields of a selection, as Cornerstone 6.21 reads them from the option-change
 * response (assets/js/theme/common/product-details-base.js:557-579, `updateBackorderContext`):
 * `available_to_sell` = on hand + what can still be backordered (as the Inventory API reports it;
 * nothing added when unlimited, `unlimited_backorder` says so), `available_for_backorder` (null when
 * unlimited, as the Inventory API), `available_on_hand`. Null when nothing is chosen or not tracked.
 */
export function backorderData(level: StockLevel | null) {
  if (!level)
    return {
      available_to_sell: null,
      available_on_hand: null,
      available_for_backorder: 0,
      unlimited_backorder: false,
    };
  const unlimited = level.forBackorder === Number.POSITIVE_INFINITY;
  return {
    available_to_sell: level.onHand + (unlimited ? 0 : level.forBackorder),
    available_on_hand: level.onHand,
    available_for_backorder: unlimited ? null : level.forBackorder,
    unlimited_backorder: unlimited,
  };
}

/**
 * The `data` of Cornerstone's product-attributes response (stencil-utils productAttributes.optionChange),
 * with the fields the theme and injected scripts read. With native backorders off (`backorders` null)
 * the backorder fields report "no backorders", as the merged OpenAPI specs have none; with them on,
 * see backorderData and the store's toggles.
 */
export function productAttributesData(
  product: ProductView,
  selection: Selection,
  money: Money,
  stockOf: StockReader,
  backorders: StorefrontBackorders | null = null,
) {
  const p = purchasability(product, selection, stockOf);
  const variant = selection.variant;
  const price = variant ? variant.calculated_price : product.calculated_price;
  const weight = variant
    ? Number(variant.calculated_weight ?? product.weight ?? 0)
    : Number(product.weight ?? 0);
  return {
    ajax_url: null,
    sku: variant && variant.sku !== '' ? variant.sku : product.sku || null,
    upc: (variant?.upc as string | undefined) || null,
    mpn: (variant?.mpn as string | undefined) || null,
    gtin: (variant?.gtin as string | undefined) || null,
    price: {
      without_tax: { formatted: formatMoney(price, money), value: price, currency: money.currency },
      tax_label: 'Tax',
    },
    weight: { formatted: `${weight} LBS`, value: weight },
    base: !selection.complete || (product.options ?? []).length === 0,
    image: null,
    variantId: selection.complete && variant ? variant.id : null,
    stock: p.stock,
    stock_message: null,
    purchasable: p.purchasable,
    purchasing_message: p.purchasingMessage,
    instock: p.instock,
    ...(backorders
      ? {
          ...backorderData(p.level),
          show_backorder_availability_prompt: backorders.showBackorderAvailabilityPrompt,
          backorder_availability_prompt: backorders.backorderAvailabilityPrompt,
          show_backorder_message: backorders.showBackorderMessage,
          backorder_message: backorders.showBackorderMessage ? backorders.backorderMessage : null,
          backorder_message_id: null,
        }
      : {
          available_to_sell: p.stock,
          available_on_hand: p.stock,
          available_for_backorder: 0,
          unlimited_backorder: false,
          show_backorder_message: false,
          backorder_message: null,
        }),
    in_stock_attributes: inStockAttributes(product, stockOf),
    out_of_stock_behavior: 'label_option',
    out_of_stock_message: 'Out of stock',
    available_modifier_values: [],
    available_variant_values: availableVariantValues(product),
    disabled_option_values: [],
    bulk_discount_rates: [],
    selected_attributes: Object.fromEntries(
      (variant?.option_values ?? []).map((ov) => [ov.option_id, ov.id]),
    ),
  };
}

/** Option value ids that belong to at least one purchasable, in-stock variant. */
function inStockAttributes(product: ProductView, stockOf: StockReader): number[] {
  const ids = new Set<number>();
  for (const v of product.variants ?? []) {
    const level = stockOf(v);
    if (!v.purchasing_disabled && (level === null || sellLimit(level) > 0))
      for (const ov of v.option_values) ids.add(ov.id);
  }
  return [...ids].sort((a, b) => a - b);
}

function availableVariantValues(product: ProductView): number[] {
  const ids = new Set<number>();
  for (const v of product.variants ?? []) for (const ov of v.option_values) ids.add(ov.id);
  return [...ids].sort((a, b) => a - b);
}

export type AddCheck = { ok: true } | { ok: false; message: string };

/**
 * Add-to-cart rules, with the storefront's wording: every option chosen, the product purchasable, the
 * quantity within the product's min/max, and tracked stock (with native backorders: stock plus what can
 * still be backordered) covering what the cart would then hold.
 */
export function checkAddToCart(
  product: ProductView,
  selection: Selection,
  quantity: number,
  alreadyInCart: number,
  stockOf: StockReader,
): AddCheck {
  if (!Number.isInteger(quantity) || quantity < 1)
    return { ok: false, message: 'Please enter a valid quantity.' };
  if (!product.is_visible) return { ok: false, message: 'The product you requested could not be found.' };
  if (selection.invalid) return { ok: false, message: 'The selected product options are not valid.' };
  const firstMissing = selection.missing[0];
  if (firstMissing)
    return { ok: false, message: `Please select an option for ${firstMissing.display_name}.` };
  const p = purchasability(product, selection, stockOf);
  if (!p.purchasable) {
    return { ok: false, message: p.purchasingMessage ?? `${product.name} is not available for purchase.` };
  }
  const total = quantity + alreadyInCart;
  const min = Number(product.order_quantity_minimum ?? 0);
  const max = Number(product.order_quantity_maximum ?? 0);
  if (min > 0 && total < min)
    return { ok: false, message: `The minimum purchasable quantity of ${product.name} is ${min}.` };
  if (max > 0 && total > max)
    return { ok: false, message: `The maximum purchasable quantity of ${product.name} is ${max}.` };
  if (p.level !== null && total > sellLimit(p.level)) {
    return {
      ok: false,
      message:
        sellLimit(p.level) <= 0
          ? `${product.name} is out of stock.`
          : `We don't have enough ${product.name} stock on hand for the quantity you selected. Please try again.`,
    };
  }
  return { ok: true };
}
