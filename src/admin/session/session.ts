import type { SessionHandover } from './handover.js';

/**
 * Keeps the admin session in memory: the token the API client sends, renewed a few minutes before it
 * expires (POST /api/session/refresh, while it is still valid). A session that cannot be renewed, or
 * that the API refuses (AUTH.INVALID_SESSION: the store was uninstalled or the user removed), has
 * ended: the app then asks the merchant to open it again from the control panel.
 */
export type SessionState = 'active' | 'ended';

export interface Session {
  readonly store: SessionHandover['store'];
  readonly user: SessionHandover['user'];
  readonly justInstalled: boolean;
  /** The current token, for the Authorization header. */
  token(): string;
  state(): SessionState;
  /** Marks the session ended (the API refused it); listeners are told once. */
  end(): void;
  subscribe(listener: (state: SessionState) => void): () => void;
  /** Stops the renewal timer. */
  dispose(): void;
}

export interface SessionOptions {
  readonly fetch: typeof fetch;
  readonly now: () => number;
  readonly setTimeout: (run: () => void, ms: number) => unknown;
  readonly clearTimeout: (handle: unknown) => void;
}

/** Renew this long before expiry… */
export const RENEW_BEFORE_MS = 5 * 60_000;
/** …but never sooner than this after the last renewal. */
export const MIN_RENEW_DELAY_MS = 60_000;
export const REFRESH_PATH = '/api/session/refresh';

/** After a renewal that did not reach the server, try again this much later (while the token lasts). */
export const RETRY_RENEW_MS = 30_000;

/** When to renew a session that expires at `expiresAt`. */
export function renewalDelay(expiresAt: string, now: number): number {
  return Math.max(MIN_RENEW_DELAY_MS, new Date(expiresAt).getTime() - now - RENEW_BEFORE_MS);
}

export function createSession(handover: SessionHandover, options: SessionOptions): Session {
  let token = handover.token;
  let expiresAt = handover.expires_at;
  let state: SessionState = 'active';
  let timer: unknown = null;
  const listeners = new Set<(state: SessionState) => void>();

  const end = () => {
    if (state === 'ended') return;
    state = 'ended';
    if (timer !== null) options.clearTimeout(timer);
    timer = null;
    for (const listener of listeners) listener(state);
  };

  const schedule = (ms: number) => {
    timer = options.setTimeout(() => {
      void renew();
    }, ms);
  };

  const renew = async () => {
    try {
      const response = await options.fetch(REFRESH_PATH, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
      });
      // Refused: the session is over (uninstalled, user removed, or already expired).
      if (!response.ok) return end();
      const body = (await response.json()) as { token: string; expires_at: string };
      token = body.token;
      expiresAt = body.expires_at;
      if (state === 'active') schedule(renewalDelay(expiresAt, options.now()));
    } catch {
      // Not reached (the network): the token may still be good for a while.
      if (new Date(expiresAt).getTime() - options.now() > RETRY_RENEW_MS) schedule(RETRY_RENEW_MS);
      else end();
    }
  };

  schedule(renewalDelay(expiresAt, options.now()));
  return {
    store: handover.store,
    user: handover.user,
    justInstalled: handover.just_installed,
    token: () => token,
    state: () => state,
    end,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose() {
      if (timer !== null) options.clearTimeout(timer);
      timer = null;
    },
  };
}
