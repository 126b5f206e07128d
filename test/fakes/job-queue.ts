import type { JobName, JobPayload, JobQueue, SendOptions } from '../../src/app/ports/job-queue.js';
import type { StoreId } from '../../src/app/ports/store-id.js';

export interface SentJob {
  readonly name: JobName;
  readonly payload: JobPayload;
  readonly options: SendOptions | undefined;
}

/**
 * A JobQueue that records what is sent instead of running it: tests check what a use case or a route
 * queues, and run a job's handler themselves when they want it run (as a worker would; the queues
 * themselves are tested in test/adapters/jobs). It can be told to fail, as an unreachable queue would.
 */
export class RecordingJobQueue implements JobQueue {
  /** The jobs queued, oldest first. */
  readonly sent: SentJob[] = [];
  /** Every send, including those a singletonKey dropped. */
  readonly calls: SentJob[] = [];
  /** While set, every send throws it. */
  failWith: Error | null = null;
  /** This many of the next sends throw (then the queue answers again). */
  failNext = 0;

  /**
   * With `honourSingletonKeys`, a send whose singletonKey a recorded job holds is dropped (answered null),
   * as the real queues drop it while that job waits. Nothing runs here, so every recorded job waits for
   * ever: use it only where no job is meant to have started.
   */
  constructor(private readonly options: { readonly honourSingletonKeys?: boolean } = {}) {}

  async send(name: JobName, payload: JobPayload, options?: SendOptions): Promise<string | null> {
    if (this.failWith !== null) throw this.failWith;
    if (this.failNext > 0) {
      this.failNext -= 1;
      throw new Error('the job queue is unreachable');
    }
    const job: SentJob = { name, payload, options };
    this.calls.push(job);
    const key = options?.singletonKey;
    if (
      this.options.honourSingletonKeys === true &&
      key !== undefined &&
      this.sent.some((j) => j.options?.singletonKey === key)
    ) {
      return null;
    }
    this.sent.push(job);
    return String(this.sent.length);
  }

  work(): void {}
  every(): void {}
  async start(): Promise<void> {}
  async stop(): Promise<void> {}

  named(name: JobName): SentJob[] {
    return this.sent.filter((job) => job.name === name);
  }

  ofStore(storeId: StoreId): SentJob[] {
    return this.sent.filter((job) => job.payload.storeId === storeId);
  }

  clear(): void {
    this.sent.length = 0;
    this.calls.length = 0;
  }
}
