import { keepPreviousData } from '@tanstack/react-query';
import { queryKeys } from '../../api/query-keys.js';
import { useApiMutation, useApiQuery } from '../../api/use-api.js';
import type { EditableField, ProductsQuery } from './assigned-products-words.js';

/** The Assigned products tab's server state. Every change refreshes the products and items families. */
const CHANGED = [queryKeys.products(), queryKeys.items()];

export function useAssignedProducts(query: ProductsQuery) {
  return useApiQuery(
    queryKeys.products(query),
    (api, signal) => api.GET('/products', { params: { query }, signal }),
    // The page shown stays while the next one loads: no flash of "Loading" on every page turn. Read
    // again whenever the tab opens: products are assigned elsewhere (the All products tab, an ERP).
    { placeholderData: keepPreviousData, staleTime: 0 },
  );
}

export interface ItemEdit {
  readonly sku: string;
  readonly field: EditableField;
  readonly value: number | string | null;
}

export function useEditItem() {
  return useApiMutation(
    (api, edit: ItemEdit) =>
      api.PATCH('/items/{sku}', {
        params: { path: { sku: edit.sku } },
        body: { [edit.field]: edit.value },
      }),
    { invalidates: CHANGED },
  );
}

export function useSwitchBackorder() {
  return useApiMutation(
    (api, change: { readonly sku: string; readonly on: boolean }) =>
      change.on
        ? api.POST('/items/{sku}/enable', { params: { path: { sku: change.sku } } })
        : api.POST('/items/{sku}/disable', { params: { path: { sku: change.sku } } }),
    { invalidates: CHANGED },
  );
}

export function useUnassignProduct() {
  return useApiMutation(
    (api, productId: number) =>
      api.DELETE('/assignments/{product_id}', { params: { path: { product_id: productId } } }),
    { invalidates: CHANGED },
  );
}

export function useSyncProduct() {
  return useApiMutation(
    (api, productId: number) =>
      api.POST('/products/{product_id}/sync', { params: { path: { product_id: productId } } }),
    { invalidates: CHANGED },
  );
}
