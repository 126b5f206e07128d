import { useQueryClient } from '@tanstack/react-query';
import { apiErrorOf } from '../../api/errors.js';
import { queryKeys } from '../../api/query-keys.js';
import { useApiMutation, useApiQuery } from '../../api/use-api.js';
import { useApiPages } from '../../api/use-api-pages.js';
import type { components } from '../../api/v1.js';

/**
 * The Settings screen's server state: settings, API keys, the default template (read-only here), and
 * moves of the assigned products between inventory modes.
 */
export type Settings = components['schemas']['Settings'];
export type SettingsPatch = Partial<Omit<Settings, 'updated_at' | 'native_backorders'>>;
export type ApiKey = components['schemas']['ApiKey'];
export type NotifyEvent = Settings['notify_events'][number];
export type InventoryMode = Settings['inventory_mode'];
export type NativeBackorders = components['schemas']['NativeBackorders'];

export function useSettings() {
  return useApiQuery(queryKeys.settings(), (api, signal) => api.GET('/settings', { signal }));
}

export type Reevaluation = components['schemas']['Reevaluation'];

/**
 * Saves a patch. A new switch condition answers with the re-evaluation of the items it queued, followed
 * from then on (useLatestReevaluation).
 */
export function useSaveSettings() {
  const queryClient = useQueryClient();
  return useApiMutation((api, patch: SettingsPatch) => api.PATCH('/settings', { body: patch }), {
    onSuccess: ({ reevaluation }) => {
      if (reevaluation !== null) queryClient.setQueryData(latestReevaluationKey, { reevaluation });
    },
    invalidates: [queryKeys.settings(), queryKeys.items()],
  });
}

/** How often a running re-evaluation's progress is read again. */
const REEVALUATION_POLL_MS = 1000;

const latestReevaluationKey = queryKeys.settings('reevaluations', 'latest');

/**
 * The store's latest re-evaluation after a change of S (`null` when S never changed), read again every
 * second while it runs — so one started before a reload, or from another tab, is followed here too.
 */
export function useLatestReevaluation() {
  return useApiQuery(
    latestReevaluationKey,
    async (api, signal) => {
      const result = await api.GET('/settings/reevaluations/latest', { signal });
      if (result.response.ok) {
        return { data: { reevaluation: result.data ?? null }, response: result.response };
      }
      const error = apiErrorOf(result.response.status, result.error);
      // "Never changed" is an answer here, not a failure.
      if (error.code === 'SETTINGS.REEVALUATION_NOT_FOUND') {
        return { data: { reevaluation: null }, response: new Response(null, { status: 200 }) };
      }
      throw error;
    },
    {
      staleTime: 0,
      refetchInterval: (query) =>
        query.state.data?.reevaluation?.status === 'running' ? REEVALUATION_POLL_MS : false,
    },
  );
}

/** Asks Backorder to check the store's native backorders in BigCommerce now. */
export function useCheckNativeBackorders() {
  return useApiMutation((api) => api.POST('/settings/native-backorders/check'), {
    invalidates: [queryKeys.settings()],
  });
}

export function useApiKeys() {
  return useApiQuery(queryKeys.apiKeys(), (api, signal) => api.GET('/api-keys', { signal }));
}

export function useCreateApiKey() {
  return useApiMutation((api, name: string) => api.POST('/api-keys', { body: { name } }), {
    invalidates: [queryKeys.apiKeys()],
  });
}

export function useRevokeApiKey() {
  return useApiMutation(
    (api, keyId: number) => api.DELETE('/api-keys/{key_id}', { params: { path: { key_id: keyId } } }),
    { invalidates: [queryKeys.apiKeys()] },
  );
}

export function useTemplates() {
  return useApiQuery(queryKeys.templates(), (api, signal) => api.GET('/templates', { signal }));
}

// ── Moving the assigned products to another inventory mode (issue 11) ─────────────────────────────

export type ModeMove = components['schemas']['ModeMove'];
export type ModeMovePreviewPage = components['schemas']['ModeMovePreview'];
export type ModeMovePreviewItem = ModeMovePreviewPage['data'][number];
export type ModeMoveTarget = components['schemas']['ModeMoveTarget'];

/** How often a running move's progress is read again. */
const MOVE_POLL_MS = 1000;
const PREVIEW_PAGE = 50;

/** How many products are assigned (`total`): with none, a mode is simply saved; with some, it is a move. */
export function useAssignedProductCount() {
  const query = { limit: 1 };
  return useApiQuery(
    queryKeys.products(query),
    (api, signal) => api.GET('/products', { params: { query }, signal }),
    // Products are assigned elsewhere (Products, an ERP): counted afresh each time the panel needs it.
    { staleTime: 0 },
  );
}

/** What a move to `to` would write in BigCommerce, item by item, a page at a time. */
export function useModeMovePreview(to: InventoryMode, enabled: boolean) {
  return useApiPages<ModeMovePreviewItem, ModeMovePreviewPage>(
    queryKeys.settings('inventory-mode', 'preview', to),
    (api, cursor, signal) =>
      api.GET('/settings/inventory-mode/preview', {
        params: { query: { to, limit: PREVIEW_PAGE, ...(cursor === undefined ? {} : { cursor }) } },
        signal,
      }),
    { enabled, staleTime: 0 },
  );
}

const latestMoveKey = queryKeys.settings('inventory-mode', 'moves', 'latest');

/**
 * The store's latest move (`null` when it never moved), read again every second while it runs — so a
 * move started before a reload, or from another tab, is followed here too.
 */
export function useLatestModeMove() {
  return useApiQuery(
    latestMoveKey,
    async (api, signal) => {
      const result = await api.GET('/settings/inventory-mode/moves/latest', { signal });
      if (result.response.ok) return { data: { move: result.data ?? null }, response: result.response };
      const error = apiErrorOf(result.response.status, result.error);
      // "Never moved" is an answer here, not a failure.
      if (error.code === 'MODE_MOVE.NOT_FOUND') {
        return { data: { move: null }, response: new Response(null, { status: 200 }) };
      }
      throw error;
    },
    {
      staleTime: 0,
      refetchInterval: (query) => (query.state.data?.move?.status === 'running' ? MOVE_POLL_MS : false),
    },
  );
}

/** Starts the move: the store's mode switches at once, the products are moved in the background. */
export function useStartModeMove() {
  const queryClient = useQueryClient();
  return useApiMutation(
    (api, to: InventoryMode) => api.POST('/settings/inventory-mode/moves', { body: { to } }),
    {
      // The answer is the running move: followed from here without waiting for the next read.
      onSuccess: (move) => queryClient.setQueryData(latestMoveKey, { move }),
      invalidates: [queryKeys.settings()],
    },
  );
}
