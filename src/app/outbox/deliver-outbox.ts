import { type EnqueueOptions, enqueue } from '../jobs/enqueue.js';
import type { CatalogEchoes } from '../ports/catalog-echoes.js';
import type { Clock } from '../ports/clock.js';
import type { ItemRecord, ItemRepository } from '../ports/item-repository.js';
import type { JobQueue } from '../ports/job-queue.js';
import type { Outbox, OutboxMessage } from '../ports/outbox.js';
import type { ProductRepository } from '../ports/product-repository.js';
import type { CatalogRefusal, StoreCatalog } from '../ports/store-catalog.js';
import type { StoreId } from '../ports/store-id.js';
import { StoreNotConnectedError } from '../ports/store-not-connected.js';
import { describeError } from './describe-error.js';
import {
  changesFor,
  DEFAULT_DISABLED_MESSAGE,
  merchantOrderMaximum,
  ORDER_LIMIT_REASON,
  type PurchasabilityTarget,
  purchasabilityTarget,
  sameTarget,
  sendChanges,
  targetKey,
} from './purchasability.js';
import { MAX_CORRECTIONS, retryTime } from './retry-time.js';

export interface DeliverOutboxDeps {
  readonly storeCatalog: Pick<StoreCatalog, 'updateProducts' | 'updateVariants'>;
  readonly outbox: Outbox;
  readonly items: Pick<ItemRepository, 'getItem'>;
  readonly products: Pick<ProductRepository, 'getProduct'>;
  readonly clock: Clock;
  /** The app's product writes, remembered so that their store/product/updated webhooks are not re-read. */
  readonly catalogEchoes?: Pick<CatalogEchoes, 'expect'>;
  /** When given, a delivery is queued for when the earliest failed write is due again. */
  readonly jobs?: Pick<JobQueue, 'send'>;
  readonly reportError?: (error: unknown, context: string) => void;
  readonly deliveryOptions?: DeliverOutboxOptions;
}

export interface DeliverOutboxOptions {
  /** Messages claimed per round (default 500). */
  readonly claimLimit?: number;
  /** Rounds per run before handing over to a fresh job (default 20): one store cannot hog a worker. */
  readonly maxRounds?: number;
  /** How long claimed messages stay hidden from other workers (default 5 minutes). */
  readonly leaseMs?: number;
  /** First retry delay after a refused or failed write, doubled per attempt (default 5 s, at most 15 min). */
  readonly retryBaseMs?: number;
  readonly retryMaxMs?: number;
  /** What the storefront shows on a variant the app disables. */
  readonly disabledMessage?: string;
}

export interface DeliverOutboxResult {
  readonly claimed: number;
  readonly delivered: number;
  /** Messages whose write BigCommerce refused or that could not be sent; retried after a backoff. */
  readonly failed: number;
  /** Product and variant writes sent (after coalescing). */
  readonly writes: number;
  /** True when the round limit stopped the run with messages possibly left (a new job is queued). */
  readonly more: boolean;
}

type Options = Required<DeliverOutboxOptions>;

const DEFAULTS: Options = {
  claimLimit: 500,
  maxRounds: 20,
  leaseMs: 5 * 60_000,
  retryBaseMs: 5_000,
  retryMaxMs: 15 * 60_000,
  disabledMessage: DEFAULT_DISABLED_MESSAGE,
};

/**
 * Job `outbox.deliver` {storeId}: writes purchasability to BigCommerce for the store's due
 * `setPurchasable` outbox messages (the item pipeline wrote them in the transaction of each change).
 *
 * Coalesced: the messages only say WHICH items changed; what is written is each item's CURRENT state,
 * read from the ItemRepository, so a burst of changes to one item (or to several variants of one product)
 * becomes one product or variant write, batched 10 products / 50 variants per request.
 * Delivered at least once: a refused write (BigCommerce answered 4xx for that product or variant) is
 * retried with exponential backoff until it lands; an outage (5xx/timeouts the client gave up on) marks
 * every claimed message for retry and throws, so the job is retried too. A product or variant that no
 * longer exists in BigCommerce (404) has nothing left to write: its messages are done.
 * `notify` messages are left to the notifications flush.
 *
 * Urgent messages (those that disable purchase or lower a per-order maximum) go first: every run claims
 * them ahead of the others and sends them in a request of their own before the rest, and with
 * `urgentOnly` (job `outbox.urgent`, the urgent lane) a run claims nothing else, so a disabling write
 * never waits behind the store's backlog (issue 9.1).
 */
export async function deliverOutbox(
  deps: DeliverOutboxDeps,
  input: { readonly storeId: StoreId; readonly urgentOnly?: boolean },
): Promise<DeliverOutboxResult> {
  const options: Options = { ...DEFAULTS, ...definedOnly(deps.deliveryOptions ?? {}) };
  const { storeId } = input;
  const urgentOnly = input.urgentOnly === true;
  const lane: DeliveryJob = urgentOnly ? 'outbox.urgent' : 'outbox.deliver';
  const totals = { claimed: 0, delivered: 0, failed: 0, writes: 0 };
  let earliestRetry: Date | null = null;
  let more = false;

  for (let round = 0; ; round++) {
    if (round >= options.maxRounds) {
      more = true;
      break;
    }
    const now = deps.clock.now();
    const messages = await deps.outbox.claim(storeId, {
      now,
      leaseUntil: new Date(now.getTime() + options.leaseMs),
      limit: options.claimLimit,
      kind: 'setPurchasable',
      ...(urgentOnly ? { urgentOnly } : {}),
    });
    if (messages.length === 0) break;
    totals.claimed += messages.length;

    const outcome = await deliverClaimed(deps, options, storeId, messages);
    totals.delivered += outcome.delivered;
    totals.failed += outcome.failed;
    totals.writes += outcome.writes;
    if (outcome.retryAt !== null && (earliestRetry === null || outcome.retryAt < earliestRetry)) {
      earliestRetry = outcome.retryAt;
    }
    if (outcome.outage !== null) {
      await scheduleRetry(deps, lane, storeId, earliestRetry);
      throw outcome.outage;
    }
    if (messages.length < options.claimLimit) break;
  }

  if (more) await queueDelivery(deps, lane, storeId, {});
  await scheduleRetry(deps, lane, storeId, earliestRetry);
  return { ...totals, more };
}

interface ClaimedOutcome {
  readonly delivered: number;
  readonly failed: number;
  readonly writes: number;
  readonly retryAt: Date | null;
  /** Set when BigCommerce could not be reached: the caller throws it after recording the failures. */
  readonly outage: unknown;
}

async function deliverClaimed(
  deps: DeliverOutboxDeps,
  options: Options,
  storeId: StoreId,
  messages: readonly OutboxMessage[],
): Promise<ClaimedOutcome> {
  const read = await readTargets(deps, storeId, messages);
  // Messages whose item is gone or needs no write are done as they are.
  const byKey = new Map<string, { target: PurchasabilityTarget; messages: OutboxMessage[] }>();
  const done: number[] = [];
  for (const message of messages) {
    const target = read.targetOf.get(message.payload.itemId) ?? null;
    // A change of the per-order maximum of a product whose own maximum the app does not know: the app
    // leaves that maximum alone, and purchasability did not change, so there is nothing to write.
    const limitOnly = message.payload.reason === ORDER_LIMIT_REASON;
    if (
      target === null ||
      (limitOnly && target.kind === 'product' && target.orderQuantityMaximum === undefined)
    ) {
      done.push(message.id);
      continue;
    }
    const key = targetKey(target);
    const entry = byKey.get(key) ?? { target, messages: [] };
    entry.messages.push(message);
    byKey.set(key, entry);
  }

  let writes = 0;
  const failedByKey = new Map<string, string>();
  const gone = new Set<string>();
  try {
    if (byKey.size > 0) {
      const targets = [...byKey.values()].map((e) => e.target);
      // Urgent targets in a request of their own, before the others: a write that disables purchase is
      // not held back by the products claimed with it.
      const isUrgent = (e: { messages: OutboxMessage[] }) => e.messages.some((m) => m.urgent);
      const entries = [...byKey.values()];
      for (const part of [entries.filter(isUrgent), entries.filter((e) => !isUrgent(e))]) {
        if (part.length === 0) continue;
        const sent = await sendChanges(
          deps.storeCatalog,
          storeId,
          changesFor(
            part.map((e) => e.target),
            options.disabledMessage,
          ),
          echoesOf(deps),
        );
        writes += sent.sent;
        for (const key of classify(sent.failures, failedByKey).gone) gone.add(key);
      }

      // Another worker may have written a newer state between our read and our write, and ours may have
      // landed after it: read again and correct what changed, until what BigCommerce last got from us is
      // the latest state. Once is not enough under a storm — the state can move again while the correction
      // is in flight, and another worker's newer write can land before it — so each correction is checked
      // in turn. Whatever still moves after the last round is retried like a refused write.
      let written = new Map(
        targets
          .filter((t) => !failedByKey.has(targetKey(t)) && !gone.has(targetKey(t)))
          .map((t) => [targetKey(t), t]),
      );
      for (let round = 0; written.size > 0; round++) {
        const again = await readTargets(deps, storeId, messages);
        const changed = [...again.targetOf.values()].filter((t): t is PurchasabilityTarget => {
          const before = t === null ? undefined : written.get(targetKey(t));
          return before !== undefined && !sameTarget(before, t);
        });
        if (changed.length === 0) break;
        if (round === MAX_CORRECTIONS) {
          for (const t of changed) failedByKey.set(targetKey(t), 'changed again while being written');
          break;
        }
        const correction = await sendChanges(
          deps.storeCatalog,
          storeId,
          changesFor(changed, options.disabledMessage),
          echoesOf(deps),
        );
        writes += correction.sent;
        const more = classify(correction.failures, failedByKey);
        for (const key of more.gone) gone.add(key);
        written = new Map(
          changed
            .filter((t) => !failedByKey.has(targetKey(t)) && !gone.has(targetKey(t)))
            .map((t) => [targetKey(t), t]),
        );
      }
    }
  } catch (error) {
    const pending = messages.filter((m) => !done.includes(m.id));
    if (done.length > 0) await deps.outbox.markDelivered(storeId, done, deps.clock.now());
    if (error instanceof StoreNotConnectedError) {
      // Uninstalled: nothing can be written until the store installs again. Kept, retried daily.
      const later = new Date(deps.clock.now().getTime() + NOT_CONNECTED_RETRY_MS);
      for (const m of pending) await deps.outbox.markFailed(storeId, m.id, describeError(error), later);
      return { delivered: done.length, failed: pending.length, writes, retryAt: null, outage: null };
    }
    // An outage: nothing is known to have landed. Every claimed message is retried after a backoff.
    const retryAt = await failAll(
      deps,
      options,
      storeId,
      pending,
      `BigCommerce unreachable: ${describeError(error)}`,
    );
    return { delivered: done.length, failed: pending.length, writes, retryAt, outage: error };
  }

  const now = deps.clock.now();
  const failed: OutboxMessage[] = [];
  for (const [key, entry] of byKey) {
    const failure = failedByKey.get(key);
    if (failure === undefined) done.push(...entry.messages.map((m) => m.id));
    else failed.push(...entry.messages.map((m) => ({ ...m, lastError: failure })));
  }
  await deps.outbox.markDelivered(storeId, done, now);
  let retryAt: Date | null = null;
  for (const message of failed) {
    const at = retryTime(now, message.attempts, options.retryBaseMs, options.retryMaxMs);
    await deps.outbox.markFailed(storeId, message.id, message.lastError ?? 'refused', at);
    if (retryAt === null || at < retryAt) retryAt = at;
  }
  return { delivered: done.length, failed: failed.length, writes, retryAt, outage: null };
}

/** Sorts refusals: a product or variant that is gone has nothing to write; anything else is retried. */
function classify(
  failures: ReadonlyMap<string, CatalogRefusal>,
  failedByKey: Map<string, string>,
): { gone: Set<string> } {
  const gone = new Set<string>();
  for (const [key, failure] of failures) {
    if (failure.notFound) gone.add(key);
    else failedByKey.set(key, failure.reason);
  }
  return { gone };
}

/** Where the product writes are remembered, when the deps say (their webhooks are then not re-read). */
function echoesOf(deps: DeliverOutboxDeps) {
  return deps.catalogEchoes === undefined ? undefined : { record: deps.catalogEchoes, at: deps.clock.now() };
}

async function readTargets(
  deps: DeliverOutboxDeps,
  storeId: StoreId,
  messages: readonly OutboxMessage[],
): Promise<{ targetOf: Map<number, PurchasabilityTarget | null> }> {
  const itemIds = [...new Set(messages.map((m) => m.payload.itemId))];
  const items = new Map<number, ItemRecord | null>();
  for (const id of itemIds) items.set(id, await deps.items.getItem(storeId, id));
  const productIds = [...new Set([...items.values()].flatMap((i) => (i === null ? [] : [i.productId])))];
  const products = new Map<number, { assigned: boolean; merchantMaximum: number | null }>();
  for (const id of productIds) {
    const product = await deps.products.getProduct(storeId, id);
    products.set(id, {
      assigned: product?.assigned ?? false,
      merchantMaximum: merchantOrderMaximum(product?.originalSettings ?? null),
    });
  }
  const targetOf = new Map<number, PurchasabilityTarget | null>();
  for (const [id, item] of items) {
    const product = item === null ? undefined : products.get(item.productId);
    targetOf.set(
      id,
      item === null
        ? null
        : purchasabilityTarget(item, product?.assigned ?? false, product?.merchantMaximum ?? null),
    );
  }
  return { targetOf };
}

async function failAll(
  deps: DeliverOutboxDeps,
  options: Options,
  storeId: StoreId,
  messages: readonly OutboxMessage[],
  error: string,
): Promise<Date | null> {
  const now = deps.clock.now();
  let earliest: Date | null = null;
  for (const message of messages) {
    const at = retryTime(now, message.attempts, options.retryBaseMs, options.retryMaxMs);
    await deps.outbox.markFailed(storeId, message.id, error, at);
    if (earliest === null || at < earliest) earliest = at;
  }
  return earliest;
}

/** The two delivery jobs: every due write of the store, or the urgent lane. */
type DeliveryJob = 'outbox.deliver' | 'outbox.urgent';

async function scheduleRetry(
  deps: DeliverOutboxDeps,
  lane: DeliveryJob,
  storeId: StoreId,
  at: Date | null,
): Promise<void> {
  if (at === null) return;
  await queueDelivery(deps, lane, storeId, { asRetry: true, startAfter: at });
}

async function queueDelivery(
  deps: DeliverOutboxDeps,
  lane: DeliveryJob,
  storeId: StoreId,
  options: EnqueueOptions<DeliveryJob>,
): Promise<void> {
  if (deps.jobs === undefined) return;
  try {
    await enqueue(deps.jobs, lane, { storeId }, options);
  } catch (error) {
    // The periodic sweep queues delivery for due outbox rows anyway.
    deps.reportError?.(error, `queueing outbox delivery for store ${storeId}`);
  }
}

const NOT_CONNECTED_RETRY_MS = 24 * 60 * 60_000;

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
