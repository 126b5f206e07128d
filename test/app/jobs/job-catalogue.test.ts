import { describe, expect, it } from 'vitest';
import { defineJob, InvalidJobPayloadError } from '../../../src/app/jobs/define-job.js';
import { enqueue } from '../../../src/app/jobs/enqueue.js';
import {
  concurrencyOf,
  JOB_CATALOGUE,
  JOB_NAMES,
  type JobName,
  PERIODIC_JOBS,
} from '../../../src/app/jobs/job-catalogue.js';
import type { JobPayload } from '../../../src/app/ports/job-queue.js';
import { asStoreId } from '../../../src/app/ports/store-id.js';
import { RecordingJobQueue } from '../../fakes/job-queue.js';

const context = (name: JobName) => ({ id: 'job-1', name, attempt: 1 });

/** A payload each job must refuse: a wrong type, a missing field, or (periodic jobs) any field at all. */
const BAD_PAYLOADS: { readonly [N in JobName]: { payload: JobPayload; issue: string } } = {
  'webhook.process': { payload: { storeId: 1 }, issue: 'inboxId' },
  'outbox.deliver': { payload: { storeId: 'x' }, issue: 'storeId' },
  'outbox.urgent': { payload: {}, issue: 'storeId' },
  'notifications.flush': { payload: { storeId: 0 }, issue: 'storeId' },
  'assignment.bulk': { payload: { storeId: 1, runId: 1.5 }, issue: 'runId' },
  'import.apply': { payload: { storeId: 1 }, issue: 'runId' },
  'settings.detect-native': { payload: { storeId: -2 }, issue: 'storeId' },
  'mode-move.run': { payload: { storeId: 1 }, issue: 'moveId' },
  'settings.reevaluate': { payload: { storeId: 1 }, issue: 'reevaluationId' },
  'dates.check': { payload: { storeId: 1 }, issue: 'storeId' },
  'maintenance.sweep': { payload: { storeId: 1 }, issue: 'storeId' },
};

describe('the job catalogue', () => {
  it('lists every job the app runs, with its concurrency; dates.check and the sweep are periodic', () => {
    expect(Object.fromEntries(JOB_NAMES.map((name) => [name, JOB_CATALOGUE[name].concurrency]))).toEqual({
      'webhook.process': 4,
      'outbox.deliver': 2,
      'outbox.urgent': 2,
      'notifications.flush': 1,
      'assignment.bulk': 1,
      'import.apply': 1,
      'settings.detect-native': 1,
      'mode-move.run': 1,
      'settings.reevaluate': 1,
      'dates.check': 1,
      'maintenance.sweep': 1,
    });
    expect(PERIODIC_JOBS).toEqual(['dates.check', 'maintenance.sweep']);
  });

  it('names the call priority of each job: orders and disabling writes urgent, long runs bulk', () => {
    expect(Object.fromEntries(JOB_NAMES.map((name) => [name, JOB_CATALOGUE[name].callPriority]))).toEqual({
      'webhook.process': 'urgent',
      'outbox.urgent': 'urgent',
      'outbox.deliver': 'normal',
      'notifications.flush': 'normal',
      'settings.detect-native': 'normal',
      'dates.check': 'normal',
      'maintenance.sweep': 'normal',
      'assignment.bulk': 'bulk',
      'import.apply': 'bulk',
      'mode-move.run': 'bulk',
      'settings.reevaluate': 'bulk',
    });
  });

  it.each(JOB_NAMES)(
    '%s: a bad payload is refused with JOB.INVALID_PAYLOAD before the job runs',
    async (name) => {
      const runs: unknown[] = [];
      const job = defineJob(name, async (payload) => {
        runs.push(payload);
      });
      const { payload, issue } = BAD_PAYLOADS[name];

      const failure = await job.handler(payload, context(name)).catch((error: unknown) => error);

      expect(failure).toBeInstanceOf(InvalidJobPayloadError);
      expect(failure).toMatchObject({ code: 'JOB.INVALID_PAYLOAD', job: name });
      expect((failure as Error).message).toContain(name);
      expect((failure as InvalidJobPayloadError).issues.join('\n')).toContain(issue);
      expect(runs).toEqual([]);
    },
  );

  it('sends every job under the singleton key stored queues already hold, or none', async () => {
    const jobs = new RecordingJobQueue();
    const { sent } = jobs;
    const at = new Date('2025-05-01T10:00:00Z');

    await enqueue(jobs, 'webhook.process', { storeId: asStoreId(3), inboxId: 41 });
    await enqueue(jobs, 'outbox.deliver', { storeId: asStoreId(3) });
    await enqueue(jobs, 'outbox.deliver', { storeId: asStoreId(3) }, { startAfter: at, asRetry: true });
    await enqueue(jobs, 'outbox.urgent', { storeId: asStoreId(3) });
    await enqueue(jobs, 'outbox.urgent', { storeId: asStoreId(3) }, { startAfter: at, asRetry: true });
    await enqueue(jobs, 'notifications.flush', { storeId: asStoreId(3) }, { startAfter: at });
    await enqueue(
      jobs,
      'assignment.bulk',
      { storeId: asStoreId(3), runId: 8 },
      { startAfter: at, retryLimit: 2 },
    );
    await enqueue(jobs, 'settings.detect-native', { storeId: asStoreId(3) });
    await enqueue(jobs, 'dates.check', {});
    await enqueue(jobs, 'maintenance.sweep', {});

    expect(sent).toEqual([
      {
        name: 'webhook.process',
        payload: { storeId: asStoreId(3), inboxId: 41 },
        options: { singletonKey: 'webhook.process:3:41' },
      },
      {
        name: 'outbox.deliver',
        payload: { storeId: asStoreId(3) },
        options: { singletonKey: 'outbox.deliver:3' },
      },
      {
        name: 'outbox.deliver',
        payload: { storeId: asStoreId(3) },
        options: { singletonKey: 'outbox.deliver.retry:3', startAfter: at },
      },
      {
        name: 'outbox.urgent',
        payload: { storeId: asStoreId(3) },
        options: { singletonKey: 'outbox.urgent:3' },
      },
      {
        name: 'outbox.urgent',
        payload: { storeId: asStoreId(3) },
        options: { singletonKey: 'outbox.urgent.retry:3', startAfter: at },
      },
      {
        name: 'notifications.flush',
        payload: { storeId: asStoreId(3) },
        options: { singletonKey: 'notifications.flush:3', startAfter: at },
      },
      {
        name: 'assignment.bulk',
        payload: { storeId: asStoreId(3), runId: 8 },
        options: { startAfter: at, retryLimit: 2 },
      },
      {
        name: 'settings.detect-native',
        payload: { storeId: asStoreId(3) },
        options: { singletonKey: 'settings.detect-native:3' },
      },
      { name: 'dates.check', payload: {}, options: {} },
      { name: 'maintenance.sweep', payload: {}, options: {} },
    ]);
    // No key at all, not an undefined one: the queues treat a present key as a singleton.
    expect(
      sent.filter((s) => s.options !== undefined && 'singletonKey' in s.options).map((s) => s.name),
    ).toEqual([
      'webhook.process',
      'outbox.deliver',
      'outbox.deliver',
      'outbox.urgent',
      'outbox.urgent',
      'notifications.flush',
      'settings.detect-native',
    ]);
  });

  it('types payloads and retry keys by the catalogue', async () => {
    const jobs = new RecordingJobQueue();
    const { sent } = jobs;
    // @ts-expect-error outbox.deliver carries a storeId
    await enqueue(jobs, 'outbox.deliver', { inboxId: 1 });
    const flushAsRetry = () =>
      // @ts-expect-error only the outbox deliveries have a retry key
      enqueue(jobs, 'notifications.flush', { storeId: asStoreId(1) }, { asRetry: true });
    await expect(flushAsRetry()).rejects.toThrow('notifications.flush has no retry singleton key');
    expect(sent).toHaveLength(1);
  });
});

describe('defineJob', () => {
  it('hands the job its parsed payload and the queue context', async () => {
    const runs: unknown[] = [];
    const job = defineJob('webhook.process', async (payload, ctx) => {
      // Typed by the catalogue: no cast needed.
      const inboxId: number = payload.inboxId;
      runs.push({ storeId: payload.storeId, inboxId, ctx });
    });

    await job.handler({ storeId: asStoreId(2), inboxId: 9 }, context('webhook.process'));

    expect(job.name).toBe('webhook.process');
    expect(runs).toEqual([{ storeId: asStoreId(2), inboxId: 9, ctx: context('webhook.process') }]);
  });

  it('lets the error of the job itself through unchanged, for the queue to retry', async () => {
    const outage = new Error('BigCommerce is down');
    const job = defineJob('outbox.deliver', async () => {
      throw outage;
    });
    await expect(job.handler({ storeId: asStoreId(1) }, context('outbox.deliver'))).rejects.toBe(outage);
  });

  it('names every issue of a bad payload', async () => {
    const job = defineJob('assignment.bulk', async () => {});
    const failure = (await job
      .handler({ storeId: 'one' }, context('assignment.bulk'))
      .catch((error: unknown) => error)) as InvalidJobPayloadError;
    expect(failure).toBeInstanceOf(InvalidJobPayloadError);
    expect(failure.issues).toHaveLength(2);
    expect(failure.issues[0]).toMatch(/^storeId: /);
    expect(failure.issues[1]).toMatch(/^runId: /);
    expect(failure.message).toBe(
      `The assignment.bulk job got a payload it cannot run: ${failure.issues.join('; ')}`,
    );
  });
});

describe('concurrencyOf', () => {
  it('runs more order webhooks at a time on a database server, never fewer than on SQLite', () => {
    expect(concurrencyOf('webhook.process', false)).toBe(4);
    expect(concurrencyOf('webhook.process', true)).toBe(8);
    for (const name of JOB_NAMES) {
      expect(concurrencyOf(name, true)).toBeGreaterThanOrEqual(concurrencyOf(name, false));
    }
    expect(concurrencyOf('outbox.deliver', true)).toBe(JOB_CATALOGUE['outbox.deliver'].concurrency);
  });
});
