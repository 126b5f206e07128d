import type { ProductView } from '../state/catalog.types.js';
import type { Result } from '../state/results.js';
import type { SandboxState } from '../state/sandbox-state.js';
import {
  DEMO_BRANDS,
  DEMO_CATEGORIES,
  DEMO_PRODUCTS,
  type SeedCategory,
  type SeedProduct,
} from './demo-catalog.data.js';

/**
 * Loads the demo catalog into a store through the catalog state (the same code paths the Catalog API
 * uses, so seeded products behave exactly like API-created ones). Idempotent: a store that already has
 * products is left alone, so restarting the sandbox on a data directory never duplicates the catalog.
 */
export interface SeedSummary {
  readonly skipped: boolean;
  readonly brands: number;
  readonly categories: number;
  readonly products: number;
  readonly variants: number;
}

export class SeedError extends Error {
  override readonly name = 'SeedError';
}

export interface SeedCatalogInput {
  readonly brands?: readonly string[];
  readonly categories?: readonly SeedCategory[];
  readonly products?: readonly SeedProduct[];
}

/** The catalog repos the seed writes through (a SandboxState has them). */
export type SeedCatalog = Pick<SandboxState, 'products' | 'options' | 'taxonomy'>;

export function seedDemoCatalog(
  catalog: SeedCatalog,
  storeHash: string,
  input: SeedCatalogInput = {},
): SeedSummary {
  const brands = input.brands ?? DEMO_BRANDS;
  const categories = input.categories ?? DEMO_CATEGORIES;
  const products = input.products ?? DEMO_PRODUCTS;
  if (catalog.products.listProducts(storeHash, { limit: 1 }).total > 0) {
    return { skipped: true, brands: 0, categories: 0, products: 0, variants: 0 };
  }

  const brandIds = new Map<string, number>();
  for (const name of brands) {
    const existing = catalog.taxonomy.listBrands(storeHash, { name }).items[0];
    brandIds.set(
      name,
      existing?.id ?? must(catalog.taxonomy.createBrand(storeHash, { name }), `brand ${name}`).id,
    );
  }

  const categoryIds = new Map<string, number>();
  for (const category of categories) {
    const parentId = category.parent === undefined ? 0 : categoryIds.get(category.parent);
    if (parentId === undefined)
      throw new SeedError(`Category ${category.name} names unknown parent ${category.parent}`);
    const existing = catalog.taxonomy.listCategories(storeHash, { name: category.name, parentId }).items[0];
    categoryIds.set(
      category.name,
      existing?.id ??
        must(
          catalog.taxonomy.createCategory(storeHash, { name: category.name, parent_id: parentId }),
          `category ${category.name}`,
        ).id,
    );
  }

  let variants = 0;
  for (const product of products) {
    const created = createSeedProduct(catalog, storeHash, product, brandIds, categoryIds);
    variants += product.variants.length;
    setOptionTypes(catalog, storeHash, created, product);
  }
  return {
    skipped: false,
    brands: brandIds.size,
    categories: categoryIds.size,
    products: products.length,
    variants,
  };
}

function createSeedProduct(
  catalog: SeedCatalog,
  storeHash: string,
  product: SeedProduct,
  brandIds: ReadonlyMap<string, number>,
  categoryIds: ReadonlyMap<string, number>,
): ProductView {
  const brandId = brandIds.get(product.brand);
  if (brandId === undefined)
    throw new SeedError(`Product ${product.sku} names unknown brand ${product.brand}`);
  const categories = product.categories.map((name) => {
    const id = categoryIds.get(name);
    if (id === undefined) throw new SeedError(`Product ${product.sku} names unknown category ${name}`);
    return id;
  });
  return must(
    catalog.products.createProduct(storeHash, {
      name: product.name,
      type: 'physical',
      sku: product.sku,
      price: product.price,
      weight: product.weight,
      // Plain text: the sandbox storefront shows descriptions escaped, never as HTML.
      description: product.description,
      brand_id: brandId,
      categories,
      availability: product.availability,
      is_visible: product.isVisible,
      inventory_tracking: product.inventoryTracking,
      inventory_level: product.inventoryLevel,
      inventory_warning_level: product.inventoryWarningLevel,
      ...(product.availability === 'preorder'
        ? { preorder_message: 'Expected to ship on %%DATE%%', is_preorder_only: false }
        : {}),
      ...(product.variants.length > 0
        ? {
            variants: product.variants.map((v) => ({
              sku: v.sku,
              inventory_level: v.inventoryLevel,
              ...(v.price === undefined ? {} : { price: v.price }),
              ...(v.purchasingDisabled
                ? {
                    purchasing_disabled: true,
                    purchasing_disabled_message: v.purchasingDisabledMessage ?? '',
                  }
                : {}),
              option_values: product.options.map((o) => {
                const label = v.options[o.displayName];
                if (label === undefined)
                  throw new SeedError(`Variant ${v.sku} has no value for option ${o.displayName}`);
                return { option_display_name: o.displayName, label };
              }),
            })),
          }
        : {}),
    }),
    `product ${product.sku}`,
  );
}

/** Variants created by option label get BigCommerce's default option type; give each its intended one. */
function setOptionTypes(
  catalog: SeedCatalog,
  storeHash: string,
  created: ProductView,
  product: SeedProduct,
): void {
  if (product.options.length === 0) return;
  const options = catalog.options.listOptions(storeHash, created.id) ?? [];
  for (const seedOption of product.options) {
    const option = options.find((o) => o.display_name === seedOption.displayName);
    if (!option) throw new SeedError(`Option ${seedOption.displayName} of ${product.sku} was not created`);
    if (option.type !== seedOption.type) {
      must(
        catalog.options.updateOption(storeHash, created.id, option.id, { type: seedOption.type }),
        `option ${seedOption.displayName} of ${product.sku}`,
      );
    }
  }
}

function must<T>(result: Result<T>, what: string): T {
  if (!result.ok) {
    const detail = result.errors ? ` ${JSON.stringify(result.errors)}` : '';
    throw new SeedError(`Seeding ${what} was refused: ${result.code} ${result.message}${detail}`);
  }
  return result.value;
}
