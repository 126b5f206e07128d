/**
 * The demo store's catalog: a small outdoor, coffee and apparel shop ("Trailhead Outfitters").
 * Plain data, so the loader can put it into any store and tests can check its invariants
 * (unique SKUs, some variants, some out of stock). Stock levels are chosen so the storefront shows every
 * case: plenty, low, zero, untracked, disabled and preorder.
 */
export type SeedInventoryTracking = 'none' | 'product' | 'variant';
export type SeedOptionType = 'dropdown' | 'radio_buttons' | 'rectangles' | 'swatch';

export interface SeedOption {
  displayName: string;
  type: SeedOptionType;
  values: readonly string[];
}

export interface SeedVariant {
  sku: string;
  /** Option display name → value label. */
  options: Readonly<Record<string, string>>;
  inventoryLevel: number;
  price?: number;
  purchasingDisabled?: boolean;
  purchasingDisabledMessage?: string;
}

export interface SeedProduct {
  name: string;
  sku: string;
  price: number;
  weight: number;
  brand: string;
  categories: readonly string[];
  description: string;
  inventoryTracking: SeedInventoryTracking;
  /** Used when tracking by product. */
  inventoryLevel: number;
  inventoryWarningLevel: number;
  availability: 'available' | 'disabled' | 'preorder';
  isVisible: boolean;
  options: readonly SeedOption[];
  variants: readonly SeedVariant[];
}

export interface SeedCategory {
  name: string;
  /** Parent category name; absent for top-level categories. */
  parent?: string;
}

export const DEMO_STORE_NAME = 'Trailhead Outfitters (sandbox demo)';

export const DEMO_BRANDS: readonly string[] = [
  'Summit Gear',
  'Ridgeline',
  'Basecamp Coffee Co.',
  'Northwind Apparel',
  'Kettle & Pine',
  'Trailhead',
];

export const DEMO_CATEGORIES: readonly SeedCategory[] = [
  { name: 'Camping' },
  { name: 'Tents', parent: 'Camping' },
  { name: 'Sleeping', parent: 'Camping' },
  { name: 'Cooking', parent: 'Camping' },
  { name: 'Coffee' },
  { name: 'Beans', parent: 'Coffee' },
  { name: 'Brewing Gear', parent: 'Coffee' },
  { name: 'Apparel' },
  { name: 'Jackets', parent: 'Apparel' },
  { name: 'T-Shirts', parent: 'Apparel' },
  { name: 'Socks & Hats', parent: 'Apparel' },
  { name: 'Accessories' },
];

interface ProductInput {
  name: string;
  sku: string;
  price: number;
  weight?: number;
  brand: string;
  categories: readonly string[];
  description: string;
  stock?: number;
  tracking?: SeedInventoryTracking;
  warning?: number;
  availability?: SeedProduct['availability'];
  visible?: boolean;
}

function simple(p: ProductInput): SeedProduct {
  const tracking = p.tracking ?? 'product';
  return {
    name: p.name,
    sku: p.sku,
    price: p.price,
    weight: p.weight ?? 1,
    brand: p.brand,
    categories: p.categories,
    description: p.description,
    inventoryTracking: tracking,
    inventoryLevel: tracking === 'product' ? (p.stock ?? 0) : 0,
    inventoryWarningLevel: p.warning ?? (tracking === 'product' ? 3 : 0),
    availability: p.availability ?? 'available',
    isVisible: p.visible ?? true,
    options: [],
    variants: [],
  };
}

/** Code used in variant SKUs: "Forest Green" → "FORESTGREEN", "XL" → "XL", "250 g" → "250G". */
function code(label: string): string {
  return label.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

/**
 * A product tracked by variant, one variant per combination of option values.
 * `stock` gives each variant's level from its option labels, so zero-stock variants are deliberate.
 */
function withVariants(
  p: ProductInput,
  options: readonly SeedOption[],
  stock: (labels: Record<string, string>) => number,
  extra: {
    price?: (labels: Record<string, string>) => number | undefined;
    disabled?: (labels: Record<string, string>) => string | undefined;
  } = {},
): SeedProduct {
  const combos = options.reduce<Record<string, string>[]>(
    (acc, option) => acc.flatMap((c) => option.values.map((v) => ({ ...c, [option.displayName]: v }))),
    [{}],
  );
  return {
    ...simple({ ...p, tracking: 'variant' }),
    inventoryWarningLevel: 0,
    options,
    variants: combos.map((labels) => {
      const disabledMessage = extra.disabled?.(labels);
      const price = extra.price?.(labels);
      return {
        sku: [p.sku, ...options.map((o) => code(labels[o.displayName] ?? ''))].join('-'),
        options: labels,
        inventoryLevel: stock(labels),
        ...(price === undefined ? {} : { price }),
        ...(disabledMessage === undefined
          ? {}
          : { purchasingDisabled: true, purchasingDisabledMessage: disabledMessage }),
      };
    }),
  };
}

const SIZES = ['S', 'M', 'L', 'XL'] as const;
const sizeOption: SeedOption = { displayName: 'Size', type: 'rectangles', values: SIZES };
const colorOption = (...values: string[]): SeedOption => ({
  displayName: 'Color',
  type: 'rectangles',
  values,
});
const grindOption: SeedOption = {
  displayName: 'Grind',
  type: 'dropdown',
  values: ['Whole Bean', 'Espresso', 'Filter', 'French Press'],
};
const bagOption: SeedOption = { displayName: 'Bag Size', type: 'radio_buttons', values: ['250 g', '1 kg'] };

export const DEMO_PRODUCTS: readonly SeedProduct[] = [
  // Camping — tents
  simple({
    name: 'Ridgeline 2-Person Backpacking Tent',
    sku: 'TENT-RL2',
    price: 289,
    weight: 2.1,
    brand: 'Ridgeline',
    categories: ['Camping', 'Tents'],
    description: 'Freestanding double-wall tent with two doors & two vestibules. Packs to 45 × 15 cm.',
    stock: 0,
  }),
  simple({
    name: 'Ridgeline 4-Person Family Dome',
    sku: 'TENT-RL4',
    price: 419,
    weight: 5.4,
    brand: 'Ridgeline',
    categories: ['Camping', 'Tents'],
    description: 'Roomy dome with a 2 m ceiling, full-coverage fly and a gear loft.',
    stock: 7,
  }),
  simple({
    name: 'Summit Ultralight Solo Shelter',
    sku: 'TENT-SUL1',
    price: 349,
    weight: 0.8,
    brand: 'Summit Gear',
    categories: ['Camping', 'Tents'],
    description: 'Trekking-pole shelter in silnylon, 780 g. For the "fast & light" crowd.',
    stock: 2,
  }),
  simple({
    name: 'Basecamp Canvas Bell Tent 5 m',
    sku: 'TENT-BELL5',
    price: 899,
    weight: 28,
    brand: 'Trailhead',
    categories: ['Camping', 'Tents'],
    description: 'Cotton canvas bell tent with stove jack. Ships in spring — order now.',
    stock: 0,
    availability: 'preorder',
  }),
  simple({
    name: 'Tent Footprint (2P)',
    sku: 'TENT-FP2',
    price: 39,
    weight: 0.3,
    brand: 'Ridgeline',
    categories: ['Camping', 'Tents'],
    description: 'Protects the tent floor from abrasion. Fits the Ridgeline 2-Person.',
    stock: 23,
  }),
  // Camping — sleeping
  withVariants(
    {
      name: 'Summit Down Sleeping Bag -5°C',
      sku: 'SLEEP-DOWN5',
      price: 329,
      weight: 1.1,
      brand: 'Summit Gear',
      categories: ['Camping', 'Sleeping'],
      description: '650-fill responsibly sourced down; comfort rating -5 °C.',
    },
    [{ displayName: 'Length', type: 'radio_buttons', values: ['Regular', 'Long'] }],
    (l) => (l.Length === 'Long' ? 0 : 6),
    { price: (l) => (l.Length === 'Long' ? 349 : undefined) },
  ),
  simple({
    name: 'Self-Inflating Sleeping Pad',
    sku: 'SLEEP-PAD',
    price: 89,
    weight: 0.9,
    brand: 'Ridgeline',
    categories: ['Camping', 'Sleeping'],
    description: 'R-value 4.2. Foam core, inflates itself in a few minutes.',
    stock: 31,
  }),
  simple({
    name: 'Camp Pillow',
    sku: 'SLEEP-PILLOW',
    price: 25,
    weight: 0.2,
    brand: 'Trailhead',
    categories: ['Camping', 'Sleeping'],
    description: 'Compressible pillow with a brushed polyester cover.',
    stock: 0,
  }),
  simple({
    name: 'Wool Camp Blanket',
    sku: 'SLEEP-BLANKET',
    price: 119,
    weight: 1.6,
    brand: 'Northwind Apparel',
    categories: ['Camping', 'Sleeping'],
    description: 'Heavy 100% wool blanket, woven in Portugal.',
    stock: 4,
  }),
  // Camping — cooking
  simple({
    name: 'Kettle & Pine Titanium Pot 900 ml',
    sku: 'COOK-TI900',
    price: 59,
    weight: 0.12,
    brand: 'Kettle & Pine',
    categories: ['Camping', 'Cooking'],
    description: 'Titanium pot with folding handles; a 230 g gas canister fits inside.',
    stock: 18,
  }),
  simple({
    name: 'Canister Stove',
    sku: 'COOK-STOVE',
    price: 49,
    weight: 0.09,
    brand: 'Summit Gear',
    categories: ['Camping', 'Cooking'],
    description: 'Piezo ignition, boils 1 l in 3½ minutes.',
    stock: 1,
  }),
  simple({
    name: 'Cast Iron Camp Skillet 10"',
    sku: 'COOK-SKILLET',
    price: 45,
    weight: 2.4,
    brand: 'Kettle & Pine',
    categories: ['Camping', 'Cooking'],
    description: 'Pre-seasoned cast iron. Campfire <and> kitchen ready.',
    stock: 12,
  }),
  simple({
    name: 'Spork Set (4 pack)',
    sku: 'COOK-SPORK4',
    price: 12,
    weight: 0.05,
    brand: 'Trailhead',
    categories: ['Camping', 'Cooking'],
    description: 'Four BPA-free sporks in assorted colours.',
    tracking: 'none',
  }),
  simple({
    name: 'Collapsible Water Carrier 10 l',
    sku: 'COOK-WATER10',
    price: 19,
    weight: 0.2,
    brand: 'Trailhead',
    categories: ['Camping', 'Cooking'],
    description: 'Folds flat when empty; tap at the bottom.',
    stock: 40,
  }),
  // Coffee — beans
  withVariants(
    {
      name: 'Basecamp Morning Roast',
      sku: 'BEAN-MORNING',
      price: 14,
      weight: 0.25,
      brand: 'Basecamp Coffee Co.',
      categories: ['Coffee', 'Beans'],
      description: 'Medium roast: milk chocolate, hazelnut, red apple.',
    },
    [grindOption, bagOption],
    (l) => (l.Grind === 'French Press' ? 0 : l['Bag Size'] === '1 kg' ? 5 : 25),
    { price: (l) => (l['Bag Size'] === '1 kg' ? 44 : undefined) },
  ),
  withVariants(
    {
      name: 'Ethiopia Guji Natural',
      sku: 'BEAN-GUJI',
      price: 18,
      weight: 0.25,
      brand: 'Basecamp Coffee Co.',
      categories: ['Coffee', 'Beans'],
      description: 'Light roast single origin: blueberry, jasmine, cocoa nib.',
    },
    [grindOption],
    (l) => (l.Grind === 'Whole Bean' ? 9 : 3),
  ),
  withVariants(
    {
      name: 'Colombia Huila Decaf',
      sku: 'BEAN-DECAF',
      price: 16,
      weight: 0.25,
      brand: 'Basecamp Coffee Co.',
      categories: ['Coffee', 'Beans'],
      description: 'Sugar-cane processed decaf: caramel, orange, plum.',
    },
    [grindOption],
    () => 0,
  ),
  simple({
    name: 'Espresso Blend "Summit"',
    sku: 'BEAN-ESPRESSO',
    price: 15,
    weight: 0.25,
    brand: 'Basecamp Coffee Co.',
    categories: ['Coffee', 'Beans'],
    description: 'Dark & syrupy, built for milk drinks. Whole bean only.',
    stock: 60,
  }),
  simple({
    name: 'Cold Brew Coarse Grind 1 kg',
    sku: 'BEAN-COLDBREW',
    price: 39,
    weight: 1,
    brand: 'Basecamp Coffee Co.',
    categories: ['Coffee', 'Beans'],
    description: 'A coarse-ground blend for overnight cold brew.',
    stock: 0,
  }),
  simple({
    name: 'Coffee Subscription Gift Card',
    sku: 'BEAN-GIFT',
    price: 50,
    weight: 0,
    brand: 'Basecamp Coffee Co.',
    categories: ['Coffee'],
    description: 'Three months of fresh beans, delivered monthly.',
    tracking: 'none',
  }),
  // Coffee — brewing gear
  simple({
    name: 'Kettle & Pine Gooseneck Kettle',
    sku: 'BREW-GOOSENECK',
    price: 69,
    weight: 0.7,
    brand: 'Kettle & Pine',
    categories: ['Coffee', 'Brewing Gear'],
    description: 'Stovetop gooseneck kettle with a built-in thermometer.',
    stock: 9,
  }),
  simple({
    name: 'Pour-Over Dripper Ceramic',
    sku: 'BREW-DRIPPER',
    price: 29,
    weight: 0.4,
    brand: 'Kettle & Pine',
    categories: ['Coffee', 'Brewing Gear'],
    description: 'Cone dripper with spiral ribs. Uses #2 filters.',
    stock: 14,
  }),
  simple({
    name: 'Paper Filters #2 (100)',
    sku: 'BREW-FILTER100',
    price: 6,
    weight: 0.1,
    brand: 'Kettle & Pine',
    categories: ['Coffee', 'Brewing Gear'],
    description: 'Unbleached paper filters.',
    stock: 250,
  }),
  simple({
    name: 'Hand Grinder with Steel Burrs',
    sku: 'BREW-GRINDER',
    price: 129,
    weight: 0.6,
    brand: 'Kettle & Pine',
    categories: ['Coffee', 'Brewing Gear'],
    description: '38 mm stainless burrs, 30 click settings.',
    stock: 0,
  }),
  simple({
    name: 'Camp French Press 1 l',
    sku: 'BREW-PRESS',
    price: 42,
    weight: 0.5,
    brand: 'Summit Gear',
    categories: ['Coffee', 'Brewing Gear', 'Camping'],
    description: 'Double-wall insulated steel press that survives being dropped.',
    stock: 11,
  }),
  simple({
    name: 'Moka Pot 6 Cup',
    sku: 'BREW-MOKA6',
    price: 38,
    weight: 0.6,
    brand: 'Kettle & Pine',
    categories: ['Coffee', 'Brewing Gear'],
    description: 'Classic aluminium stovetop espresso maker.',
    stock: 3,
  }),
  simple({
    name: 'Discontinued Siphon Brewer',
    sku: 'BREW-SIPHON',
    price: 99,
    weight: 1.2,
    brand: 'Kettle & Pine',
    categories: ['Coffee', 'Brewing Gear'],
    description: 'No longer sold; kept for order history.',
    stock: 2,
    availability: 'disabled',
  }),
  // Apparel — jackets
  withVariants(
    {
      name: 'Northwind Rain Shell Jacket',
      sku: 'JKT-RAIN',
      price: 179,
      weight: 0.4,
      brand: 'Northwind Apparel',
      categories: ['Apparel', 'Jackets'],
      description: '3-layer waterproof, breathable shell with pit zips.',
    },
    [sizeOption, colorOption('Forest Green', 'Slate', 'Ember Orange')],
    (l) => (l.Size === 'XL' ? 0 : l.Color === 'Ember Orange' ? 1 : 8),
  ),
  withVariants(
    {
      name: 'Northwind Down Puffer',
      sku: 'JKT-PUFFER',
      price: 229,
      weight: 0.5,
      brand: 'Northwind Apparel',
      categories: ['Apparel', 'Jackets'],
      description: '700-fill down jacket that packs into its own pocket.',
    },
    [sizeOption, colorOption('Black', 'Navy')],
    (l) => (l.Color === 'Navy' ? 0 : 5),
    { disabled: (l) => (l.Size === 'S' && l.Color === 'Navy' ? 'Navy S is discontinued' : undefined) },
  ),
  withVariants(
    {
      name: 'Fleece Half-Zip',
      sku: 'JKT-FLEECE',
      price: 79,
      weight: 0.35,
      brand: 'Northwind Apparel',
      categories: ['Apparel', 'Jackets'],
      description: 'Recycled grid fleece for the shoulder seasons.',
    },
    [sizeOption],
    (l) => ({ S: 4, M: 12, L: 7, XL: 2 })[l.Size as (typeof SIZES)[number]] ?? 0,
  ),
  withVariants(
    {
      name: 'Summit Softshell Vest',
      sku: 'JKT-VEST',
      price: 99,
      weight: 0.3,
      brand: 'Summit Gear',
      categories: ['Apparel', 'Jackets'],
      description: 'Wind-resistant softshell vest with two hand pockets.',
    },
    [sizeOption],
    () => 0,
  ),
  // Apparel — t-shirts
  withVariants(
    {
      name: 'Trailhead Logo Tee',
      sku: 'TEE-LOGO',
      price: 29,
      weight: 0.2,
      brand: 'Trailhead',
      categories: ['Apparel', 'T-Shirts'],
      description: 'Organic cotton tee with the Trailhead mountain logo.',
    },
    [sizeOption, colorOption('White', 'Heather Grey', 'Forest Green')],
    (l) => (l.Color === 'Forest Green' && l.Size === 'M' ? 0 : 15),
  ),
  withVariants(
    {
      name: 'Merino Base Layer Tee',
      sku: 'TEE-MERINO',
      price: 69,
      weight: 0.15,
      brand: 'Northwind Apparel',
      categories: ['Apparel', 'T-Shirts'],
      description: '150 g/m² merino. Does not smell after day three.',
    },
    [sizeOption, colorOption('Black', 'Charcoal')],
    (l) => (l.Size === 'L' ? 2 : 6),
  ),
  withVariants(
    {
      name: 'Coffee Lover Tee',
      sku: 'TEE-COFFEE',
      price: 27,
      weight: 0.2,
      brand: 'Basecamp Coffee Co.',
      categories: ['Apparel', 'T-Shirts', 'Coffee'],
      description: '"But first, coffee" — printed with water-based ink.',
    },
    [sizeOption],
    (l) => (l.Size === 'S' ? 0 : 10),
  ),
  // Apparel — socks & hats
  withVariants(
    {
      name: 'Merino Hiking Socks',
      sku: 'SOCK-MERINO',
      price: 22,
      weight: 0.08,
      brand: 'Northwind Apparel',
      categories: ['Apparel', 'Socks & Hats'],
      description: 'Cushioned merino socks with a lifetime guarantee.',
    },
    [{ displayName: 'Size', type: 'rectangles', values: ['S (35-38)', 'M (39-42)', 'L (43-46)'] }],
    (l) => (l.Size?.startsWith('L') ? 0 : 20),
  ),
  simple({
    name: 'Beanie "Timberline"',
    sku: 'HAT-BEANIE',
    price: 25,
    weight: 0.1,
    brand: 'Northwind Apparel',
    categories: ['Apparel', 'Socks & Hats'],
    description: 'Ribbed wool-blend beanie. One size.',
    stock: 35,
  }),
  withVariants(
    {
      name: 'Sun Hat',
      sku: 'HAT-SUN',
      price: 34,
      weight: 0.12,
      brand: 'Summit Gear',
      categories: ['Apparel', 'Socks & Hats'],
      description: 'UPF 50 wide-brim hat with a chin strap.',
    },
    [{ displayName: 'Size', type: 'rectangles', values: ['S/M', 'L/XL'] }],
    (l) => (l.Size === 'S/M' ? 3 : 0),
  ),
  simple({
    name: 'Trucker Cap',
    sku: 'HAT-TRUCKER',
    price: 24,
    weight: 0.1,
    brand: 'Trailhead',
    categories: ['Apparel', 'Socks & Hats'],
    description: 'Mesh-back cap with an embroidered patch.',
    stock: 0,
  }),
  // Accessories
  simple({
    name: 'Insulated Bottle 750 ml',
    sku: 'ACC-BOTTLE',
    price: 35,
    weight: 0.4,
    brand: 'Kettle & Pine',
    categories: ['Accessories'],
    description: 'Keeps drinks cold 24 h or hot 12 h.',
    stock: 27,
  }),
  simple({
    name: 'Enamel Camp Mug',
    sku: 'ACC-MUG',
    price: 16,
    weight: 0.2,
    brand: 'Trailhead',
    categories: ['Accessories', 'Coffee'],
    description: 'Speckled enamel mug, 350 ml.',
    stock: 44,
  }),
  simple({
    name: 'Headlamp 400 Lumen',
    sku: 'ACC-HEADLAMP',
    price: 45,
    weight: 0.08,
    brand: 'Summit Gear',
    categories: ['Accessories', 'Camping'],
    description: 'USB-C rechargeable headlamp with red-light mode.',
    stock: 5,
  }),
  simple({
    name: 'Trekking Poles (pair)',
    sku: 'ACC-POLES',
    price: 89,
    weight: 0.5,
    brand: 'Ridgeline',
    categories: ['Accessories'],
    description: 'Carbon trekking poles with flick locks.',
    stock: 0,
  }),
  simple({
    name: 'First Aid Kit',
    sku: 'ACC-FIRSTAID',
    price: 32,
    weight: 0.3,
    brand: 'Trailhead',
    categories: ['Accessories', 'Camping'],
    description: 'Restockable kit for 2 people, 3 days.',
    stock: 16,
  }),
  simple({
    name: 'Map Case',
    sku: 'ACC-MAPCASE',
    price: 18,
    weight: 0.1,
    brand: 'Trailhead',
    categories: ['Accessories'],
    description: 'Waterproof A4 map case with a neck strap.',
    tracking: 'none',
  }),
  simple({
    name: 'Stuff Sack Set',
    sku: 'ACC-STUFFSACK',
    price: 28,
    weight: 0.1,
    brand: 'Summit Gear',
    categories: ['Accessories', 'Camping'],
    description: 'Three roll-top stuff sacks: 3 l, 6 l and 10 l.',
    stock: 2,
  }),
  simple({
    name: 'Staff Sample (hidden)',
    sku: 'ACC-HIDDEN',
    price: 1,
    weight: 0.1,
    brand: 'Trailhead',
    categories: ['Accessories'],
    description: 'Not visible on the storefront; there to test is_visible filters.',
    stock: 10,
    visible: false,
  }),
];
