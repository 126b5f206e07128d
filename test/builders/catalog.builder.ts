import type {
  OrderLineSeed,
  OrderSeed,
  ProductSeed,
  VariantSeed,
} from '../fakes/bigcommerce/in-memory-store.js';

/**
 * Products and orders of a merchant's catalog, in the app's terms, for seeding a store: the fake
 * BigCommerce (test/fakes/bigcommerce) or, in the port contract suites, the sandbox. Defaults are
 * BigCommerce's (no inventory tracking, available, visible); a test overrides what matters to it.
 */
let sequence = 0;

function next(): number {
  sequence += 1;
  return sequence;
}

/** A product without options (it is its own single item), not tracking inventory. */
export function aCatalogProduct(overrides: ProductSeed = {}): ProductSeed {
  const n = next();
  return { name: `Product ${process.pid}-${n}`, sku: `P-${process.pid}-${n}`, ...overrides };
}

/**
 * A product with one variant per size (option `Size`), tracking inventory by variant with the given
 * levels: `aSizedProduct({ S: 3, M: 0 })`. Variant SKUs are the product's SKU and the size (`…-M`).
 */
export function aSizedProduct(
  sizes: Readonly<Record<string, number>>,
  overrides: Omit<ProductSeed, 'variants'> & { readonly variant?: Partial<VariantSeed> } = {},
): ProductSeed {
  const n = next();
  const { variant, ...product } = overrides;
  const sku = product.sku ?? `V-${process.pid}-${n}`;
  return {
    name: `Sized ${process.pid}-${n}`,
    tracking: 'variant',
    ...product,
    sku,
    variants: Object.entries(sizes).map(([size, level]) => ({
      sku: `${sku}-${size}`,
      options: [{ name: 'Size', value: size }],
      stockLevel: level,
      ...variant,
    })),
  };
}

/** An order of the given lines (`{ bcProductId, bcVariantId?, quantity }`), placed (Pending) unless told. */
export function anOrder(
  lines: readonly OrderLineSeed[],
  overrides: Pick<OrderSeed, 'status' | 'staffNotes' | 'customer'> = {},
): OrderSeed {
  return { lines, ...overrides };
}
