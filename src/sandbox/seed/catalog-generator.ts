import type { ProductCreateInput } from '../state/catalog.schemas.js';
import type { SandboxState } from '../state/sandbox-state.js';

/**
 * Generates large synthetic catalogs (benchmarks: `--products 50000`). Products go straight into the
 * catalog state — the same repo calls the Catalog API makes, so they obey the same rules — grouped in
 * transactions of `batchSize` products, which makes SQLite fast (one commit per batch, not per product).
 * Deterministic for a given seed, so benchmark runs are comparable.
 */
export interface GenerateCatalogOptions {
  readonly storeHash: string;
  readonly products: number;
  /** Share of products (0..1) that get Size × Color variants tracked by variant. Default 0.2. */
  readonly variantShare?: number;
  /** Share of tracked items with zero stock. Default 0.1. */
  readonly outOfStockShare?: number;
  readonly seed?: number;
  /** SKU and name prefix; defaults to GEN. Use another one to add a second batch to the same store. */
  readonly skuPrefix?: string;
  readonly batchSize?: number;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface GenerateCatalogSummary {
  readonly products: number;
  readonly variants: number;
  readonly brands: number;
  readonly categories: number;
  readonly firstSku: string;
  readonly lastSku: string;
}

export class CatalogGenerationError extends Error {
  override readonly name = 'CatalogGenerationError';
}

const ADJECTIVES = [
  'Rugged',
  'Classic',
  'Alpine',
  'Urban',
  'Coastal',
  'Compact',
  'Everyday',
  'Summit',
  'Trail',
  'Heritage',
  'Nordic',
  'Desert',
  'Storm',
  'Lightweight',
  'Insulated',
  'Vintage',
];
const MATERIALS = [
  'Merino',
  'Canvas',
  'Nylon',
  'Cotton',
  'Titanium',
  'Bamboo',
  'Leather',
  'Fleece',
  'Ceramic',
  'Steel',
  'Cork',
  'Hemp',
  'Down',
  'Wool',
  'Linen',
  'Oak',
];
const NOUNS = [
  'Jacket',
  'Backpack',
  'Mug',
  'Tent',
  'Beanie',
  'Kettle',
  'Grinder',
  'Blanket',
  'Bottle',
  'Sock',
  'Hoodie',
  'Lantern',
  'Stool',
  'Hammock',
  'Tote',
  'Apron',
  'Dripper',
  'Cap',
  'Vest',
  'Pouch',
];
const SIZES = ['S', 'M', 'L'];
const COLORS = ['Black', 'Olive', 'Sand'];
const BRAND_COUNT = 40;
const CATEGORY_COUNT = 25;

/** mulberry32: a tiny, well-known deterministic PRNG (benchmarks need repeatable data, not security). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generateCatalog(
  state: SandboxState,
  options: GenerateCatalogOptions,
): GenerateCatalogSummary {
  const { storeHash } = options;
  if (!Number.isInteger(options.products) || options.products < 1) {
    throw new CatalogGenerationError(`--products must be a positive integer, got ${options.products}`);
  }
  if (!state.stores.get(storeHash)) throw new CatalogGenerationError(`Store ${storeHash} does not exist`);
  const prefix = options.skuPrefix ?? 'GEN';
  if (!/^[A-Za-z0-9_-]{1,40}$/.test(prefix))
    throw new CatalogGenerationError('--sku-prefix: letters, digits, - and _ only');
  const variantShare = options.variantShare ?? 0.2;
  const outShare = options.outOfStockShare ?? 0.1;
  const batchSize = options.batchSize ?? 500;
  const random = prng(options.seed ?? 1);
  const pickOf = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const stock = () => (random() < outShare ? 0 : 1 + Math.floor(random() * 200));

  const brandIds = ensureBrands(state, storeHash);
  const categoryIds = ensureCategories(state, storeHash);
  const width = String(options.products).length;
  let variants = 0;
  let made = 0;

  while (made < options.products) {
    const count = Math.min(batchSize, options.products - made);
    const inputs: ProductCreateInput[] = [];
    for (let i = 0; i < count; i++) {
      const n = made + i + 1;
      const sku = `${prefix}-${String(n).padStart(width, '0')}`;
      const withVariants = random() < variantShare;
      const base = {
        name: `${pickOf(ADJECTIVES)} ${pickOf(MATERIALS)} ${pickOf(NOUNS)} ${sku}`,
        type: 'physical' as const,
        sku,
        price: Math.round((5 + random() * 295) * 100) / 100,
        weight: Math.round(random() * 50) / 10,
        brand_id: pickOf(brandIds),
        categories: [pickOf(categoryIds)],
        description: `Generated benchmark product ${n}.`,
        is_visible: random() > 0.05,
      };
      if (withVariants) {
        const chosen = SIZES.flatMap((size) => COLORS.map((color) => ({ size, color }))).filter(
          () => random() < 0.8,
        );
        const combos = chosen.length > 0 ? chosen : [{ size: 'M', color: 'Black' }];
        variants += combos.length;
        inputs.push({
          ...base,
          inventory_tracking: 'variant',
          variants: combos.map((c) => ({
            sku: `${sku}-${c.size}-${c.color.toUpperCase()}`,
            inventory_level: stock(),
            option_values: [
              { option_display_name: 'Size', label: c.size },
              { option_display_name: 'Color', label: c.color },
            ],
          })),
        });
      } else {
        const tracked = random() < 0.9;
        inputs.push({
          ...base,
          inventory_tracking: tracked ? 'product' : 'none',
          inventory_level: tracked ? stock() : 0,
        });
      }
    }
    // One transaction per batch: each createProduct's own transaction becomes a savepoint inside it.
    state.db.transaction(() => {
      for (const input of inputs) {
        const created = state.products.createProduct(storeHash, input);
        if (!created.ok) {
          throw new CatalogGenerationError(
            `Product ${input.sku} was refused (${created.code}: ${created.message}${
              created.errors ? ` ${JSON.stringify(created.errors)}` : ''
            }); the batch was rolled back. Use another --sku-prefix to add to a store generated before.`,
          );
        }
      }
    })();
    made += count;
    options.onProgress?.(made, options.products);
  }
  return {
    products: made,
    variants,
    brands: brandIds.length,
    categories: categoryIds.length,
    firstSku: `${prefix}-${String(1).padStart(width, '0')}`,
    lastSku: `${prefix}-${String(made).padStart(width, '0')}`,
  };
}

function ensureBrands(state: SandboxState, storeHash: string): number[] {
  const ids: number[] = [];
  for (let i = 1; i <= BRAND_COUNT; i++) {
    const name = `Bench Brand ${String(i).padStart(2, '0')}`;
    const existing = state.taxonomy.listBrands(storeHash, { name }).items[0];
    if (existing) ids.push(existing.id);
    else {
      const created = state.taxonomy.createBrand(storeHash, { name });
      if (!created.ok) throw new CatalogGenerationError(`Brand ${name} was refused: ${created.message}`);
      ids.push(created.value.id);
    }
  }
  return ids;
}

function ensureCategories(state: SandboxState, storeHash: string): number[] {
  const ids: number[] = [];
  for (let i = 1; i <= CATEGORY_COUNT; i++) {
    const name = `Bench Category ${String(i).padStart(2, '0')}`;
    const existing = state.taxonomy.listCategories(storeHash, { name }).items[0];
    if (existing) ids.push(existing.id);
    else {
      const created = state.taxonomy.createCategory(storeHash, { name });
      if (!created.ok) throw new CatalogGenerationError(`Category ${name} was refused: ${created.message}`);
      ids.push(created.value.id);
    }
  }
  return ids;
}
