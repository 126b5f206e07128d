import type { Repositories } from '../../src/adapters/db/repositories.js';
import type { StoreRecord } from '../../src/app/ports/store-repository.js';

/** The fixed instant storage tests run at, unless a test moves it. */
export const NOW = new Date('2025-03-10T12:00:00.000Z');

let sequence = 0;

/** Unique across parallel test files and runs sharing one PostgreSQL database. */
export function uniqueStoreHash(): string {
  sequence += 1;
  return `t${process.pid.toString(36)}${Date.now().toString(36)}${sequence.toString(36)}`;
}

export interface StoreOptions {
  readonly switchCondition?: number;
  readonly timezone?: string;
  readonly storeHash?: string;
  readonly now?: Date;
}

/** An installed store with its settings. */
export async function aStore(repos: Repositories, options: StoreOptions = {}): Promise<StoreRecord> {
  const now = options.now ?? NOW;
  const store = await repos.stores.install({
    storeHash: options.storeHash ?? uniqueStoreHash(),
    accessTokenEncrypted: 'v1:encrypted-token',
    scope: 'store_v2_products store_v2_orders_read_only',
    timezone: options.timezone ?? 'America/Chicago',
    now,
  });
  if (options.switchCondition !== undefined) {
    await repos.settings.updateSettings(store.id, { switchCondition: options.switchCondition }, now);
  }
  return store;
}
