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
 * Available-to-sell of a product's variant (the base variant for a product without options), or null
 * when stock is not tracked. Supplied by the storefront from the inventory state, so safety stock and
 * `is_in_stock` count exactly as they do for orders.
 */
export type StockReader = (variant: VariantView) => number | null;

export interface Purchasability {
  readonly purchasable: boolean;
  readonly instock: boolean;
  readonly stock: number | null;
  /** Why it cannot be bought (variant's purchasing_disabled_message or the storefront's wording). */
  readonly purchasingMessage: string | null;
}

export function purchasability(
  product: ProductView,
  selection: Selection,
  stockOf: StockReader,
): Purchasability {
  const stock = selection.complete && selection.variant ? stockOf(selection.variant) : null;
  if (product.availability === 'disabled') {
    return { purchasable: false, instock: stock === null || stock > 0, stock, purchasingMessage: null };
  }
  if (selection.complete && !selection.variant) {
    // The combination exists as options but no variant was created for it.
    return {
      purchasable: false,
      instock: false,
      stock: null,
      purchasingMessage: 'The selected product combination is currently unavailable.',
    };
  }
  const variant = selection.variant;
  if (variant?.purchasing_disabled) {
    return {
      purchasable: false,
      instock: stock === null || stock > 0,
      stock,
      purchasingMessage: variant.purchasing_disabled_message || 'This product is not available for purchase.',
    };
  }
  return { purchasable: true, instock: stock === null || stock > 0, stock, purchasingMessage: null };
}

export interface Money {
  readonly currency: string;
  readonly symbol: string;
}

export function formatMoney(value: number, money: Money): string {
  return `${money.symbol}${value.toFixed(2)}`;
}

/**
 * The `data` of Cornerstone's product-attributes response (stencil-utils productAttributes.optionChange),
 * with the fields the theme and injected scripts read. Native backorder fields report "no backorders":
 * the sandbox emulates the merged OpenAPI spec, which has none.
 */
export function productAttributesData(
  product: ProductView,
  selection: Selection,
  money: Money,
  stockOf: StockReader,
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
    available_to_sell: p.stock,
    available_on_hand: p.stock,
    available_for_backorder: 0,
    unlimited_backorder: false,
    show_backorder_message: false,
    backorder_message: null,
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
    const stock = stockOf(v);
    if (!v.purchasing_disabled && (stock === null || stock > 0))
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
 * quantity within the product's min/max, and tracked stock covering what the cart would then hold.
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
  if (p.stock !== null && total > p.stock) {
    return {
      ok: false,
      message:
        p.stock <= 0
          ? `${product.name} is out of stock.`
          : `We don't have enough ${product.name} stock on hand for the quantity you selected. Please try again.`,
    };
  }
  return { ok: true };
}
