import { useMutation } from '@tanstack/react-query';
import type { ApiError } from '../../api/errors.js';
import { queryKeys } from '../../api/query-keys.js';
import { useApi, useApiQuery } from '../../api/use-api.js';
import { useApiPages } from '../../api/use-api-pages.js';
import type { components } from '../../api/v1.js';
import { downloadFile } from '../../components/DownloadButton.js';
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

/** The report as a file (GET /orders/report/export), saved under the name the server gives it. */
export function useExportReport() {
  const api = useApi();
  return useMutation<string, ApiError, OrderFilters & { readonly format: 'csv' | 'xlsx' }>({
    mutationFn: (query) =>
      downloadFile(
        api,
        (client) => client.GET('/orders/report/export', { params: { query }, parseAs: 'blob' }),
        `backorders-report.${query.format}`,
      ),
  });
}
