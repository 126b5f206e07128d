/**
 * When a refused or failed outbox message is tried again: exponential backoff from its attempts (the
 * claim counted this one), `baseMs` doubled per attempt, at most `maxMs`.
 */
export function retryTime(now: Date, attempts: number, baseMs: number, maxMs: number): Date {
  const exponent = Math.min(Math.max(attempts - 1, 0), 20);
  return new Date(now.getTime() + Math.min(maxMs, baseMs * 2 ** exponent));
}

/**
 * Corrections after a write — read again, write what changed meanwhile — before what still changes is
 * left to a retry (deliver-outbox.ts, deliver-backorder-limits.ts).
 */
export const MAX_CORRECTIONS = 5;
