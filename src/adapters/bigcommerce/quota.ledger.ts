/**
 * Where a store's API quota stands, as every process of the app sees it: the last requests-left and
 * reset time BigCommerce reported, and the calls started since that BigCommerce has not answered yet.
 * BigCommerce's headers are the truth (the quota is per store and counts every app's calls); the ledger
 * only adds what it cannot know yet, the app's own calls in flight. One per process on SQLite (memory),
 * one table shared by every instance on PostgreSQL (src/adapters/db/quota-ledger.repo.ts); both follow
 * the rules of this file, held to the same contract test.
 */
export interface QuotaObservation {
  readonly requestsLeft: number;
  readonly quota: number;
  /** Epoch ms when the window resets: the response's time plus its X-Rate-Limit-Time-Reset-Ms. */
  readonly resetAt: number;
  /** X-Rate-Limit-Time-Window-Ms, when sent: how long the next window is presumed to last. */
  readonly windowMs: number | null;
}

export type QuotaGrant =
  | { readonly started: true }
  /** Not now: try again at `retryAt` (epoch ms), when the window resets, or on the next answer. */
  | { readonly started: false; readonly retryAt: number };

export interface QuotaLedger {
  /**
   * Counts one call of the store as started when the quota left, less the calls in flight, is more
   * than `reserveShare` of the quota; otherwise starts nothing. Atomic: callers of every process
   * together never start more than that.
   */
  tryStart(storeHash: string, reserveShare: number, now: number): Promise<QuotaGrant>;
  /**
   * One call of the store was answered: with BigCommerce's quota headers, or without them (a gateway's
   * error page), which only ends the call's count as in flight.
   */
  record(storeHash: string, observation: QuotaObservation | null, now: number): Promise<void>;
}

/** A store's row of the ledger. `requestsLeft` and `resetAt` are null together: nothing known. */
export interface QuotaState {
  readonly requestsLeft: number | null;
  readonly quota: number | null;
  readonly windowMs: number | null;
  readonly resetAt: number | null;
  /** Calls started and not answered since (counted by no observation yet). */
  readonly pending: number;
}

export const UNKNOWN_QUOTA: QuotaState = {
  requestsLeft: null,
  quota: null,
  windowMs: null,
  resetAt: null,
  pending: 0,
};

/**
 * The state at `now`: a window whose reset has passed is over, and the next is presumed full (the
 * quota left, for the window's length) until its first answer says where it really stands. Calls
 * counted in flight are forgotten with their window, so a crashed instance's count never outlives it.
 */
export function stateAt(state: QuotaState, now: number): QuotaState {
  if (state.resetAt === null || state.resetAt > now) return state;
  const known = state.quota !== null && state.windowMs !== null;
  return {
    requestsLeft: known ? state.quota : null,
    quota: state.quota,
    windowMs: state.windowMs,
    resetAt: known ? now + (state.windowMs ?? 0) : null,
    pending: 0,
  };
}

/** The calls a share of the quota keeps back; always below the quota, so a tiny quota still lets calls go. */
export function reserveOf(quota: number, share: number): number {
  return Math.min(quota - 1, Math.floor(quota * share));
}

export function startCall(
  state: QuotaState,
  reserveShare: number,
  now: number,
): { readonly state: QuotaState; readonly grant: QuotaGrant } {
  const at = stateAt(state, now);
  // Nothing known yet: calls go, bounded by the transport's concurrency, until the first answer.
  const allowed =
    at.requestsLeft === null ||
    at.quota === null ||
    at.requestsLeft - at.pending > reserveOf(at.quota, reserveShare);
  if (allowed) return { state: { ...at, pending: at.pending + 1 }, grant: { started: true } };
  return { state: at, grant: { started: false, retryAt: at.resetAt ?? now } };
}

export function recordAnswer(
  state: QuotaState,
  observation: QuotaObservation | null,
  now: number,
): QuotaState {
  const at = stateAt(state, now);
  const pending = Math.max(0, at.pending - 1);
  // A window already over says nothing about the next one (an answer that arrived late).
  if (observation === null || observation.resetAt <= now) return { ...at, pending };
  const halfWindow = (observation.windowMs ?? at.windowMs ?? 0) / 2;
  const sameWindow =
    at.requestsLeft !== null && at.resetAt !== null && observation.resetAt <= at.resetAt + halfWindow;
  return {
    // Answers of one window may arrive out of order: the lowest count left is the latest.
    requestsLeft: sameWindow
      ? Math.min(at.requestsLeft ?? observation.requestsLeft, observation.requestsLeft)
      : observation.requestsLeft,
    quota: observation.quota,
    windowMs: observation.windowMs ?? at.windowMs,
    resetAt: observation.resetAt,
    pending,
  };
}

/** The ledger of one process (SQLite, tests): the same rules over a map. */
export class MemoryQuotaLedger implements QuotaLedger {
  readonly #states = new Map<string, QuotaState>();

  async tryStart(storeHash: string, reserveShare: number, now: number): Promise<QuotaGrant> {
    const { state, grant } = startCall(this.#states.get(storeHash) ?? UNKNOWN_QUOTA, reserveShare, now);
    this.#states.set(storeHash, state);
    return grant;
  }

  async record(storeHash: string, observation: QuotaObservation | null, now: number): Promise<void> {
    this.#states.set(storeHash, recordAnswer(this.#states.get(storeHash) ?? UNKNOWN_QUOTA, observation, now));
  }
}
