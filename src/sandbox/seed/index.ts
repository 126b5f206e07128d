/** Seed data: the demo store's catalog and the large-catalog generator (generate-catalog.ts). */

export {
  CatalogGenerationError,
  type GenerateCatalogOptions,
  type GenerateCatalogSummary,
  generateCatalog,
} from './catalog-generator.js';
export {
  DEMO_BRANDS,
  DEMO_CATEGORIES,
  DEMO_PRODUCTS,
  DEMO_STORE_NAME,
  type SeedProduct,
} from './demo-catalog.data.js';
export { demoCatalogPlugin } from './demo-seed.plugin.js';
export { SeedError, type SeedSummary, seedDemoCatalog } from './demo-store.seed.js';
