import { z } from 'zod';
import { type Result, refuse } from '../../core/item.js';
import type { ProductRecord, ProductRepository } from '../ports/product-repository.js';
import {
  CATALOG_SORTS,
  type CatalogSort,
  MAX_PAGE_SIZE,
  MAX_SEARCH_IDS,
  type ProductSearch,
  type StoreCatalog,
  type StoreProduct,
} from '../ports/store-catalog.js';
import type { StoreId } from '../ports/store-id.js';
import { ASSIGNMENT_CODES } from './assignment-codes.js';
import { optionVariants } from './catalog-product.js';

/**
 * The Assignment screen's catalog search (docs/product.md#assignment): BigCommerce's catalog filtered by name
 * or keyword, SKU, brand, category, visibility, availability, stock range, and whether the product is
 * assigned to the app (which only the app knows: joined with the products table).
 */

export { CATALOG_SORTS, type CatalogSort, MAX_PAGE_SIZE };

/** Up to this many assigned products are filtered by BigCommerce itself (`id:in` / `id:not_in`). */
const ID_FILTER_MAX = MAX_SEARCH_IDS;

const positiveId = z.number().int().positive().max(2_147_483_647);
const level = z.number().int().min(0).max(2_147_483_647);

export const catalogFilterSchema = z
  .object({
    /** Matches name, description, SKU and brand (BigCommerce's `keyword`). */
    keyword: z.string().trim().min(1).max(255),
    /** The product's own SKU, exactly (BigCommerce's `sku`). */
    sku: z.string().trim().min(1).max(255),
    brandId: positiveId,
    categoryId: positiveId,
    visible: z.boolean(),
    availability: z.enum(['available', 'disabled', 'preorder']),
    /** Inventory level range, inclusive (products tracked by variant count their variants' sum). */
    stockMin: level,
    stockMax: level,
    assigned: z.boolean(),
  })
  .partial()
  .strict()
  .refine((f) => f.stockMin === undefined || f.stockMax === undefined || f.stockMin <= f.stockMax, {
    message: 'stockMin must not be greater than stockMax',
    path: ['stockMin'],
  });

export type CatalogFilter = z.output<typeof catalogFilterSchema>;

export interface SearchCatalogDeps {
  readonly storeCatalog: Pick<
    StoreCatalog,
    'listProducts' | 'iterateProducts' | 'iterateProductIds' | 'countProducts'
  >;
  readonly products: Pick<ProductRepository, 'findProductByBcId' | 'listProducts'>;
}

export interface SearchCatalogInput {
  readonly storeId: StoreId;
  readonly filter?: unknown;
  /** 1-based. */
  readonly page?: number;
  /** Default 50, at most 250. */
  readonly limit?: number;
  readonly sort?: CatalogSort;
  readonly direction?: 'asc' | 'desc';
}

export interface CatalogProduct {
  readonly bcProductId: number;
  readonly name: string;
  readonly sku: string;
  readonly brandId: number;
  readonly categories: readonly number[];
  readonly visible: boolean;
  readonly availability: StoreProduct['availability'];
  readonly inventoryTracking: StoreProduct['tracking'];
  readonly inventoryLevel: number;
  /** Variants made of options (0 for a product without options). */
  readonly variantCount: number;
  readonly assigned: boolean;
  /** The app's product id, when the product is or was assigned. */
  readonly productId: number | null;
  readonly templateId: number | null;
}

export interface CatalogPage {
  readonly products: readonly CatalogProduct[];
  readonly page: number;
  readonly limit: number;
  readonly total: number;
  readonly totalPages: number;
}

export type SearchCatalogResult = Result<CatalogPage, string>;

export function parseCatalogFilter(filter: unknown): Result<{ readonly filter: CatalogFilter }, string> {
  const parsed = catalogFilterSchema.safeParse(filter ?? {});
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'filter'}: ${i.message}`);
    return refuse(ASSIGNMENT_CODES.invalidFilter, `Invalid catalog filter: ${problems.join('; ')}.`);
  }
  return { ok: true, filter: parsed.data };
}

export async function searchCatalog(
  deps: SearchCatalogDeps,
  input: SearchCatalogInput,
): Promise<SearchCatalogResult> {
  const parsed = parseCatalogFilter(input.filter);
  if (!parsed.ok) return parsed;
  const { filter } = parsed;
  const page = input.page ?? 1;
  const limit = input.limit ?? 50;
  if (
    !Number.isSafeInteger(page) ||
    page < 1 ||
    !Number.isSafeInteger(limit) ||
    limit < 1 ||
    limit > MAX_PAGE_SIZE
  ) {
    return refuse(ASSIGNMENT_CODES.invalidPage, `page must be ≥ 1 and limit between 1 and ${MAX_PAGE_SIZE}.`);
  }
  if (input.sort !== undefined && !CATALOG_SORTS.includes(input.sort)) {
    return refuse(ASSIGNMENT_CODES.invalidPage, `sort must be one of ${CATALOG_SORTS.join(', ')}.`);
  }
  const { storeId } = input;
  const search: ProductSearch = {
    ...searchOf(filter),
    sort: input.sort ?? 'id',
    direction: input.direction ?? 'asc',
  };

  if (filter.assigned === undefined) {
    const result = await deps.storeCatalog.listProducts(storeId, search, { page, limit });
    const records = await lookUp(deps, storeId, result.products);
    return pageOf(result.products, records, page, limit, result.total);
  }

  const assigned = await assignedProducts(deps, storeId);
  const assignedIds = [...assigned.keys()];
  if (filter.assigned) {
    if (assignedIds.length === 0) return pageOf([], new Map(), page, limit, 0);
    if (assignedIds.length <= ID_FILTER_MAX) {
      const result = await deps.storeCatalog.listProducts(
        storeId,
        { ...search, ids: assignedIds },
        { page, limit },
      );
      return pageOf(result.products, assigned, page, limit, result.total);
    }
    const all: StoreProduct[] = [];
    for await (const product of deps.storeCatalog.iterateProducts(storeId, { ...search, ids: assignedIds })) {
      all.push(product);
    }
    all.sort(comparator(input.sort ?? 'id', input.direction ?? 'asc'));
    const offset = (page - 1) * limit;
    return pageOf(all.slice(offset, offset + limit), assigned, page, limit, all.length);
  }

  // Unassigned products may have been assigned before: their records say so (and keep the template).
  if (assignedIds.length <= ID_FILTER_MAX) {
    const unassigned = assignedIds.length === 0 ? search : { ...search, excludeIds: assignedIds };
    const result = await deps.storeCatalog.listProducts(storeId, unassigned, { page, limit });
    return pageOf(result.products, await lookUp(deps, storeId, result.products), page, limit, result.total);
  }
  const scanned = await unassignedByScanning(deps, storeId, search, assigned, page, limit);
  return pageOf(scanned.products, await lookUp(deps, storeId, scanned.products), page, limit, scanned.total);
}

/**
 * Every BigCommerce product id the filter matches, in id order, BigCommerce pages of 250 at a time
 * (for "select all matching" bulk assignments).
 */
export async function* matchingProductIds(
  deps: SearchCatalogDeps,
  storeId: StoreId,
  filter: CatalogFilter,
): AsyncGenerator<number> {
  const assigned = filter.assigned === undefined ? null : await assignedProducts(deps, storeId);
  const search: ProductSearch = { ...searchOf(filter), sort: 'id', direction: 'asc' };
  for await (const id of deps.storeCatalog.iterateProductIds(storeId, search)) {
    if (assigned !== null && assigned.has(id) !== filter.assigned) continue;
    yield id;
  }
}

/** The filter minus what only the app knows (`assigned`). */
export function catalogSearchOf(filter: CatalogFilter): ProductSearch {
  return searchOf(filter);
}

function searchOf(filter: CatalogFilter): ProductSearch {
  const { assigned: _, ...search } = filter;
  return search;
}

/** The store's assigned products by BigCommerce id. */
async function assignedProducts(
  deps: SearchCatalogDeps,
  storeId: StoreId,
): Promise<Map<number, ProductRecord>> {
  const byBcId = new Map<number, ProductRecord>();
  let afterId: number | undefined;
  for (;;) {
    const batch = await deps.products.listProducts(storeId, {
      assigned: true,
      limit: 1000,
      ...(afterId === undefined ? {} : { afterId }),
    });
    for (const record of batch) byBcId.set(record.bcProductId, record);
    if (batch.length < 1000) return byBcId;
    afterId = batch[batch.length - 1]!.id;
  }
}

async function lookUp(
  deps: SearchCatalogDeps,
  storeId: StoreId,
  products: readonly StoreProduct[],
): Promise<Map<number, ProductRecord>> {
  const records = await Promise.all(products.map((p) => deps.products.findProductByBcId(storeId, p.id)));
  const byBcId = new Map<number, ProductRecord>();
  for (const record of records) if (record !== null) byBcId.set(record.bcProductId, record);
  return byBcId;
}

/**
 * Unassigned products when too many are assigned to exclude them in the query: BigCommerce's pages are
 * read in order, skipping assigned products, until the asked page is full. The total is BigCommerce's
 * total less the assigned products that match.
 */
async function unassignedByScanning(
  deps: SearchCatalogDeps,
  storeId: StoreId,
  search: ProductSearch,
  assigned: ReadonlyMap<number, ProductRecord>,
  page: number,
  limit: number,
): Promise<{ products: StoreProduct[]; total: number }> {
  const offset = (page - 1) * limit;
  const products: StoreProduct[] = [];
  let skipped = 0;
  let total = 0;
  for (let bcPage = 1; ; bcPage++) {
    const result = await deps.storeCatalog.listProducts(storeId, search, {
      page: bcPage,
      limit: MAX_PAGE_SIZE,
    });
    if (bcPage === 1) total = result.total;
    for (const product of result.products) {
      if (assigned.has(product.id)) continue;
      if (skipped < offset) skipped++;
      else if (products.length < limit) products.push(product);
    }
    if (products.length >= limit || result.products.length === 0 || bcPage >= result.totalPages) break;
  }
  const assignedMatching = await deps.storeCatalog.countProducts(storeId, {
    ...search,
    ids: [...assigned.keys()],
  });
  return { products, total: Math.max(0, total - assignedMatching) };
}

function comparator(
  sort: CatalogSort,
  direction: 'asc' | 'desc',
): (a: StoreProduct, b: StoreProduct) => number {
  const sign = direction === 'asc' ? 1 : -1;
  const key = (p: StoreProduct): string | number =>
    sort === 'name'
      ? p.name.toLowerCase()
      : sort === 'sku'
        ? p.sku.toLowerCase()
        : sort === 'inventory_level'
          ? p.stockLevel
          : sort === 'date_modified'
            ? p.modifiedAt
            : p.id;
  return (a, b) => {
    const ka = key(a);
    const kb = key(b);
    return (ka < kb ? -1 : ka > kb ? 1 : a.id - b.id) * sign;
  };
}

function pageOf(
  products: readonly StoreProduct[],
  records: ReadonlyMap<number, ProductRecord>,
  page: number,
  limit: number,
  total: number,
): SearchCatalogResult {
  return {
    ok: true,
    products: products.map((p) => toCatalogProduct(p, records.get(p.id) ?? null)),
    page,
    limit,
    total,
    totalPages: Math.ceil(total / limit),
  };
}

function toCatalogProduct(product: StoreProduct, record: ProductRecord | null): CatalogProduct {
  return {
    bcProductId: product.id,
    name: product.name,
    sku: product.sku,
    brandId: product.brandId,
    categories: product.categoryIds,
    visible: product.visible,
    availability: product.availability,
    inventoryTracking: product.tracking,
    inventoryLevel: product.stockLevel,
    variantCount: optionVariants(product).length,
    assigned: record?.assigned ?? false,
    productId: record?.id ?? null,
    templateId: record?.templateId ?? null,
  };
}
