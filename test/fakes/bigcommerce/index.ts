import type { StoreCatalog } from '../../../src/app/ports/store-catalog.js';
import type { StoreInventory } from '../../../src/app/ports/store-inventory.js';
import type { StoreOrders } from '../../../src/app/ports/store-orders.js';
import type { StoreSetup } from '../../../src/app/ports/store-setup.js';
import type { InMemoryBigCommerce } from './in-memory-store.js';
import { InMemoryStoreCatalog } from './store-catalog.js';
import { InMemoryStoreInventory } from './store-inventory.js';
import { InMemoryStoreOrders } from './store-orders.js';
import { InMemoryStoreSetup } from './store-setup.js';

export {
  FakeBigCommerceError,
  InMemoryBigCommerce,
  InMemoryStore,
  type OrderLineSeed,
  type OrderSeed,
  type ProductEdit,
  type ProductSeed,
  type ShippingAddressSeed,
  type StoreMethod,
  type StoreWrite,
  type VariantEdit,
  type VariantSeed,
} from './in-memory-store.js';
export { InMemoryStoreCatalog } from './store-catalog.js';
export { InMemoryStoreInventory } from './store-inventory.js';
export { InMemoryStoreOrders } from './store-orders.js';
export { InMemoryStoreSetup } from './store-setup.js';

/** The app's BigCommerce ports over one fake BigCommerce (what the composition root builds for real). */
export interface FakeStorePorts {
  readonly bigcommerce: InMemoryBigCommerce;
  readonly storeCatalog: StoreCatalog;
  readonly storeInventory: StoreInventory;
  readonly storeOrders: StoreOrders;
  readonly storeSetup: StoreSetup;
}

export function createInMemoryStorePorts(bigcommerce: InMemoryBigCommerce): FakeStorePorts {
  return {
    bigcommerce,
    storeCatalog: new InMemoryStoreCatalog(bigcommerce),
    storeInventory: new InMemoryStoreInventory(bigcommerce),
    storeOrders: new InMemoryStoreOrders(bigcommerce),
    storeSetup: new InMemoryStoreSetup(bigcommerce),
  };
}
