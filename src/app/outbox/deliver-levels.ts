import { enqueue } from '../jobs/enqueue.js';
import type { Clock } from '../ports/clock.js';
import type { JobQueue } from '../ports/job-queue.js';
import type { LevelEcho, LevelEchoes } from '../ports/level-echoes.js';
import type { Outbox, OutboxMessage } from '../ports/outbox.js';
import type { StoreId } from '../ports/store-id.js';
import { inventoryItemKey, type LevelChange, type StoreInventory } from '../ports/store-inventory.js';
import { describeError } from './describe-error.js';
import { retryTime } from './retry-time.js';

export interface DeliverLevelsDeps {
  readonly storeInventory: StoreInventory;
  readonly outbox: Outbox;
  readonly levelEchoes: LevelEchoes;
  readonly clock: Clock;
  /** When given, a delivery is queued for when the earliest failed write is due again. */
  readonly jobs?: Pick<JobQueue, 'send'>;
  readonly reportError?: (error: unknown, context: string) => void;
}

export interface DeliverLevelsResult {
  readonly claimed: number;
  /** Items whose level was written. */
  readonly written: number;
  /** Messages left for a retry (refused, or a decrease whose request failed without an answer). */
  readonly failed: number;
}

const CLAIM_LIMIT = 500;
const MAX_ROUNDS = 20;
const LEASE_MS = 5 * 60_000;
const RETRY_BASE_MS = 5_000;
const RETRY_MAX_MS = 15 * 60_000;
/** How long a write's webhook is waited for: BigCommerce delivers within seconds, or retries for days. */
export const ECHO_WINDOW_MS = 60 * 60_000;

/**
 * Delivers the cap-at-checkout mode's level changes (`adjustLevel` outbox messages, written by the item
 * pipeline in the transaction of each change, see src/app/items/capped-level.ts): the deltas of one
 * item add up into one relative adjustment, 2000 items per request; decreases are urgent (the urgent lane
 * claims only them).
 *
 * Exactly-once is not available (BigCommerce's adjustments carry no idempotency key), so each direction
 * fails towards selling less:
 * - a decrease is delivered at least once — sent again after any failure (twice only sells less);
 * - an increase is delivered at most once — a request that failed without an answer is not sent again,
 *   nor is a message claimed before whose outcome was never recorded (the process died mid-send). The
 *   units are then missing from BigCommerce until the next change of the item or a resync; the error
 *   is reported.
 * A decrease the level cannot take (BigCommerce holds less than the app knew: a sale it has not
 * processed yet) sets the level to 0. Every write is remembered first (`LevelEchoes`), so its webhook is
 * known as the app's own.
 */
export async function deliverLevels(
  deps: DeliverLevelsDeps,
  input: { readonly storeId: StoreId; readonly urgentOnly?: boolean },
): Promise<DeliverLevelsResult> {
  const { storeId } = input;
  const totals = { claimed: 0, written: 0, failed: 0 };
  await deps.levelEchoes.forgetOlderThan(storeId, new Date(deps.clock.now().getTime() - ECHO_WINDOW_MS));
  let earliestRetry: Date | null = null;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const now = deps.clock.now();
    const messages = await deps.outbox.claim(storeId, {
      now,
      leaseUntil: new Date(now.getTime() + LEASE_MS),
      limit: CLAIM_LIMIT,
      kind: 'adjustLevel',
      ...(input.urgentOnly === true ? { urgentOnly: true } : {}),
    });
    if (messages.length === 0) break;
    totals.claimed += messages.length;
    const outcome = await deliverClaimed(deps, storeId, messages);
    totals.written += outcome.written;
    totals.failed += outcome.failed;
    if (outcome.retryAt !== null && (earliestRetry === null || outcome.retryAt < earliestRetry)) {
      earliestRetry = outcome.retryAt;
    }
    if (messages.length < CLAIM_LIMIT) break;
  }
  if (earliestRetry !== null && deps.jobs !== undefined) {
    const lane = input.urgentOnly === true ? 'outbox.urgent' : 'outbox.deliver';
    await enqueue(deps.jobs, lane, { storeId }, { asRetry: true, startAfter: earliestRetry }).catch((error) =>
      deps.reportError?.(error, `queueing level delivery for store ${storeId}`),
    );
  }
  return totals;
}

interface PendingItem {
  readonly itemId: number;
  readonly bcProductId: number;
  readonly bcVariantId: number | null;
  delta: number;
  /** Native backorders: the change of the quantity backordered. */
  backorderedDelta: number;
  readonly messages: OutboxMessage[];
}

async function deliverClaimed(
  deps: DeliverLevelsDeps,
  storeId: StoreId,
  messages: readonly OutboxMessage[],
): Promise<{ written: number; failed: number; retryAt: Date | null }> {
  const done: number[] = [];
  const byItem = new Map<number, PendingItem>();
  for (const message of messages) {
    const { effect, itemId, bcProductId, bcVariantId } = message.payload;
    if (effect.kind !== 'adjustLevel' || (effect.delta === 0 && !effect.backorderedDelta)) {
      done.push(message.id);
      continue;
    }
    if (effect.delta > 0 && wasClaimedUnsettled(message)) {
      // Claimed before, never recorded as sent or refused: it may have landed. Not sent twice.
      done.push(message.id);
      deps.reportError?.(
        new Error(`level increase of item ${itemId} by ${effect.delta} may not have landed`),
        `delivering levels of store ${storeId}`,
      );
      continue;
    }
    const entry = byItem.get(itemId) ?? {
      itemId,
      bcProductId,
      bcVariantId,
      delta: 0,
      backorderedDelta: 0,
      messages: [],
    };
    entry.delta += effect.delta;
    entry.backorderedDelta += effect.backorderedDelta ?? 0;
    entry.messages.push(message);
    byItem.set(itemId, entry);
  }
  const pending = [...byItem.values()];
  const nothing = (e: PendingItem) => e.delta === 0 && e.backorderedDelta === 0;
  for (const entry of pending.filter(nothing)) done.push(...entry.messages.map((m) => m.id));
  const toSend = pending.filter((e) => !nothing(e));
  const now = deps.clock.now();
  if (toSend.length === 0) {
    await deps.outbox.markDelivered(storeId, done, now);
    return { written: 0, failed: 0, retryAt: null };
  }

  await deps.levelEchoes.expect(
    storeId,
    toSend.map((e): LevelEcho => ({ itemId: e.itemId, method: 'relative', value: e.delta })),
    now,
  );
  const failed: { entry: PendingItem; error: string }[] = [];
  let written = 0;
  try {
    const refusals = await deps.storeInventory.adjustLevels(storeId, toSend.map(changeOf));
    const refusedByKey = new Map(refusals.map((r) => [inventoryItemKey(r), r]));
    const belowZero: PendingItem[] = [];
    for (const entry of toSend) {
      const refusal = refusedByKey.get(inventoryItemKey(entry));
      if (refusal === undefined) {
        written += 1;
        done.push(...entry.messages.map((m) => m.id));
      } else if (refusal.belowZero) belowZero.push(entry);
      else failed.push({ entry, error: refusal.reason });
    }
    if (belowZero.length > 0) {
      await deps.levelEchoes.expect(
        storeId,
        belowZero.map((e): LevelEcho => ({ itemId: e.itemId, method: 'absolute', value: 0 })),
        deps.clock.now(),
      );
      const zeroRefusals = new Map(
        (
          await deps.storeInventory.setLevels(
            storeId,
            belowZero.map((e) => ({ bcProductId: e.bcProductId, bcVariantId: e.bcVariantId, level: 0 })),
          )
        ).map((r) => [inventoryItemKey(r), r]),
      );
      for (const entry of belowZero) {
        const refusal = zeroRefusals.get(inventoryItemKey(entry));
        if (refusal === undefined) {
          written += 1;
          done.push(...entry.messages.map((m) => m.id));
        } else failed.push({ entry, error: refusal.reason });
      }
    }
  } catch (error) {
    // No answer: the request may have been applied. Decreases are tried again; increases are not.
    deps.reportError?.(error, `writing levels of store ${storeId}`);
    for (const entry of toSend) {
      if (entry.delta < 0) failed.push({ entry, error: `BigCommerce unreachable: ${describeError(error)}` });
      else done.push(...entry.messages.map((m) => m.id));
    }
  }

  await deps.outbox.markDelivered(storeId, done, deps.clock.now());
  let retryAt: Date | null = null;
  for (const { entry, error } of failed) {
    for (const message of entry.messages) {
      const at = retryTime(deps.clock.now(), message.attempts, RETRY_BASE_MS, RETRY_MAX_MS);
      await deps.outbox.markFailed(storeId, message.id, error, at);
      if (retryAt === null || at < retryAt) retryAt = at;
    }
  }
  return { written, failed: failed.reduce((n, f) => n + f.entry.messages.length, 0), retryAt };
}

/** A claim counts an attempt; a refusal or failure records its error. Neither: the last claim never settled. */
function wasClaimedUnsettled(message: OutboxMessage): boolean {
  return message.attempts > 1 && message.lastError === null;
}

function changeOf(entry: PendingItem): LevelChange {
  return {
    bcProductId: entry.bcProductId,
    bcVariantId: entry.bcVariantId,
    delta: entry.delta,
    ...(entry.backorderedDelta === 0 ? {} : { backorderedDelta: entry.backorderedDelta }),
  };
}
