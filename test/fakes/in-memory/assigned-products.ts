import type {
  AssignedProduct,
  AssignedProductPage,
  AssignedProductQuery,
  AssignedProducts,
  AssignedProductsByName,
  AssignedProductsByNameQuery,
} from '../../../src/app/ports/assigned-products.js';
import type { StoreId } from '../../../src/app/ports/store-id.js';
import {
  byId,
  compareText,
  type InMemoryDatabase,
  type ItemRow,
  type ProductRow,
  toDate,
} from './database.js';
import { toItemRecord } from './items.js';

/** The Assigned products list over the in-memory tables, as src/adapters/db/assigned-products.repo.ts. */
export class InMemoryAssignedProducts implements AssignedProducts {
  constructor(private readonly db: InMemoryDatabase) {}

  listAssignedProducts(storeId: StoreId, query: AssignedProductQuery): Promise<AssignedProductPage> {
    return this.db.execute(() => {
      const items = this.activeItems(storeId);
      const search = query.search?.trim().toLowerCase() ?? '';
      const contains = (text: string | null) => (text ?? '').toLowerCase().includes(search);
      const matching = this.db.products.filter((p) => {
        if (p.storeId !== storeId || !p.assigned) return false;
        const own = items.get(p.id) ?? [];
        if (search !== '' && !contains(p.name) && !contains(p.sku) && !own.some((i) => contains(i.sku))) {
          return false;
        }
        if (query.status === undefined && query.block === undefined) return true;
        return own.some(
          (i) =>
            (query.status === undefined || i.status === query.status) &&
            (query.block === undefined || i.block === query.block),
        );
      });
      const sort = query.sort ?? 'name';
      const direction = query.direction ?? (sort === 'updated' ? 'desc' : 'asc');
      const key = (p: ProductRow): string | number => {
        const own = items.get(p.id) ?? [];
        if (sort === 'name') return p.name.toLowerCase();
        if (sort === 'assigned') return p.assignedAt ?? '';
        if (sort === 'updated') {
          return own.length === 0 ? p.updatedAt : own.map((i) => i.updatedAt).reduce(maxText);
        }
        return own.reduce((sum, i) => sum + (sort === 'stock' ? i.stock : i.backordered), 0);
      };
      const sign = direction === 'asc' ? 1 : -1;
      const sorted = matching
        .map((p) => ({ p, k: key(p) }))
        .sort((a, b) => {
          const byKey =
            typeof a.k === 'number' && typeof b.k === 'number'
              ? a.k - b.k
              : compareText(String(a.k), String(b.k));
          return sign * (byKey !== 0 ? byKey : byId(a.p, b.p));
        })
        .map(({ p }) => p);
      const page = sorted.slice(query.offset, query.offset + query.limit);
      return { products: page.map((p) => this.assigned(p, items.get(p.id) ?? [])), total: sorted.length };
    });
  }

  getAssignedProduct(storeId: StoreId, bcProductId: number): Promise<AssignedProduct | null> {
    return this.db.execute(() => {
      const product = this.db.products.find(
        (p) => p.storeId === storeId && p.bcProductId === bcProductId && p.assigned,
      );
      if (product === undefined) return null;
      return this.assigned(product, this.activeItems(storeId).get(product.id) ?? []);
    });
  }

  listAssignedProductsByName(
    storeId: StoreId,
    query: AssignedProductsByNameQuery,
  ): Promise<AssignedProductsByName> {
    return this.db.execute(() => {
      const { after } = query;
      const items = this.activeItems(storeId);
      const matching = this.db.products
        .filter((p) => p.storeId === storeId && p.assigned)
        .map((p) => ({ p, sortName: p.name.toLowerCase() }))
        .filter(
          ({ p, sortName }) =>
            after === undefined ||
            compareText(sortName, after.sortName) > 0 ||
            (sortName === after.sortName && p.id > after.id),
        )
        .sort((a, b) => compareText(a.sortName, b.sortName) || byId(a.p, b.p));
      const page = matching.slice(0, query.limit);
      const last = page.at(-1);
      return {
        products: page.map(({ p }) => this.assigned(p, items.get(p.id) ?? [])),
        next:
          matching.length > query.limit && last !== undefined
            ? { sortName: last.sortName, id: last.p.id }
            : null,
      };
    });
  }

  private activeItems(storeId: StoreId): Map<number, ItemRow[]> {
    const byProduct = new Map<number, ItemRow[]>();
    for (const item of this.db.items.filter((i) => i.storeId === storeId && i.active).sort(byId)) {
      const list = byProduct.get(item.productId) ?? [];
      list.push(item);
      byProduct.set(item.productId, list);
    }
    return byProduct;
  }

  private assigned(product: ProductRow, items: readonly ItemRow[]): AssignedProduct {
    const template =
      product.templateId === null
        ? undefined
        : this.db.templates.find((t) => t.storeId === product.storeId && t.id === product.templateId);
    return {
      id: product.id,
      bcProductId: product.bcProductId,
      name: product.name,
      sku: product.sku,
      templateId: product.templateId,
      templateName: template?.name ?? null,
      assignedAt: product.assignedAt === null ? null : toDate(product.assignedAt),
      updatedAt: toDate(
        items.length === 0 ? product.updatedAt : items.map((i) => i.updatedAt).reduce(maxText),
      ),
      items: items.map(toItemRecord),
    };
  }
}

const maxText = (a: string, b: string) => (compareText(a, b) >= 0 ? a : b);
