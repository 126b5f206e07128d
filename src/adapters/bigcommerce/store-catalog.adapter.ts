import type {
  CatalogRefusal,
  ProductSearch,
  StoreCatalog,
  StoreProduct,
} from '../../app/ports/store-catalog.js';
import type { StoreId } from '../../app/ports/store-id.js';
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
  const readOne = singleReadsTogether(clients);
  return {
    getProduct: readOne,

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

interface WaitingRead {
  readonly id: number;
  resolve(product: StoreProduct | null): void;
  reject(error: unknown): void;
}

/**
 * Single-product reads of one store, a page at a time under a burst (issue 12: real changes arriving
 * together are re-read in pages, not singly). A read goes out at once when none of the store's is in
 * flight; reads asked for meanwhile wait for it and then go together, up to 250 ids in one `id:in` list
 * request with variants. A lone read stays a GET of the product (its 404 is null).
 */
function singleReadsTogether(
  clients: StoreClients,
): (storeId: StoreId, bcProductId: number) => Promise<StoreProduct | null> {
  const queues = new Map<StoreId, WaitingRead[]>();

  async function drain(storeId: StoreId, waiting: WaitingRead[]): Promise<void> {
    try {
      while (waiting.length > 0) {
        const batch: WaitingRead[] = [];
        const ids = new Set<number>();
        while (waiting.length > 0 && (ids.size < BIGCOMMERCE_LIMITS.pageSize || ids.has(waiting[0]!.id))) {
          const next = waiting.shift()!;
          batch.push(next);
          ids.add(next.id);
        }
        try {
          const client = await clients(storeId);
          const byId = new Map<number, StoreProduct>();
          if (ids.size === 1) {
            const [id] = ids;
            const product = await nullWhenNotFound(() => client.getProduct(id!, WITH_VARIANTS));
            if (product !== null) byId.set(product.id, storeProductOf(product));
          } else {
            for (const product of await client.getProductsByIds([...ids], WITH_VARIANTS)) {
              byId.set(product.id, storeProductOf(product));
            }
          }
          for (const read of batch) read.resolve(byId.get(read.id) ?? null);
        } catch (error) {
          for (const read of batch) read.reject(error);
        }
      }
    } finally {
      queues.delete(storeId);
    }
  }

  return (storeId, bcProductId) =>
    new Promise((resolve, reject) => {
      const waiting = queues.get(storeId);
      if (waiting !== undefined) {
        waiting.push({ id: bcProductId, resolve, reject });
        return;
      }
      const fresh: WaitingRead[] = [{ id: bcProductId, resolve, reject }];
      queues.set(storeId, fresh);
      void drain(storeId, fresh);
    });
}
