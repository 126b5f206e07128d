import { type QueryKey, useInfiniteQuery } from '@tanstack/react-query';
import { type ApiClient, call } from './client.js';
import type { ApiError } from './errors.js';
import { useApi } from './use-api.js';

type Answer<T> = Promise<{ data?: T; error?: unknown; response: Response }>;

/** A page of a cursor-paged list of /api/v1: `{data, next_cursor}`. */
export interface CursorPage<Row> {
  readonly data: Row[];
  readonly next_cursor: string | null;
}

/**
 * A cursor-paged list read a page at a time, for a "Load more" button:
 * `useApiPages(key, (api, cursor, signal) => api.GET('/items/{sku}/history', {params: {…, query: {cursor}}, signal}))`.
 * `rows` are the pages so far, in order; `fetchNextPage()` loads the next one while `hasNextPage`.
 */
export function useApiPages<Row, T extends CursorPage<Row>>(
  queryKey: QueryKey,
  read: (api: ApiClient, cursor: string | undefined, signal: AbortSignal) => Answer<T>,
  options: { readonly enabled?: boolean; readonly staleTime?: number } = {},
) {
  const api = useApi();
  const query = useInfiniteQuery<
    NonNullable<T>,
    ApiError,
    { pages: NonNullable<T>[] },
    QueryKey,
    string | undefined
  >({
    queryKey,
    queryFn: ({ pageParam, signal }) => call(read(api, pageParam, signal)),
    initialPageParam: undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    ...(options.enabled === undefined ? {} : { enabled: options.enabled }),
    ...(options.staleTime === undefined ? {} : { staleTime: options.staleTime }),
  });
  const rows: Row[] = query.data?.pages.flatMap((page) => page.data) ?? [];
  return { ...query, rows };
}
