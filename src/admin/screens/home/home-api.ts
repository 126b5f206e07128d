import { queryKeys } from '../../api/query-keys.js';
import { useApiQuery } from '../../api/use-api.js';
import type { components } from '../../api/v1.js';

export type Dashboard = components['schemas']['Dashboard'];
export type DashboardItem = components['schemas']['DashboardItem'];

/**
 * Home's summary: counts, items that need attention, dates coming up, the latest changes. Orders and
 * BigCommerce change it without any screen's mutation, so it is read again whenever Home opens.
 */
export function useDashboard() {
  return useApiQuery(queryKeys.dashboard(), (api, signal) => api.GET('/dashboard', { signal }), {
    refetchOnMount: 'always',
  });
}
