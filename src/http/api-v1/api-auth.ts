import type { FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import { AUTH_REFUSALS, authenticateApiKey } from '../../app/api-keys/authenticate-api-key.js';
import type { ApiKeysDeps } from '../../app/api-keys/create-api-key.js';
import { type Refusal, refuse } from '../../core/item.js';
import { authenticateAdmin, type SessionGuardDeps } from '../session.js';
import { API_ERROR_CODES, sendError } from './api-errors.js';
import type { RouteAuth } from './operation.js';
import type { Principal } from './principal.js';

export type { Principal } from './principal.js';

export interface ApiAuthDeps extends ApiKeysDeps {
  /** Admin session tokens (src/http/session.ts). */
  readonly session: SessionGuardDeps;
}

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;
/** An admin session token is a JWT (three base64url parts); a generated API key has no dot. */
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/**
 * `Authorization: Bearer <API key>` (looked up by its hash) or `Bearer <admin session token>`.
 * Missing credentials are AUTH.MISSING_KEY; an unknown key AUTH.INVALID_KEY; a revoked one
 * AUTH.REVOKED_KEY; a session token that does not verify AUTH.INVALID_SESSION.
 */
export async function authenticate(
  deps: ApiAuthDeps,
  authorization: string | undefined,
): Promise<{ readonly ok: true; readonly principal: Principal } | Refusal> {
  if (authorization === undefined || authorization.trim() === '') {
    return refuse(AUTH_REFUSALS.missingKey, 'Send an API key as Authorization: Bearer <key>.');
  }
  const token = BEARER.exec(authorization)?.[1];
  if (token === undefined) {
    return refuse(AUTH_REFUSALS.invalidKey, 'Send the API key as Authorization: Bearer <key>.');
  }
  let sessionRefusal: Refusal | null = null;
  if (JWT_SHAPE.test(token)) {
    const verified = await authenticateAdmin(deps.session, `Bearer ${token}`);
    if (verified.ok) {
      const { session } = verified;
      return {
        ok: true,
        principal: {
          kind: 'session',
          storeId: session.storeId,
          userId: session.userId,
          actor: `admin:${session.userEmail || `user-${session.userId}`}`,
        },
      };
    }
    sessionRefusal = verified;
  }
  const key = await authenticateApiKey(deps, { key: token });
  if (!key.ok) {
    // A token shaped like a session token that is no key either: say why the session failed.
    return sessionRefusal !== null && key.code === AUTH_REFUSALS.invalidKey ? sessionRefusal : key;
  }
  return {
    ok: true,
    principal: { kind: 'api_key', storeId: key.storeId, keyId: key.keyId, actor: `api-key:${key.prefix}` },
  };
}

/** The guard each non-public route runs first (before its body is even read). */
export function createRouteAuth(deps: ApiAuthDeps): RouteAuth {
  const principals = new WeakMap<FastifyRequest, Principal>();
  return {
    guard(access): onRequestAsyncHookHandler {
      return async (request, reply) => {
        const result = await authenticate(deps, request.headers.authorization);
        if (!result.ok) {
          reply.header('cache-control', 'no-store');
          return sendError(reply, { code: result.code, message: result.message });
        }
        if (access === 'session' && result.principal.kind !== 'session') {
          return sendError(reply, {
            code: API_ERROR_CODES.sessionRequired,
            message: 'Only a merchant in the app’s admin screens can do this, not an API key.',
          });
        }
        principals.set(request, result.principal);
      };
    },
    principalOf: (request) => principals.get(request),
  };
}
