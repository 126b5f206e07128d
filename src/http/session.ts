import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import type { Clock } from '../app/ports/clock.js';
import type { StoreId } from '../app/ports/store-id.js';
import { asStoreId } from '../app/ports/store-id.js';
import type { StoreRepository } from '../app/ports/store-repository.js';
import type { StoreUserRepository } from '../app/ports/store-user-repository.js';
import { type Refusal, refuse } from '../core/item.js';

/**
 * Cookieless admin sessions (BigCommerce's guidance for apps framed in the control panel): after /auth or
 * /load the app hands the page a short-lived token it signed itself (HS256, SESSION_SECRET); the page
 * sends it as `Authorization: Bearer <token>` on every API call. No cookie, nothing in URLs.
 *
 * A token names one store and one user. Verification also checks, on every request, that the store is
 * still installed under that hash and the user still has access (remove_user, uninstall), so revocation
 * does not wait for the token to expire.
 */

export const SESSION_AUDIENCE = 'backorder-admin';
export const SESSION_ISSUER = 'backorder';
export const SESSION_TTL_SECONDS = 60 * 60;
export const INVALID_SESSION = 'AUTH.INVALID_SESSION';

export interface AdminSession {
  readonly storeId: StoreId;
  readonly storeHash: string;
  readonly userId: number;
  readonly userEmail: string;
  readonly expiresAt: Date;
}

export type SessionSubject = Omit<AdminSession, 'expiresAt'>;

export type SessionResult =
  | { readonly ok: true; readonly session: AdminSession }
  | Refusal<typeof INVALID_SESSION>;

export interface SessionTokens {
  issue(subject: SessionSubject): Promise<{ readonly token: string; readonly expiresAt: Date }>;
  /** Checks signature, audience, issuer and expiry only (no database). */
  verify(token: string): Promise<SessionResult>;
}

const claimsSchema = z.object({
  store_id: z.number().int().positive().transform(asStoreId),
  store_hash: z.string().regex(/^[a-z0-9]{1,64}$/i),
  user_id: z.number().int().nonnegative(),
  user_email: z.string().max(320),
  exp: z.number().int(),
});

export function createSessionTokens(options: {
  readonly secret: string;
  readonly clock: Clock;
  readonly ttlSeconds?: number;
  /** Seconds of clock difference tolerated on exp/iat (several app instances). */
  readonly leewaySeconds?: number;
}): SessionTokens {
  if (options.secret.length < 32) throw new TypeError('the session secret must be at least 32 characters');
  const key = new TextEncoder().encode(options.secret);
  const ttl = options.ttlSeconds ?? SESSION_TTL_SECONDS;
  const leeway = options.leewaySeconds ?? 5;

  return {
    async issue(subject) {
      const nowSeconds = Math.floor(options.clock.now().getTime() / 1000);
      const exp = nowSeconds + ttl;
      const token = await new SignJWT({
        store_id: subject.storeId,
        store_hash: subject.storeHash,
        user_id: subject.userId,
        user_email: subject.userEmail,
      })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setIssuer(SESSION_ISSUER)
        .setAudience(SESSION_AUDIENCE)
        .setIssuedAt(nowSeconds)
        .setExpirationTime(exp)
        .sign(key);
      return { token, expiresAt: new Date(exp * 1000) };
    },

    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, key, {
          algorithms: ['HS256'],
          audience: SESSION_AUDIENCE,
          issuer: SESSION_ISSUER,
          currentDate: options.clock.now(),
          clockTolerance: leeway,
          requiredClaims: ['exp', 'iat'],
        });
        const claims = claimsSchema.safeParse(payload);
        if (!claims.success) return invalid('The session token lacks the expected claims.');
        const c = claims.data;
        return {
          ok: true,
          session: {
            storeId: c.store_id,
            storeHash: c.store_hash,
            userId: c.user_id,
            userEmail: c.user_email,
            expiresAt: new Date(c.exp * 1000),
          },
        };
      } catch (error) {
        if (error instanceof joseErrors.JWTExpired)
          return invalid('The session has expired; open the app again.');
        if (error instanceof joseErrors.JOSEError) return invalid('The session token is not valid.');
        throw error;
      }
    },
  };
}

function invalid(message: string): Refusal<typeof INVALID_SESSION> {
  return refuse(INVALID_SESSION, message);
}

export interface SessionGuardDeps {
  readonly sessions: SessionTokens;
  readonly stores: Pick<StoreRepository, 'getStore'>;
  readonly storeUsers: Pick<StoreUserRepository, 'findUser'>;
}

/** Verifies an `Authorization` header value and that the session still stands (store installed, user listed). */
export async function authenticateAdmin(
  deps: SessionGuardDeps,
  authorization: string | undefined,
): Promise<SessionResult> {
  const match = /^Bearer ([A-Za-z0-9_\-.]{1,4096})$/.exec(authorization?.trim() ?? '');
  if (!match) return invalid('Send the session token as Authorization: Bearer <token>.');
  const verified = await deps.sessions.verify(match[1]!);
  if (!verified.ok) return verified;
  const { session } = verified;
  const store = await deps.stores.getStore(session.storeId);
  if (store === null || store.status !== 'installed' || store.storeHash !== session.storeHash) {
    return invalid('The store of this session is not installed any more.');
  }
  if ((await deps.storeUsers.findUser(session.storeId, session.userId)) === null) {
    return invalid('This user no longer has access to the app.');
  }
  return verified;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by `requireAdminSession` on the routes it guards. */
    adminSession?: AdminSession;
  }
}

/**
 * A Fastify preHandler: lets the request through with `request.adminSession` set, or answers
 * 401 {error: {code: 'AUTH.INVALID_SESSION', message}}.
 */
export function requireAdminSession(deps: SessionGuardDeps): preHandlerAsyncHookHandler {
  return async function adminSessionGuard(request: FastifyRequest, reply: FastifyReply) {
    const result = await authenticateAdmin(deps, request.headers.authorization);
    if (!result.ok) {
      return reply
        .code(401)
        .header('www-authenticate', 'Bearer realm="backorder-admin"')
        .header('cache-control', 'no-store')
        .send({ error: { code: result.code, message: result.message } });
    }
    request.adminSession = result.session;
  };
}

/** The session a guarded handler runs under; throws when the route forgot the guard (a bug). */
export function adminSessionOf(request: FastifyRequest): AdminSession {
  if (request.adminSession === undefined) {
    throw new Error(`route ${request.routeOptions.url} is not guarded by requireAdminSession`);
  }
  return request.adminSession;
}
