import type { StoreId } from '../../../src/app/ports/store-id.js';
import type {
  InstalledScript,
  StorefrontScript,
  StoreInventoryFeatures,
  StoreProfile,
  StoreSetup,
  StoreWebhook,
  WebhookChange,
  WebhookSubscription,
} from '../../../src/app/ports/store-setup.js';
import { copyWebhook, FakeBigCommerceError, type InMemoryBigCommerce } from './in-memory-store.js';

/**
 * StoreSetup over the in-memory stores, answering as the real adapter over BigCommerce does (held to
 * the same contract suite): the store lists only the app's own hooks and scripts; a second hook of the
 * same scope and destination is refused (422), changing a hook or script that is gone is refused
 * (404), and deleting one that is gone counts as deleted.
 */
export class InMemoryStoreSetup implements StoreSetup {
  constructor(private readonly bigcommerce: InMemoryBigCommerce) {}

  async getProfile(storeId: StoreId): Promise<StoreProfile> {
    const store = await this.bigcommerce.reach(storeId, 'getProfile');
    return { timeZone: store.timeZone, name: store.name };
  }

  async getInventoryFeatures(storeId: StoreId): Promise<StoreInventoryFeatures> {
    const store = await this.bigcommerce.reach(storeId, 'getInventoryFeatures');
    return { nativeBackorders: store.nativeBackorders, locations: store.locations };
  }

  async listWebhooks(storeId: StoreId): Promise<StoreWebhook[]> {
    return (await this.bigcommerce.reach(storeId, 'listWebhooks')).webhookList().map(copyWebhook);
  }

  async createWebhook(storeId: StoreId, webhook: WebhookSubscription): Promise<void> {
    const store = await this.bigcommerce.reach(storeId, 'createWebhook');
    if (duplicateOf(store.webhookList(), webhook.scope, webhook.destination) !== undefined) {
      throw duplicateHook();
    }
    store.addWebhook(webhook);
    store.writes.push({ method: 'createWebhook', webhook: { ...webhook, headers: { ...webhook.headers } } });
  }

  async updateWebhook(storeId: StoreId, webhookId: number, change: WebhookChange): Promise<void> {
    const store = await this.bigcommerce.reach(storeId, 'updateWebhook');
    const hooks = store.webhookList();
    const index = hooks.findIndex((h) => h.id === webhookId);
    if (index === -1) throw notFound(`Webhook with id [${webhookId}] not found`);
    const current = hooks[index]!;
    hooks[index] = {
      ...current,
      ...(change.active === undefined ? {} : { active: change.active }),
      ...(change.headers === undefined ? {} : { headers: { ...change.headers } }),
    };
    store.writes.push({
      method: 'updateWebhook',
      webhookId,
      change: { ...change, ...(change.headers === undefined ? {} : { headers: { ...change.headers } }) },
    });
  }

  async deleteWebhook(storeId: StoreId, webhookId: number): Promise<void> {
    const store = await this.bigcommerce.reach(storeId, 'deleteWebhook');
    const hooks = store.webhookList();
    const index = hooks.findIndex((h) => h.id === webhookId);
    if (index !== -1) hooks.splice(index, 1);
    store.writes.push({ method: 'deleteWebhook', webhookId });
  }

  async listScripts(storeId: StoreId): Promise<InstalledScript[]> {
    const store = await this.bigcommerce.reach(storeId, 'listScripts');
    return store.scriptList().map((s) => ({ ...s }));
  }

  async createScript(storeId: StoreId, script: StorefrontScript): Promise<void> {
    const store = await this.bigcommerce.reach(storeId, 'createScript');
    store.addScript(script);
    store.writes.push({ method: 'createScript', script: { ...script } });
  }

  async updateScript(storeId: StoreId, scriptId: string, script: StorefrontScript): Promise<void> {
    const store = await this.bigcommerce.reach(storeId, 'updateScript');
    const scripts = store.scriptList();
    const index = scripts.findIndex((s) => s.id === scriptId);
    if (index === -1) throw notFound(`Script with uuid ${scriptId} not found`);
    scripts[index] = { ...script, id: scriptId, inline: false };
    store.writes.push({ method: 'updateScript', scriptId, script: { ...script } });
  }

  async deleteScript(storeId: StoreId, scriptId: string): Promise<void> {
    const store = await this.bigcommerce.reach(storeId, 'deleteScript');
    const scripts = store.scriptList();
    const index = scripts.findIndex((s) => s.id === scriptId);
    if (index !== -1) scripts.splice(index, 1);
    store.writes.push({ method: 'deleteScript', scriptId });
  }
}

function duplicateOf(hooks: readonly StoreWebhook[], scope: string, destination: string) {
  return hooks.find((h) => h.scope === scope && h.destination === destination);
}

function duplicateHook(): FakeBigCommerceError {
  return new FakeBigCommerceError(
    'BIGCOMMERCE.UNPROCESSABLE',
    422,
    'A webhook with this scope and destination already exists for this client.',
  );
}

function notFound(message: string): FakeBigCommerceError {
  return new FakeBigCommerceError('BIGCOMMERCE.NOT_FOUND', 404, message);
}
