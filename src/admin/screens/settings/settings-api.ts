import { apiErrorOf } from '../../api/errors.js';
import { queryKeys } from '../../api/query-keys.js';
import { useApiMutation, useApiQuery } from '../../api/use-api.js';
import type { components } from '../../api/v1.js';

/** The Settings screen's server state: settings, API keys, and the default template (read-only here). */
export type Settings = components['schemas']['Settings'];
export type SettingsPatch = Partial<Omit<Settings, 'updated_at' | 'native_backorders'>>;
export type ApiKey = components['schemas']['ApiKey'];
export type NotifyEvent = Settings['notify_events'][number];
export type InventoryMode = Settings['inventory_mode'];
export type NativeBackorders = components['schemas']['NativeBackorders'];

export function useSettings() {
  return useApiQuery(queryKeys.settings(), (api, signal) => api.GET('/settings', { signal }));
}

/** Saves a patch; the answer says how many items a new switch condition changed. */
export function useSaveSettings() {
  return useApiMutation(
    async (api, patch: SettingsPatch) => {
      const result = await api.PATCH('/settings', { body: patch });
      if (!result.response.ok) throw apiErrorOf(result.response.status, result.error);
      const reevaluated = Number(result.response.headers.get('x-reevaluated-items') ?? '0');
      return { data: { settings: result.data!, reevaluated }, response: result.response };
    },
    { invalidates: [queryKeys.settings(), queryKeys.items()] },
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
