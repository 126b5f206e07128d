import {
  type QueryKey,
  type UseMutationOptions,
  type UseQueryOptions,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { createContext, useContext } from 'react';
import { type ApiClient, call } from './client.js';
import type { ApiError } from './errors.js';

declare module '@tanstack/react-query' {
  interface Register {
    /** Every query and mutation fails with an ApiError (code + sentence): see client.ts `call`. */
    defaultError: ApiError;
  }
}

export const ApiContext = createContext<ApiClient | null>(null);

/** The API client of the signed-in session (App provides it). */
export function useApi(): ApiClient {
  const api = useContext(ApiContext);
  if (api === null) throw new Error('useApi outside <ApiContext>');
  return api;
}

type Answer<T> = Promise<{ data?: T; error?: unknown; response: Response }>;

/**
 * Server state read through the API:
 * `useApiQuery(queryKeys.settings(), (api) => api.GET('/settings'))`.
 * `data` is typed from the OpenAPI document; `error` is an ApiError (show `error.sentence`).
 */
export function useApiQuery<T>(
  queryKey: QueryKey,
  read: (api: ApiClient, signal: AbortSignal) => Answer<T>,
  options: Omit<UseQueryOptions<NonNullable<T>, ApiError>, 'queryKey' | 'queryFn'> = {},
) {
  const api = useApi();
  return useQuery<NonNullable<T>, ApiError>({
    queryKey,
    queryFn: ({ signal }) => call(read(api, signal)),
    ...options,
  });
}

/**
 * A change through the API: `useApiMutation((api, patch) => api.PATCH('/settings', {body: patch}),
 * {invalidates: [queryKeys.settings()]})`. The families in `invalidates` are refetched once it is
 * settled, refused or not (a refusal such as *.NOT_FOUND means the screen showed something stale).
 */
export function useApiMutation<T, Variables = void>(
  write: (api: ApiClient, variables: Variables) => Answer<T>,
  options: Omit<UseMutationOptions<NonNullable<T>, ApiError, Variables>, 'mutationFn'> & {
    readonly invalidates?: readonly QueryKey[];
  } = {},
) {
  const api = useApi();
  const queryClient = useQueryClient();
  const { invalidates = [], onSettled, ...rest } = options;
  return useMutation<NonNullable<T>, ApiError, Variables>({
    mutationFn: (variables) => call(write(api, variables)),
    ...rest,
    async onSettled(data, error, variables, result, context) {
      await Promise.all(invalidates.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
      await onSettled?.(data, error, variables, result, context);
    },
  });
}
