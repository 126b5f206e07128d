/** The sandbox storefront: Cornerstone-like pages, cart, checkout; see storefront.routes.ts for the URLs. */
export { storefrontPlugin } from './storefront.plugin.js';
