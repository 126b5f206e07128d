import { describe, expect, it } from 'vitest';
import {
  addressAfterHandover,
  type SessionHandover,
  takeHandover,
} from '../../src/admin/session/handover.js';
import {
  createSession,
  MIN_RENEW_DELAY_MS,
  REFRESH_PATH,
  RENEW_BEFORE_MS,
  RETRY_RENEW_MS,
  renewalDelay,
} from '../../src/admin/session/session.js';

const T0 = Date.parse('2026-07-01T10:00:00Z');
const handover: SessionHandover = {
  token: 'token-1',
  expires_at: new Date(T0 + 60 * 60_000).toISOString(),
  store: { hash: 'abc123', timezone: 'Europe/Berlin' },
  user: { email: 'owner@example.com' },
  just_installed: false,
};

/** A clock and a timer queue the test moves by hand, and a refresh endpoint it scripts. */
function harness(answers: (() => Response | Promise<Response>)[]) {
  let now = T0;
  const timers: { at: number; run: () => void; id: number }[] = [];
  let nextId = 1;
  const calls: { url: string; authorization: string | null }[] = [];
  const session = createSession(handover, {
    now: () => now,
    setTimeout: (run, ms) => {
      const id = nextId++;
      timers.push({ at: now + ms, run, id });
      return id;
    },
    clearTimeout: (id) => {
      const index = timers.findIndex((t) => t.id === id);
      if (index >= 0) timers.splice(index, 1);
    },
    fetch: async (input, init) => {
      calls.push({ url: String(input), authorization: new Headers(init?.headers).get('authorization') });
      const answer = answers.shift();
      if (answer === undefined) throw new Error('no scripted answer');
      return answer();
    },
  });
  return {
    session,
    calls,
    pending: () => timers.map((t) => t.at - now),
    /** Runs the next timer (moving the clock to it) and lets its fetch settle. */
    async fire() {
      timers.sort((a, b) => a.at - b.at);
      const timer = timers.shift();
      if (timer === undefined) throw new Error('no timer');
      now = timer.at;
      timer.run();
      for (let i = 0; i < 5; i++) await Promise.resolve();
      await new Promise((resolve) => setTimeout(resolve, 0));
    },
  };
}

const renewed = (token: string, expiresInMs: number, from: () => number) => () =>
  new Response(JSON.stringify({ token, expires_at: new Date(from() + expiresInMs).toISOString() }), {
    status: 200,
  });

describe('the admin session (src/admin/session)', () => {
  it('is renewed five minutes before it expires, and goes on with the new token', async () => {
    let clock = T0;
    const h = harness([renewed('token-2', 60 * 60_000, () => clock)]);
    expect(h.session.token()).toBe('token-1');
    expect(h.pending()).toEqual([60 * 60_000 - RENEW_BEFORE_MS]);
    clock = T0 + 55 * 60_000;
    await h.fire();
    expect(h.calls).toEqual([{ url: REFRESH_PATH, authorization: 'Bearer token-1' }]);
    expect(h.session.token()).toBe('token-2');
    expect(h.session.state()).toBe('active');
    expect(h.pending()).toEqual([60 * 60_000 - RENEW_BEFORE_MS]);
  });

  it('ends when the renewal is refused, and says so to its listeners', async () => {
    const h = harness([() => new Response('{}', { status: 401 })]);
    const seen: string[] = [];
    h.session.subscribe((state) => seen.push(state));
    await h.fire();
    expect(h.session.state()).toBe('ended');
    expect(seen).toEqual(['ended']);
    expect(h.pending()).toEqual([]);
  });

  it('tries again when the server was not reached, while the token lasts', async () => {
    const h = harness([
      () => {
        throw new TypeError('Failed to fetch');
      },
      renewed('token-2', 60 * 60_000, () => T0),
    ]);
    await h.fire();
    expect(h.session.state()).toBe('active');
    expect(h.pending()).toEqual([RETRY_RENEW_MS]);
    await h.fire();
    expect(h.session.token()).toBe('token-2');
  });

  it('never renews sooner than a minute ahead', () => {
    expect(renewalDelay(new Date(T0 + 2 * 60_000).toISOString(), T0)).toBe(MIN_RENEW_DELAY_MS);
  });
});

describe('the handover (src/admin/session/handover.ts)', () => {
  function fakeDocument(text: string | null) {
    let removed = false;
    const element = {
      textContent: text,
      remove: () => {
        removed = true;
      },
    };
    return {
      doc: { getElementById: (id: string) => (id === 'backorder-session' && text !== null ? element : null) },
      removed: () => removed,
    };
  }

  it('reads the session once and removes it from the page', () => {
    const page = fakeDocument(JSON.stringify(handover));
    expect(takeHandover(page.doc as unknown as Document)).toEqual(handover);
    expect(page.removed()).toBe(true);
  });

  it('has none after a reload, or when the block is not a session', () => {
    expect(takeHandover(fakeDocument(null).doc as unknown as Document)).toBeNull();
    const broken = fakeDocument('{"token": 1}');
    expect(takeHandover(broken.doc as unknown as Document)).toBeNull();
    expect(broken.removed()).toBe(true);
  });

  it('leaves the callback’s address (and its signed_payload_jwt) for the app’s own', () => {
    expect(addressAfterHandover({ pathname: '/load', hash: '' })).toBe('/admin/');
    expect(addressAfterHandover({ pathname: '/auth', hash: '' })).toBe('/admin/');
    expect(addressAfterHandover({ pathname: '/admin/settings', hash: '' })).toBe('/admin/settings');
  });
});
