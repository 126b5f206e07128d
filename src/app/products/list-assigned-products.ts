import type { Block, Status } from '../../core/item.js';
import type {
  AssignedProduct,
  AssignedProductSort,
  AssignedProducts,
  SortDirection,
} from '../ports/assigned-products.js';
import type { StoreId } from '../ports/store-id.js';

export interface ListAssignedProductsDeps {
  readonly assignedProducts: AssignedProducts;
}

export interface ListAssignedProductsInput {
  readonly storeId: StoreId;
  /** Case-insensitive part of a product's name, its SKU or one of its items' SKUs. */
  readonly search?: string;
  readonly status?: Status;
  readonly block?: Block;
  readonly sort?: AssignedProductSort;
  /** Default: ascending, but latest first for `updated`. */
  readonly direction?: SortDirection;
  /** From 1. */
  readonly page: number;
  /** Products per page. */
  readonly limit: number;
}

export interface AssignedProductsPage {
  readonly products: readonly AssignedProduct[];
  readonly page: number;
  readonly limit: number;
  /** Products matching, all pages together. */
  readonly total: number;
  /** At least 1, so an empty list is "page 1 of 1". */
  readonly totalPages: number;
}

/**
 * A page of the store's assigned products, each with all of its assigned items (the Assigned products
 * tab). Paged by page number with the total, so a screen can say "page N of M" and jump to any page; a
 * page past the last is empty, with the total.
 */
export async function listAssignedProducts(
  deps: ListAssignedProductsDeps,
  input: ListAssignedProductsInput,
): Promise<AssignedProductsPage> {
  const search = input.search?.trim();
  const listed = await deps.assignedProducts.listAssignedProducts(input.storeId, {
    ...(search === undefined || search === '' ? {} : { search }),
    ...(input.status === undefined ? {} : { status: input.status }),
    ...(input.block === undefined ? {} : { block: input.block }),
    ...(input.sort === undefined ? {} : { sort: input.sort }),
    ...(input.direction === undefined ? {} : { direction: input.direction }),
    offset: (input.page - 1) * input.limit,
    limit: input.limit,
  });
  return {
    products: listed.products,
    page: input.page,
    limit: input.limit,
    total: listed.total,
    totalPages: Math.max(1, Math.ceil(listed.total / input.limit)),
  };
}
