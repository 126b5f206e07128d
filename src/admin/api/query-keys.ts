/**
 * The query keys of server state, one family per resource of /api/v1, named by the path's first
 * segment: `['settings']`, `['api-keys']`, `['items', {status: 'backorder'}]`. A key is the family and,
 * for lists and records, the parameters that select them. After a change, invalidate the family
 * (`queryClient.invalidateQueries({queryKey: queryKeys.items()})` refreshes every list of items).
 * Add a family here when a screen reads a new resource; keep the factories pure.
 */
export const queryKeys = {
  /** The settings, and what hangs under them: `['settings', 'inventory-mode', 'moves', 'latest']`. */
  settings: (...path: readonly unknown[]) => ['settings', ...path] as const,
  apiKeys: () => ['api-keys'] as const,
  templates: (query?: Readonly<Record<string, unknown>>) =>
    query === undefined ? (['templates'] as const) : (['templates', query] as const),
  items: (query?: Readonly<Record<string, unknown>>) =>
    query === undefined ? (['items'] as const) : (['items', query] as const),
  products: (query?: Readonly<Record<string, unknown>>) =>
    query === undefined ? (['products'] as const) : (['products', query] as const),
  orders: (query?: Readonly<Record<string, unknown>>) =>
    query === undefined ? (['orders'] as const) : (['orders', query] as const),
  /** The BigCommerce catalog: `['catalog', 'products', query]`, `['catalog', 'brands']`, … */
  catalog: (...path: readonly unknown[]) => ['catalog', ...path] as const,
  /** Assignment runs: `['assignments', 'runs', {status: 'active'}]`, `['assignments', 'runs', id]`. */
  assignments: (...path: readonly unknown[]) => ['assignments', ...path] as const,
  /** Stock imports: `['imports', 'list']`, `['imports', id]`, `['imports', id, 'problems']`. */
  imports: (...path: readonly unknown[]) => ['imports', ...path] as const,
  dashboard: () => ['dashboard'] as const,
  activity: (query?: Readonly<Record<string, unknown>>) =>
    query === undefined ? (['activity'] as const) : (['activity', query] as const),
} as const;
