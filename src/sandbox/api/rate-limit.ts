/**
 * BigCommerce's per-store API quota: N requests per window, shared by every client of the store.
 * A fixed window per store; the X-Rate-Limit-* headers tell clients where they stand.
 */
export interface RateLimitSettings {
  readonly quota: number;
  readonly windowMs: number;
}

export interface RateDecision {
  readonly allowed: boolean;
  readonly headers: Record<string, string>;
}

export class RateLimiter {
  private readonly windows = new Map<string, { start: number; used: number }>();
  /** Per store since the start (or the last reset): requests let through and refused for the quota. */
  private readonly totals = new Map<string, { allowed: number; refused: number }>();

  constructor(
    private settings: RateLimitSettings,
    private readonly now: () => number = Date.now,
  ) {}

  configure(settings: Partial<RateLimitSettings>): void {
    this.settings = { ...this.settings, ...settings };
    this.windows.clear();
  }

  current(): RateLimitSettings {
    return this.settings;
  }

  /** Counts one request for the store (when allowed) and returns the headers to send. */
  take(storeHash: string): RateDecision {
    const now = this.now();
    let window = this.windows.get(storeHash);
    if (!window || now - window.start >= this.settings.windowMs) {
      window = { start: now, used: 0 };
      this.windows.set(storeHash, window);
    }
    const allowed = window.used < this.settings.quota;
    if (allowed) window.used++;
    const totals = this.totals.get(storeHash) ?? { allowed: 0, refused: 0 };
    if (allowed) totals.allowed++;
    else totals.refused++;
    this.totals.set(storeHash, totals);
    return { allowed, headers: this.headers(window, now) };
  }

  /** Headers of a request refused without counting (a fault-injected 429). */
  peek(storeHash: string): Record<string, string> {
    const now = this.now();
    const window = this.windows.get(storeHash) ?? { start: now, used: 0 };
    return this.headers(window, now);
  }

  /**
   * How many of the store's requests the quota let through and refused (429) — what several clients of
   * one store together cost it; fault-injected 429s are not counted.
   */
  counts(storeHash: string): { readonly allowed: number; readonly refused: number } {
    const totals = this.totals.get(storeHash);
    return { allowed: totals?.allowed ?? 0, refused: totals?.refused ?? 0 };
  }

  reset(storeHash?: string): void {
    if (storeHash === undefined) {
      this.windows.clear();
      this.totals.clear();
    } else {
      this.windows.delete(storeHash);
      this.totals.delete(storeHash);
    }
  }

  private headers(window: { start: number; used: number }, now: number): Record<string, string> {
    const resetMs = Math.max(0, window.start + this.settings.windowMs - now);
    return {
      'x-rate-limit-time-window-ms': String(this.settings.windowMs),
      'x-rate-limit-time-reset-ms': String(resetMs),
      'x-rate-limit-requests-quota': String(this.settings.quota),
      'x-rate-limit-requests-left': String(Math.max(0, this.settings.quota - window.used)),
    };
  }
}
