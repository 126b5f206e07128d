import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import type { SandboxApp } from './app-registry.js';

/**
 * The `signed_payload_jwt` BigCommerce sends to an app's load, uninstall and remove_user callbacks:
 * HS256 with the app's client secret, claims as documented (auth.mdx / callbacks.mdx).
 */
export interface SignedPayloadUser {
  readonly id: number;
  readonly email: string;
  readonly locale?: string;
}

export interface SignedPayloadInput {
  readonly storeHash: string;
  readonly user: SignedPayloadUser;
  readonly owner: { readonly id: number; readonly email: string };
  /** Deep link inside the app; "/" when opened from the Apps menu. */
  readonly url?: string;
  readonly channelId?: number | null;
}

const DAY_SECONDS = 24 * 60 * 60;

export async function signPayloadJwt(app: SandboxApp, input: SignedPayloadInput, now: Date): Promise<string> {
  const iat = Math.floor(now.getTime() / 1000);
  return new SignJWT({
    sub: `stores/${input.storeHash}`,
    user: { id: input.user.id, email: input.user.email, locale: input.user.locale ?? 'en-US' },
    owner: { id: input.owner.id, email: input.owner.email },
    url: input.url ?? '/',
    channel_id: input.channelId ?? null,
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setAudience(app.clientId)
    .setIssuer('bc')
    .setIssuedAt(iat)
    .setNotBefore(iat)
    .setExpirationTime(iat + DAY_SECONDS)
    .setJti(randomUUID())
    .sign(new TextEncoder().encode(app.clientSecret));
}
