import { type Refusal, refuse } from '../../core/item.js';
import type { JobQueue } from '../ports/job-queue.js';
import type { SignedRequestResult, SignedRequests } from '../ports/signed-requests.js';
import type { StoreRepository } from '../ports/store-repository.js';
import type { StoreUserRepository } from '../ports/store-user-repository.js';
import type { UsedSignedRequests } from '../ports/used-signed-requests.js';
import {
  inventoryFeaturesStale,
  requestNativeBackordersCheck,
} from '../settings/detect-native-backorders.js';
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
 * the user is recorded (owner or not) as one of the store's users, whose sessions are honoured. When the
 * store's native backorders were last checked over an hour ago (or never), a check is queued: the
 * merchant may have joined or left the beta in the control panel since.
 */
export interface OpenAppDeps extends InstallStoreDeps {
  readonly signedRequests: Pick<SignedRequests, 'verify'>;
  readonly stores: Pick<
    StoreRepository,
    'findStoreByHash' | 'getStore' | 'updateProfile' | 'recordInventoryFeatures'
  >;
  readonly storeUsers: Pick<StoreUserRepository, 'upsertUser' | 'findRemoval'>;
  readonly usedSignedRequests: Pick<UsedSignedRequests, 'markUsed'>;
  readonly jobs: Pick<JobQueue, 'send'>;
  readonly reportError?: (error: unknown, context: string) => void;
}

export const OPEN_APP_REFUSALS = {
  /** The signed request was accepted before: a link to open the app works once. */
  requestUsed: 'AUTH.SIGNED_PAYLOAD_USED',
  /** BigCommerce removed the user after it signed this request, and has not let them in since. */
  userRemoved: 'AUTH.USER_REMOVED',
} as const;

export interface OpenAppInput {
  /** The platform's signed request, as received; undefined when there was none. */
  readonly signedRequest: string | undefined;
}

export type OpenAppResult =
  | ({ readonly ok: true } & AppAccess)
  | Exclude<SignedRequestResult, { readonly ok: true }>
  | Refusal<'STORE.NOT_INSTALLED'>
  | Refusal<(typeof OPEN_APP_REFUSALS)[keyof typeof OPEN_APP_REFUSALS]>
  | Exclude<SetUpStoreResult, { readonly ok: true }>;

export async function openApp(deps: OpenAppDeps, input: OpenAppInput): Promise<OpenAppResult> {
  const verified = await deps.signedRequests.verify(input.signedRequest);
  if (!verified.ok) return verified;
  const { request } = verified;
  let store = await deps.stores.findStoreByHash(request.storeHash);
  if (store === null || store.status !== 'installed') {
    return refuse('STORE.NOT_INSTALLED', `The app is not installed in store ${request.storeHash}.`);
  }
  // BigCommerce has no callback for giving a removed user access again: the owner grants it in the
  // control panel, and the user's next opening of the app is a /load that BigCommerce signs then
  // (docs/bigcommerce.md#app-lifecycle: a fresh signed_payload_jwt, its `iat` the time of signing,
  // for users who may open the app). So a request signed after the removal is BigCommerce's re-add,
  // and one signed before it (or in the same second) is a link the removal revoked.
  const removedAt = await deps.storeUsers.findRemoval(store.id, request.user.id);
  if (removedAt !== null && request.issuedAt.getTime() <= removedAt.getTime()) {
    return refuse(
      OPEN_APP_REFUSALS.userRemoved,
      'Your access to Backorder was removed in the control panel after this link was made.',
    );
  }
  // Each request once: BigCommerce signs a new one (a new jti) every time the app is opened.
  if (!(await deps.usedSignedRequests.markUsed(store.id, request.id, request.expiresAt, deps.clock.now()))) {
    return refuse(OPEN_APP_REFUSALS.requestUsed, 'This link to open Backorder was used already.');
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
  if (inventoryFeaturesStale(store, deps.clock.now())) await requestNativeBackordersCheck(deps, store.id);
  return appAccess(store, request.user, setup);
}
