import {
  type CatalogRefusal,
  type CatalogSort,
  MAX_PAGE_SIZE,
  MAX_SEARCH_IDS,
  type ProductSearch,
  type StoreBrand,
  type StoreCatalog,
  type StoreCategory,
  type StoreProduct,
} from '../../../src/app/ports/store-catalog.js';
import type { StoreId } from '../../../src/app/ports/store-id.js';
import type { InMemoryBigCommerce, SearchableProduct } from './in-memory-store.js';

/**
 * StoreCatalog over the in-memory stores, answering as the real adapter over BigCommerce does (held to
 * the same contract suite): searches filter, sort and page as the Catalog API does (ties by id; a search
 * by more than 250 ids is answered 250 ids at a time, each part in the search's order, as the adapter
 * sends it), writes apply per product or variant and refuse, per item, those that do not exist (404)
 * and data the store does not accept (422; see InMemoryStore.refuseWrites).
 */
export class InMemoryStoreCatalog implements StoreCatalog {
  constructor(private readonly bigcommerce: InMemoryBigCommerce) {}

  async getProduct(storeId: StoreId, bcProductId: number): Promise<StoreProduct | null> {
    const store = await this.bigcommerce.reach(storeId, 'getProduct');
    return store.readProduct(positiveInt(bcProductId));
  }

  async getProducts(storeId: StoreId, bcProductIds: readonly number[]): Promise<StoreProduct[]> {
    const store = await this.bigcommerce.reach(storeId, 'getProducts');
    const unique = [...new Set(bcProductIds.map(positiveInt))];
    return chunks(unique, MAX_SEARCH_IDS).flatMap((ids) => search(store.searchable(), { ids }));
  }

  async listProducts(
    storeId: StoreId,
    query: ProductSearch,
    page: { readonly page: number; readonly limit: number },
  ) {
    const store = await this.bigcommerce.reach(storeId, 'listProducts');
    if ((query.ids?.length ?? 0) > MAX_SEARCH_IDS || (query.excludeIds?.length ?? 0) > MAX_SEARCH_IDS) {
      throw new TypeError(`A search names at most ${MAX_SEARCH_IDS} ids (iterate or count for more)`);
    }
    const limit = Math.min(Math.max(1, page.limit), MAX_PAGE_SIZE);
    const number = Math.max(1, page.page);
    const all = search(store.searchable(), query);
    return {
      products: all.slice((number - 1) * limit, number * limit),
      total: all.length,
      totalPages: Math.max(1, Math.ceil(all.length / limit)),
    };
  }

  async *iterateProducts(storeId: StoreId, query: ProductSearch): AsyncIterable<StoreProduct> {
    const store = await this.bigcommerce.reach(storeId, 'iterateProducts');
    for (const part of parts(query)) yield* search(store.searchable(), part);
  }

  async *iterateProductIds(storeId: StoreId, query: ProductSearch): AsyncIterable<number> {
    const store = await this.bigcommerce.reach(storeId, 'iterateProductIds');
    for (const part of parts(query)) {
      for (const product of search(store.searchable(), part)) yield product.id;
    }
  }

  async countProducts(storeId: StoreId, query: ProductSearch): Promise<number> {
    const store = await this.bigcommerce.reach(storeId, 'countProducts');
    return parts(query).reduce((count, part) => count + search(store.searchable(), part).length, 0);
  }

  async listBrands(storeId: StoreId): Promise<StoreBrand[]> {
    const store = await this.bigcommerce.reach(storeId, 'listBrands');
    return store.brands();
  }

  async listCategories(storeId: StoreId): Promise<StoreCategory[]> {
    const store = await this.bigcommerce.reach(storeId, 'listCategories');
    return store.categories();
  }

  async updateProducts(storeId: StoreId, changes: Parameters<StoreCatalog['updateProducts']>[1]) {
    const store = await this.bigcommerce.reach(storeId, 'updateProducts');
    if (changes.length === 0) return [];
    const refusals: CatalogRefusal[] = [];
    for (const change of changes) {
      const refusal = store.applyProductChange(change);
      if (refusal !== null) refusals.push(refusal);
    }
    store.writes.push({ method: 'updateProducts', changes: changes.map((c) => ({ ...c })) });
    return refusals;
  }

  async updateVariants(storeId: StoreId, changes: Parameters<StoreCatalog['updateVariants']>[1]) {
    const store = await this.bigcommerce.reach(storeId, 'updateVariants');
    if (changes.length === 0) return [];
    const refusals: CatalogRefusal[] = [];
    for (const change of changes) {
      const refusal = store.applyVariantChange(change);
      if (refusal !== null) refusals.push(refusal);
    }
    store.writes.push({ method: 'updateVariants', changes: changes.map((c) => ({ ...c })) });
    return refusals;
  }
}

/** The search as the adapter sends it: one query per 250 of its ids. */
function parts(query: ProductSearch): ProductSearch[] {
  if (query.ids === undefined) return [query];
  return chunks(query.ids, MAX_SEARCH_IDS).map((ids) => ({ ...query, ids }));
}

/** The products the search matches, in its order (ties by id). */
function search(products: readonly SearchableProduct[], query: ProductSearch): StoreProduct[] {
  const keyword = query.keyword?.toLowerCase();
  const ids = query.ids === undefined ? undefined : new Set(query.ids);
  const excluded = new Set(query.excludeIds ?? []);
  const found = products
    .filter(({ product: p, description, brandName }) => {
      if (ids !== undefined && !ids.has(p.id)) return false;
      if (excluded.has(p.id)) return false;
      if (query.sku !== undefined && p.sku.toLowerCase() !== query.sku.toLowerCase()) return false;
      if (query.brandId !== undefined && p.brandId !== query.brandId) return false;
      if (query.categoryId !== undefined && !p.categoryIds.includes(query.categoryId)) return false;
      if (query.visible !== undefined && p.visible !== query.visible) return false;
      if (query.availability !== undefined && p.availability !== query.availability) return false;
      if (query.stockMin !== undefined && p.stockLevel < query.stockMin) return false;
      if (query.stockMax !== undefined && p.stockLevel > query.stockMax) return false;
      if (keyword !== undefined && keyword !== '') {
        // Name, SKU, description, brand and the variants' SKUs, in any case.
        const texts = [p.name, p.sku, description, brandName ?? '', ...p.variants.map((v) => v.sku)];
        if (!texts.some((text) => text.toLowerCase().includes(keyword))) return false;
      }
      return true;
    })
    .map((entry) => entry.product);
  return found.sort(order(query.sort ?? 'id', query.direction ?? 'asc'));
}

function order(sort: CatalogSort, direction: 'asc' | 'desc'): (a: StoreProduct, b: StoreProduct) => number {
  const key = (p: StoreProduct): string | number =>
    sort === 'name'
      ? p.name
      : sort === 'sku'
        ? p.sku
        : sort === 'inventory_level'
          ? p.stockLevel
          : sort === 'date_modified'
            ? p.modifiedAt
            : p.id;
  const sign = direction === 'asc' ? 1 : -1;
  return (a, b) => {
    const ka = key(a);
    const kb = key(b);
    if (ka < kb) return -sign;
    if (ka > kb) return sign;
    return a.id - b.id;
  };
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The client refuses ids that cannot name a product before asking. */
function positiveInt(id: number): number {
  if (!Number.isSafeInteger(id) || id <= 0) throw new TypeError(`invalid product id: ${id}`);
  return id;
}
