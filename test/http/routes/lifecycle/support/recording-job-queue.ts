import type {
  JobHandler,
  JobName,
  JobPayload,
  JobQueue,
  SendOptions,
} from '../../../../../src/app/ports/job-queue.js';

export interface SentJob {
  readonly id: string;
  readonly name: JobName;
  readonly payload: JobPayload;
  readonly options: SendOptions | undefined;
}

/**
 * A JobQueue that records what is sent instead of running it (the lifecycle tests check what the
 * receipt of a webhook queues; running jobs is the job helpers' part). Honours singletonKey like the
 * real queues, and can be told to fail, as an unreachable queue would.
 */
export class RecordingJobQueue implements JobQueue {
  readonly sent: SentJob[] = [];
  /** Every send call, including those a singletonKey dropped. */
  readonly calls: Omit<SentJob, 'id'>[] = [];
  failSends = false;
  private next = 1;

  async send(name: JobName, payload: JobPayload, options?: SendOptions): Promise<string | null> {
    if (this.failSends) throw new Error('job queue unavailable');
    this.calls.push({ name, payload, options });
    if (options?.singletonKey && this.sent.some((j) => j.options?.singletonKey === options.singletonKey)) {
      return null;
    }
    const id = String(this.next++);
    this.sent.push({ id, name, payload, options });
    return id;
  }

  work(_name: JobName, _handler: JobHandler): void {}
  every(_name: JobName, _intervalMs: number): void {}
  async start(): Promise<void> {}
  async stop(): Promise<void> {}

  ofStore(storeId: number): SentJob[] {
    return this.sent.filter((j) => j.payload.storeId === storeId);
  }
}
