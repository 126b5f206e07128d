import { afterEach, describe, expect, it } from 'vitest';
import {
  DEMO_BRANDS,
  DEMO_CATEGORIES,
  DEMO_PRODUCTS,
  seedDemoCatalog,
} from '../../../src/sandbox/seed/index.js';
import { SandboxState } from '../../../src/sandbox/state/sandbox-state.js';

const allSkus = () => DEMO_PRODUCTS.flatMap((p) => [p.sku, ...p.variants.map((v) => v.sku)]);

describe('demo catalog data', () => {
  it('is a realistic shop: ≥ 40 products, some with variants, some out of stock, brands and categories', () => {
    expect(DEMO_PRODUCTS.length).toBeGreaterThanOrEqual(40);
    const withVariants = DEMO_PRODUCTS.filter((p) => p.variants.length > 0);
    expect(withVariants.length).toBeGreaterThanOrEqual(10);
    const outOfStockProducts = DEMO_PRODUCTS.filter(
      (p) => p.inventoryTracking === 'product' && p.inventoryLevel === 0,
    );
    const outOfStockVariants = withVariants.flatMap((p) => p.variants).filter((v) => v.inventoryLevel === 0);
    expect(outOfStockProducts.length).toBeGreaterThanOrEqual(3);
    expect(outOfStockVariants.length).toBeGreaterThanOrEqual(3);
    expect(DEMO_PRODUCTS.some((p) => p.inventoryTracking === 'none')).toBe(true);
    expect(DEMO_PRODUCTS.some((p) => p.availability === 'disabled')).toBe(true);
    expect(DEMO_PRODUCTS.some((p) => p.variants.some((v) => v.purchasingDisabled))).toBe(true);
    for (const p of DEMO_PRODUCTS) {
      expect(DEMO_BRANDS).toContain(p.brand);
      for (const c of p.categories) expect(DEMO_CATEGORIES.map((x) => x.name)).toContain(c);
    }
  });

  it('has unique SKUs (case-insensitive, across products and variants) and unique product names', () => {
    const skus = allSkus().map((s) => s.toLowerCase());
    expect(new Set(skus).size).toBe(skus.length);
    expect(new Set(DEMO_PRODUCTS.map((p) => p.name)).size).toBe(DEMO_PRODUCTS.length);
  });

  it('gives every variant a value for each of its product options, each combination once', () => {
    for (const p of DEMO_PRODUCTS.filter((x) => x.variants.length > 0)) {
      const combos = p.variants.map((v) => p.options.map((o) => v.options[o.displayName]).join('|'));
      expect(combos.every((c) => !c.split('|').includes('undefined'))).toBe(true);
      expect(new Set(combos).size).toBe(p.variants.length);
    }
  });
});

describe('seeding the demo catalog', () => {
  let state: SandboxState | undefined;
  afterEach(() => {
    state?.close();
    state = undefined;
  });

  it('creates brands, categories, products and variants through the catalog state, once', () => {
    state = new SandboxState({ databaseFile: ':memory:' });
    expect(state.createStore('seedtest').ok).toBe(true);
    const summary = seedDemoCatalog(state, 'seedtest');
    expect(summary).toMatchObject({
      skipped: false,
      products: DEMO_PRODUCTS.length,
      brands: DEMO_BRANDS.length,
      categories: DEMO_CATEGORIES.length,
    });
    expect(state.products.listProducts('seedtest', { limit: 250 }).total).toBe(DEMO_PRODUCTS.length);
    expect(state.variants.listVariants('seedtest', { limit: 250 }).total).toBeGreaterThanOrEqual(
      summary.variants,
    );

    const jacket = state.products.listProducts(
      'seedtest',
      { sku: 'JKT-RAIN' },
      { variants: true, options: true },
    ).items[0]!;
    expect(jacket.inventory_tracking).toBe('variant');
    expect(jacket.options?.map((o) => [o.display_name, o.type])).toEqual([
      ['Size', 'rectangles'],
      ['Color', 'rectangles'],
    ]);
    const xl = jacket.variants!.find((v) => v.sku === 'JKT-RAIN-XL-SLATE')!;
    expect(xl.inventory_level).toBe(0);
    expect(xl.option_values.map((ov) => ov.label).sort()).toEqual(['Slate', 'XL']);

    const beans = state.products.listProducts('seedtest', { sku: 'BEAN-MORNING' }, { options: true })
      .items[0]!;
    expect(beans.options?.map((o) => o.type)).toEqual(['dropdown', 'radio_buttons']);

    const tent = state.products.listProducts('seedtest', { sku: 'TENT-RL2' }).items[0]!;
    expect(tent).toMatchObject({ inventory_tracking: 'product', inventory_level: 0 });
    const outOfStock = state.products.listProducts('seedtest', { outOfStock: true, limit: 250 }).total;
    expect(outOfStock).toBeGreaterThanOrEqual(3);

    expect(seedDemoCatalog(state, 'seedtest').skipped).toBe(true);
    expect(state.products.listProducts('seedtest', { limit: 1 }).total).toBe(DEMO_PRODUCTS.length);
  });
});
