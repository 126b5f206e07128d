import Fastify, { type FastifyInstance } from 'fastify';
import type { createRepositories } from '../../src/adapters/db/repositories.js';
import type { AssignmentDeps } from '../../src/app/assignment/assignment-deps.js';
import type { ImportDeps } from '../../src/app/imports/import-deps.js';
import type { ModeMoveDeps } from '../../src/app/modes/run-mode-move.js';
import type { Clock } from '../../src/app/ports/clock.js';
import type { PackingSlipPrinter } from '../../src/app/ports/packing-slip-printer.js';
import type { StoreOrders } from '../../src/app/ports/store-orders.js';
import type { StoreSetup } from '../../src/app/ports/store-setup.js';
import { apiV1Plugin } from '../../src/http/api-v1/api-v1.plugin.js';
import { createSessionTokens } from '../../src/http/session.js';
import { RecordingJobQueue } from '../../test/fakes/job-queue.js';

/**
 * The real `/api/v1` plugin over a benchmark's database, for operations that only read it (lists,
 * exports): what would reach BigCommerce, assign, import or print is left out, and a benchmark that
 * called it would fail at once.
 */
export async function readOnlyApiV1(
  repos: ReturnType<typeof createRepositories>,
  clock: Clock,
): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  await app.register(
    apiV1Plugin({
      ...repos,
      clock,
      jobs: new RecordingJobQueue(),
      session: {
        sessions: createSessionTokens({ secret: 'b'.repeat(40), clock }),
        stores: repos.stores,
        storeUsers: repos.storeUsers,
      },
      assignment: {} as AssignmentDeps,
      storeOrders: {} as StoreOrders,
      storeSetup: {} as StoreSetup,
      packingSlipPrinter: {} as PackingSlipPrinter,
      imports: {} as ImportDeps,
      modeMoves: {} as ModeMoveDeps,
      controlPanelUrl: 'https://store-{store_hash}.mybigcommerce.com',
    }),
    { prefix: '/api/v1' },
  );
  return app;
}
