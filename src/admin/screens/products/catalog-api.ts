import { queryKeys } from '../../api/query-keys.js';
import { useApiMutation, useApiQuery } from '../../api/use-api.js';
import type { components } from '../../api/v1.js';
import { type AssignmentRunDetails, isActive } from './assign-form.js';
import { type CatalogFilterBody, type CatalogQuery, catalogApiQuery } from './catalog-query.js';

/** The All products tab's server state: the catalog search, its pickers, templates, assignments and runs. */
export type CatalogProduct = components['schemas']['CatalogProduct'];
export type Template = components['schemas']['Template'];

/** How often a run in progress is read again: its progress bar follows the run's real progress. */
export const RUN_POLL_MS = 1000;

export function useCatalogProducts(query: CatalogQuery) {
  const params = catalogApiQuery(query);
  return useApiQuery(
    queryKeys.catalog('products', params),
    (api, signal) => api.GET('/catalog/products', { params: { query: params }, signal }),
    // The page shown stays while the next one loads: paging and sorting do not flash a spinner.
    { placeholderData: (previous) => previous },
  );
}

export function useCatalogBrands() {
  return useApiQuery(queryKeys.catalog('brands'), (api, signal) => api.GET('/catalog/brands', { signal }), {
    staleTime: 5 * 60_000,
  });
}

export function useCatalogCategories() {
  return useApiQuery(
    queryKeys.catalog('categories'),
    (api, signal) => api.GET('/catalog/categories', { signal }),
    { staleTime: 5 * 60_000 },
  );
}

export function useTemplates() {
  return useApiQuery(queryKeys.templates(), (api, signal) => api.GET('/templates', { signal }));
}

export type AssignRequest = {
  readonly template_id: number | null;
  readonly threshold?: number;
  readonly incoming_stock?: number;
  readonly back_in_stock_date?: string;
} & (
  | { readonly product_ids: number[]; readonly filter?: never }
  | { readonly filter: CatalogFilterBody; readonly product_ids?: never }
);

export function useAssignProducts() {
  return useApiMutation((api, body: AssignRequest) => api.POST('/assignments', { body }), {
    invalidates: [queryKeys.catalog('products'), queryKeys.items(), queryKeys.assignments()],
  });
}

/** The runs still being worked (the newest first): a run left earlier is shown again. */
export function useActiveRuns() {
  return useApiQuery(
    queryKeys.assignments('runs', { status: 'active' }),
    (api, signal) =>
      api.GET('/assignments/runs', { params: { query: { status: 'active', limit: 5 } }, signal }),
    { staleTime: 0 },
  );
}

/** One run, read again every second while it is being worked. */
export function useAssignmentRun(runId: number | null) {
  return useApiQuery(
    queryKeys.assignments('runs', runId),
    (api, signal) =>
      api.GET('/assignments/runs/{run_id}', { params: { path: { run_id: runId ?? 0 } }, signal }),
    {
      enabled: runId !== null,
      staleTime: 0,
      refetchInterval: (query) => {
        const run = query.state.data as AssignmentRunDetails | undefined;
        return run === undefined || isActive(run) ? RUN_POLL_MS : false;
      },
    },
  );
}
