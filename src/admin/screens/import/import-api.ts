import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { call } from '../../api/client.js';
import { queryKeys } from '../../api/query-keys.js';
import { useApi, useApiMutation, useApiQuery } from '../../api/use-api.js';
import { uploadContentType } from './import-words.js';

/**
 * The Import tab's calls: the recent runs, one run (read every second while it is applied), its
 * problems a page at a time, the upload (the dry run) and applying. Its files (the template, which is
 * the items export, and the error report) are downloaded by DownloadButton.
 */

export const RUNS_PAGE_SIZE = 10;
export const PROBLEMS_PAGE_SIZE = 50;
/** How often an applying run is read again: its progress bar moves with the real progress. */
export const APPLYING_POLL_MS = 1000;

/** The latest imports, newest first; read again while one of them is being applied. */
export function useImportRuns() {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: queryKeys.imports('list'),
    queryFn: ({ pageParam, signal }) =>
      call(
        api.GET('/imports', {
          params: { query: { limit: RUNS_PAGE_SIZE, ...(pageParam === null ? {} : { cursor: pageParam }) } },
          signal,
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
    refetchInterval: (query) =>
      query.state.data?.pages.some((page) => page.data.some((run) => run.status === 'applying'))
        ? APPLYING_POLL_MS * 2
        : false,
  });
}

export function useImportRun(id: number) {
  return useApiQuery(
    queryKeys.imports(id),
    (api, signal) => api.GET('/imports/{id}', { params: { path: { id } }, signal }),
    { refetchInterval: (query) => (query.state.data?.status === 'applying' ? APPLYING_POLL_MS : false) },
  );
}

/** A run's problems by line, a page at a time ("Load more"). */
export function useImportProblems(id: number) {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: queryKeys.imports(id, 'problems'),
    queryFn: ({ pageParam, signal }) =>
      call(
        api.GET('/imports/{id}/problems', {
          params: {
            path: { id },
            query: { limit: PROBLEMS_PAGE_SIZE, ...(pageParam === null ? {} : { cursor: pageParam }) },
          },
          signal,
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
  });
}

/** Sends the file as it is (the raw body): the server reads and checks it, and changes nothing yet. */
export function useUploadImport() {
  return useApiMutation(
    (api, file: File) =>
      api.POST('/imports', {
        params: { query: { file_name: file.name } },
        // The file goes as it is, in the media type its name says; openapi-fetch would send JSON.
        body: file as unknown as string,
        bodySerializer: (body) => body as unknown as File,
        headers: { 'content-type': uploadContentType(file.name) },
      }),
    { invalidates: [queryKeys.imports('list')] },
  );
}

export function useApplyImport(id: number) {
  return useApiMutation(
    (api, applyValidRows: boolean) =>
      api.POST('/imports/{id}/apply', {
        params: { path: { id } },
        body: { apply_valid_rows: applyValidRows },
      }),
    { invalidates: [queryKeys.imports()] },
  );
}

/** When a run is over, what it changed is stale everywhere: items, products, Home, Activity. */
export function useRefreshAfterImport() {
  const queryClient = useQueryClient();
  return () => {
    for (const queryKey of [
      queryKeys.items(),
      queryKeys.products(),
      queryKeys.dashboard(),
      queryKeys.activity(),
      queryKeys.imports('list'),
    ]) {
      void queryClient.invalidateQueries({ queryKey });
    }
  };
}
