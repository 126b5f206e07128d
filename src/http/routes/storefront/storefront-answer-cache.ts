import { createHash } from 'node:crypto';

/**
 * The storefront's answers, kept in memory as the bytes sent: a hit costs a Map look-up, no query, no
 * JSON work (issue 12: every storefront page view asks, a flash sale asks thousands of times a second).
 *
 * Why a short time-to-live and not invalidation by the items' versions: a product's answer depends on its
 * items, its template, the store's settings (the native flag), locale and time zone, all written by many
 * use cases — and, with several instances on one PostgreSQL, by other processes this one never hears of.
 * A TTL is the one rule that holds for all of them without a query per request: an answer is served at
 * most `ttlMs` after the reads that made it began, so a change is seen by the server at most `ttlMs`
 * (1 s by default) after it is committed, by every instance. Under load the cost is one computation per
 * answer per `ttlMs`, whatever the request rate.
 *
 * Concurrent misses of one key share one computation. What is kept is bounded in number and in bytes (the
 * oldest goes first), so URLs made up to fill memory only push answers out; refusals of bad parameters
 * (400) are cheap to make again and are not kept.
 */
export interface StorefrontAnswer {
  readonly status: number;
  /** The JSON answer, serialised once. */
  readonly body: string;
  /** A strong validator of `body`. */
  readonly etag: string;
}

export interface StorefrontAnswerCacheOptions {
  /** How long an answer is served after its computation began; 0 turns the cache off. */
  readonly ttlMs: number;
  readonly maxEntries: number;
  /** Bytes of keys and bodies kept, at most (counted as UTF-16 code units). */
  readonly maxBytes: number;
  /** Monotonic milliseconds (elapsed time, not the business clock: a fixed test clock must not freeze it). */
  readonly now: () => number;
}

export interface StorefrontAnswerCache {
  /** The answer of `key`, from memory while fresh, else from `compute` (shared by concurrent misses). */
  answer(key: string, compute: () => Promise<StorefrontAnswer>): Promise<StorefrontAnswer>;
}

export const DEFAULT_STOREFRONT_CACHE: StorefrontAnswerCacheOptions = {
  ttlMs: 1_000,
  maxEntries: 10_000,
  maxBytes: 32 * 1024 * 1024,
  now: () => performance.now(),
};

interface Entry {
  readonly expiresAt: number;
  readonly answer: Promise<StorefrontAnswer>;
  /** Counted once the answer is made. */
  bytes: number;
}

export function createStorefrontAnswerCache(options: StorefrontAnswerCacheOptions): StorefrontAnswerCache {
  const entries = new Map<string, Entry>();
  let bytes = 0;

  function drop(key: string): void {
    const entry = entries.get(key);
    if (entry === undefined) return;
    bytes -= entry.bytes;
    entries.delete(key);
  }

  function evictOldest(): void {
    // Map keeps insertion order: the first key is the oldest answer.
    const oldest = entries.keys().next();
    if (oldest.done !== true) drop(oldest.value);
  }

  return {
    answer(key, compute) {
      const now = options.now();
      const found = entries.get(key);
      if (found !== undefined && found.expiresAt > now) return found.answer;
      if (options.ttlMs <= 0) return compute();
      drop(key);
      while (entries.size >= options.maxEntries) evictOldest();
      const answer = compute();
      const entry: Entry = { expiresAt: now + options.ttlMs, answer, bytes: 0 };
      entries.set(key, entry);
      answer.then(
        (made) => {
          if (entries.get(key) !== entry) return;
          if (made.status === 400) return drop(key);
          entry.bytes = (key.length + made.body.length) * 2;
          bytes += entry.bytes;
          while (bytes > options.maxBytes && entries.size > 0) evictOldest();
        },
        // An outage is not remembered: the next request tries again.
        () => {
          if (entries.get(key) === entry) drop(key);
        },
      );
      return answer;
    },
  };
}

/** The answer of a JSON value: its bytes once, and an ETag from them. */
export function jsonAnswer(status: number, value: unknown): StorefrontAnswer {
  const body = JSON.stringify(value);
  return { status, body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
}

/** Whether an `If-None-Match` header names this ETag (a list, weak validators and `*` included). */
export function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  if (ifNoneMatch === etag) return true;
  return ifNoneMatch.split(',').some((tag) => {
    const trimmed = tag.trim();
    return trimmed === '*' || trimmed === etag || trimmed === `W/${etag}`;
  });
}
