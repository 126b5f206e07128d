import { queryKeys } from '../../api/query-keys.js';
import { useApiQuery } from '../../api/use-api.js';
import { useApiPages } from '../../api/use-api-pages.js';
import type { components } from '../../api/v1.js';
import type { OrderFilters } from './orders-words.js';

/**
 * The Orders screen's server state: orders holding backordered units, and their report. Orders arrive
 * from BigCommerce at any time, so the screen reads them afresh each time it opens.
 */
const FRESH = { staleTime: 0 } as const;
export type Order = components['schemas']['Order'];
export type OrdersReport = components['schemas']['OrdersReport'];

export function useOrders(filters: OrderFilters) {
  return useApiPages<Order, components['schemas']['OrderList']>(
    queryKeys.orders({ ...filters, part: 'list' }),
    (api, cursor, signal) =>
      api.GET('/orders', {
        params: { query: { ...filters, limit: 20, ...(cursor === undefined ? {} : { cursor }) } },
        signal,
      }),
    FRESH,
  );
}

export function useOrdersReport(filters: OrderFilters) {
  return useApiQuery(
    queryKeys.orders({ ...filters, part: 'report' }),
    (api, signal) => api.GET('/orders/report', { params: { query: filters }, signal }),
    FRESH,
  );
}
