import { errors as joseErrors, jwtVerify } from 'jose';
import { z } from 'zod';
import type { Clock } from '../../app/ports/clock.js';
import {
  INVALID_SIGNED_REQUEST,
  type SignedRequestResult,
  type SignedRequests,
} from '../../app/ports/signed-requests.js';
import { refuse } from '../../core/item.js';

/**
 * SignedRequests for BigCommerce's `signed_payload_jwt` on /load, /uninstall and /remove_user
 * (docs/bigcommerce.md#app-lifecycle): HS256 with the app's client secret, `aud` = client id,
 * `iss` = "bc", `sub` = "stores/{hash}", `exp`/`nbf`/`iat` required (a small leeway for clock
 * difference), `jti` (each request's id, so a use case can accept it once), and the acting user and
 * the store owner.
 */
export interface SignedRequestsOptions {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly clock: Clock;
  /** Default 60 s. */
  readonly leewaySeconds?: number;
}

const person = z.object({ id: z.number().int().nonnegative(), email: z.string().max(320) });

const claimsSchema = z.object({
  jti: z.string().min(1).max(200),
  iat: z.number().int().nonnegative(),
  exp: z.number().int().nonnegative(),
  sub: z.string().regex(/^stores\/[a-z0-9]{1,64}$/i),
  user: person.extend({ locale: z.string().max(35).optional() }),
  owner: person,
  url: z.string().max(2048).optional(),
  channel_id: z.number().int().nullable().optional(),
});

export function createSignedRequests(options: SignedRequestsOptions): SignedRequests {
  const key = new TextEncoder().encode(options.clientSecret);
  return {
    async verify(jwt) {
      return verifySignedPayload(jwt, key, options);
    },
  };
}

async function verifySignedPayload(
  jwt: string | undefined,
  key: Uint8Array,
  options: SignedRequestsOptions,
): Promise<SignedRequestResult> {
  if (typeof jwt !== 'string' || jwt === '' || jwt.length > 8192) {
    return refuse(INVALID_SIGNED_REQUEST, 'signed_payload_jwt is missing.');
  }
  try {
    const { payload } = await jwtVerify(jwt, key, {
      algorithms: ['HS256'],
      audience: options.clientId,
      issuer: 'bc',
      currentDate: options.clock.now(),
      clockTolerance: options.leewaySeconds ?? 60,
      requiredClaims: ['exp', 'nbf', 'iat', 'sub', 'jti'],
    });
    const claims = claimsSchema.safeParse(payload);
    if (!claims.success)
      return refuse(INVALID_SIGNED_REQUEST, 'signed_payload_jwt lacks the expected claims.');
    const c = claims.data;
    return {
      ok: true,
      request: {
        id: c.jti,
        issuedAt: new Date(c.iat * 1000),
        expiresAt: new Date(c.exp * 1000),
        storeHash: c.sub.slice('stores/'.length),
        user: { id: c.user.id, email: c.user.email },
        owner: { id: c.owner.id, email: c.owner.email },
      },
    };
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) {
      return refuse(INVALID_SIGNED_REQUEST, 'signed_payload_jwt has expired.');
    }
    if (error instanceof joseErrors.JOSEError) {
      return refuse(INVALID_SIGNED_REQUEST, 'signed_payload_jwt is not valid for this app.');
    }
    throw error;
  }
}
