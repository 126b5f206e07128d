import type { FastifyInstance } from 'fastify';
import type { SandboxState } from '../state/sandbox-state.js';
import { inventorySettingsView, updateInventorySettings } from '../state/store-inventory-settings.js';
import { sendRefusal } from './errors.js';

const PROBLEM_JSON = 'application/problem+json';

/**
 * Settings API v3, inventory settings (settings.v3.yml `/settings/inventory`, scope Information &
 * Settings = `store_v2_information`): the store's global settings, envelope `{data, meta}`. With native
 * backorders (beta) on, `data` also carries the beta's store-wide fields (store-inventory-settings.ts):
 * that is how a client can tell the store uses native backorders. `channel_id` is accepted and ignored
 * (the sandbox has one channel and no per-channel overrides).
 */
export function settingsRoutes(app: FastifyInstance, { state }: { state: SandboxState }): void {
  const config = { sandboxScope: 'information' as const };
  const path = '/stores/:store_hash/v3/settings/inventory';

  app.get<{ Params: { store_hash: string } }>(path, { config }, async (request) => {
    const store = request.sandbox.store;
    return {
      data: inventorySettingsView(store.settings.inventory, store.settings.nativeBackorders),
      meta: {},
    };
  });

  app.put<{ Params: { store_hash: string } }>(path, { config }, async (request, reply) => {
    const store = request.sandbox.store;
    const next = updateInventorySettings(
      store.settings.inventory,
      request.body,
      store.settings.nativeBackorders,
    );
    if (!next.ok) return sendRefusal(reply, next, 'v3', PROBLEM_JSON);
    const saved = state.stores.updateSettings(store.hash, { inventory: next.value });
    if (!saved.ok) return sendRefusal(reply, saved, 'v3', PROBLEM_JSON);
    return {
      data: inventorySettingsView(saved.value.settings.inventory, saved.value.settings.nativeBackorders),
      meta: {},
    };
  });
}
