import { randomBytes } from 'node:crypto';
import { tokenCipherFromKey } from '../../../../src/adapters/crypto/token-cipher.js';
import { authorizeInstall } from '../../../../src/app/lifecycle/authorize-install.js';
import type { ControlPanelUser } from '../../../../src/app/ports/app-authorization.js';
import type { StoreRecord } from '../../../../src/app/ports/store-repository.js';
import { uniqueStoreHash } from '../../../builders/store.builder.js';
import { granting } from '../../../fakes/app-authorization.js';
import {
  createInMemoryStorePorts,
  InMemoryBigCommerce,
  type InMemoryStore,
} from '../../../fakes/bigcommerce/index.js';
import { fixedClock } from '../../../fakes/clock.js';
import { createInMemoryRepositories } from '../../../fakes/in-memory/index.js';
import { RecordingJobQueue } from '../../../fakes/job-queue.js';

/**
 * The lifecycle use cases (install, open, uninstall, remove a user) of the unit tier, on fakes: the
 * app's storage in memory, the merchant's store on the fake BigCommerce (its profile, the app's hooks
 * and scripts), the login service and the signed requests scripted (test/fakes), and the real token
 * cipher (AES-GCM: pure, no I/O). Against the sandbox and SQLite: the `*.integration.test.ts` beside.
 */
export const APP_URL = 'https://backorder.example.com';
export const NOW = new Date('2026-03-10T15:00:00.000Z');
export const OWNER: ControlPanelUser = { id: 1001, email: 'owner@example.com' };
export const STAFF: ControlPanelUser = { id: 2002, email: 'staff@example.com' };
export const SCOPE = 'store_v2_products store_v2_orders store_v2_content store_v2_information';

export function lifecycleOnFakes() {
  const repos = createInMemoryRepositories();
  const bigcommerce = new InMemoryBigCommerce({ stores: repos.stores });
  const ports = createInMemoryStorePorts(bigcommerce);
  const cipher = tokenCipherFromKey(randomBytes(32));
  const clock = fixedClock(NOW);
  const jobs = new RecordingJobQueue({ honourSingletonKeys: true });
  /** What every lifecycle use case may take. */
  const deps = {
    stores: repos.stores,
    storeUsers: repos.storeUsers,
    usedSignedRequests: repos.usedSignedRequests,
    settings: repos.settings,
    templates: repos.templates,
    storeSetup: ports.storeSetup,
    jobs,
    clock,
    appUrl: APP_URL,
    tokens: cipher,
  };

  /** A merchant's store on BigCommerce, the app not installed in it yet, and the token it would grant. */
  function aMerchantStore(timeZone: string | null = 'Europe/Rome') {
    const hash = uniqueStoreHash();
    const shop = bigcommerce.store(hash, { timeZone });
    return { hash, shop, accessToken: `token-of-${hash}`, scope: SCOPE };
  }

  /**
   * A store installed through authorizeInstall (owner OWNER). With its store down during the install,
   * its setup is left unfinished, as when BigCommerce did not answer.
   */
  async function installedStore(options: { readonly setupFails?: boolean } = {}): Promise<{
    hash: string;
    shop: InMemoryStore;
    accessToken: string;
    store: StoreRecord;
  }> {
    const merchant = aMerchantStore();
    const { authorization } = granting({
      storeHash: merchant.hash,
      accessToken: merchant.accessToken,
      scope: merchant.scope,
      user: OWNER,
      owner: OWNER,
    });
    if (options.setupFails) merchant.shop.goDown();
    await authorizeInstall(
      { ...deps, appAuthorization: authorization },
      { code: 'c', scope: merchant.scope, storeHash: merchant.hash },
    );
    merchant.shop.recover();
    merchant.shop.calls.length = 0;
    merchant.shop.writes.length = 0;
    const store = (await repos.stores.findStoreByHash(merchant.hash))!;
    return { ...merchant, store };
  }

  return { repos, bigcommerce, cipher, clock, jobs, deps, aMerchantStore, installedStore };
}
