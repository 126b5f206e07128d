import { queryKeys } from '../../api/query-keys.js';
import { useApiQuery } from '../../api/use-api.js';
import type { components } from '../../api/v1.js';

export type Item = components['schemas']['Item'];

/** The first few items in one status (the Home screen's lists). */
export function useItemsInStatus(status: Item['status'], limit: number) {
  const query = { status, limit };
  return useApiQuery(queryKeys.items(query), (api, signal) =>
    api.GET('/items', { params: { query }, signal }),
  );
}

export function useAnyItem() {
  const query = { limit: 1 };
  return useApiQuery(queryKeys.items(query), (api, signal) =>
    api.GET('/items', { params: { query }, signal }),
  );
}
