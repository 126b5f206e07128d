import type { components, operations } from '../../api/v1.js';

/**
 * The All products tab's search, kept in the address (`?tab=all&keyword=tent&brand_id=3&page=2`) so a
 * merchant can reload, go back or come back to it: read from and written to the query string, and
 * turned into the API's query (`GET /catalog/products`) and into the filter of a "select all matching"
 * assignment (`POST /assignments`). Pure: unit-tested in test/admin/catalog-query.test.ts.
 */

export type CatalogApiQuery = NonNullable<operations['searchCatalog']['parameters']['query']>;
export type CatalogFilterBody = components['schemas']['CatalogFilter'];
export type CatalogSort = NonNullable<CatalogApiQuery['sort']>;
export type Availability = NonNullable<CatalogApiQuery['availability']>;

export const CATALOG_SORTS: readonly CatalogSort[] = [
  'id',
  'name',
  'sku',
  'inventory_level',
  'date_modified',
];
export const AVAILABILITIES: readonly Availability[] = ['available', 'disabled', 'preorder'];
export const PAGE_SIZES: readonly number[] = [25, 50, 100];
const DEFAULT_LIMIT = 25;
const MAX_UNITS = 2_147_483_647;

export interface CatalogFilters {
  readonly keyword?: string;
  readonly brandId?: number;
  readonly categoryId?: number;
  readonly visible?: boolean;
  readonly availability?: Availability;
  readonly stockMin?: number;
  readonly stockMax?: number;
  readonly assigned?: boolean;
}

export interface CatalogQuery extends CatalogFilters {
  readonly page: number;
  readonly limit: number;
  readonly sort: CatalogSort;
  readonly direction: 'asc' | 'desc';
}

export const DEFAULT_QUERY: CatalogQuery = { page: 1, limit: DEFAULT_LIMIT, sort: 'name', direction: 'asc' };

/** The search in the address; values that make no sense are left out (the defaults apply). */
export function parseCatalogQuery(search: string): CatalogQuery {
  const params = new URLSearchParams(search);
  const id = (name: string) => wholeNumber(params.get(name), 1, MAX_UNITS);
  const level = (name: string) => wholeNumber(params.get(name), 0, MAX_UNITS);
  const flag = (name: string) =>
    params.get(name) === 'true' ? true : params.get(name) === 'false' ? false : undefined;
  const keyword = params.get('keyword')?.trim().slice(0, 255);
  const availability = params.get('availability') as Availability | null;
  const sort = params.get('sort') as CatalogSort | null;
  const limit = wholeNumber(params.get('limit'), 1, 250);
  let stockMin = level('stock_min');
  let stockMax = level('stock_max');
  if (stockMin !== undefined && stockMax !== undefined && stockMin > stockMax) {
    stockMin = undefined;
    stockMax = undefined;
  }
  return withoutUndefined({
    keyword: keyword === '' ? undefined : keyword,
    brandId: id('brand_id'),
    categoryId: id('category_id'),
    visible: flag('visible'),
    availability: availability !== null && AVAILABILITIES.includes(availability) ? availability : undefined,
    stockMin,
    stockMax,
    assigned: flag('assigned'),
    page: wholeNumber(params.get('page'), 1, 1_000_000) ?? 1,
    limit: limit !== undefined && PAGE_SIZES.includes(limit) ? limit : DEFAULT_LIMIT,
    sort: sort !== null && CATALOG_SORTS.includes(sort) ? sort : DEFAULT_QUERY.sort,
    direction: params.get('direction') === 'desc' ? 'desc' : 'asc',
  }) as CatalogQuery;
}

/** The address's query string for the search (defaults left out), on the All products tab. */
export function catalogSearchString(query: CatalogQuery): string {
  const params = new URLSearchParams({ tab: 'all' });
  const api = catalogApiQuery(query);
  for (const [name, value] of Object.entries(api)) {
    if (value === undefined) continue;
    const fallback = (DEFAULT_QUERY as unknown as Record<string, unknown>)[name];
    if (String(value) === String(fallback)) continue;
    params.set(name, String(value));
  }
  return params.toString();
}

/** The API's query for the page asked. */
export function catalogApiQuery(query: CatalogQuery): CatalogApiQuery {
  return withoutUndefined({
    ...snakeFilter(query),
    visible: query.visible === undefined ? undefined : (String(query.visible) as 'true' | 'false'),
    assigned: query.assigned === undefined ? undefined : (String(query.assigned) as 'true' | 'false'),
    page: query.page,
    limit: query.limit,
    sort: query.sort,
    direction: query.direction,
  }) as CatalogApiQuery;
}

/** The filter of a "select all matching" assignment: the search without its page. */
export function catalogFilterBody(filters: CatalogFilters): CatalogFilterBody {
  return withoutUndefined({
    ...snakeFilter(filters),
    visible: filters.visible,
    assigned: filters.assigned,
  }) as CatalogFilterBody;
}

export function hasFilters(filters: CatalogFilters): boolean {
  return Object.keys(catalogFilterBody(filters)).length > 0;
}

/** The query with these filters changed, back on the first page. */
export function withFilters(query: CatalogQuery, change: Partial<CatalogFilters>): CatalogQuery {
  return withoutUndefined({ ...query, ...change, page: 1 }) as CatalogQuery;
}

/** The filters alone (no page, size or order). */
export function clearedFilters(query: CatalogQuery): CatalogQuery {
  return { page: 1, limit: query.limit, sort: query.sort, direction: query.direction };
}

function snakeFilter(filters: CatalogFilters) {
  return {
    keyword: filters.keyword,
    brand_id: filters.brandId,
    category_id: filters.categoryId,
    availability: filters.availability,
    stock_min: filters.stockMin,
    stock_max: filters.stockMax,
  };
}

function wholeNumber(text: string | null, min: number, max: number): number | undefined {
  if (text === null || !/^\d{1,10}$/.test(text)) return undefined;
  const n = Number(text);
  return n >= min && n <= max ? n : undefined;
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
