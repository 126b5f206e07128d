import { errors as joseErrors, jwtVerify } from 'jose';
import { z } from 'zod';
import { type Refusal, refuse } from '../../../core/item.js';

/**
 * BigCommerce's `signed_payload_jwt` on /load, /uninstall and /remove_user: HS256 with the app's client
 * secret, `aud` = client id, `iss` = "bc", `sub` = "stores/{hash}", `exp`/`nbf` (a small leeway for clock
 * difference), and the acting user and store owner.
 */
export interface SignedPayload {
  readonly storeHash: string;
  readonly user: { readonly id: number; readonly email: string; readonly locale?: string };
  readonly owner: { readonly id: number; readonly email: string };
  /** Deep link inside the app, e.g. "/". */
  readonly url: string;
  readonly channelId: number | null;
}

export const INVALID_SIGNED_PAYLOAD = 'AUTH.INVALID_SIGNED_PAYLOAD';

export type SignedPayloadResult =
  | { readonly ok: true; readonly payload: SignedPayload }
  | Refusal<typeof INVALID_SIGNED_PAYLOAD>;

const person = z.object({ id: z.number().int().nonnegative(), email: z.string().max(320) });

const claimsSchema = z.object({
  sub: z.string().regex(/^stores\/[a-z0-9]{1,64}$/i),
  user: person.extend({ locale: z.string().max(35).optional() }),
  owner: person,
  url: z.string().max(2048).optional(),
  channel_id: z.number().int().nullable().optional(),
});

export interface SignedPayloadVerifier {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly now: () => Date;
  /** Default 60 s. */
  readonly leewaySeconds?: number;
}

export async function verifySignedPayload(
  jwt: unknown,
  verifier: SignedPayloadVerifier,
): Promise<SignedPayloadResult> {
  if (typeof jwt !== 'string' || jwt === '' || jwt.length > 8192) {
    return refuse(INVALID_SIGNED_PAYLOAD, 'signed_payload_jwt is missing.');
  }
  try {
    const { payload } = await jwtVerify(jwt, new TextEncoder().encode(verifier.clientSecret), {
      algorithms: ['HS256'],
      audience: verifier.clientId,
      issuer: 'bc',
      currentDate: verifier.now(),
      clockTolerance: verifier.leewaySeconds ?? 60,
      requiredClaims: ['exp', 'nbf', 'iat', 'sub'],
    });
    const claims = claimsSchema.safeParse(payload);
    if (!claims.success)
      return refuse(INVALID_SIGNED_PAYLOAD, 'signed_payload_jwt lacks the expected claims.');
    const c = claims.data;
    return {
      ok: true,
      payload: {
        storeHash: c.sub.slice('stores/'.length),
        user: c.user,
        owner: c.owner,
        url: c.url ?? '/',
        channelId: c.channel_id ?? null,
      },
    };
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) {
      return refuse(INVALID_SIGNED_PAYLOAD, 'signed_payload_jwt has expired.');
    }
    if (error instanceof joseErrors.JOSEError) {
      return refuse(INVALID_SIGNED_PAYLOAD, 'signed_payload_jwt is not valid for this app.');
    }
    throw error;
  }
}
