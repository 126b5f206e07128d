import { enqueue } from '../jobs/enqueue.js';
import type { Clock } from '../ports/clock.js';
import type { ImportRunRepository } from '../ports/import-run-repository.js';
import type { JobQueue } from '../ports/job-queue.js';
import type { ModeMoveRepository } from '../ports/mode-move-repository.js';
import type { Outbox } from '../ports/outbox.js';
import type { ReevaluationRepository } from '../ports/reevaluation-repository.js';
import type { StoreRepository } from '../ports/store-repository.js';
import type { UsedSignedRequests } from '../ports/used-signed-requests.js';
import type { WebhookInbox } from '../ports/webhook-inbox.js';

export interface SweepDeps {
  readonly stores: Pick<StoreRepository, 'listInstalledStores'>;
  readonly inbox: Pick<WebhookInbox, 'listPending'>;
  readonly outbox: Pick<Outbox, 'storesWithDueMessages'>;
  readonly jobs: Pick<JobQueue, 'send'>;
  readonly clock: Clock;
  /**
   * Queues notification flushes for stores with notifications waiting (the notifications module's
   * `scheduleFlushesForPendingStores`); returns how many it queued. Optional: the sweep works without.
   */
  readonly flushPendingNotifications?: () => Promise<number>;
  /** When given, a store's running mode move is queued again (`mode-move.run`; one waits per move). */
  readonly modeMoves?: Pick<ModeMoveRepository, 'latest'>;
  /** When given, a store's running re-evaluation of S is queued again (`settings.reevaluate`). */
  readonly reevaluations?: Pick<ReevaluationRepository, 'latest'>;
  /** When given, import runs left `applying` without progress are queued again (`import.apply`). */
  readonly importRuns?: Pick<ImportRunRepository, 'listStaleApplying'>;
  /** When given, each installed store's expired signed requests (/load) are forgotten. */
  readonly usedSignedRequests?: Pick<UsedSignedRequests, 'forgetExpired'>;
  readonly reportError?: (error: unknown, context: string) => void;
}

export interface SweepOptions {
  /**
   * An unprocessed webhook older than this lost its job (the process died before queueing it, or the
   * queue gave up): it is queued again. Younger ones are probably still on their way (default 2 min).
   */
  readonly webhookStaleAfterMs?: number;
  /** Unprocessed webhooks looked at per store and sweep (oldest first; default 200). */
  readonly webhooksPerStore?: number;
  /**
   * A webhook that failed this many times is left alone (with its last error, for a person to look
   * at) instead of being retried every sweep for ever (default 25).
   */
  readonly maxWebhookAttempts?: number;
  /** Stores with due outbox messages handled per sweep (default 1000). */
  readonly outboxStores?: number;
  /**
   * An import run `applying` with no progress for this long lost its job (a chunk takes seconds):
   * it is queued again, and resumes with its pending rows (default 2 min).
   */
  readonly importStaleAfterMs?: number;
}

export interface SweepSummary {
  readonly webhooksQueued: number;
  /** Stale webhooks left alone because they failed too often. */
  readonly webhooksGivenUp: number;
  readonly outboxStoresQueued: number;
  readonly notificationStoresQueued: number;
  /** Used signed requests forgotten because they expired (only when wired). */
  readonly signedRequestsForgotten?: number;
  /** Import runs queued again (only when wired). */
  readonly importRunsQueued?: number;
}

const DEFAULTS = {
  webhookStaleAfterMs: 2 * 60_000,
  webhooksPerStore: 200,
  maxWebhookAttempts: 25,
  outboxStores: 1000,
  importStaleAfterMs: 2 * 60_000,
} satisfies Required<SweepOptions>;

/**
 * Job `maintenance.sweep` (periodic): finds work whose job was lost and queues it again.
 * - Webhooks recorded but not processed for a while → `webhook.process` {storeId, inboxId}.
 * - Stores with due outbox messages → `outbox.deliver` {storeId}.
 * - (When wired) stores with notifications waiting → `notifications.flush`.
 * - (When wired) import runs left `applying` without progress → `import.apply` {storeId, runId}.
 * - (When wired) signed requests /load accepted that have expired are forgotten: they cannot verify
 *   any more, so remembering them (to accept each once) is no longer needed.
 * Every job is sent through `enqueue`, so with the singleton key the rest of the app uses: a sweep
 * never adds a second waiting job to one already queued, and sweeping often cannot flood the queue.
 * Handlers are idempotent, so a job re-queued while the lost one is somehow still running does no harm.
 * Only installed stores: an uninstalled store has no token to act with.
 */
export async function sweep(deps: SweepDeps, options: SweepOptions = {}): Promise<SweepSummary> {
  const o = { ...DEFAULTS, ...definedOnly(options) };
  const now = deps.clock.now();
  const staleBefore = now.getTime() - o.webhookStaleAfterMs;
  const installed = await deps.stores.listInstalledStores();
  const installedIds = new Set(installed.map((s) => s.id));
  const errors: unknown[] = [];
  const attempt = async (context: string, work: () => Promise<void>) => {
    try {
      await work();
    } catch (error) {
      errors.push(error);
      deps.reportError?.(error, context);
    }
  };

  let webhooksQueued = 0;
  let webhooksGivenUp = 0;
  for (const store of installed) {
    await attempt(`sweeping webhooks of store ${store.id}`, async () => {
      const pending = await deps.inbox.listPending(store.id, o.webhooksPerStore);
      for (const entry of pending) {
        if (entry.receivedAt.getTime() > staleBefore) continue; // probably still on its way
        if (entry.attempts >= o.maxWebhookAttempts) {
          webhooksGivenUp += 1;
          continue;
        }
        const id = await enqueue(deps.jobs, 'webhook.process', { storeId: store.id, inboxId: entry.id });
        if (id !== null) webhooksQueued += 1;
      }
    });
  }

  let outboxStoresQueued = 0;
  await attempt('sweeping the outbox', async () => {
    const storeIds = await deps.outbox.storesWithDueMessages(now, o.outboxStores);
    for (const storeId of storeIds) {
      if (!installedIds.has(storeId)) continue;
      const id = await enqueue(deps.jobs, 'outbox.deliver', { storeId });
      if (id !== null) outboxStoresQueued += 1;
    }
  });

  let notificationStoresQueued = 0;
  const flush = deps.flushPendingNotifications;
  if (flush !== undefined) {
    await attempt('sweeping notifications', async () => {
      notificationStoresQueued = await flush();
    });
  }

  let importRunsQueued = 0;
  const imports = deps.importRuns;
  if (imports !== undefined) {
    await attempt('sweeping import runs', async () => {
      const stale = await imports.listStaleApplying(new Date(now.getTime() - o.importStaleAfterMs), 1000);
      for (const { storeId, runId } of stale) {
        if (!installedIds.has(storeId)) continue;
        const id = await enqueue(deps.jobs, 'import.apply', { storeId, runId });
        if (id !== null) importRunsQueued += 1;
      }
    });
  }

  // A mode move whose job gave up (orders kept arriving, an outage) is queued again: it resumes.
  const moves = deps.modeMoves;
  if (moves !== undefined) {
    for (const store of installed) {
      await attempt(`sweeping the mode move of store ${store.id}`, async () => {
        const latest = await moves.latest(store.id);
        if (latest?.status === 'running') {
          await enqueue(deps.jobs, 'mode-move.run', { storeId: store.id, moveId: latest.id });
        }
      });
    }
  }

  // A re-evaluation whose job was lost or gave up (an outage) is queued again: it resumes at its cursor.
  const reevaluations = deps.reevaluations;
  if (reevaluations !== undefined) {
    for (const store of installed) {
      await attempt(`sweeping the re-evaluation of store ${store.id}`, async () => {
        const latest = await reevaluations.latest(store.id);
        if (latest?.status === 'running') {
          await enqueue(deps.jobs, 'settings.reevaluate', { storeId: store.id, reevaluationId: latest.id });
        }
      });
    }
  }

  let signedRequestsForgotten = 0;
  const used = deps.usedSignedRequests;
  if (used !== undefined) {
    for (const store of installed) {
      await attempt(`forgetting expired signed requests of store ${store.id}`, async () => {
        signedRequestsForgotten += await used.forgetExpired(store.id, now);
      });
    }
  }

  // Whatever could be queued is queued; failing the job makes the queue retry the rest soon.
  if (errors.length > 0) throw new AggregateError(errors, `The sweep failed in ${errors.length} part(s)`);
  return {
    webhooksQueued,
    webhooksGivenUp,
    outboxStoresQueued,
    notificationStoresQueued,
    ...(used === undefined ? {} : { signedRequestsForgotten }),
    ...(imports === undefined ? {} : { importRunsQueued }),
  };
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
