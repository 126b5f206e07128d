/**
 * Per-store memory of BigCommerce's rate-limit window. The quota is shared by every app on the store,
 * so when BigCommerce says the window is used up (Requests-Left 0, or a 429) every request of the
 * store waits for the reset instead of spending another call to learn the same thing.
 */
export interface RateLimitStatus {
  readonly requestsLeft: number | null;
  readonly requestsQuota: number | null;
  readonly windowMs: number | null;
  readonly resetMs: number | null;
  /** Epoch ms until which requests of this store are held back (0 = not paused). */
  readonly pausedUntil: number;
}

export interface RateLimitGateOptions {
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  /** A 429 without any timing header means platform load: back off from this, doubling per repeat. */
  readonly fallbackWaitMs: number;
  readonly maxFallbackWaitMs: number;
  /** Floor for header-given waits, so a `reset 0` answer can never turn into a tight loop. */
  readonly minWaitMs: number;
  readonly onPause?: (info: { readonly waitMs: number; readonly reason: 'exhausted' | '429' }) => void;
}

type HeaderValue = string | string[] | undefined;
type Headers = Readonly<Record<string, HeaderValue>>;

export class RateLimitGate {
  private pausedUntil = 0;
  private consecutive429 = 0;
  private last: Omit<RateLimitStatus, 'pausedUntil'> = {
    requestsLeft: null,
    requestsQuota: null,
    windowMs: null,
    resetMs: null,
  };

  constructor(private readonly options: RateLimitGateOptions) {}

  /** Resolves when this store may send again. Loops because another response may extend the pause. */
  async ready(): Promise<void> {
    for (;;) {
      const wait = this.pausedUntil - this.options.now();
      if (wait <= 0) return;
      await this.options.sleep(wait);
    }
  }

  /** Records the headers of any response; returns the wait imposed when the response was a 429. */
  observe(status: number, headers: Headers): number {
    const left = intHeader(headers, 'x-rate-limit-requests-left');
    const resetMs = intHeader(headers, 'x-rate-limit-time-reset-ms');
    this.last = {
      requestsLeft: left,
      requestsQuota: intHeader(headers, 'x-rate-limit-requests-quota'),
      windowMs: intHeader(headers, 'x-rate-limit-time-window-ms'),
      resetMs,
    };
    if (status === 429) {
      const retryAfterS = intHeader(headers, 'x-retry-after') ?? intHeader(headers, 'retry-after');
      let wait: number;
      if (resetMs !== null) wait = resetMs;
      else if (retryAfterS !== null) wait = retryAfterS * 1000;
      else {
        wait = Math.min(
          this.options.maxFallbackWaitMs,
          this.options.fallbackWaitMs * 2 ** this.consecutive429,
        );
      }
      this.consecutive429 += 1;
      wait = Math.max(wait, this.options.minWaitMs);
      this.pauseFor(wait, '429');
      return wait;
    }
    this.consecutive429 = 0;
    if (left !== null && left <= 0 && resetMs !== null) {
      this.pauseFor(Math.max(resetMs, this.options.minWaitMs), 'exhausted');
    }
    return 0;
  }

  status(): RateLimitStatus {
    return { ...this.last, pausedUntil: this.pausedUntil };
  }

  private pauseFor(waitMs: number, reason: '429' | 'exhausted'): void {
    const until = this.options.now() + waitMs;
    if (until > this.pausedUntil) {
      this.pausedUntil = until;
      this.options.onPause?.({ waitMs, reason });
    }
  }
}

function intHeader(headers: Headers, name: string): number | null {
  const raw = headers[name];
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (value === undefined || value.trim() === '') return null;
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 ? Math.ceil(n) : null;
}
