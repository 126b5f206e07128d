import type { SignedRequestResult, SignedRequests } from '../ports/signed-requests.js';
import type { StoreId } from '../ports/store-id.js';
import type { StoreRepository } from '../ports/store-repository.js';
import { type UninstallReport, type UninstallStoreDeps, uninstallStore } from './uninstall-store.js';

/**
 * The platform says a merchant uninstalled the app (the uninstall callback, /uninstall): the signed
 * request is verified and the store it names is uninstalled (uninstallStore: credentials wiped, business
 * data kept). A store the app never knew needs nothing; a repeat changes nothing.
 */
export interface UninstallAppDeps extends UninstallStoreDeps {
  readonly signedRequests: Pick<SignedRequests, 'verify'>;
  readonly stores: Pick<
    StoreRepository,
    'findStoreByHash' | 'getStore' | 'markUninstalled' | 'updateProfile'
  >;
}

export interface UninstallAppInput {
  /** The platform's signed request, as received; undefined when there was none. */
  readonly signedRequest: string | undefined;
}

export type UninstallAppResult =
  | {
      readonly ok: true;
      /** Null when the app never knew the store. */
      readonly uninstalled: { readonly storeId: StoreId; readonly report: UninstallReport } | null;
    }
  | Exclude<SignedRequestResult, { readonly ok: true }>;

export async function uninstallApp(
  deps: UninstallAppDeps,
  input: UninstallAppInput,
): Promise<UninstallAppResult> {
  const verified = await deps.signedRequests.verify(input.signedRequest);
  if (!verified.ok) return verified;
  const store = await deps.stores.findStoreByHash(verified.request.storeHash);
  if (store === null) return { ok: true, uninstalled: null };
  const result = await uninstallStore(deps, { storeId: store.id });
  // STORE.NOT_FOUND: the store row went away meanwhile (an operator purged it); nothing left to do.
  if (!result.ok) return { ok: true, uninstalled: null };
  return { ok: true, uninstalled: { storeId: store.id, report: result.report } };
}
