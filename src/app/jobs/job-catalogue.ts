import { z } from 'zod';
import type { CallPriority } from '../ports/call-priority.js';
import { asStoreId } from '../ports/store-id.js';
import {
  detectNativeKey,
  importApplyKey,
  modeMoveKey,
  notificationsFlushKey,
  outboxDeliverKey,
  outboxRetryKey,
  outboxUrgentKey,
  outboxUrgentRetryKey,
  settingsReevaluateKey,
  webhookProcessKey,
} from './keys.js';

/**
 * Every background job of the app, with what it carries and how it is queued. Sending (`enqueue`)
 * and running (`defineJob`) both read it, so a payload is checked against one schema and a job's
 * singleton key is built in one place. The queue adapters see only names and plain payloads.
 */
interface JobSpec<S extends z.ZodType<Readonly<Record<string, unknown>>>> {
  readonly payload: S;
  /**
   * At most one job with this key waits to run (the queue drops a second send): repeated requests for
   * the same work collapse. Null: every send is a job of its own.
   */
  readonly singletonKey: ((payload: z.output<S>) => string) | null;
  /** The key a delayed retry waits under, apart from the job due now (`enqueue(…, { asRetry: true })`). */
  readonly retrySingletonKey?: (payload: z.output<S>) => string;
  /** Jobs of this name run at most this many at a time per process. */
  readonly concurrency: number;
  /**
   * The same on a database server (PostgreSQL), when more than `concurrency`: there a job's time is
   * mostly waiting for round trips, which overlap, where SQLite's one connection runs statements one at
   * a time and more handlers only wait in line for it.
   */
  readonly serverConcurrency?: number;
  /** Queued every few seconds by the composition root (`every`), once per period across instances. */
  readonly periodic: boolean;
  /** How its BigCommerce calls share the store's API quota with the store's other work (CallPriority). */
  readonly callPriority: CallPriority;
}

function job<
  S extends z.ZodType<Readonly<Record<string, unknown>>>,
  const X extends Omit<JobSpec<S>, 'payload'>,
>(payload: S, spec: X): { readonly payload: S } & X {
  return { payload, ...spec };
}

const id = z.number().int().positive();
const storeId = id.transform(asStoreId);
const ofStore = z.object({ storeId });
/** Periodic jobs carry nothing: each run finds its work, so a payload would be a sender's mistake. */
const nothing = z.strictObject({});

export const JOB_CATALOGUE = {
  /** Process one recorded webhook: re-read what it points at from BigCommerce and apply it. */
  'webhook.process': job(z.object({ storeId, inboxId: id }), {
    singletonKey: ({ storeId, inboxId }) => webhookProcessKey(storeId, inboxId),
    concurrency: 4,
    // An order's job is ~11 round trips of a few ms each; 4 at a time left PostgreSQL idle under a storm
    // (issue 12.8). Sales of one item still take turns on its row lock. Not more: each job may have a
    // BigCommerce call in flight, and calls in flight across a quota window's reset are forgotten by
    // the ledger (quota.ledger.ts), so at 16 two instances drew an occasional 429 (two-instances e2e).
    serverConcurrency: 8,
    periodic: false,
    callPriority: 'urgent',
  }),
  /** Deliver the store's due outbox messages (purchasability writes, coalesced per product). */
  'outbox.deliver': job(ofStore, {
    singletonKey: ({ storeId }) => outboxDeliverKey(storeId),
    retrySingletonKey: ({ storeId }) => outboxRetryKey(storeId),
    concurrency: 2,
    periodic: false,
    callPriority: 'normal',
  }),
  /**
   * Deliver the store's due URGENT outbox messages only (writes that disable purchase or lower a
   * per-order maximum), ahead of everything else: its own singleton key and workers, so it never waits
   * behind a long `outbox.deliver` of the store, nor for the notification window (issue 9.1).
   */
  'outbox.urgent': job(ofStore, {
    singletonKey: ({ storeId }) => outboxUrgentKey(storeId),
    retrySingletonKey: ({ storeId }) => outboxUrgentRetryKey(storeId),
    concurrency: 2,
    periodic: false,
    callPriority: 'urgent',
  }),
  /** Send the store's grouped notification email(s) once their grouping window has passed. */
  'notifications.flush': job(ofStore, {
    singletonKey: ({ storeId }) => notificationsFlushKey(storeId),
    concurrency: 1,
    periodic: false,
    callPriority: 'normal',
  }),
  /**
   * Work one assignment run to its end. Sent once per run (the run itself is the guard against doing
   * a product twice), so it needs no singleton key.
   */
  'assignment.bulk': job(z.object({ storeId, runId: id }), {
    singletonKey: null,
    concurrency: 1,
    periodic: false,
    callPriority: 'bulk',
  }),
  /**
   * Apply an import run, chunk by chunk, to its end. Keyed by run, so the apply request and the sweep
   * (which queues runs whose job was lost) never stack two waiting jobs; each row is applied once by
   * its ledger key, so a job run again resumes where the last stopped.
   */
  'import.apply': job(z.object({ storeId, runId: id }), {
    singletonKey: ({ storeId, runId }) => importApplyKey(storeId, runId),
    concurrency: 1,
    periodic: false,
    callPriority: 'bulk',
  }),
  /**
   * Check whether the store has BigCommerce's native backorders on and how many locations it has, and
   * record it (src/app/settings/detect-native-backorders.ts). One waiting per store.
   */
  'settings.detect-native': job(ofStore, {
    singletonKey: ({ storeId }) => detectNativeKey(storeId),
    concurrency: 1,
    periodic: false,
    callPriority: 'normal',
  }),
  /**
   * Re-evaluate the store's items after its switch condition changed
   * (src/app/settings/run-reevaluation.ts), resuming after its cursor. One waiting per re-evaluation.
   */
  'settings.reevaluate': job(z.object({ storeId, reevaluationId: id }), {
    singletonKey: ({ storeId, reevaluationId }) => settingsReevaluateKey(storeId, reevaluationId),
    concurrency: 1,
    periodic: false,
    callPriority: 'bulk',
  }),
  /** Move a store's assigned products to another inventory mode (src/app/modes/run-mode-move.ts). */
  'mode-move.run': job(z.object({ storeId, moveId: id }), {
    singletonKey: ({ storeId, moveId }) => modeMoveKey(storeId, moveId),
    concurrency: 1,
    periodic: false,
    callPriority: 'bulk',
  }),
  /** Apply back-in-stock dates for stores whose local day has started (catches up after downtime). */
  'dates.check': job(nothing, { singletonKey: null, concurrency: 1, periodic: true, callPriority: 'normal' }),
  /** Re-queue work whose job was lost: unprocessed webhooks, due outbox rows, waiting notifications. */
  'maintenance.sweep': job(nothing, {
    singletonKey: null,
    concurrency: 1,
    periodic: true,
    callPriority: 'normal',
  }),
};

type Catalogue = typeof JOB_CATALOGUE;

export type JobName = keyof Catalogue;

/** What a job of this name carries, as its handler receives it. */
export type PayloadOf<N extends JobName> = z.output<Catalogue[N]['payload']>;

/** Jobs with a separate singleton key for delayed retries. */
export type JobWithRetryKey = {
  [N in JobName]: Catalogue[N] extends { readonly retrySingletonKey: (payload: never) => string } ? N : never;
}[JobName];

export const JOB_NAMES = Object.keys(JOB_CATALOGUE) as JobName[];

/** The jobs the composition root queues periodically. */
export const PERIODIC_JOBS: readonly JobName[] = JOB_NAMES.filter((name) => JOB_CATALOGUE[name].periodic);

/** How many jobs of `name` one process runs at a time: more on a database server (`serverConcurrency`). */
export function concurrencyOf(name: JobName, onDatabaseServer: boolean): number {
  const spec: { readonly concurrency: number; readonly serverConcurrency?: number } = JOB_CATALOGUE[name];
  return onDatabaseServer ? Math.max(spec.concurrency, spec.serverConcurrency ?? 0) : spec.concurrency;
}
