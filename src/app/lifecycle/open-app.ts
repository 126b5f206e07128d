import { type Refusal, refuse } from '../../core/item.js';
import type { SignedRequestResult, SignedRequests } from '../ports/signed-requests.js';
import type { StoreRepository } from '../ports/store-repository.js';
import type { StoreUserRepository } from '../ports/store-user-repository.js';
import { type AppAccess, appAccess } from './app-access.js';
import {
  type InstallReport,
  type InstallStoreDeps,
  type SetUpStoreResult,
  setUpStore,
  setupIsComplete,
} from './install-store.js';

/**
 * A user opens the app in the control panel (the load callback, /load): the platform's signed request
 * is verified, the store must be installed, a setup a previous install left unfinished is finished, and
 * the user is recorded (owner or not) as one of the store's users, whose sessions are honoured.
 */
export interface OpenAppDeps extends InstallStoreDeps {
  readonly signedRequests: Pick<SignedRequests, 'verify'>;
  readonly stores: Pick<StoreRepository, 'findStoreByHash' | 'getStore' | 'updateProfile'>;
  readonly storeUsers: Pick<StoreUserRepository, 'upsertUser'>;
}

export interface OpenAppInput {
  /** The platform's signed request, as received; undefined when there was none. */
  readonly signedRequest: string | undefined;
}

export type OpenAppResult =
  | ({ readonly ok: true } & AppAccess)
  | Exclude<SignedRequestResult, { readonly ok: true }>
  | Refusal<'STORE.NOT_INSTALLED'>
  | Exclude<SetUpStoreResult, { readonly ok: true }>;

export async function openApp(deps: OpenAppDeps, input: OpenAppInput): Promise<OpenAppResult> {
  const verified = await deps.signedRequests.verify(input.signedRequest);
  if (!verified.ok) return verified;
  const { request } = verified;
  let store = await deps.stores.findStoreByHash(request.storeHash);
  if (store === null || store.status !== 'installed') {
    return refuse('STORE.NOT_INSTALLED', `The app is not installed in store ${request.storeHash}.`);
  }
  let setup: InstallReport | null = null;
  if (!setupIsComplete(store)) {
    // A previous install stopped half-way (BigCommerce unreachable): finish it now.
    const finished = await setUpStore(deps, store);
    if (!finished.ok) return finished;
    store = finished.store;
    setup = finished.report;
  }
  await deps.storeUsers.upsertUser(
    store.id,
    { bcUserId: request.user.id, email: request.user.email, isOwner: request.user.id === request.owner.id },
    deps.clock.now(),
  );
  return appAccess(store, request.user, setup);
}
