/** Assignment: the catalog search, assigning and unassigning products, bulk runs, and sync from BigCommerce. */
export {
  type AssignProductsInput,
  type AssignProductsResult,
  assignProducts,
  MAX_PRODUCTS_PER_REQUEST,
  type ProductAssignmentResult,
} from './assign-products.js';
export {
  ASSIGNMENT_CODES,
  ASSIGNMENT_WARNINGS,
  type AssignmentCode,
  type AssignmentWarning,
} from './assignment-codes.js';
export { type AssignmentDeps, type AssignmentOptions, requestDelivery } from './assignment-deps.js';
export {
  type AssignmentRunDetails,
  type AssignmentRunView,
  assignmentBulkJob,
  getAssignmentRun,
  listAssignmentRuns,
  MAX_BULK_PRODUCT_IDS,
  runBulkAssignment,
  type StartBulkAssignmentInput,
  startBulkAssignment,
} from './bulk-assignment.js';
export { type OriginalSettings, stockFromBigCommerce } from './catalog-product.js';
export {
  CATALOG_SORTS,
  type CatalogFilter,
  type CatalogPage,
  type CatalogProduct,
  type CatalogSort,
  catalogFilterSchema,
  MAX_PAGE_SIZE,
  parseCatalogFilter,
  type SearchCatalogDeps,
  type SearchCatalogInput,
  type SearchCatalogResult,
  searchCatalog,
} from './search-catalog.js';
export {
  type StockTaken,
  type SyncCause,
  type SyncProductInput,
  type SyncProductResult,
  syncProductFromBigCommerce,
} from './sync-product-from-bigcommerce.js';
export {
  type UnassignProductInput,
  type UnassignProductResult,
  unassignProduct,
} from './unassign-product.js';
