/** Storefront script and the public storefront view of products; see storefront.routes.ts. */
export {
  STOREFRONT_HTTP_ERRORS,
  STOREFRONT_SCRIPT_PATH,
  type StorefrontRoutesOptions,
  storefrontRoutes,
} from './storefront.routes.js';
