import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSessionTokens, SESSION_AUDIENCE, SESSION_ISSUER } from '../../../../src/http/session.js';
import { fixedClock } from '../../../fakes/clock.js';
import { aWebhook, LifecycleHarness, SESSION_SECRET, uniqueHash } from './support/lifecycle-harness.js';

/**
 * Admin sessions and tenant isolation: the session token is the only thing that selects a store, it
 * cannot be altered or forged, and one store's credentials never open another's data.
 */
let h: LifecycleHarness;
let storeA: string;
let storeB: string;
let tokenA: string;
let tokenB: string;

beforeAll(async () => {
  h = await LifecycleHarness.start();
  storeA = uniqueHash('a');
  storeB = uniqueHash('b');
  h.createStore(storeA, { timezone: 'Europe/Paris' });
  h.createStore(storeB, { timezone: 'Asia/Tokyo' });
  tokenA = (await h.install(storeA)).sessionToken!;
  tokenB = (await h.install(storeB)).sessionToken!;
});

afterAll(async () => {
  await h?.close();
});

interface SessionAnswer {
  store: { id: number; hash: string; timezone: string };
  user: { id: number; email: string };
  error: { code: string; message: string };
}

const sessionOf = async (token: string | null) => {
  const res = await h.api('/api/session', token);
  return { status: res.status, body: (await res.json()) as SessionAnswer };
};

describe('admin session tokens', () => {
  it('expired, forged, altered, wrong-audience or missing tokens get 401 AUTH.INVALID_SESSION', async () => {
    const idA = (await h.repos.stores.findStoreByHash(storeA))!.id;
    const subject = {
      storeId: idA,
      storeHash: storeA,
      userId: h.sandbox.state.stores.get(storeA)!.storeId,
      userEmail: 'x@y.z',
    };

    const past = fixedClock(new Date(Date.now() - 2 * 60 * 60 * 1000));
    const expired = (await createSessionTokens({ secret: SESSION_SECRET, clock: past }).issue(subject)).token;
    const forged = (
      await createSessionTokens({
        secret: 'another-secret-of-at-least-32-characters',
        clock: { now: () => new Date() },
      }).issue(subject)
    ).token;
    const key = new TextEncoder().encode(SESSION_SECRET);
    const claims = { store_id: idA, store_hash: storeA, user_id: subject.userId, user_email: 'x@y.z' };
    const wrongAudience = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(SESSION_ISSUER)
      .setAudience('somebody-else')
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(key);
    const noExpiry = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(SESSION_ISSUER)
      .setAudience(SESSION_AUDIENCE)
      .setIssuedAt()
      .sign(key);
    const unsigned = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...claims, aud: SESSION_AUDIENCE, iss: SESSION_ISSUER, exp: 9e9, iat: 1 })}.`;

    for (const token of [expired, forged, wrongAudience, noExpiry, unsigned, 'garbage']) {
      const { status, body } = await sessionOf(token);
      expect(status).toBe(401);
      expect(body.error.code).toBe('AUTH.INVALID_SESSION');
      expect(typeof body.error.message).toBe('string');
    }
    const none = await sessionOf(null);
    expect(none.status).toBe(401);
    expect(none.body.error.code).toBe('AUTH.INVALID_SESSION');
    const basic = await h.api('/api/session', null, { headers: { authorization: `Basic ${tokenA}` } });
    expect(basic.status).toBe(401);
  });

  it('a session can be renewed while it is valid', async () => {
    const res = await h.api('/api/session/refresh', tokenA, { method: 'POST' });
    expect(res.status).toBe(200);
    const renewed = (await res.json()) as { token: string; expires_at: string };
    expect(new Date(renewed.expires_at).getTime()).toBeGreaterThan(Date.now() + 50 * 60 * 1000);
    expect((await sessionOf(renewed.token)).body.store.hash).toBe(storeA);
    expect((await h.api('/api/session/refresh', 'garbage', { method: 'POST' })).status).toBe(401);
  });
});

describe('tenant isolation', () => {
  it('each session sees only its own store', async () => {
    const a = await sessionOf(tokenA);
    const b = await sessionOf(tokenB);
    expect(a.body.store).toMatchObject({ hash: storeA, timezone: 'Europe/Paris' });
    expect(b.body.store).toMatchObject({ hash: storeB, timezone: 'Asia/Tokyo' });
    expect(a.body.store.id).not.toBe(b.body.store.id);
  });

  it("store A's session altered to name store B is refused", async () => {
    const idB = (await h.repos.stores.findStoreByHash(storeB))!.id;
    const [header, payload, signature] = tokenA.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const guessed = b64({ ...claims, store_id: idB, store_hash: storeB });
    expect((await sessionOf(`${header}.${guessed}.${signature}`)).status).toBe(401);
    const idOnly = b64({ ...claims, store_id: idB });
    expect((await sessionOf(`${header}.${idOnly}.${signature}`)).status).toBe(401);
  });

  it('a validly signed session whose id and hash disagree is refused', async () => {
    const idA = (await h.repos.stores.findStoreByHash(storeA))!.id;
    const mixed = await createSessionTokens({
      secret: SESSION_SECRET,
      clock: { now: () => new Date() },
    }).issue({
      storeId: idA,
      storeHash: storeB,
      userId: h.sandbox.state.stores.get(storeA)!.storeId,
      userEmail: 'x@y.z',
    });
    expect((await sessionOf(mixed.token)).status).toBe(401);
  });

  it("BigCommerce's signed_payload_jwt is not an admin session", async () => {
    const open = await fetch(`${h.sandbox.url}/cp/${storeA}/apps/backorder-lifecycle-test?frame=0`, {
      redirect: 'manual',
    });
    const jwt = new URL(open.headers.get('location')!).searchParams.get('signed_payload_jwt')!;
    expect((await sessionOf(jwt)).status).toBe(401);
  });

  it("store A's webhook secret does not open store B's mailbox", async () => {
    const secretA = h.sandbox.state.hooks.listAll(storeA)[0]!.headers!['X-Backorder-Secret']!;
    const secretB = h.sandbox.state.hooks.listAll(storeB)[0]!.headers!['X-Backorder-Secret']!;
    expect(secretA).not.toBe(secretB);
    const res = await h.postWebhook(aWebhook(storeB), secretA);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({
      error: { code: 'WEBHOOK.INVALID_SECRET', message: expect.any(String) },
    });
    const idB = (await h.repos.stores.findStoreByHash(storeB))!.id;
    expect(await h.repos.inbox.listPending(idB)).toEqual([]);
  });

  it("after store A uninstalls, A's session is refused and B's still works", async () => {
    await h.uninstall(storeA);
    expect((await sessionOf(tokenA)).status).toBe(401);
    expect((await sessionOf(tokenB)).status).toBe(200);
  });
});

function b64(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}
