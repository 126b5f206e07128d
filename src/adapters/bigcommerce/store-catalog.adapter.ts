import type { CatalogRefusal, ProductSearch, StoreCatalog } from '../../app/ports/store-catalog.js';
import { BIGCOMMERCE_LIMITS, chunks } from './bigcommerce.client.js';
import type { BatchResult, ProductQuery } from './bigcommerce.types.js';
import {
  catalogRefusalOf,
  nullWhenNotFound,
  productPatchOf,
  productQueryOf,
  storeProductOf,
  variantPatchOf,
} from './bigcommerce-mapping.js';
import type { StoreClients } from './store-clients.js';

const WITH_VARIANTS = { include: ['variants'] } as const;

/**
 * StoreCatalog over BigCommerce's v3 catalog API. Products are read with their variants
 * (`include=variants`), except where only ids or a count are needed. Searches by many ids are sent 250
 * ids per request (BigCommerce's `id:in` limit). Writes go through the client's batch calls (10
 * products, 50 variants per request).
 */
export function createStoreCatalog(clients: StoreClients): StoreCatalog {
  return {
    async getProduct(storeId, bcProductId) {
      const client = await clients(storeId);
      const product = await nullWhenNotFound(() => client.getProduct(bcProductId, WITH_VARIANTS));
      return product === null ? null : storeProductOf(product);
    },

    async getProducts(storeId, bcProductIds) {
      const client = await clients(storeId);
      return (await client.getProductsByIds(bcProductIds, WITH_VARIANTS)).map(storeProductOf);
    },

    async listProducts(storeId, search, page) {
      const client = await clients(storeId);
      const result = await client.listProducts({ ...productQueryOf(search), ...WITH_VARIANTS }, page);
      return {
        products: result.data.map(storeProductOf),
        total: result.pagination.total,
        totalPages: result.pagination.total_pages,
      };
    },

    async *iterateProducts(storeId, search) {
      const client = await clients(storeId);
      for (const query of queriesOf(search)) {
        for await (const product of client.iterateProducts({ ...query, ...WITH_VARIANTS })) {
          yield storeProductOf(product);
        }
      }
    },

    async *iterateProductIds(storeId, search) {
      const client = await clients(storeId);
      for (const query of queriesOf(search)) {
        for await (const product of client.iterateProducts(query)) yield product.id;
      }
    },

    async countProducts(storeId, search) {
      const client = await clients(storeId);
      let count = 0;
      for (const query of queriesOf(search)) {
        // One product per page is enough: the count is the pagination's total.
        count += (await client.listProducts(query, { page: 1, limit: 1 })).pagination.total;
      }
      return count;
    },

    async listBrands(storeId) {
      const client = await clients(storeId);
      return (await client.listBrands()).map((b) => ({ id: b.id, name: b.name })).sort(byId);
    },

    async listCategories(storeId) {
      const client = await clients(storeId);
      return (await client.listCategories())
        .map((c) => ({ id: c.id, name: c.name, parentId: c.parent_id }))
        .sort(byId);
    },

    async updateProducts(storeId, changes) {
      const client = await clients(storeId);
      const withStock = new Set(changes.flatMap((c) => (c.stockLevel === undefined ? [] : [c.bcProductId])));
      return refusalsOf(await client.updateProducts(changes.map(productPatchOf)), withStock);
    },

    async updateVariants(storeId, changes) {
      const client = await clients(storeId);
      const withStock = new Set(changes.flatMap((c) => (c.stockLevel === undefined ? [] : [c.bcVariantId])));
      return refusalsOf(await client.updateVariants(changes.map(variantPatchOf)), withStock);
    },
  };
}

/** The search as BigCommerce queries: one per 250 of its `ids`. */
function queriesOf(search: ProductSearch): ProductQuery[] {
  if (search.ids === undefined) return [productQueryOf(search)];
  return [...chunks(search.ids, BIGCOMMERCE_LIMITS.pageSize)].map((ids) =>
    productQueryOf({ ...search, ids }),
  );
}

const byId = (a: { readonly id: number }, b: { readonly id: number }) => a.id - b.id;

function refusalsOf(result: BatchResult<unknown>, withStock: ReadonlySet<number>): CatalogRefusal[] {
  return result.failures.flatMap((failure) => catalogRefusalOf(failure, withStock.has(failure.id)) ?? []);
}
