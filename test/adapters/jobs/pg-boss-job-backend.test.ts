import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { PgBossJobBackend } from '../../../src/adapters/jobs/pg-boss-job-backend.js';
import { JOB_CATALOGUE, type JobName } from '../../../src/app/jobs/job-catalogue.js';

/**
 * pg-boss on its own, for what the contract suite does not see: several instances of the app starting
 * at the same time on a database pg-boss has not set up yet (a first deployment, or a new job). Creating
 * a queue makes a partition of pg-boss's job table; done by two instances at once it deadlocks, and
 * PostgreSQL breaks each deadlock only after its deadlock_timeout. A database of its own, so its
 * deadlock counter counts only these instances.
 */
const postgresUrl = inject('postgresUrl');

describe.skipIf(postgresUrl === null)('PgBossJobBackend, several instances starting at once', () => {
  const name = `backorder_pgboss_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  let url: string;

  const admin = async <T>(work: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: postgresUrl! });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    await admin((client) => client.query(`CREATE DATABASE ${name}`));
    const parsed = new URL(postgresUrl!);
    parsed.pathname = `/${name}`;
    url = parsed.toString();
  });
  afterAll(async () => {
    await admin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  });

  test('create every queue one instance at a time, without a deadlock', { timeout: 30_000 }, async () => {
    const logged: string[] = [];
    const logger = {
      warn: (_: object, msg: string) => logged.push(msg),
      error: (_: object, msg: string) => logged.push(msg),
    };
    const names = Object.keys(JOB_CATALOGUE) as JobName[];
    const instances = Array.from(
      { length: 3 },
      () => new PgBossJobBackend({ connectionString: url, logger }),
    );
    try {
      await Promise.all(instances.map((instance) => instance.start(names)));
      // Every instance can use every queue.
      for (const [i, instance] of instances.entries()) {
        expect(await instance.enqueue(names[i]!, { n: i }, { retryLimit: 0 })).not.toBeNull();
      }
    } finally {
      await Promise.all(instances.map((instance) => instance.close()));
    }
    // The instances' connections have closed, which reports their statistics.
    const deadlocks = await admin(async (client) => {
      await client.query('SELECT pg_stat_clear_snapshot()');
      const { rows } = await client.query<{ deadlocks: string }>(
        'SELECT deadlocks FROM pg_stat_database WHERE datname = $1',
        [name],
      );
      return Number(rows[0]?.deadlocks);
    });
    expect(deadlocks).toBe(0);
    expect(logged).toEqual([]);
  });
});
