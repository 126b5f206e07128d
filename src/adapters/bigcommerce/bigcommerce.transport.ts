import { setTimeout as delay } from 'node:timers/promises';
import Bottleneck from 'bottleneck';
import pRetry from 'p-retry';
import { Agent, type Dispatcher, request } from 'undici';
import type { CallPriority } from '../../app/ports/job-queue.js';
import { currentCallPriority } from '../call-priority.js';
import { BigCommerceError, codeForStatus, parseErrorBody } from './bigcommerce.errors.js';
import type { QuotaBudget, QuotaTicket } from './quota.budget.js';
import { RateLimitGate, type RateLimitStatus } from './rate-limit.gate.js';

/** Pino-compatible (Fastify's `app.log` fits). */
export interface BigCommerceLogger {
  warn(obj: object, msg: string): void;
  debug?(obj: object, msg: string): void;
}

export interface BigCommerceLimits {
  /** Requests of one store in flight at once (BigCommerce asks for few; the quota is per store). */
  readonly maxConcurrent: number;
  /** Re-sends after 5xx, timeouts and network errors (so at most maxRetries + 1 attempts). */
  readonly maxRetries: number;
  /** Re-sends after 429, counted apart: waiting for a window reset is not a failure. */
  readonly maxRateLimitRetries: number;
  /** Exponential backoff for 5xx/timeouts: base * 2^n capped at max, with equal jitter. */
  readonly backoffBaseMs: number;
  readonly backoffMaxMs: number;
  /** One attempt (connect, headers and body) must finish within this. */
  readonly timeoutMs: number;
  /** Wait after a 429 that carries no timing header, doubled per consecutive 429. */
  readonly rateLimitFallbackMs: number;
  readonly rateLimitFallbackMaxMs: number;
}

export const DEFAULT_LIMITS: BigCommerceLimits = {
  maxConcurrent: 3,
  maxRetries: 5,
  maxRateLimitRetries: 10,
  backoffBaseMs: 500,
  backoffMaxMs: 30_000,
  timeoutMs: 30_000,
  rateLimitFallbackMs: 1_000,
  rateLimitFallbackMaxMs: 60_000,
};

export interface TransportDeps {
  /** Epoch milliseconds. */
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  /** [0, 1), for jitter. */
  readonly random: () => number;
  readonly logger?: BigCommerceLogger;
  readonly limits: BigCommerceLimits;
}

export function transportDeps(
  options: {
    readonly now?: () => number;
    readonly sleep?: (ms: number) => Promise<void>;
    readonly random?: () => number;
    readonly logger?: BigCommerceLogger;
    readonly limits?: Partial<BigCommerceLimits>;
  } = {},
): TransportDeps {
  return {
    now: options.now ?? Date.now,
    sleep: options.sleep ?? ((ms) => delay(ms)),
    random: options.random ?? Math.random,
    ...(options.logger ? { logger: options.logger } : {}),
    limits: { ...DEFAULT_LIMITS, ...options.limits },
  };
}

export type QueryValue = string | number | boolean | readonly (string | number)[] | undefined;
export type Query = Readonly<Record<string, QueryValue>>;

export interface HttpRequest<T> {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path under the base URL, e.g. `/stores/abc/v3/catalog/products`. */
  readonly path: string;
  readonly query?: Query;
  readonly body?: unknown;
  /**
   * For requests that are not idempotent (creating a hook or script): before re-sending after a failure
   * that may have been applied (5xx, timeout, lost connection), look for what the first send created.
   */
  readonly recover?: () => Promise<T | undefined>;
  /**
   * Never re-sent after a failure that may have been applied (5xx, timeout, lost connection): for
   * changes that add up, like a relative inventory adjustment, where a second send would count twice.
   * The failure is thrown for the caller to settle (a 429 is still waited out: nothing was applied).
   */
  readonly once?: boolean;
}

export interface HttpResponse<T> {
  readonly status: number;
  readonly body: T;
}

const RETRYABLE_STATUS = new Set([500, 502, 503, 504]);

/** Bottleneck's priorities (0 first, 9 last): within a process, a freed slot goes to the most urgent call. */
const LIMITER_PRIORITY: Readonly<Record<CallPriority, number>> = { urgent: 1, normal: 5, bulk: 8 };

/**
 * What one store shares among all its requests, whichever client object sends them: its quota budget
 * (shared with the app's other instances on PostgreSQL), the rate-limit gate of this process (the
 * pause after a 429) and the concurrency bound.
 */
export class StoreLane {
  readonly limiter: Bottleneck;
  readonly gate: RateLimitGate;

  constructor(
    deps: TransportDeps,
    label: string,
    /** Null outside a store's API (the login service counts no store quota). */
    readonly budget: { readonly storeHash: string; readonly quota: QuotaBudget } | null,
  ) {
    this.limiter = new Bottleneck({ maxConcurrent: deps.limits.maxConcurrent });
    this.gate = new RateLimitGate({
      now: deps.now,
      sleep: deps.sleep,
      fallbackWaitMs: deps.limits.rateLimitFallbackMs,
      maxFallbackWaitMs: deps.limits.rateLimitFallbackMaxMs,
      minWaitMs: 50,
      onPause: (info) =>
        deps.logger?.debug?.({ ...info, lane: label }, 'BigCommerce rate limit: pausing requests'),
    });
  }

  async close(): Promise<void> {
    await this.limiter.stop({ dropWaitingJobs: false });
  }
}

/**
 * Sends requests through a store's lane (quota budget at the priority of the work calling, rate-limit
 * gate, concurrency limiter) and retries them with p-retry: after 429 once the window resets, after
 * 5xx, timeouts and network errors with backoff. Every attempt is a call of the quota, so each asks
 * the budget again.
 */
export class Transport {
  constructor(
    private readonly baseUrl: string,
    private readonly headers: Readonly<Record<string, string>>,
    private readonly dispatcher: Dispatcher,
    private readonly lane: StoreLane,
    private readonly deps: TransportDeps,
  ) {}

  rateLimitStatus(): RateLimitStatus {
    return this.lane.gate.status();
  }

  async send<T>(req: HttpRequest<T>): Promise<HttpResponse<T>> {
    const { limits, sleep, logger } = this.deps;
    let backoffMs = 0;
    let rateLimited = 0;
    let failed = 0;
    let ambiguous = false;
    let attempts = 0;
    const priority = currentCallPriority();
    try {
      return await pRetry(
        async (): Promise<HttpResponse<T>> => {
          if (backoffMs > 0) await sleep(backoffMs);
          backoffMs = 0;
          if (ambiguous && req.recover) {
            const found = await req.recover();
            if (found !== undefined) return { status: 200, body: found };
          }
          attempts += 1;
          const ticket = await this.lane.budget?.quota.acquire(this.lane.budget.storeHash, priority);
          try {
            return await this.lane.limiter.schedule({ priority: LIMITER_PRIORITY[priority] }, () =>
              this.once<T>(req, ticket),
            );
          } finally {
            // Ended without an answer (timeout, lost connection): counted until its window resets.
            await ticket?.done(null);
          }
        },
        {
          // p-retry bounds the total; the two kinds of retry are bounded apart below, because waiting
          // out a rate-limit window is not a failure and must not eat the budget for 5xx and timeouts.
          retries: limits.maxRetries + limits.maxRateLimitRetries,
          minTimeout: 0,
          maxTimeout: 0,
          shouldRetry: ({ error }) => {
            if (!(error instanceof BigCommerceError)) return false;
            if (error.status === 429) {
              rateLimited += 1;
              // The gate already holds the store until the reset; the next attempt waits there.
              return rateLimited <= limits.maxRateLimitRetries;
            }
            const transient =
              (error.status !== null && RETRYABLE_STATUS.has(error.status)) ||
              error.code === 'BIGCOMMERCE.TIMEOUT' ||
              error.code === 'BIGCOMMERCE.NETWORK';
            if (!transient || failed >= limits.maxRetries || req.once === true) return false;
            ambiguous = true;
            const exp = Math.min(limits.backoffMaxMs, limits.backoffBaseMs * 2 ** failed);
            failed += 1;
            backoffMs = Math.round(exp / 2 + (this.deps.random() * exp) / 2);
            logger?.warn(
              { method: req.method, path: req.path, status: error.status, code: error.code, backoffMs },
              'BigCommerce request failed; retrying',
            );
            return true;
          },
        },
      );
    } catch (error) {
      if (error instanceof BigCommerceError) error.attempts = attempts;
      throw error;
    }
  }

  private async once<T>(req: HttpRequest<T>, ticket: QuotaTicket | undefined): Promise<HttpResponse<T>> {
    await this.lane.gate.ready();
    const url = this.baseUrl + req.path + queryString(req.query);
    const hasBody = req.body !== undefined;
    const signal = AbortSignal.timeout(this.deps.limits.timeoutMs);
    let status: number;
    let headers: Record<string, string | string[] | undefined>;
    let text: string;
    try {
      const res = await request(url, {
        method: req.method,
        dispatcher: this.dispatcher,
        headers: {
          ...this.headers,
          accept: 'application/json',
          ...(hasBody ? { 'content-type': 'application/json' } : {}),
        },
        ...(hasBody ? { body: JSON.stringify(req.body) } : {}),
        signal,
      });
      status = res.statusCode;
      headers = res.headers;
      text = await res.body.text();
    } catch (cause) {
      const timedOut = signal.aborted;
      throw new BigCommerceError({
        code: timedOut ? 'BIGCOMMERCE.TIMEOUT' : 'BIGCOMMERCE.NETWORK',
        status: null,
        method: req.method,
        path: req.path,
        title: timedOut
          ? `no complete answer within ${this.deps.limits.timeoutMs} ms`
          : cause instanceof Error
            ? cause.message
            : String(cause),
        cause,
      });
    }
    this.lane.gate.observe(status, headers);
    await ticket?.done(headers);
    let body: unknown;
    let parsed = true;
    if (text.trim() !== '') {
      try {
        body = JSON.parse(text);
      } catch {
        parsed = false;
        body = text;
      }
    }
    if (status >= 200 && status < 300) {
      if (!parsed) {
        throw new BigCommerceError({
          code: 'BIGCOMMERCE.UNEXPECTED_RESPONSE',
          status,
          method: req.method,
          path: req.path,
          title: 'response body is not JSON',
          details: text.slice(0, 500),
        });
      }
      return { status, body: body as T };
    }
    const info = parseErrorBody(body, `HTTP ${status}`);
    throw new BigCommerceError({
      code: codeForStatus(status),
      status,
      method: req.method,
      path: req.path,
      title: info.title,
      errors: info.errors,
      details: info.details ?? (parsed ? undefined : text.slice(0, 500)),
    });
  }
}

/** BigCommerce documents filters with literal `:` and `,` (`id:in=1,2`); keep them readable. */
export function queryString(query: Query | undefined): string {
  if (!query) return '';
  const parts: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (isList(value) && value.length === 0) {
      // An empty `id:in=` would read as "no filter" and match everything.
      throw new TypeError(`BigCommerce query filter "${key}" must not be an empty list`);
    }
    const text = isList(value) ? value.join(',') : String(value);
    parts.push(`${encode(key)}=${encode(text)}`);
  }
  return parts.length > 0 ? `?${parts.join('&')}` : '';
}

function isList(value: QueryValue): value is readonly (string | number)[] {
  return Array.isArray(value);
}

function encode(text: string): string {
  return encodeURIComponent(text).replace(/%3A/gi, ':').replace(/%2C/gi, ',');
}

export function createDispatcher(): Agent {
  return new Agent({ keepAliveTimeout: 10_000, connections: 16 });
}
