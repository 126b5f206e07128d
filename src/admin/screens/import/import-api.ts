import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '../../api/client.js';
import { apiErrorOf, toApiError } from '../../api/errors.js';
import { queryKeys } from '../../api/query-keys.js';
import { useApi, useApiMutation, useApiQuery } from '../../api/use-api.js';
import { fileNameOf, uploadContentType } from './import-words.js';

/**
 * The Import tab's calls: the recent runs, one run (read every second while it is applied), its
 * problems a page at a time, the upload (the dry run), applying, and the downloads (the template is the
 * items export; the error report).
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

/** What a download button asks for: the template (the items export) or a run's error report. */
export type DownloadRequest = (
  | { readonly file: 'template' }
  | { readonly file: 'problems'; readonly id: number }
) & {
  readonly format: 'csv' | 'xlsx';
  /** The name to save under if the answer gives none. */
  readonly fallbackName: string;
};

/**
 * Downloads a file the API answers: read with the session's token (a plain link would carry none), then
 * handed to the browser as a download under the name the API gave it.
 */
export function useDownload() {
  const api = useApi();
  return useMutation({
    mutationFn: async (request: DownloadRequest) => {
      const query = { format: request.format };
      let answer: { data?: Blob; error?: unknown; response: Response };
      try {
        answer =
          request.file === 'template'
            ? await api.GET('/exports/items', { params: { query }, parseAs: 'blob' })
            : await api.GET('/imports/{id}/problems/export', {
                params: { path: { id: request.id }, query },
                parseAs: 'blob',
              });
      } catch (error) {
        throw toApiError(error);
      }
      if (!answer.response.ok || answer.data === undefined) {
        throw apiErrorOf(answer.response.status, answer.error);
      }
      const name = fileNameOf(answer.response.headers.get('content-disposition'), request.fallbackName);
      saveFile(answer.data, name);
      return name;
    },
  });
}

function saveFile(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has taken the file once the click was handled; the URL is not needed after that.
  window.setTimeout(() => URL.revokeObjectURL(url), 0);
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
