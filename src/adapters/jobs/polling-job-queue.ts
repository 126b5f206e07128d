import { type Clock, systemClock } from '../../app/ports/clock.js';
import type {
  CallPriority,
  JobHandler,
  JobName,
  JobPayload,
  JobQueue,
  SendOptions,
  WorkOptions,
} from '../../app/ports/job-queue.js';
import { runAtCallPriority } from '../call-priority.js';
import { type ClaimedJob, type JobBackend, type JobLogger, stderrLogger } from './job-backend.js';

export interface PollingJobQueueOptions {
  /** Decides whether a job sent now is due at once (to wake the loop). Default: the system clock. */
  readonly clock?: Clock;
  readonly logger?: JobLogger;
  /** How often the loop looks for due jobs when nothing woke it (default 1000 ms). */
  readonly pollIntervalMs?: number;
  /** How often the backend's housekeeping runs (default 60 s). */
  readonly maintenanceIntervalMs?: number;
  /** Retries of a job sent without `retryLimit` (default 5, as the port says). */
  readonly defaultRetryLimit?: number;
}

interface Worker {
  readonly name: JobName;
  readonly handler: JobHandler;
  readonly concurrency: number;
  readonly callPriority: CallPriority;
  running: number;
}

interface Schedule {
  readonly name: JobName;
  readonly intervalMs: number;
  readonly payload: JobPayload;
}

type State = 'idle' | 'running' | 'stopping' | 'stopped' | 'halted';

/**
 * What this process's runner has done, per job name: for health pages, and for telling apart the work
 * of several instances sharing one queue (each counts only the jobs it ran itself).
 */
export interface JobRunnerCounts {
  /** Jobs running in this process now. */
  runningCount(name?: JobName): number;
  /** Jobs this process ran to completion since it started (failed attempts are not counted). */
  completedCount(name?: JobName): number;
}

/** The key of periodic jobs; with their time slot it makes one job per slot across instances. */
const EVERY_KEY = 'every';

/**
 * The JobQueue of the app: one polling loop in this process over a JobBackend (the `jobs` table on
 * SQLite, pg-boss on PostgreSQL). A send in this process wakes the loop at once; jobs sent by another
 * process are found by the next poll. Handlers of one name run at most `concurrency` at a time here.
 */
export class PollingJobQueue implements JobQueue, JobRunnerCounts {
  readonly #backend: JobBackend;
  readonly #clock: Clock;
  readonly #logger: JobLogger;
  readonly #pollIntervalMs: number;
  readonly #maintenanceIntervalMs: number;
  readonly #defaultRetryLimit: number;

  readonly #workers = new Map<JobName, Worker>();
  readonly #schedules: Schedule[] = [];
  readonly #running = new Set<Promise<void>>();
  readonly #completed = new Map<JobName, number>();
  readonly #tickers: NodeJS.Timeout[] = [];
  #state: State = 'idle';
  #timer: NodeJS.Timeout | undefined;
  #polling: Promise<void> | null = null;
  #pollAgain = false;
  /**
   * The names the next poll looks for. A send or a finished job of this process wakes only its own
   * name: looking for every name is one round trip each, and a storm's jobs finishing one by one would
   * repeat them all for each job. Every name is looked for at least once per poll interval (jobs sent
   * by other processes).
   */
  #due: Set<JobName> | 'all' = 'all';
  #lastFullPoll = 0;
  #lastMaintenance = 0;
  #stopping: Promise<void> | null = null;

  constructor(backend: JobBackend, options: PollingJobQueueOptions = {}) {
    this.#backend = backend;
    this.#clock = options.clock ?? systemClock;
    this.#logger = options.logger ?? stderrLogger;
    this.#pollIntervalMs = positive(options.pollIntervalMs ?? 1000, 'pollIntervalMs');
    this.#maintenanceIntervalMs = positive(options.maintenanceIntervalMs ?? 60_000, 'maintenanceIntervalMs');
    this.#defaultRetryLimit = retryLimitOf(options.defaultRetryLimit ?? 5);
  }

  async send(name: JobName, payload: JobPayload, options: SendOptions = {}): Promise<string | null> {
    const now = this.#clock.now();
    const id = await this.#backend.enqueue(name, payload, {
      retryLimit: retryLimitOf(options.retryLimit ?? this.#defaultRetryLimit),
      ...(options.singletonKey === undefined ? {} : { singletonKey: options.singletonKey }),
      ...(options.startAfter === undefined
        ? {}
        : {
            startAfter: options.startAfter,
            delayMs: Math.max(0, options.startAfter.getTime() - now.getTime()),
          }),
    });
    const due = options.startAfter === undefined || options.startAfter <= now;
    if (id !== null && due && this.#workers.has(name)) this.#wake(name);
    return id;
  }

  work(name: JobName, handler: JobHandler, options: WorkOptions = {}): void {
    if (this.#state !== 'idle') throw new Error(`work('${name}') must be called before start()`);
    if (this.#workers.has(name)) throw new Error(`A handler for '${name}' is already registered`);
    const concurrency = options.concurrency ?? 1;
    if (!Number.isInteger(concurrency) || concurrency < 1) {
      throw new RangeError(`concurrency of '${name}' must be an integer ≥ 1, got ${concurrency}`);
    }
    const callPriority = options.callPriority ?? 'normal';
    this.#workers.set(name, { name, handler, concurrency, callPriority, running: 0 });
  }

  every(name: JobName, intervalMs: number, payload: JobPayload = {}): void {
    const schedule = { name, intervalMs: positive(intervalMs, 'intervalMs'), payload };
    this.#schedules.push(schedule);
    if (this.#state === 'running') this.#startTicker(schedule);
  }

  async start(): Promise<void> {
    if (this.#state !== 'idle') throw new Error(`The job queue cannot start: it is ${this.#state}`);
    const names = new Set<JobName>([...this.#workers.keys(), ...this.#schedules.map((s) => s.name)]);
    await this.#backend.start([...names]);
    this.#state = 'running';
    for (const schedule of this.#schedules) this.#startTicker(schedule);
    this.#schedulePoll(0);
  }

  stop(): Promise<void> {
    this.#stopping ??= this.#stop();
    return this.#stopping;
  }

  /**
   * Stops at once, as a crash would: no more polling, lease renewals or outcomes. Handlers still
   * running are abandoned; their jobs run again elsewhere once their lease expires. For a shutdown
   * whose grace period ran out, and for tests of crash recovery.
   */
  async halt(): Promise<void> {
    if (this.#state === 'halted' || this.#state === 'stopped') return;
    this.#state = 'halted';
    this.#clearTimers();
    await this.#backend.close();
  }

  runningCount(name?: JobName): number {
    if (name !== undefined) return this.#workers.get(name)?.running ?? 0;
    return [...this.#workers.values()].reduce((sum, w) => sum + w.running, 0);
  }

  completedCount(name?: JobName): number {
    if (name !== undefined) return this.#completed.get(name) ?? 0;
    return [...this.#completed.values()].reduce((sum, n) => sum + n, 0);
  }

  async #stop(): Promise<void> {
    if (this.#state === 'running') {
      this.#state = 'stopping';
      this.#clearTimers();
      await this.#polling;
      while (this.#running.size > 0) await Promise.allSettled([...this.#running]);
    }
    if (this.#state === 'halted') return;
    this.#state = 'stopped';
    await this.#backend.close();
  }

  #clearTimers(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    for (const ticker of this.#tickers.splice(0)) clearInterval(ticker);
  }

  #startTicker(schedule: Schedule): void {
    const tick = () => {
      if (this.#state !== 'running') return;
      this.#backend
        .enqueue(schedule.name, schedule.payload, {
          singletonKey: EVERY_KEY,
          slotMs: schedule.intervalMs,
          retryLimit: this.#defaultRetryLimit,
        })
        .then(
          (id) => {
            if (id !== null && this.#workers.has(schedule.name)) this.#wake(schedule.name);
          },
          (error: unknown) =>
            this.#logger.warn({ err: error, job: schedule.name }, 'Could not queue a periodic job'),
        );
    };
    tick();
    // Twice per slot, so timer drift never skips a slot; the slot key keeps it to one job per slot.
    const ticker = setInterval(tick, Math.max(10, Math.floor(schedule.intervalMs / 2)));
    ticker.unref();
    this.#tickers.push(ticker);
  }

  #wake(name: JobName): void {
    if (this.#state !== 'running') return;
    if (this.#due !== 'all') this.#due.add(name);
    if (this.#polling !== null) {
      this.#pollAgain = true;
      return;
    }
    this.#schedulePoll(0);
  }

  #schedulePoll(delayMs: number): void {
    if (this.#state !== 'running') return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#poll(), delayMs);
    this.#timer.unref();
  }

  async #poll(): Promise<void> {
    this.#timer = undefined;
    if (this.#state !== 'running' || this.#polling !== null) return;
    this.#pollAgain = false;
    const now = Date.now();
    if (now - this.#lastFullPoll >= this.#pollIntervalMs) this.#due = 'all';
    const due = this.#due;
    if (due === 'all') this.#lastFullPoll = now;
    this.#due = new Set();
    let claimed = false;
    this.#polling = (async () => {
      try {
        await this.#maintainIfDue();
        for (const worker of this.#workers.values()) {
          if (this.#state !== 'running') break;
          if (due !== 'all' && !due.has(worker.name)) continue;
          const free = worker.concurrency - worker.running;
          if (free <= 0) continue;
          const jobs = await this.#backend.claim(worker.name, free);
          // More may be due than it had free slots for: the next poll, right after, looks at it again.
          if (jobs.length > 0 && this.#due !== 'all') this.#due.add(worker.name);
          for (const job of jobs) {
            claimed = true;
            this.#run(worker, job);
          }
        }
      } catch (error) {
        this.#logger.error({ err: error }, 'Looking for due jobs failed; trying again at the next poll');
      }
    })();
    await this.#polling;
    this.#polling = null;
    // Right away again when there may be more due work; otherwise at the next interval.
    this.#schedulePoll(claimed || this.#pollAgain ? 0 : this.#pollIntervalMs);
  }

  async #maintainIfDue(): Promise<void> {
    if (this.#backend.maintain === undefined) return;
    const now = Date.now();
    if (now - this.#lastMaintenance < this.#maintenanceIntervalMs) return;
    this.#lastMaintenance = now;
    try {
      await this.#backend.maintain();
    } catch (error) {
      this.#logger.warn({ err: error }, 'Job housekeeping failed');
    }
  }

  #run(worker: Worker, job: ClaimedJob): void {
    // Claimed while a halt happened: leave it to its lease, like every other abandoned job.
    if (this.#state === 'halted') return;
    worker.running += 1;
    const task = this.#execute(worker, job).finally(() => {
      worker.running -= 1;
      this.#running.delete(task);
      this.#wake(worker.name);
    });
    this.#running.add(task);
  }

  async #execute(worker: Worker, job: ClaimedJob): Promise<void> {
    const heartbeat = this.#startHeartbeat(job);
    let failure: { readonly error: unknown } | null = null;
    try {
      await runAtCallPriority(worker.callPriority, () =>
        worker.handler(job.payload, { id: job.id, name: job.name, attempt: job.attempt }),
      );
    } catch (error) {
      failure = { error };
    } finally {
      clearInterval(heartbeat);
    }
    if (this.#state === 'halted') return;
    const context = { job: job.name, jobId: job.id, attempt: job.attempt };
    try {
      if (failure === null) {
        await this.#backend.complete(job);
        this.#completed.set(job.name, (this.#completed.get(job.name) ?? 0) + 1);
      } else {
        this.#logger.warn({ ...context, err: failure.error }, 'A job failed');
        await this.#backend.fail(job, failure.error);
      }
    } catch (error) {
      // The job stays leased; it runs again once the lease expires (handlers are idempotent).
      this.#logger.error({ ...context, err: error }, 'Could not record the outcome of a job');
    }
  }

  #startHeartbeat(job: ClaimedJob): NodeJS.Timeout | undefined {
    const { renew, heartbeatMs } = this.#backend;
    if (renew === undefined || heartbeatMs === undefined) return undefined;
    const timer = setInterval(() => {
      if (this.#state === 'halted') return;
      renew.call(this.#backend, job).then(
        (kept) => {
          if (!kept) {
            this.#logger.warn({ job: job.name, jobId: job.id }, 'A running job lost its lease');
          }
        },
        (error: unknown) =>
          this.#logger.warn({ job: job.name, jobId: job.id, err: error }, 'Could not renew a job lease'),
      );
    }, heartbeatMs);
    timer.unref();
    return timer;
  }
}

function positive(value: number, what: string): number {
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${what} must be > 0, got ${value}`);
  return value;
}

function retryLimitOf(value: number): number {
  if (!Number.isInteger(value) || value < 0) {
    throw new RangeError(`retryLimit must be an integer ≥ 0, got ${value}`);
  }
  return value;
}
