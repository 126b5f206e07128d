import { describe, expect, test } from 'vitest';
import { RateLimiter } from '../../../src/sandbox/api/rate-limit.js';

describe('the sandbox rate limiter', () => {
  test('counts per store the requests its quota let through and refused, across windows', () => {
    let now = 0;
    const limiter = new RateLimiter({ quota: 2, windowMs: 1000 }, () => now);
    const taken = (hash: string, times: number) =>
      Array.from({ length: times }, () => limiter.take(hash).allowed);

    expect(taken('a', 3)).toEqual([true, true, false]);
    expect(taken('b', 1)).toEqual([true]);
    now = 1000; // a new window: the quota is whole again, the counts go on
    expect(taken('a', 3)).toEqual([true, true, false]);

    expect(limiter.counts('a')).toEqual({ allowed: 4, refused: 2 });
    expect(limiter.counts('b')).toEqual({ allowed: 1, refused: 0 });
    expect(limiter.counts('never-called')).toEqual({ allowed: 0, refused: 0 });
    // A fault-injected 429 only peeks at the window: not the quota's refusal.
    limiter.peek('a');
    expect(limiter.counts('a')).toEqual({ allowed: 4, refused: 2 });

    limiter.reset('a');
    expect(limiter.counts('a')).toEqual({ allowed: 0, refused: 0 });
    expect(limiter.counts('b')).toEqual({ allowed: 1, refused: 0 });
  });
});
