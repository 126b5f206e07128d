import { useMutation } from '@tanstack/react-query';
import { type ApiError, apiErrorOf, toApiError } from '../../api/errors.js';
import { queryKeys } from '../../api/query-keys.js';
import { useApi, useApiQuery } from '../../api/use-api.js';
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

/** The report as a file (GET /orders/report/export): its bytes and the name the server gives it. */
export function useExportReport() {
  const api = useApi();
  return useMutation<
    { readonly blob: Blob; readonly contentDisposition: string | null },
    ApiError,
    OrderFilters & { readonly format: 'csv' | 'xlsx' }
  >({
    mutationFn: async (query) => {
      let result: Awaited<ReturnType<typeof exportReport>>;
      try {
        result = await exportReport(query);
      } catch (error) {
        throw toApiError(error);
      }
      if (!result.response.ok || !(result.data instanceof Blob)) {
        throw apiErrorOf(result.response.status, result.error);
      }
      return { blob: result.data, contentDisposition: result.response.headers.get('content-disposition') };
    },
  });

  function exportReport(query: OrderFilters & { readonly format: 'csv' | 'xlsx' }) {
    return api.GET('/orders/report/export', { params: { query }, parseAs: 'blob' });
  }
}
