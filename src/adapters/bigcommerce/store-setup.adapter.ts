import type { StoreSetup } from '../../app/ports/store-setup.js';
import {
  hookCreateOf,
  hookUpdateOf,
  installedScriptOf,
  scriptCreateOf,
  storeWebhookOf,
} from './bigcommerce-mapping.js';
import type { StoreClients } from './store-clients.js';

/**
 * StoreSetup over BigCommerce's store information (v2), webhooks and scripts (v3) APIs: one call per
 * method (a list reads every page). Creating a hook or script is retried safely by the client.
 */
export function createStoreSetup(clients: StoreClients): StoreSetup {
  return {
    async getProfile(storeId) {
      const info = await (await clients(storeId)).getStore();
      const name = typeof info.name === 'string' && info.name.trim() !== '' ? info.name.trim() : null;
      return { timeZone: info.timezone?.name ?? null, name };
    },

    async listWebhooks(storeId) {
      return (await (await clients(storeId)).listHooks()).map(storeWebhookOf);
    },
    async createWebhook(storeId, webhook) {
      await (await clients(storeId)).createHook(hookCreateOf(webhook));
    },
    async updateWebhook(storeId, webhookId, change) {
      await (await clients(storeId)).updateHook(webhookId, hookUpdateOf(change));
    },
    async deleteWebhook(storeId, webhookId) {
      await (await clients(storeId)).deleteHook(webhookId);
    },

    async listScripts(storeId) {
      return (await (await clients(storeId)).listScripts()).map(installedScriptOf);
    },
    async createScript(storeId, script) {
      await (await clients(storeId)).createScript(scriptCreateOf(script));
    },
    async updateScript(storeId, scriptId, script) {
      await (await clients(storeId)).updateScript(scriptId, scriptCreateOf(script));
    },
    async deleteScript(storeId, scriptId) {
      await (await clients(storeId)).deleteScript(scriptId);
    },
  };
}
