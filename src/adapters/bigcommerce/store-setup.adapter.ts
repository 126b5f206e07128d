import type { StoreSetup } from '../../app/ports/store-setup.js';
import type { BigCommerceClient } from './bigcommerce.client.js';
import { isBigCommerceError } from './bigcommerce.errors.js';
import type { InventorySettings } from './bigcommerce.types.js';
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

    async getInventoryFeatures(storeId) {
      const client = await clients(storeId);
      let nativeBackorders: boolean;
      try {
        nativeBackorders = hasNativeBackorderFields(await client.getInventorySettings());
      } catch (error) {
        // A store that does not serve its inventory settings to the app (403: a grant without the
        // settings scope; 404: an API or plan without them) cannot be in the backorders beta as far as
        // the app can tell, and the app must still install and run: read it as "not on". Anything else
        // (an outage) is thrown, so the check is tried again rather than recorded wrongly.
        if (!refusedToTheApp(error)) throw error;
        nativeBackorders = false;
      }
      return { nativeBackorders, locations: await countLocations(client) };
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

/**
 * BigCommerce publishes no flag saying a store is in the native backorders beta. Its inventory settings
 * carry the beta's store-wide fields only when the beta is on (docs/bigcommerce.md#inventory-settings):
 * that is the sign read here, an inference, not a documented contract.
 */
function hasNativeBackorderFields(settings: InventorySettings): boolean {
  return (
    typeof settings === 'object' && settings !== null && 'show_backorder_availability_prompt' in settings
  );
}

/**
 * The store's enabled locations; null when the store does not let the app list them (a grant from
 * before the app asked for `store_locations_read_only`, until the merchant accepts the new scope).
 */
async function countLocations(client: BigCommerceClient): Promise<number | null> {
  try {
    return (await client.listInventoryLocations()).filter((l) => l.enabled !== false).length;
  } catch (error) {
    if (refusedToTheApp(error)) return null;
    throw error;
  }
}

function refusedToTheApp(error: unknown): boolean {
  return (
    isBigCommerceError(error, 'BIGCOMMERCE.FORBIDDEN') || isBigCommerceError(error, 'BIGCOMMERCE.NOT_FOUND')
  );
}
