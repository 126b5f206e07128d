import { authorizeInstall } from '../../../../src/app/lifecycle/authorize-install.js';
import type { StoreSetup } from '../../../../src/app/ports/store-setup.js';
import { granting } from '../../../fakes/app-authorization.js';
import { recordingSealer as recordingSealerOf } from '../../../fakes/token-sealer.js';
import {
  CLIENT_ID,
  type LifecycleHarness,
  SCOPES,
  uniqueHash,
} from '../../../http/routes/lifecycle/support/lifecycle-harness.js';

/**
 * The lifecycle use cases' dependencies on a LifecycleHarness: its repositories (SQLite), its StoreSetup
 * (the sandbox) and its token cipher; the platform's login service and signed requests are the fakes of
 * test/fakes.
 */

export { granting, scriptedAuthorization } from '../../../fakes/app-authorization.js';
export { signedRequestsFor } from '../../../fakes/signed-requests.js';

/** The harness's cipher, recording what it was asked to seal. */
export const recordingSealer = (h: LifecycleHarness) => recordingSealerOf(h.cipher);

const down = async (): Promise<never> => {
  throw new Error('BigCommerce did not answer');
};

/** A store BigCommerce does not answer for. */
export const unreachableStoreSetup: StoreSetup = {
  getProfile: down,
  getInventoryFeatures: down,
  listWebhooks: down,
  createWebhook: down,
  updateWebhook: down,
  deleteWebhook: down,
  listScripts: down,
  createScript: down,
  updateScript: down,
  deleteScript: down,
};

/** What every lifecycle use case may take, on the harness. */
export function harnessDeps(h: LifecycleHarness) {
  return {
    stores: h.repos.stores,
    storeUsers: h.repos.storeUsers,
    usedSignedRequests: h.repos.usedSignedRequests,
    settings: h.repos.settings,
    templates: h.repos.templates,
    storeSetup: h.storeSetup,
    jobs: h.jobs,
    clock: { now: () => new Date() },
    appUrl: h.appUrl,
    tokens: h.cipher,
  };
}

/** A sandbox store and the access token BigCommerce would grant the app for it. */
export function sandboxStore(h: LifecycleHarness, timezone = 'Europe/Rome') {
  const hash = uniqueHash('u');
  h.createStore(hash, { timezone });
  const accessToken = h.sandbox.state.issueToken(hash, CLIENT_ID, SCOPES).token;
  return { hash, accessToken, scope: SCOPES.join(' ') };
}

export const OWNER = { id: 1001, email: 'owner@example.com' } as const;
export const STAFF = { id: 2002, email: 'staff@example.com' } as const;

/**
 * A store installed through authorizeInstall (owner OWNER). With an unreachable StoreSetup its setup is
 * left unfinished, as when BigCommerce did not answer during the install.
 */
export async function installedStore(
  h: LifecycleHarness,
  options: { readonly storeSetup?: StoreSetup } = {},
) {
  const sandbox = sandboxStore(h);
  const { authorization } = granting({
    storeHash: sandbox.hash,
    accessToken: sandbox.accessToken,
    scope: sandbox.scope,
    user: OWNER,
    owner: OWNER,
  });
  await authorizeInstall(
    { ...harnessDeps(h), appAuthorization: authorization, ...options },
    { code: 'c', scope: sandbox.scope, storeHash: sandbox.hash },
  );
  const store = (await h.repos.stores.findStoreByHash(sandbox.hash))!;
  return { ...sandbox, store };
}
