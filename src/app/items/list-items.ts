import type { Status } from '../../core/item.js';
import type { ItemRecord, ItemRepository } from '../ports/item-repository.js';
import type { ProductRecord, ProductRepository } from '../ports/product-repository.js';
import type { StoreId } from '../ports/store-id.js';

export interface ListItemsDeps {
  readonly items: ItemRepository;
  readonly products: ProductRepository;
}

export interface ListItemsInput {
  readonly storeId: StoreId;
  readonly sku?: string;
  /** BigCommerce's product id. */
  readonly bcProductId?: number;
  readonly status?: Status;
  /** Items after this id (the previous page's `nextAfterId`). */
  readonly afterId?: number;
  readonly limit: number;
}

export interface ItemPage {
  readonly items: readonly ItemRecord[];
  /** The assigned product filtered by (`bcProductId`); null otherwise, or when it is not assigned. */
  readonly product: ProductRecord | null;
  /** Where the next page starts; null on the last page. */
  readonly nextAfterId: number | null;
}

/** A page of the store's assigned items, oldest first, filtered by SKU, product and status. */
export async function listItems(deps: ListItemsDeps, input: ListItemsInput): Promise<ItemPage> {
  if (input.sku !== undefined) {
    const item = await deps.items.findItemBySku(input.storeId, input.sku);
    const matches =
      item?.active &&
      (input.bcProductId === undefined || item.bcProductId === input.bcProductId) &&
      (input.status === undefined || item.status === input.status) &&
      (input.afterId === undefined || item.id > input.afterId);
    const product =
      input.bcProductId === undefined ? null : await assignedProduct(deps, input.storeId, input.bcProductId);
    return { items: matches ? [item] : [], product, nextAfterId: null };
  }
  let product: ProductRecord | null = null;
  if (input.bcProductId !== undefined) {
    product = await assignedProduct(deps, input.storeId, input.bcProductId);
    if (product === null) return { items: [], product, nextAfterId: null };
  }
  const productId = product?.id;
  // One more than asked for tells whether another page follows.
  const rows = await deps.items.listItems(input.storeId, {
    ...(productId === undefined ? {} : { productId }),
    ...(input.status === undefined ? {} : { status: input.status }),
    ...(input.afterId === undefined ? {} : { afterId: input.afterId }),
    limit: input.limit + 1,
  });
  const items = rows.slice(0, input.limit);
  return {
    items,
    product,
    nextAfterId: rows.length > input.limit ? (items[items.length - 1]?.id ?? null) : null,
  };
}

async function assignedProduct(
  deps: ListItemsDeps,
  storeId: StoreId,
  bcProductId: number,
): Promise<ProductRecord | null> {
  const product = await deps.products.findProductByBcId(storeId, bcProductId);
  return product?.assigned ? product : null;
}
