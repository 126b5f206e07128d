import type { SandboxPlugin } from '../server.js';
import { CartStore } from './cart.store.js';
import { storefrontRoutes } from './storefront.routes.js';
import { StorefrontService } from './storefront.service.js';

/** The storefront (`/s/{store_hash}/...`, see storefront.routes.ts) as a sandbox plugin. */
export function storefrontPlugin(): SandboxPlugin {
  return {
    name: 'storefront',
    async register(app, { state }) {
      const service = new StorefrontService({
        stores: state.stores,
        products: state.products,
        taxonomy: state.taxonomy,
        stock: state.stock,
        inventory: state.inventory,
        orders: state.orders,
        scripts: state.scripts,
        carts: new CartStore(state.db, state.now),
      });
      await app.register(storefrontRoutes, { service });
    },
  };
}
