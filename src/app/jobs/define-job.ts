import type { JobContext, JobHandler, JobPayload } from '../ports/job-queue.js';
import { JOB_CATALOGUE, type JobName, type PayloadOf } from './job-catalogue.js';

/**
 * A job whose payload does not match the catalogue: a bug in whoever sent it (every sender is typed by
 * the catalogue), not an outage. Thrown, so the queue keeps the failed job with this error to look at.
 */
export class InvalidJobPayloadError extends Error {
  override readonly name = 'InvalidJobPayloadError';
  readonly code = 'JOB.INVALID_PAYLOAD';
  constructor(
    readonly job: JobName,
    readonly issues: readonly string[],
  ) {
    super(`The ${job} job got a payload it cannot run: ${issues.join('; ')}`);
  }
}

/** What a job does with its checked payload. */
export type JobRun<N extends JobName> = (payload: PayloadOf<N>, context: JobContext) => Promise<void>;

/** A job ready to be registered with the queue (the composition root does, with the catalogue's concurrency). */
export interface DefinedJob<N extends JobName = JobName> {
  readonly name: N;
  readonly handler: JobHandler;
}

/** One defined job per catalogue entry: the composition root's list, complete by its type. */
export type JobDefinitions = { readonly [N in JobName]: DefinedJob<N> };

/**
 * The one way to write a job handler: the payload is parsed once against the catalogue's schema (a
 * bad one throws InvalidJobPayloadError) and `run` gets it typed.
 */
export function defineJob<N extends JobName>(name: N, run: JobRun<N>): DefinedJob<N> {
  const schema = JOB_CATALOGUE[name].payload;
  return {
    name,
    handler: async (payload: JobPayload, context: JobContext) => {
      const parsed = schema.safeParse(payload);
      if (!parsed.success) {
        throw new InvalidJobPayloadError(
          name,
          parsed.error.issues.map((issue) => `${issue.path.join('.') || 'payload'}: ${issue.message}`),
        );
      }
      await run(parsed.data as PayloadOf<N>, context);
    },
  };
}
