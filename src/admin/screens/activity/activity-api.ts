import { useInfiniteQuery } from '@tanstack/react-query';
import { call } from '../../api/client.js';
import { queryKeys } from '../../api/query-keys.js';
import { useApi } from '../../api/use-api.js';
import type { ActivityFilters } from './activity-filters.js';

export const ACTIVITY_PAGE_SIZE = 50;

/**
 * The store's history with these filters, a page at a time ("Load more" asks for the next one). New
 * entries arrive with orders and webhooks, not only with this app's changes: read again on every visit.
 */
export function useActivity(filters: ActivityFilters) {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: queryKeys.activity({ ...filters }),
    queryFn: ({ pageParam, signal }) =>
      call(
        api.GET('/activity', {
          params: {
            query: {
              ...filters,
              limit: ACTIVITY_PAGE_SIZE,
              ...(pageParam === null ? {} : { cursor: pageParam }),
            },
          },
          signal,
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
    refetchOnMount: 'always',
  });
}
