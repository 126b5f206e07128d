import type { CallPriority } from '../../app/ports/job-queue.js';
import type { QuotaGrant, QuotaLedger, QuotaObservation } from './quota.ledger.js';

/**
 * The share of a store's quota each priority leaves to the ones above it: bulk work stops with a fifth
 * of the window left, normal work with a tenth, and urgent work (order processing, writes that
 * disable purchase) may spend it all. So however much bulk work waits, an order or a disabling write
 * finds calls left in every window, in every instance.
 */
export const RESERVE_SHARES: Readonly<Record<CallPriority, number>> = {
  urgent: 0,
  normal: 0.1,
  bulk: 0.2,
};

const RANK: Readonly<Record<CallPriority, number>> = { urgent: 0, normal: 1, bulk: 2 };

export interface QuotaBudgetDeps {
  readonly ledger: QuotaLedger;
  /** Calls of one store this process runs at once (the transport's concurrency bound). */
  readonly maxInFlight: number;
  /** Epoch ms. */
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  /**
   * The ledger could not be asked or told (its database is out of reach). The call then goes as if the
   * budget knew nothing: BigCommerce's 429 still stops it, and failing every store call for it would
   * only add retries.
   */
  readonly onLedgerError?: (error: unknown) => void;
}

type HeaderValue = string | string[] | undefined;
type Headers = Readonly<Record<string, HeaderValue>>;

/** One call's place in the budget, from its start to its answer. */
export interface QuotaTicket {
  /**
   * The call ended: with the response's headers, or null when no answer came (timeout, lost
   * connection), which BigCommerce may have counted, so it stays counted until its window resets.
   * Only the first call counts; later ones do nothing.
   */
  done(headers: Headers | null): Promise<void>;
}

interface Waiter {
  readonly priority: CallPriority;
  readonly go: () => void;
}

/** A store's calls in this process: those running, and those waiting, most urgent first, oldest first. */
interface StoreQueue {
  readonly waiters: Waiter[];
  inFlight: number;
  pumping: boolean;
  /** Ends the pump's wait early: a call ended, or a more urgent caller queued. */
  wake: (() => void) | null;
}

/**
 * Asks a store's quota before each call (`acquire`) and tells it each answer (the ticket's `done`),
 * through a QuotaLedger that may be shared by every instance. It also bounds the store's calls in
 * flight in this process, so a call is counted as started only when it is about to be sent (a call
 * counted long before would be forgotten with its window and then spend the next one unseen).
 * Callers that may not start wait here, per store and by priority: only the first of them asks the
 * ledger again, when the window resets or a call of this process ends, so waiting costs no more than
 * one ledger call per wake.
 */
export class QuotaBudget {
  readonly #queues = new Map<string, StoreQueue>();

  constructor(private readonly deps: QuotaBudgetDeps) {}

  /** Resolves once one call of the store may start at this priority; it is then counted as started. */
  async acquire(storeHash: string, priority: CallPriority): Promise<QuotaTicket> {
    const queue = this.#queueOf(storeHash);
    // Behind callers of the same or a higher priority, wait in line; otherwise try at once.
    if (
      queue.inFlight < this.deps.maxInFlight &&
      !queue.waiters.some((w) => RANK[w.priority] <= RANK[priority])
    ) {
      queue.inFlight += 1;
      const grant = await this.#tryStart(storeHash, priority);
      if (grant.started) return this.#ticket(storeHash, queue);
      queue.inFlight -= 1;
    }
    await new Promise<void>((go) => {
      const at = queue.waiters.findIndex((w) => RANK[w.priority] > RANK[priority]);
      const waiter = { priority, go };
      if (at === -1) queue.waiters.push(waiter);
      else queue.waiters.splice(at, 0, waiter);
      if (at === 0) queue.wake?.();
      this.#pump(storeHash, queue);
    });
    return this.#ticket(storeHash, queue);
  }

  #ticket(storeHash: string, queue: StoreQueue): QuotaTicket {
    let ended = false;
    return {
      done: async (headers) => {
        if (ended) return;
        ended = true;
        queue.inFlight -= 1;
        if (headers !== null) {
          const now = this.deps.now();
          try {
            await this.deps.ledger.record(storeHash, observationOf(headers, now), now);
          } catch (error) {
            this.deps.onLedgerError?.(error);
          }
        }
        queue.wake?.();
        this.#forgetIfIdle(storeHash, queue);
      },
    };
  }

  async #tryStart(storeHash: string, priority: CallPriority): Promise<QuotaGrant> {
    try {
      return await this.deps.ledger.tryStart(storeHash, RESERVE_SHARES[priority], this.deps.now());
    } catch (error) {
      this.deps.onLedgerError?.(error);
      return { started: true };
    }
  }

  #queueOf(storeHash: string): StoreQueue {
    let queue = this.#queues.get(storeHash);
    if (queue === undefined) {
      queue = { waiters: [], inFlight: 0, pumping: false, wake: null };
      this.#queues.set(storeHash, queue);
    }
    return queue;
  }

  #forgetIfIdle(storeHash: string, queue: StoreQueue): void {
    if (queue.waiters.length === 0 && queue.inFlight === 0 && !queue.pumping) this.#queues.delete(storeHash);
  }

  #pump(storeHash: string, queue: StoreQueue): void {
    if (queue.pumping) return;
    queue.pumping = true;
    void (async () => {
      try {
        for (;;) {
          const head = queue.waiters[0];
          if (head === undefined) break;
          let retryAt: number | null = null;
          if (queue.inFlight < this.deps.maxInFlight) {
            queue.inFlight += 1;
            const grant = await this.#tryStart(storeHash, head.priority);
            if (grant.started) {
              // The head may have changed meanwhile (a more urgent caller queued): the place goes to the first.
              queue.waiters.shift()?.go();
              continue;
            }
            queue.inFlight -= 1;
            // Everyone behind the head keeps at least its reserve: none of them may start either.
            retryAt = grant.retryAt;
          }
          const woken = new Promise<void>((resolve) => {
            queue.wake = resolve;
          });
          const waits: Promise<void>[] = [woken];
          if (retryAt !== null) waits.push(this.deps.sleep(Math.max(1, retryAt - this.deps.now())));
          await Promise.race(waits);
          queue.wake = null;
        }
      } finally {
        queue.pumping = false;
        if (queue.waiters.length > 0) this.#pump(storeHash, queue);
        else this.#forgetIfIdle(storeHash, queue);
      }
    })();
  }
}

/** BigCommerce's quota headers of one response, or null when any of those the ledger needs is missing. */
export function observationOf(headers: Headers, now: number): QuotaObservation | null {
  const requestsLeft = intHeader(headers, 'x-rate-limit-requests-left');
  const quota = intHeader(headers, 'x-rate-limit-requests-quota');
  const resetMs = intHeader(headers, 'x-rate-limit-time-reset-ms');
  if (requestsLeft === null || quota === null || resetMs === null) return null;
  return {
    requestsLeft,
    quota,
    resetAt: now + resetMs,
    windowMs: intHeader(headers, 'x-rate-limit-time-window-ms'),
  };
}

function intHeader(headers: Headers, name: string): number | null {
  const raw = headers[name];
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (value === undefined || value.trim() === '') return null;
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 ? Math.ceil(n) : null;
}
