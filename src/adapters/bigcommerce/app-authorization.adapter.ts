import type { AppAuthorization, ControlPanelUser } from '../../app/ports/app-authorization.js';
import { refuse } from '../../core/item.js';
import { isBigCommerceError } from './bigcommerce.errors.js';
import {
  type AuthCodeExchange,
  exchangeAuthCode,
  type OAuthToken,
  type OAuthUser,
  storeHashFromContext,
} from './bigcommerce.oauth.js';

/**
 * AppAuthorization through BigCommerce's login service (docs/bigcommerce.md#app-lifecycle): the install
 * code is posted to `/oauth2/token` with the app's client id and secret and the registered redirect URI;
 * the answer `{access_token, scope, user, owner, context}` becomes the app's StoreGrant.
 */
export interface AppAuthorizationOptions {
  readonly clientId: string;
  readonly clientSecret: string;
  /** BigCommerce's login service (config.bigcommerce.loginUrl; the sandbox in demo mode). */
  readonly loginUrl: string;
  /** The app's auth callback URL, as registered: `{APP_URL}/auth`. */
  readonly redirectUri: string;
  /** Defaults to the client's exchangeAuthCode. */
  readonly exchange?: (input: AuthCodeExchange) => Promise<OAuthToken>;
}

/** What the login service answers to a bad, used or expired code; anything else is an outage. */
const CODE_REFUSED_STATUSES: readonly number[] = [400, 401, 403, 404, 422];

export function createAppAuthorization(options: AppAuthorizationOptions): AppAuthorization {
  const exchange = options.exchange ?? exchangeAuthCode;
  return {
    async exchangeInstallCode({ code, scope, storeHash }) {
      let token: OAuthToken;
      try {
        token = await exchange({
          loginBaseUrl: options.loginUrl,
          clientId: options.clientId,
          clientSecret: options.clientSecret,
          code,
          scope,
          context: `stores/${storeHash}`,
          redirectUri: options.redirectUri,
        });
      } catch (error) {
        if (!isBigCommerceError(error)) throw error;
        // The error names the request path, never the code or the client secret.
        const reason = `${error.code} (HTTP ${error.status ?? 'no answer'})`;
        return error.status !== null && CODE_REFUSED_STATUSES.includes(error.status)
          ? { ...refuse('INSTALL.CODE_REFUSED', 'The login service refused the install code.'), reason }
          : {
              ...refuse('INSTALL.LOGIN_UNAVAILABLE', 'The login service did not answer as expected.'),
              reason,
            };
      }
      const granted = storeHashFromContext(token.context);
      // exchangeAuthCode already refuses an answer without a stores/{hash} context.
      if (granted === null) throw new Error('the login service granted access to no store');
      return {
        ok: true,
        grant: {
          storeHash: granted,
          accessToken: token.access_token,
          scope: token.scope,
          user: userOf(token.user),
          owner: token.owner ? userOf(token.owner) : null,
        },
      };
    },
  };
}

function userOf(user: OAuthUser): ControlPanelUser {
  return { id: user.id, email: user.email };
}
