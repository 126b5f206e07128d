import type { JobQueue, SendOptions } from '../ports/job-queue.js';
import { JOB_CATALOGUE, type JobName, type JobWithRetryKey, type PayloadOf } from './job-catalogue.js';

export type EnqueueOptions<N extends JobName> = Omit<SendOptions, 'singletonKey'> &
  (N extends JobWithRetryKey
    ? {
        /**
         * A delayed retry: waits under the job's retry key, so it neither blocks nor is dropped by a
         * job of the same work that is due now.
         */
        readonly asRetry?: boolean;
      }
    : { readonly asRetry?: never });

/**
 * The one way use cases queue a job: the payload is typed by the job catalogue and the singleton key
 * comes from it, so every sender of the same work uses the same key and repeats collapse in the queue.
 * Resolves with the job's id, or null when the same work is already waiting.
 */
export async function enqueue<N extends JobName>(
  jobs: Pick<JobQueue, 'send'>,
  name: N,
  payload: PayloadOf<N>,
  options: EnqueueOptions<N> = {} as EnqueueOptions<N>,
): Promise<string | null> {
  const { asRetry, ...sendOptions } = options;
  const singletonKey = singletonKeyOf(name, payload, asRetry === true);
  return jobs.send(name, payload, {
    ...sendOptions,
    ...(singletonKey === null ? {} : { singletonKey }),
  });
}

function singletonKeyOf<N extends JobName>(name: N, payload: PayloadOf<N>, asRetry: boolean): string | null {
  // The catalogue pairs each name with its key builders; TypeScript cannot follow that through N.
  const spec = JOB_CATALOGUE[name] as {
    readonly singletonKey: ((payload: PayloadOf<N>) => string) | null;
    readonly retrySingletonKey?: (payload: PayloadOf<N>) => string;
  };
  if (!asRetry) return spec.singletonKey?.(payload) ?? null;
  if (spec.retrySingletonKey === undefined) throw new TypeError(`${name} has no retry singleton key`);
  return spec.retrySingletonKey(payload);
}
