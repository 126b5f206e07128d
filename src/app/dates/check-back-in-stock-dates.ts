import type { LocalDate } from '../../core/item.js';
import { localDateAt } from '../../core/local-date.js';
import { applyItemEvent } from '../items/apply-item-event.js';
import { dayStartedKey } from '../jobs/keys.js';
import { requestDelivery } from '../jobs/request-delivery.js';
import type { Clock } from '../ports/clock.js';
import type { DateCheckRepository } from '../ports/date-check-repository.js';
import type { ItemRecord, ItemRepository } from '../ports/item-repository.js';
import type { ItemTransactions } from '../ports/item-transactions.js';
import type { JobQueue } from '../ports/job-queue.js';
import type { StoreId } from '../ports/store-id.js';
import type { StoreRecord, StoreRepository } from '../ports/store-repository.js';

export interface CheckBackInStockDatesDeps {
  readonly stores: Pick<StoreRepository, 'listInstalledStores'>;
  readonly items: Pick<ItemRepository, 'listItems' | 'getItem'>;
  readonly itemTransactions: ItemTransactions;
  readonly dateChecks: DateCheckRepository;
  readonly jobs: Pick<JobQueue, 'send'>;
  readonly clock: Clock;
  /** Told about a store whose check failed; the others are still checked. */
  readonly reportError?: (error: unknown, context: string) => void;
}

export interface CheckBackInStockDatesOptions {
  /** Items read per query (default 500). */
  readonly pageSize?: number;
}

export interface StoreDateCheck {
  readonly storeId: StoreId;
  /** The store-local date the check ran for. */
  readonly today: LocalDate;
  /** Items the `dayStarted` event was applied to (whether or not their status changed). */
  readonly applied: number;
  /** Items that moved to the date block now. */
  readonly blocked: number;
  /** Items already handled by an earlier, interrupted run of this day (same idempotency key). */
  readonly duplicates: number;
  /** Items the rules refused the event for (logged, not retried: they need a person). */
  readonly refused: number;
}

export interface DateCheckSummary {
  /** Stores whose new local day was checked in this run (the others were already checked through today). */
  readonly checked: readonly StoreDateCheck[];
}

export class DateCheckFailedError extends Error {
  override readonly name = 'DateCheckFailedError';
  readonly code = 'DATES.CHECK_FAILED';
  constructor(
    readonly storeIds: readonly StoreId[],
    readonly causes: readonly unknown[],
  ) {
    super(
      `The back-in-stock date check failed for store(s) ${storeIds.join(', ')}; the job will retry them.`,
      {
        cause: causes[0],
      },
    );
  }
}

/** Blocks the `dayStarted` event cannot change: the date block is already there, a manual one wins. */
const SETTLED_BLOCKS = new Set<ItemRecord['block']>(['date', 'manual']);

/**
 * The date scheduler (job `dates.check`, run every few minutes): when a store's local day has begun,
 * applies the core event `dayStarted` to each of its assigned items whose back-in-stock date is today
 * or earlier, so R6 sets the date block and the outbox carries the purchasability write and email.
 * Each store is checked once per local day, in its own time zone (not UTC), and a store that was
 * not checked for days (the app was down) is caught up on the next run: every date up to its today
 * is applied. Idempotent per item and day (`day:{today}:item:{id}`), so a retried job never applies
 * twice. A store that fails does not stop the others; the job then throws so the queue retries it.
 */
export async function checkBackInStockDates(
  deps: CheckBackInStockDatesDeps,
  options: CheckBackInStockDatesOptions = {},
): Promise<DateCheckSummary> {
  const pageSize = options.pageSize ?? 500;
  const [stores, checkedThrough] = await Promise.all([
    deps.stores.listInstalledStores(),
    deps.dateChecks.listCheckedThrough(),
  ]);
  const checked: StoreDateCheck[] = [];
  const failed: { storeId: StoreId; error: unknown }[] = [];
  for (const store of stores) {
    try {
      const today = localDateAt(deps.clock.now(), store.timezone);
      const last = checkedThrough.get(store.id) ?? null;
      if (last !== null && last >= today) continue;
      checked.push(await checkStore(deps, store, today, pageSize));
    } catch (error) {
      failed.push({ storeId: store.id, error });
      deps.reportError?.(error, `checking back-in-stock dates of store ${store.id}`);
    }
  }
  if (failed.length > 0) {
    throw new DateCheckFailedError(
      failed.map((f) => f.storeId),
      failed.map((f) => f.error),
    );
  }
  return { checked };
}

async function checkStore(
  deps: CheckBackInStockDatesDeps,
  store: StoreRecord,
  today: LocalDate,
  pageSize: number,
): Promise<StoreDateCheck> {
  let applied = 0;
  let blocked = 0;
  let duplicates = 0;
  let refused = 0;
  let withEffects = false;
  let afterId: number | undefined;
  try {
    for (;;) {
      const page = await deps.items.listItems(store.id, {
        backInStockDateOnOrBefore: today,
        limit: pageSize,
        ...(afterId === undefined ? {} : { afterId }),
      });
      for (const item of page) {
        if (SETTLED_BLOCKS.has(item.block)) continue;
        const outcome = await applyItemEvent(deps, {
          storeId: store.id,
          itemId: item.id,
          event: { kind: 'dayStarted' },
          idempotencyKey: dayStartedKey(today, item.id),
          cause: { type: 'scheduler', ref: `day:${today}` },
          actor: 'system',
          now: deps.clock.now(),
        });
        if (outcome.applied) {
          applied += 1;
          if (outcome.item.block === 'date' && item.block !== 'date') blocked += 1;
          withEffects ||= outcome.outboxWrites > 0;
        } else if (outcome.duplicate) {
          // A run of this day running at the same time applied it; its effects may not be queued yet.
          duplicates += 1;
          withEffects = true;
        } else {
          refused += 1;
          deps.reportError?.(
            new Error(`${outcome.refusal.code}: ${outcome.refusal.message}`),
            `applying the back-in-stock date of item ${item.id} (store ${store.id})`,
          );
        }
      }
      if (page.length < pageSize) break;
      afterId = page[page.length - 1]!.id;
    }
  } finally {
    // Also when the loop failed half-way: what changed before is delivered now, not at the next sweep.
    if (withEffects) await requestDelivery(deps, store.id);
  }
  // Only once every item is handled: a run that stops half-way is redone (idempotently) next time.
  await deps.dateChecks.markCheckedThrough(store.id, today);
  return { storeId: store.id, today, applied, blocked, duplicates, refused };
}
