import type { Refusal } from '../../core/item.js';

/**
 * The platform's grant when a merchant installs the app: the install callback's one-time code, traded
 * with the platform's login service for the store's access token, the scope granted and who installed.
 * The adapter holds the app's client credentials; the app sees neither them nor the wire format.
 *
 * A code the login service refuses (bad, used or expired) is `INSTALL.CODE_REFUSED`; a login service
 * that does not answer as expected is `INSTALL.LOGIN_UNAVAILABLE`. Either way nothing was granted and
 * the merchant starts the install again. `reason` says what happened, for the log; it holds no secret.
 */
export interface AppAuthorization {
  exchangeInstallCode(request: InstallCodeRequest): Promise<InstallCodeResult>;
}

/** The install callback's code and scope, exactly as it passed them, and the store it named. */
export interface InstallCodeRequest {
  readonly code: string;
  readonly scope: string;
  readonly storeHash: string;
}

/** A control-panel user of a store, as the platform identifies them. */
export interface ControlPanelUser {
  readonly id: number;
  readonly email: string;
}

export interface StoreGrant {
  /** The store access was granted for: the caller checks it is the one that asked. */
  readonly storeHash: string;
  /** In clear: seal it (TokenSealer) before storing it; never log it or hand it out. */
  readonly accessToken: string;
  /** The scopes granted, space-separated. */
  readonly scope: string;
  /** Who installed. */
  readonly user: ControlPanelUser;
  /** The store's owner; null when the platform does not name one (then the user is the owner). */
  readonly owner: ControlPanelUser | null;
}

export type InstallCodeRefusalCode = 'INSTALL.CODE_REFUSED' | 'INSTALL.LOGIN_UNAVAILABLE';

export type InstallCodeResult =
  | { readonly ok: true; readonly grant: StoreGrant }
  | (Refusal<InstallCodeRefusalCode> & { readonly reason: string });
