/** The app's only way to BigCommerce (and to the sandbox, which speaks the same HTTP). */
export { type AppAuthorizationOptions, createAppAuthorization } from './app-authorization.adapter.js';
export {
  BIGCOMMERCE_LIMITS,
  type BigCommerceClient,
  type BigCommerceClientOptions,
  type BigCommerceClientPool,
  type BigCommerceClientSettings,
  createBigCommerceClient,
  createBigCommerceClientPool,
  DEFAULT_API_BASE_URL,
  type RawRequest,
} from './bigcommerce.client.js';
export {
  BigCommerceError,
  type BigCommerceErrorCode,
  type BigCommerceItemFailureCode,
  isBigCommerceError,
} from './bigcommerce.errors.js';
export {
  type AuthCodeExchange,
  DEFAULT_LOGIN_BASE_URL,
  exchangeAuthCode,
  type OAuthSettings,
  type OAuthToken,
  type OAuthUser,
  storeHashFromContext,
} from './bigcommerce.oauth.js';
export {
  type BigCommerceLimits,
  type BigCommerceLogger,
  DEFAULT_LIMITS,
  type Query,
  type QueryValue,
} from './bigcommerce.transport.js';
export type * from './bigcommerce.types.js';
export { scriptCreateOf } from './bigcommerce-mapping.js';
export type { RateLimitStatus } from './rate-limit.gate.js';
export { createSignedRequests, type SignedRequestsOptions } from './signed-requests.adapter.js';
export { createStoreCatalog } from './store-catalog.adapter.js';
export { createStoreClients, type StoreClients } from './store-clients.js';
export { createStoreInventory } from './store-inventory.adapter.js';
export { createStoreOrders } from './store-orders.adapter.js';
export { createStoreSetup } from './store-setup.adapter.js';
export { bigCommerceWebhookEvents, webhookEventKey } from './webhook-events.adapter.js';
