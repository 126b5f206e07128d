import Fastify, { type FastifyInstance } from 'fastify';
import { redactingLogger } from './log-redaction.js';
import { routerServerOptions } from './router-options.js';

/**
 * What this process's job runner did, by job name. Instances share one queue, so an operator compares
 * these across instances to see that each takes its share, or that one has stopped working.
 */
export interface JobActivity {
  /** Jobs running in this process now. */
  readonly running: Readonly<Record<string, number>>;
  /** Jobs this process ran to completion since it started. */
  readonly completed: Readonly<Record<string, number>>;
}

export interface ServerDeps {
  readonly logLevel: string;
  /** Resolves when the database answers; rejects otherwise. */
  readonly checkDatabase: () => Promise<void>;
  /** The job runner's counts, shown by /healthz; absent where the server runs no jobs. */
  readonly jobActivity?: () => JobActivity;
}

export function buildServer(deps: ServerDeps): FastifyInstance {
  const app = Fastify({ logger: redactingLogger(deps.logLevel), ...routerServerOptions });

  app.get('/healthz', async (_request, reply) => {
    // Counts only: names of jobs and numbers, nothing of a store, so the public health check may show them.
    const jobs = deps.jobActivity === undefined ? {} : { jobs: deps.jobActivity() };
    try {
      await deps.checkDatabase();
      return { status: 'ok', ...jobs };
    } catch {
      return reply
        .code(503)
        .send({ status: 'unavailable', error: { code: 'HEALTH.DATABASE_UNAVAILABLE' }, ...jobs });
    }
  });

  return app;
}
