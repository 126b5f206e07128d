/** Request bodies for the sandbox tests, with defaults a test overrides only where it matters. */
let counter = 0;

export function aProduct(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  counter++;
  return {
    name: `Product ${counter}`,
    type: 'physical',
    weight: 1,
    price: 10,
    sku: `SKU-${counter}`,
    ...overrides,
  };
}

/** A product tracked by variant with one option (`Size`) and the given sizes and stock levels. */
export function aVariantProduct(
  sizes: Record<string, number>,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  const base = aProduct({ inventory_tracking: 'variant', ...overrides });
  return {
    ...base,
    variants: Object.entries(sizes).map(([size, level]) => ({
      sku: `${String(base.sku)}-${size}`,
      inventory_level: level,
      option_values: [{ option_display_name: 'Size', label: size }],
    })),
  };
}

export function anOrder(
  lines: { product_id: number; quantity: number; variant_id?: number }[],
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    billing_address: { first_name: 'Jane', last_name: 'Doe', zip: '78751', email: 'jane@example.com' },
    products: lines,
    ...overrides,
  };
}
