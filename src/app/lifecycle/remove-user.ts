import type { SignedRequestResult, SignedRequests } from '../ports/signed-requests.js';
import type { StoreRepository } from '../ports/store-repository.js';
import type { StoreUserRepository } from '../ports/store-user-repository.js';

/**
 * The platform says a user lost access to the app (the remove-user callback, /remove_user): the signed
 * request is verified and the user's row among the store's users is deleted, which ends their admin
 * sessions at once, and the removal is remembered, so no link to open the app signed before it lets
 * them back in (openApp). Other users, the owner included, keep theirs.
 */
export interface RemoveUserDeps {
  readonly signedRequests: Pick<SignedRequests, 'verify'>;
  readonly stores: Pick<StoreRepository, 'findStoreByHash'>;
  readonly storeUsers: Pick<StoreUserRepository, 'removeUser'>;
}

export interface RemoveUserInput {
  /** The platform's signed request, as received; undefined when there was none. */
  readonly signedRequest: string | undefined;
}

export type RemoveUserResult =
  | {
      readonly ok: true;
      /** False when the store or the user was not known (nothing to remove). */
      readonly removed: boolean;
    }
  | Exclude<SignedRequestResult, { readonly ok: true }>;

export async function removeUser(deps: RemoveUserDeps, input: RemoveUserInput): Promise<RemoveUserResult> {
  const verified = await deps.signedRequests.verify(input.signedRequest);
  if (!verified.ok) return verified;
  const { request } = verified;
  const store = await deps.stores.findStoreByHash(request.storeHash);
  if (store === null) return { ok: true, removed: false };
  // Remembered by the request's own signing time (BigCommerce's clock, as every /load's `iat`), so
  // openApp can tell a link signed before the removal from one signed after a re-add.
  return { ok: true, removed: await deps.storeUsers.removeUser(store.id, request.user.id, request.issuedAt) };
}
