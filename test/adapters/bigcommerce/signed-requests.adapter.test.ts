import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { createSignedRequests } from '../../../src/adapters/bigcommerce/index.js';
import { signPayloadJwt } from '../../../src/sandbox/control-panel/index.js';
import { fixedClock } from '../../fakes/clock.js';

const APP = { clientId: 'backorder-test', clientSecret: 'signed-requests-secret-0123456789' };
const NOW = new Date('2026-03-01T12:00:00Z');
const CLAIMS = {
  storeHash: 'abc123',
  user: { id: 7, email: 'staff@example.com' },
  owner: { id: 1, email: 'owner@example.com' },
};
const verifier = createSignedRequests({ ...APP, clock: fixedClock(NOW) });
// The sandbox signs as BigCommerce does; its app record needs only the id and the secret here.
const sign = (app: typeof APP, at: Date, claims = CLAIMS) =>
  signPayloadJwt(app as Parameters<typeof signPayloadJwt>[0], claims, at);

describe("SignedRequests for BigCommerce's signed_payload_jwt", () => {
  it("reads a valid request in the app's terms", async () => {
    const jwt = await sign(APP, NOW);
    const jti = JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8')).jti as string;
    expect(jti).toMatch(/^[0-9a-f-]{36}$/);
    expect(await verifier.verify(jwt)).toEqual({
      ok: true,
      request: {
        id: jti,
        issuedAt: NOW,
        expiresAt: new Date(NOW.getTime() + 24 * 3600_000),
        storeHash: 'abc123',
        user: { id: 7, email: 'staff@example.com' },
        owner: { id: 1, email: 'owner@example.com' },
      },
    });
    // Within the leeway of 60 s.
    expect((await verifier.verify(await sign(APP, new Date(NOW.getTime() + 50_000)))).ok).toBe(true);
  });

  it('refuses missing, expired, foreign, not-yet-valid or claim-less requests with AUTH.INVALID_SIGNED_PAYLOAD', async () => {
    const key = new TextEncoder().encode(APP.clientSecret);
    const noOwner = await new SignJWT({ sub: 'stores/abc123', user: CLAIMS.user })
      .setProtectedHeader({ alg: 'HS256' })
      .setJti('a-request-id')
      .setAudience(APP.clientId)
      .setIssuer('bc')
      .setIssuedAt(NOW)
      .setNotBefore(NOW)
      .setExpirationTime(new Date(NOW.getTime() + 60_000))
      .sign(key);
    // Without a jti the request could not be accepted once: it is not one BigCommerce signs.
    const noJti = await new SignJWT({ sub: 'stores/abc123', user: CLAIMS.user, owner: CLAIMS.owner })
      .setProtectedHeader({ alg: 'HS256' })
      .setAudience(APP.clientId)
      .setIssuer('bc')
      .setIssuedAt(NOW)
      .setNotBefore(NOW)
      .setExpirationTime(new Date(NOW.getTime() + 60_000))
      .sign(key);
    const cases: [string | undefined, string][] = [
      [noJti, 'signed_payload_jwt is not valid for this app.'],
      [undefined, 'signed_payload_jwt is missing.'],
      ['', 'signed_payload_jwt is missing.'],
      ['x'.repeat(8193), 'signed_payload_jwt is missing.'],
      [await sign(APP, new Date(NOW.getTime() - 25 * 3600_000)), 'signed_payload_jwt has expired.'],
      [await sign({ ...APP, clientId: 'another-app' }, NOW), 'signed_payload_jwt is not valid for this app.'],
      [
        await sign({ ...APP, clientSecret: 'not-the-client-secret-0000000000' }, NOW),
        'signed_payload_jwt is not valid for this app.',
      ],
      [
        await sign(APP, new Date(NOW.getTime() + 10 * 60_000)),
        'signed_payload_jwt is not valid for this app.',
      ],
      ['not.a.jwt', 'signed_payload_jwt is not valid for this app.'],
      [noOwner, 'signed_payload_jwt lacks the expected claims.'],
    ];
    for (const [jwt, message] of cases) {
      expect(await verifier.verify(jwt)).toEqual({ ok: false, code: 'AUTH.INVALID_SIGNED_PAYLOAD', message });
    }
  });
});
