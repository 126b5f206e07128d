import { BigCommerceError, isRecord } from './bigcommerce.errors.js';
import {
  type BigCommerceLimits,
  type BigCommerceLogger,
  createDispatcher,
  StoreLane,
  Transport,
  transportDeps,
} from './bigcommerce.transport.js';

export const DEFAULT_LOGIN_BASE_URL = 'https://login.bigcommerce.com';

export interface AuthCodeExchange {
  /** Default https://login.bigcommerce.com; the sandbox's login service in demo mode and tests. */
  readonly loginBaseUrl?: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** `code`, `scope` and `context` exactly as BigCommerce passed them to the auth callback. */
  readonly code: string;
  readonly scope: string;
  readonly context: string;
  /** The app's auth callback URL, as registered. */
  readonly redirectUri: string;
}

export interface OAuthUser {
  readonly id: number;
  readonly username?: string;
  readonly email: string;
}

/** Answer of POST /oauth2/token. */
export interface OAuthToken {
  readonly access_token: string;
  readonly scope: string;
  readonly user: OAuthUser;
  readonly owner?: OAuthUser;
  /** "stores/{store_hash}" */
  readonly context: string;
  readonly account_uuid?: string;
}

export interface OAuthSettings {
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
  readonly logger?: BigCommerceLogger;
  readonly limits?: Partial<BigCommerceLimits>;
}

/**
 * Trades the install callback's one-time code for the store's access token. Retrying is harmless: a code
 * BigCommerce already consumed is refused, which is what the caller would have seen anyway.
 */
export async function exchangeAuthCode(
  input: AuthCodeExchange,
  settings: OAuthSettings = {},
): Promise<OAuthToken> {
  const deps = transportDeps(settings);
  const dispatcher = createDispatcher();
  const lane = new StoreLane(deps, 'login', null);
  const baseUrl = (input.loginBaseUrl ?? DEFAULT_LOGIN_BASE_URL).replace(/\/+$/, '');
  const transport = new Transport(baseUrl, {}, dispatcher, lane, deps);
  try {
    const res = await transport.send<unknown>({
      method: 'POST',
      path: '/oauth2/token',
      body: {
        client_id: input.clientId,
        client_secret: input.clientSecret,
        code: input.code,
        context: input.context,
        scope: input.scope,
        grant_type: 'authorization_code',
        redirect_uri: input.redirectUri,
      },
    });
    const body = res.body;
    if (
      !isRecord(body) ||
      typeof body.access_token !== 'string' ||
      body.access_token === '' ||
      typeof body.context !== 'string' ||
      storeHashFromContext(body.context) === null
    ) {
      throw new BigCommerceError({
        code: 'BIGCOMMERCE.UNEXPECTED_RESPONSE',
        status: res.status,
        method: 'POST',
        path: '/oauth2/token',
        title: 'token response lacks access_token or a stores/{hash} context',
      });
    }
    return body as unknown as OAuthToken;
  } finally {
    await lane.close();
    await dispatcher.close();
  }
}

/** "stores/abc123" → "abc123"; null when the context is not a store context. */
export function storeHashFromContext(context: string): string | null {
  const match = /^stores\/([a-z0-9]+)$/i.exec(context);
  return match ? match[1]! : null;
}
