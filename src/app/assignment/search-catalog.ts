import { z } from 'zod';
import type { Product, ProductQuery, ProductSort } from '../../adapters/bigcommerce/index.js';
import { type Result, refuse } from '../../core/item.js';
import type { BigCommerceClient, BigCommerceForStore } from '../ports/bigcommerce.js';
import type { ProductRecord, ProductRepository } from '../ports/product-repository.js';
import { ASSIGNMENT_CODES } from './assignment-codes.js';
import { optionVariants } from './catalog-product.js';

/**
 * The Assignment screen's catalog search (docs/product.md#assignment): BigCommerce's catalog filtered by name
 * or keyword, SKU, brand, category, visibility, availability, stock range, and whether the product is
 * assigned to the app (which only the app knows: joined with the products table).
 */

/** BigCommerce's page size limit (docs/bigcommerce.md#limits). */
export const MAX_PAGE_SIZE = 250;
/** Up to this many assigned products are filtered by BigCommerce itself (`id:in` / `id:not_in`). */
const ID_FILTER_MAX = 250;

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

export const CATALOG_SORTS = ['id', 'name', 'sku', 'inventory_level', 'date_modified'] as const;
export type CatalogSort = (typeof CATALOG_SORTS)[number];

export interface SearchCatalogDeps {
  readonly bigcommerce: BigCommerceForStore;
  readonly products: Pick<ProductRepository, 'findProductByBcId' | 'listProducts'>;
}

export interface SearchCatalogInput {
  readonly storeId: number;
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
  readonly availability: Product['availability'];
  readonly inventoryTracking: Product['inventory_tracking'];
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
  const client = await deps.bigcommerce(input.storeId);
  const query: ProductQuery = {
    ...toProductQuery(filter),
    include: ['variants'],
    sort: (input.sort ?? 'id') as ProductSort,
    direction: input.direction ?? 'asc',
  };

  if (filter.assigned === undefined) {
    const result = await client.listProducts(query, { page, limit });
    const records = await lookUp(deps, input.storeId, result.data);
    return pageOf(result.data, records, page, limit, result.pagination.total);
  }

  const assigned = await assignedProducts(deps, input.storeId);
  const assignedIds = [...assigned.keys()];
  if (filter.assigned) {
    if (assignedIds.length === 0) return pageOf([], new Map(), page, limit, 0);
    if (assignedIds.length <= ID_FILTER_MAX) {
      const result = await client.listProducts({ ...query, 'id:in': assignedIds }, { page, limit });
      return pageOf(result.data, assigned, page, limit, result.pagination.total);
    }
    const all = await matchingAmong(client, query, assignedIds);
    all.sort(comparator(input.sort ?? 'id', input.direction ?? 'asc'));
    const offset = (page - 1) * limit;
    return pageOf(all.slice(offset, offset + limit), assigned, page, limit, all.length);
  }

  // Unassigned products may have been assigned before: their records say so (and keep the template).
  if (assignedIds.length <= ID_FILTER_MAX) {
    const q = assignedIds.length === 0 ? query : { ...query, 'id:not_in': assignedIds };
    const result = await client.listProducts(q, { page, limit });
    return pageOf(
      result.data,
      await lookUp(deps, input.storeId, result.data),
      page,
      limit,
      result.pagination.total,
    );
  }
  const scanned = await unassignedByScanning(client, query, assigned, page, limit);
  return pageOf(
    scanned.products,
    await lookUp(deps, input.storeId, scanned.products),
    page,
    limit,
    scanned.total,
  );
}

/**
 * Every BigCommerce product id the filter matches, in id order, BigCommerce pages of 250 at a time
 * (for "select all matching" bulk assignments).
 */
export async function* matchingProductIds(
  deps: SearchCatalogDeps,
  storeId: number,
  filter: CatalogFilter,
): AsyncGenerator<number> {
  const client = await deps.bigcommerce(storeId);
  const assigned = filter.assigned === undefined ? null : await assignedProducts(deps, storeId);
  for await (const product of client.iterateProducts({
    ...toProductQuery(filter),
    sort: 'id',
    direction: 'asc',
  })) {
    if (assigned !== null && assigned.has(product.id) !== filter.assigned) continue;
    yield product.id;
  }
}

function toProductQuery(filter: CatalogFilter): ProductQuery {
  return {
    ...(filter.keyword === undefined
      ? {}
      : { keyword: filter.keyword, keyword_context: 'merchant' as const }),
    ...(filter.sku === undefined ? {} : { sku: filter.sku }),
    ...(filter.brandId === undefined ? {} : { brand_id: filter.brandId }),
    ...(filter.categoryId === undefined ? {} : { 'categories:in': [filter.categoryId] }),
    ...(filter.visible === undefined ? {} : { is_visible: filter.visible }),
    ...(filter.availability === undefined ? {} : { availability: filter.availability }),
    ...(filter.stockMin === undefined ? {} : { 'inventory_level:min': filter.stockMin }),
    ...(filter.stockMax === undefined ? {} : { 'inventory_level:max': filter.stockMax }),
  };
}

/** The store's assigned products by BigCommerce id. */
async function assignedProducts(
  deps: SearchCatalogDeps,
  storeId: number,
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
  storeId: number,
  products: readonly Product[],
): Promise<Map<number, ProductRecord>> {
  const records = await Promise.all(products.map((p) => deps.products.findProductByBcId(storeId, p.id)));
  const byBcId = new Map<number, ProductRecord>();
  for (const record of records) if (record !== null) byBcId.set(record.bcProductId, record);
  return byBcId;
}

/** The products among `ids` that match the query: BigCommerce filters 250 ids per request. */
async function matchingAmong(
  client: BigCommerceClient,
  query: ProductQuery,
  ids: readonly number[],
): Promise<Product[]> {
  const found: Product[] = [];
  for (let i = 0; i < ids.length; i += ID_FILTER_MAX) {
    const chunk = ids.slice(i, i + ID_FILTER_MAX);
    for await (const product of client.iterateProducts({ ...query, 'id:in': chunk })) found.push(product);
  }
  return found;
}

/**
 * Unassigned products when too many are assigned to exclude them in the query: BigCommerce's pages are
 * read in order, skipping assigned products, until the asked page is full. The total is BigCommerce's
 * total less the assigned products that match.
 */
async function unassignedByScanning(
  client: BigCommerceClient,
  query: ProductQuery,
  assigned: ReadonlyMap<number, ProductRecord>,
  page: number,
  limit: number,
): Promise<{ products: Product[]; total: number }> {
  const offset = (page - 1) * limit;
  const products: Product[] = [];
  let skipped = 0;
  let total = 0;
  for (let bcPage = 1; ; bcPage++) {
    const result = await client.listProducts(query, { page: bcPage, limit: MAX_PAGE_SIZE });
    if (bcPage === 1) total = result.pagination.total;
    for (const product of result.data) {
      if (assigned.has(product.id)) continue;
      if (skipped < offset) skipped++;
      else if (products.length < limit) products.push(product);
    }
    if (products.length >= limit || result.data.length === 0 || bcPage >= result.pagination.total_pages)
      break;
  }
  const assignedMatching = await matchingAmongCount(client, query, [...assigned.keys()]);
  return { products, total: Math.max(0, total - assignedMatching) };
}

async function matchingAmongCount(
  client: BigCommerceClient,
  query: ProductQuery,
  ids: readonly number[],
): Promise<number> {
  let count = 0;
  for (let i = 0; i < ids.length; i += ID_FILTER_MAX) {
    const chunk = ids.slice(i, i + ID_FILTER_MAX);
    const result = await client.listProducts(
      { ...query, include: undefined, 'id:in': chunk },
      { page: 1, limit: 1 },
    );
    count += result.pagination.total;
  }
  return count;
}

function comparator(sort: CatalogSort, direction: 'asc' | 'desc'): (a: Product, b: Product) => number {
  const sign = direction === 'asc' ? 1 : -1;
  const key = (p: Product): string | number =>
    sort === 'name'
      ? p.name.toLowerCase()
      : sort === 'sku'
        ? p.sku.toLowerCase()
        : sort === 'inventory_level'
          ? p.inventory_level
          : sort === 'date_modified'
            ? p.date_modified
            : p.id;
  return (a, b) => {
    const ka = key(a);
    const kb = key(b);
    return (ka < kb ? -1 : ka > kb ? 1 : a.id - b.id) * sign;
  };
}

function pageOf(
  products: readonly Product[],
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

function toCatalogProduct(product: Product, record: ProductRecord | null): CatalogProduct {
  return {
    bcProductId: product.id,
    name: product.name,
    sku: product.sku,
    brandId: product.brand_id,
    categories: product.categories,
    visible: product.is_visible,
    availability: product.availability,
    inventoryTracking: product.inventory_tracking,
    inventoryLevel: product.inventory_level,
    variantCount: optionVariants(product).length,
    assigned: record?.assigned ?? false,
    productId: record?.id ?? null,
    templateId: record?.templateId ?? null,
  };
}
