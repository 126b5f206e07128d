import { queryKeys } from '../../api/query-keys.js';
import { useApiMutation, useApiQuery } from '../../api/use-api.js';
import { useApiPages } from '../../api/use-api-pages.js';
import type { components } from '../../api/v1.js';

/** The product detail screen's server state: a product's items, each item's history and orders, receiving. */
export type Item = components['schemas']['Item'];
export type HistoryEntry = components['schemas']['ItemHistoryEntry'];
export type ItemOrder = components['schemas']['ItemOrder'];

const PAGE = 10;
// Orders change an item's numbers at any time: the screen reads them afresh each time it opens.
const FRESH = { staleTime: 0 } as const;

/** The assigned product's items (up to 250, BigCommerce's page of variants) and its name. */
export function useProductItems(productId: number) {
  const query = { product_id: productId, limit: 250 };
  return useApiQuery(
    queryKeys.items(query),
    (api, signal) => api.GET('/items', { params: { query }, signal }),
    FRESH,
  );
}

export function useSettingsForReason() {
  return useApiQuery(queryKeys.settings(), (api, signal) => api.GET('/settings', { signal }));
}

export function useItemHistory(sku: string) {
  return useApiPages<HistoryEntry, components['schemas']['ItemHistory']>(
    queryKeys.items({ sku, part: 'history' }),
    (api, cursor, signal) =>
      api.GET('/items/{sku}/history', {
        params: { path: { sku }, query: { limit: PAGE, ...(cursor === undefined ? {} : { cursor }) } },
        signal,
      }),
    FRESH,
  );
}

export function useItemOrders(sku: string) {
  return useApiPages<ItemOrder, components['schemas']['ItemOrderList']>(
    queryKeys.items({ sku, part: 'orders' }),
    (api, cursor, signal) =>
      api.GET('/items/{sku}/orders', {
        params: { path: { sku }, query: { limit: PAGE, ...(cursor === undefined ? {} : { cursor }) } },
        signal,
      }),
    FRESH,
  );
}

/** Receives incoming units; the items, their history and the orders screen's numbers are read again. */
export function useReceiveStock() {
  return useApiMutation(
    (api, input: { sku: string; quantity: number }) =>
      api.POST('/items/{sku}/receive', {
        params: { path: { sku: input.sku } },
        body: { quantity: input.quantity },
      }),
    { invalidates: [queryKeys.items(), queryKeys.orders()] },
  );
}
