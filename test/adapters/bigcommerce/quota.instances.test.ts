import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  type BigCommerceClientPool,
  createBigCommerceClientPool,
} from '../../../src/adapters/bigcommerce/index.js';
import { runAtCallPriority } from '../../../src/adapters/call-priority.js';
import { type DatabaseHandle, openDatabase } from '../../../src/adapters/db/database.js';
import { migrateToLatest } from '../../../src/adapters/db/migrate.js';
import { PostgresQuotaLedger } from '../../../src/adapters/db/quota-ledger.repo.js';
import type { CallPriority } from '../../../src/app/ports/job-queue.js';
import { sandboxConfigFor } from '../../../src/sandbox/sandbox.config.js';
import { createSandbox, type Sandbox } from '../../../src/sandbox/server.js';
import { uniqueStoreHash } from '../../builders/store.builder.js';

const QUOTA = 30;
const WINDOW_MS = 2_000;
const MAX_IN_FLIGHT = 3;
const INSTANCES = 2;

/**
 * Two instances of the app (two client pools, each with its own database connection) sharing one
 * store's quota through the PostgreSQL ledger, against the sandbox, which refuses any call past its
 * quota of 30 per 2 s window with a 429.
 */
const postgresUrl = inject('postgresUrl');

describe.skipIf(postgresUrl === null)('BigCommerce quota shared by instances on PostgreSQL', () => {
  let sandbox: Sandbox;
  const handles: DatabaseHandle[] = [];
  const pools: BigCommerceClientPool[] = [];

  beforeAll(async () => {
    sandbox = await createSandbox({
      config: sandboxConfigFor({ rateLimit: { quota: QUOTA, windowMs: WINDOW_MS } }),
    });
    for (let i = 0; i < INSTANCES; i++) {
      const handle = await openDatabase({ kind: 'postgres', url: postgresUrl! }, { poolSize: 3 });
      handles.push(handle);
      await migrateToLatest(handle.db);
      pools.push(
        createBigCommerceClientPool({
          apiBaseUrl: sandbox.url,
          quotaLedger: new PostgresQuotaLedger(handle.db),
          limits: { maxConcurrent: MAX_IN_FLIGHT },
        }),
      );
    }
  });

  afterAll(async () => {
    for (const pool of pools) await pool.close();
    for (const handle of handles) await handle.destroy();
    await sandbox?.close();
  });

  it('a bulk stream and urgent calls together: no 429, urgent calls not behind bulk ones', async () => {
    const storeHash = uniqueStoreHash();
    const created = sandbox.state.createStore(storeHash);
    if (!created.ok) throw new Error(created.message);
    const accessToken = sandbox.state.issueToken(storeHash, 'quota-instances', [
      'store_v2_information',
    ]).token;
    const clients = pools.map((pool) => pool.forStore({ storeHash, accessToken }));

    // Every call the sandbox counted or refused, as it decided.
    const decisions: { readonly at: number; readonly allowed: boolean }[] = [];
    const take = sandbox.rateLimiter.take.bind(sandbox.rateLimiter);
    sandbox.rateLimiter.take = (hash) => {
      const decision = take(hash);
      if (hash === storeHash) decisions.push({ at: Date.now(), allowed: decision.allowed });
      return decision;
    };

    const completed: { readonly priority: CallPriority; readonly instance: number }[] = [];
    const call = (instance: number, priority: CallPriority) =>
      runAtCallPriority(priority, () => clients[instance]!.getStore()).then(() => {
        completed.push({ priority, instance });
      });

    const BULK_PER_INSTANCE = 30;
    let urgentFiredAt = -1;
    let urgent: Promise<void>[] = [];
    const bulk = Array.from({ length: INSTANCES }, (_, instance) =>
      Array.from({ length: BULK_PER_INSTANCE }, () =>
        call(instance, 'bulk').then(() => {
          // Once the bulk stream has spent most of a window, orders come in on both instances.
          if (urgentFiredAt === -1 && completed.length >= 20) {
            urgentFiredAt = completed.length;
            urgent = Array.from({ length: 6 }, (_, i) => call(i % INSTANCES, 'urgent'));
          }
        }),
      ),
    ).flat();
    await Promise.all(bulk);
    await Promise.all(urgent);

    expect(completed).toHaveLength(INSTANCES * BULK_PER_INSTANCE + 6);
    // BigCommerce's quota was never overspent: the sandbox refused nothing.
    expect(decisions.filter((d) => !d.allowed)).toEqual([]);
    expect(decisions).toHaveLength(completed.length);
    // Urgent calls finished before every bulk call but those already running when they were made.
    const lastUrgent = completed.findLastIndex((c) => c.priority === 'urgent');
    const bulkMeanwhile = completed
      .slice(urgentFiredAt, lastUrgent)
      .filter((c) => c.priority === 'bulk').length;
    expect(bulkMeanwhile).toBeLessThanOrEqual(INSTANCES * MAX_IN_FLIGHT);
    expect(lastUrgent).toBeLessThan(completed.length - 10);
  });
});
