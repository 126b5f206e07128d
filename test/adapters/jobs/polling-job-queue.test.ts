import { afterEach, expect, test } from 'vitest';
import type { ClaimedJob, EnqueueOptions, JobBackend } from '../../../src/adapters/jobs/job-backend.js';
import { PollingJobQueue } from '../../../src/adapters/jobs/polling-job-queue.js';
import type { JobName, JobPayload } from '../../../src/app/ports/job-queue.js';
import { eventually, sleep } from './support/job-queues.js';

/** An in-memory backend that counts the runner's looks (claims) per job name. */
class CountingBackend implements JobBackend {
  readonly claims = new Map<JobName, number>();
  readonly #due: ClaimedJob[] = [];
  #next = 0;

  async start(): Promise<void> {}
  async close(): Promise<void> {}
  async enqueue(name: JobName, payload: JobPayload, _options: EnqueueOptions): Promise<string> {
    this.#next += 1;
    const id = `job-${this.#next}`;
    this.#due.push({ id, name, payload, attempt: 1 });
    return id;
  }
  async claim(name: JobName, limit: number): Promise<ClaimedJob[]> {
    this.claims.set(name, (this.claims.get(name) ?? 0) + 1);
    const taken: ClaimedJob[] = [];
    for (let i = 0; i < this.#due.length && taken.length < limit; ) {
      if (this.#due[i]!.name === name) taken.push(...this.#due.splice(i, 1));
      else i += 1;
    }
    return taken;
  }
  async complete(): Promise<void> {}
  async fail(): Promise<void> {}
}

const queues: PollingJobQueue[] = [];
afterEach(async () => {
  await Promise.all(queues.splice(0).map((q) => q.stop()));
});

const silent = { error: () => {}, warn: () => {} };

test('a burst of one job name looks only for that name, not once per registered name per job', async () => {
  const backend = new CountingBackend();
  // A long interval: every look in this test comes from a send or a finished job waking the runner.
  const queue = new PollingJobQueue(backend, { pollIntervalMs: 60_000, logger: silent });
  queues.push(queue);
  let ran = 0;
  queue.work(
    'webhook.process',
    async () => {
      await sleep(2);
      ran += 1;
    },
    { concurrency: 4 },
  );
  queue.work('outbox.deliver', async () => {});
  queue.work('notifications.flush', async () => {});
  await queue.start();
  await eventually(() => backend.claims.size === 3, 'the first poll looked for every name');

  for (let i = 1; i <= 40; i++) await queue.send('webhook.process', { storeId: 1, inboxId: i });
  await eventually(() => ran === 40, 'every job ran');
  await sleep(20);

  // Before: each finished job woke a poll of all three names (40+ looks each for the idle ones).
  expect(backend.claims.get('outbox.deliver')).toBe(1);
  expect(backend.claims.get('notifications.flush')).toBe(1);
  expect(backend.claims.get('webhook.process')).toBeGreaterThanOrEqual(10);
});

test('jobs of another name sent by another process are still found by the full poll each interval', async () => {
  const backend = new CountingBackend();
  const queue = new PollingJobQueue(backend, { pollIntervalMs: 50, logger: silent });
  queues.push(queue);
  let webhooks = 0;
  let deliveries = 0;
  queue.work(
    'webhook.process',
    async () => {
      await sleep(5);
      webhooks += 1;
    },
    { concurrency: 1 },
  );
  queue.work('outbox.deliver', async () => {
    deliveries += 1;
  });
  await queue.start();
  for (let i = 1; i <= 60; i++) await queue.send('webhook.process', { storeId: 1, inboxId: i });
  // Straight into the backend, as another instance's send would be: nothing wakes this runner for it.
  await backend.enqueue('outbox.deliver', { storeId: 1 }, { retryLimit: 0 });

  await eventually(() => deliveries === 1, 'the other name was looked for while the burst ran');
  expect(webhooks).toBeLessThan(60);
});
