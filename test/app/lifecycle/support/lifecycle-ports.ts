import { authorizeInstall } from '../../../../src/app/lifecycle/authorize-install.js';
import type {
  AppAuthorization,
  InstallCodeRequest,
  InstallCodeResult,
  StoreGrant,
} from '../../../../src/app/ports/app-authorization.js';
import {
  INVALID_SIGNED_REQUEST,
  type SignedRequest,
  type SignedRequests,
} from '../../../../src/app/ports/signed-requests.js';
import type { StoreSetup } from '../../../../src/app/ports/store-setup.js';
import type { TokenSealer } from '../../../../src/app/ports/token-sealer.js';
import { refuse } from '../../../../src/core/item.js';
import {
  CLIENT_ID,
  type LifecycleHarness,
  SCOPES,
  uniqueHash,
} from '../../../http/routes/lifecycle/support/lifecycle-harness.js';

/**
 * In-test stand-ins for the lifecycle's platform ports (the login service and the signed requests), and
 * the lifecycle use cases' dependencies on a LifecycleHarness: its repositories (SQLite), its StoreSetup
 * (the sandbox) and its token cipher.
 */

/** An AppAuthorization that answers what the test says, and records what it was asked. */
export function scriptedAuthorization(answer: (request: InstallCodeRequest) => InstallCodeResult) {
  const requests: InstallCodeRequest[] = [];
  const authorization: AppAuthorization = {
    async exchangeInstallCode(request) {
      requests.push(request);
      return answer(request);
    },
  };
  return { authorization, requests };
}

export const granting = (grant: StoreGrant) => scriptedAuthorization(() => ({ ok: true, grant }));

/** SignedRequests that accept exactly the given tokens, each standing for its request. */
export function signedRequestsFor(requests: Readonly<Record<string, SignedRequest>>): SignedRequests {
  return {
    async verify(signed) {
      const request = signed === undefined ? undefined : requests[signed];
      return request
        ? { ok: true, request }
        : refuse(INVALID_SIGNED_REQUEST, 'signed_payload_jwt is not valid for this app.');
    },
  };
}

/** The harness's cipher, recording what it was asked to seal. */
export function recordingSealer(h: LifecycleHarness) {
  const sealed: { accessToken: string; storeHash: string; value: string }[] = [];
  const tokens: TokenSealer = {
    seal(accessToken, storeHash) {
      const value = h.cipher.seal(accessToken, storeHash);
      sealed.push({ accessToken, storeHash, value });
      return value;
    },
    open: (value, storeHash) => h.cipher.open(value, storeHash),
  };
  return { tokens, sealed };
}

const down = async (): Promise<never> => {
  throw new Error('BigCommerce did not answer');
};

/** A store BigCommerce does not answer for. */
export const unreachableStoreSetup: StoreSetup = {
  getProfile: down,
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
    settings: h.repos.settings,
    templates: h.repos.templates,
    storeSetup: h.storeSetup,
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
