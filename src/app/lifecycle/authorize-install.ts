import { type Refusal, refuse } from '../../core/item.js';
import type { AppAuthorization, InstallCodeResult } from '../ports/app-authorization.js';
import type { StoreRepository } from '../ports/store-repository.js';
import type { StoreUserRepository } from '../ports/store-user-repository.js';
import type { TokenSealer } from '../ports/token-sealer.js';
import { NOTIFY_EVENTS } from '../settings/notify-events.js';
import { type AppAccess, appAccess } from './app-access.js';
import { type InstallStoreDeps, type SetUpStoreResult, setUpStore } from './install-store.js';

/**
 * A merchant installs the app (the install callback, /auth): the one-time code is traded for the store's
 * access (AppAuthorization), the store is recorded with its token sealed, its scope and, on a first
 * install, settings that notify the owner; the owner and the installing user are recorded as the
 * store's users; then the store is set up (installStore).
 *
 * Nothing half-written: a refused code, an unavailable login service or a grant for another store
 * writes nothing. Once the grant is in, the store row is written in one transaction with its settings;
 * a setup that then fails (INSTALL.SETUP_FAILED) leaves a recorded store whose setup the next install
 * or /load finishes. The access token is sealed before it is stored and never returned.
 */
export interface AuthorizeInstallDeps extends InstallStoreDeps {
  readonly appAuthorization: Pick<AppAuthorization, 'exchangeInstallCode'>;
  readonly tokens: Pick<TokenSealer, 'seal'>;
  readonly stores: Pick<
    StoreRepository,
    'install' | 'getStore' | 'updateProfile' | 'recordInventoryFeatures'
  >;
  readonly storeUsers: Pick<StoreUserRepository, 'upsertUser'>;
}

/** The install callback's code and scope, and the store it names. */
export interface AuthorizeInstallInput {
  readonly code: string;
  readonly scope: string;
  readonly storeHash: string;
}

export type AuthorizeInstallResult =
  | ({ readonly ok: true } & AppAccess)
  | Exclude<InstallCodeResult, { readonly ok: true }>
  | Refusal<'INSTALL.CONTEXT_MISMATCH'>
  | Exclude<SetUpStoreResult, { readonly ok: true }>;

export async function authorizeInstall(
  deps: AuthorizeInstallDeps,
  input: AuthorizeInstallInput,
): Promise<AuthorizeInstallResult> {
  const exchanged = await deps.appAuthorization.exchangeInstallCode(input);
  if (!exchanged.ok) return exchanged;
  const { grant } = exchanged;
  if (grant.storeHash !== input.storeHash) {
    return refuse(
      'INSTALL.CONTEXT_MISMATCH',
      `Access was granted to store ${grant.storeHash}, not to ${input.storeHash}, the store installing.`,
    );
  }

  const now = deps.clock.now();
  const owner = grant.owner ?? grant.user;
  const store = await deps.stores.install({
    storeHash: grant.storeHash,
    accessTokenEncrypted: deps.tokens.seal(grant.accessToken, grant.storeHash),
    scope: grant.scope,
    // A merchant expects to be told when products switch without configuring anything first.
    initialSettings: { notificationEmails: [owner.email], notifyEvents: NOTIFY_EVENTS },
    now,
  });
  await deps.storeUsers.upsertUser(store.id, { bcUserId: owner.id, email: owner.email, isOwner: true }, now);
  if (grant.user.id !== owner.id) {
    await deps.storeUsers.upsertUser(
      store.id,
      { bcUserId: grant.user.id, email: grant.user.email, isOwner: false },
      now,
    );
  }

  const setup = await setUpStore(deps, store);
  if (!setup.ok) return setup;
  return appAccess(setup.store, grant.user, setup.report);
}
