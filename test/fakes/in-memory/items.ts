import type { ItemQuery, ItemRecord, ItemRepository } from '../../../src/app/ports/item-repository.js';
import type {
  ProductQuery,
  ProductRecord,
  ProductRepository,
} from '../../../src/app/ports/product-repository.js';
import type { StoreId } from '../../../src/app/ports/store-id.js';
import {
  byId,
  check,
  compareText,
  fromJson,
  type InMemoryDatabase,
  type ItemRow,
  type ProductRow,
  toDate,
  toDateOrNull,
  toTimestamp,
} from './database.js';

export class InMemoryProductRepository implements ProductRepository {
  constructor(private readonly db: InMemoryDatabase) {}

  getProduct(storeId: StoreId, productId: number): Promise<ProductRecord | null> {
    return this.db.execute(() =>
      productOrNull(this.db.products.find((p) => p.storeId === storeId && p.id === productId)),
    );
  }

  findProductByBcId(storeId: StoreId, bcProductId: number): Promise<ProductRecord | null> {
    return this.db.execute(() =>
      productOrNull(this.db.products.find((p) => p.storeId === storeId && p.bcProductId === bcProductId)),
    );
  }

  listProducts(storeId: StoreId, query: ProductQuery = {}): Promise<ProductRecord[]> {
    return this.db.execute(() =>
      this.db.products
        .filter(
          (p) =>
            p.storeId === storeId &&
            (query.assigned === undefined || p.assigned === query.assigned) &&
            (query.templateId === undefined || p.templateId === query.templateId) &&
            (query.afterId === undefined || p.id > query.afterId),
        )
        .sort(byId)
        .slice(0, query.limit ?? 500)
        .map(toProductRecord),
    );
  }

  countProductsByTemplate(storeId: StoreId): Promise<ReadonlyMap<number, number>> {
    return this.db.execute(() => {
      const counts = new Map<number, number>();
      for (const product of this.db.products.filter((p) => p.storeId === storeId)) {
        if (product.templateId === null) continue;
        counts.set(product.templateId, (counts.get(product.templateId) ?? 0) + 1);
      }
      return counts;
    });
  }

  setTemplate(
    storeId: StoreId,
    productId: number,
    templateId: number | null,
    now: Date,
  ): Promise<ProductRecord | null> {
    return this.db.execute(() => {
      const row = this.db.products.find((p) => p.storeId === storeId && p.id === productId);
      if (row === undefined) return null;
      checkTemplate(this.db, storeId, templateId);
      return toProductRecord(this.db.products.update(row, { templateId, updatedAt: toTimestamp(now) }));
    });
  }
}

/** The composite foreign key (store_id, template_id): never another store's template. */
export function checkTemplate(db: InMemoryDatabase, storeId: StoreId, templateId: number | null): void {
  check(
    templateId === null ||
      db.templates.find((t) => t.storeId === storeId && t.id === templateId) !== undefined,
    'products_template_fk',
    `No template ${templateId} in store ${storeId}`,
  );
}

/** Items, read outside any change (changes go through item-transactions.ts). */
export class InMemoryItemRepository implements ItemRepository {
  constructor(private readonly db: InMemoryDatabase) {}

  getItem(storeId: StoreId, itemId: number): Promise<ItemRecord | null> {
    return this.db.execute(() =>
      itemOrNull(this.db.items.find((i) => i.storeId === storeId && i.id === itemId)),
    );
  }

  findItemByBcIds(
    storeId: StoreId,
    bcProductId: number,
    bcVariantId: number | null,
  ): Promise<ItemRecord | null> {
    return this.db.execute(() => itemOrNull(findItemByBcIds(this.db, storeId, bcProductId, bcVariantId)));
  }

  findItemBySku(storeId: StoreId, sku: string): Promise<ItemRecord | null> {
    return this.db.execute(() =>
      itemOrNull(this.db.items.find((i) => i.storeId === storeId && i.sku === sku && i.active)),
    );
  }

  findItemsBySkus(storeId: StoreId, skus: readonly string[]): Promise<ItemRecord[]> {
    const wanted = new Set(skus);
    return this.db.execute(() =>
      this.db.items
        .filter((i) => i.storeId === storeId && i.active && i.sku !== null && wanted.has(i.sku))
        .map(toItemRecord),
    );
  }

  listItems(storeId: StoreId, query: ItemQuery = {}): Promise<ItemRecord[]> {
    return this.db.execute(() =>
      this.db.items
        .filter(
          (i) =>
            i.storeId === storeId &&
            (!(query.activeOnly ?? true) || i.active) &&
            (query.productId === undefined || i.productId === query.productId) &&
            (query.status === undefined || i.status === query.status) &&
            (query.backInStockDateOnOrBefore === undefined ||
              (i.backInStockDate !== null &&
                compareText(i.backInStockDate, query.backInStockDateOnOrBefore) <= 0)) &&
            (query.afterId === undefined || i.id > query.afterId),
        )
        .sort(byId)
        .slice(0, query.limit ?? 500)
        .map(toItemRecord),
    );
  }
}

/** A product's item by its BigCommerce ids; as the unique index, a null variant is variant 0. */
export function findItemByBcIds(
  db: InMemoryDatabase,
  storeId: StoreId,
  bcProductId: number,
  bcVariantId: number | null,
): ItemRow | undefined {
  return db.items.find(
    (i) =>
      i.storeId === storeId && i.bcProductId === bcProductId && (i.bcVariantId ?? 0) === (bcVariantId ?? 0),
  );
}

function productOrNull(row: ProductRow | undefined): ProductRecord | null {
  return row === undefined ? null : toProductRecord(row);
}

function itemOrNull(row: ItemRow | undefined): ItemRecord | null {
  return row === undefined ? null : toItemRecord(row);
}

export function toItemRecord(row: ItemRow): ItemRecord {
  return {
    id: row.id,
    storeId: row.storeId,
    productId: row.productId,
    bcProductId: row.bcProductId,
    bcVariantId: row.bcVariantId,
    sku: row.sku,
    stock: row.stock,
    threshold: row.threshold,
    backordered: row.backordered,
    incoming: row.incoming,
    backInStockDate: row.backInStockDate,
    block: row.block,
    status: row.status,
    episode: row.episode,
    active: row.active,
    optionValues: row.optionValues === null ? null : fromJson<ItemRecord['optionValues']>(row.optionValues),
    cappedLevel: row.cappedLevel,
    nativeBackordered: row.nativeBackordered,
    createdAt: toDate(row.createdAt),
    updatedAt: toDate(row.updatedAt),
  };
}

export function toProductRecord(row: ProductRow): ProductRecord {
  return {
    id: row.id,
    storeId: row.storeId,
    bcProductId: row.bcProductId,
    name: row.name,
    sku: row.sku,
    templateId: row.templateId,
    assigned: row.assigned,
    originalSettings: row.originalSettings === null ? null : fromJson<unknown>(row.originalSettings),
    assignedAt: toDateOrNull(row.assignedAt),
    unassignedAt: toDateOrNull(row.unassignedAt),
    createdAt: toDate(row.createdAt),
    updatedAt: toDate(row.updatedAt),
  };
}
