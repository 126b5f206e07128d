import Fastify, { type FastifyInstance } from 'fastify';
import { redactingLogger } from './log-redaction.js';
import { routerServerOptions } from './router-options.js';

export interface ServerDeps {
  readonly logLevel: string;
  /** Resolves when the database answers; rejects otherwise. */
  readonly checkDatabase: () => Promise<void>;
}

export function buildServer(deps: ServerDeps): FastifyInstance {
  const app = Fastify({ logger: redactingLogger(deps.logLevel), ...routerServerOptions });

  app.get('/healthz', async (_request, reply) => {
    try {
      await deps.checkDatabase();
      return { status: 'ok' };
    } catch {
      return reply.code(503).send({ status: 'unavailable', error: { code: 'HEALTH.DATABASE_UNAVAILABLE' } });
    }
  });

  return app;
}
