import type { Refusal } from '../../core/item.js';
import type { ControlPanelUser } from './app-authorization.js';

/**
 * Requests the platform signs for the app with the app's secret: opening the app in the control panel,
 * the uninstall and the removal of a user. `verify` checks one (signature, audience, issuer, times, with
 * a little leeway for clock difference) and reads it in the app's terms. Anything else is refused with
 * `AUTH.INVALID_SIGNED_PAYLOAD` and a message saying why (missing, expired, not for this app, lacking
 * what it must name). Nothing here throws for a bad request.
 */
export interface SignedRequests {
  /** `signed` is undefined when the request carried none. */
  verify(signed: string | undefined): Promise<SignedRequestResult>;
}

export const INVALID_SIGNED_REQUEST = 'AUTH.INVALID_SIGNED_PAYLOAD';

export interface SignedRequest {
  /** The request's own id (the JWT's `jti`): BigCommerce signs each request afresh. */
  readonly id: string;
  /** When BigCommerce signed it (`iat`, to the second). */
  readonly issuedAt: Date;
  /** When it stops being valid (`exp`): it need not be remembered after. */
  readonly expiresAt: Date;
  readonly storeHash: string;
  /** Who acts: opens the app, or is the user removed. */
  readonly user: ControlPanelUser;
  readonly owner: ControlPanelUser;
}

export type SignedRequestResult =
  | { readonly ok: true; readonly request: SignedRequest }
  | Refusal<typeof INVALID_SIGNED_REQUEST>;
