import { nativeSettingsOf, sameNativeSettings } from '../items/native-backorders.js';
import { enqueue } from '../jobs/enqueue.js';
import type { Clock } from '../ports/clock.js';
import type { ItemRecord, ItemRepository } from '../ports/item-repository.js';
import type { JobQueue } from '../ports/job-queue.js';
import type { Outbox, OutboxMessage } from '../ports/outbox.js';
import type { SettingsRepository } from '../ports/settings-repository.js';
import type { StoreId } from '../ports/store-id.js';
import { type BackorderSetting, inventoryItemKey, type StoreInventory } from '../ports/store-inventory.js';
import { describeError } from './describe-error.js';
import { MAX_CORRECTIONS, retryTime } from './retry-time.js';

export interface DeliverBackorderLimitsDeps {
  readonly storeInventory: Pick<StoreInventory, 'setBackorderSettings'>;
  readonly outbox: Outbox;
  readonly items: Pick<ItemRepository, 'getItem'>;
  readonly settings: Pick<SettingsRepository, 'getRules'>;
  readonly clock: Clock;
  readonly jobs?: Pick<JobQueue, 'send'>;
  readonly reportError?: (error: unknown, context: string) => void;
}

const CLAIM_LIMIT = 500;
const MAX_ROUNDS = 20;
const LEASE_MS = 5 * 60_000;
const RETRY_BASE_MS = 5_000;
const RETRY_MAX_MS = 15 * 60_000;

/**
 * Writes the native backorders mode's limits (`setBackorderLimit` outbox messages): each item's backorder
 * limit (or unlimited) and safety stock at the default location, from the item's CURRENT state
 * (native-backorders.ts), so any number of changes of one item becomes one write; 2000 items per
 * request. Absolute and state-based, so delivered at least once: a refused write is retried with a
 * backoff, an outage retries every claimed message and throws. Items no longer in the native mode (or
 * unassigned) have nothing to write. Limits that narrow are urgent (the urgent lane claims only them).
 */
export async function deliverBackorderLimits(
  deps: DeliverBackorderLimitsDeps,
  input: { readonly storeId: StoreId; readonly urgentOnly?: boolean },
): Promise<{ readonly claimed: number; readonly written: number }> {
  const { storeId } = input;
  let claimed = 0;
  let written = 0;
  let retryAt: Date | null = null;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const now = deps.clock.now();
    const messages = await deps.outbox.claim(storeId, {
      now,
      leaseUntil: new Date(now.getTime() + LEASE_MS),
      limit: CLAIM_LIMIT,
      kind: 'setBackorderLimit',
      ...(input.urgentOnly === true ? { urgentOnly: true } : {}),
    });
    if (messages.length === 0) break;
    claimed += messages.length;
    const outcome = await deliverClaimed(deps, storeId, messages);
    written += outcome.written;
    if (outcome.retryAt !== null && (retryAt === null || outcome.retryAt < retryAt))
      retryAt = outcome.retryAt;
    if (outcome.outage !== null) {
      await scheduleRetry(deps, storeId, input.urgentOnly === true, retryAt);
      throw outcome.outage;
    }
    if (messages.length < CLAIM_LIMIT) break;
  }
  await scheduleRetry(deps, storeId, input.urgentOnly === true, retryAt);
  return { claimed, written };
}

async function deliverClaimed(
  deps: DeliverBackorderLimitsDeps,
  storeId: StoreId,
  messages: readonly OutboxMessage[],
): Promise<{ written: number; retryAt: Date | null; outage: unknown }> {
  const rules = await deps.settings.getRules(storeId);
  const byItem = new Map<number, { item: ItemRecord; messages: OutboxMessage[] }>();
  const done: number[] = [];
  for (const message of messages) {
    const { itemId } = message.payload;
    const entry = byItem.get(itemId);
    if (entry !== undefined) {
      entry.messages.push(message);
      continue;
    }
    const item = await deps.items.getItem(storeId, itemId);
    if (
      item === null ||
      !item.active ||
      item.nativeBackordered === null ||
      rules?.inventoryMode !== 'native'
    ) {
      done.push(message.id);
      continue;
    }
    byItem.set(itemId, { item, messages: [message] });
  }
  const entries = [...byItem.values()];
  const switchCondition = rules?.switchCondition ?? 0;
  const failed: { messages: OutboxMessage[]; error: string }[] = [];
  let outage: unknown = null;
  try {
    // Another worker may write a newer limit of the same item between our read and our write, and ours
    // may land after it: each write is followed by a read, and what changed meanwhile is written again,
    // until what BigCommerce last got from us is the latest state (or, after a few rounds, a retry).
    let pending = new Map(entries.map((e) => [e.item.id, settingOf(e.item, switchCondition)]));
    for (let round = 0; pending.size > 0; round++) {
      const refused = new Map(
        (await deps.storeInventory.setBackorderSettings(storeId, [...pending.values()])).map((r) => [
          inventoryItemKey(r),
          r.reason,
        ]),
      );
      const written = new Map<number, BackorderSetting>();
      for (const [itemId, setting] of pending) {
        const reason = refused.get(inventoryItemKey(setting));
        if (reason === undefined) written.set(itemId, setting);
        else failed.push({ messages: byItem.get(itemId)!.messages, error: reason });
      }
      pending = new Map();
      for (const [itemId, setting] of written) {
        const now = await deps.items.getItem(storeId, itemId);
        const latest =
          now === null || !now.active || now.nativeBackordered === null
            ? null
            : settingOf(now, switchCondition);
        if (latest === null || sameNativeSettings(latest, setting)) {
          done.push(...byItem.get(itemId)!.messages.map((m) => m.id));
        } else if (round === MAX_CORRECTIONS) {
          failed.push({ messages: byItem.get(itemId)!.messages, error: 'changed again while being written' });
        } else {
          pending.set(itemId, latest);
        }
      }
    }
  } catch (error) {
    outage = error;
    const settled = new Set([...done, ...failed.flatMap((f) => f.messages.map((m) => m.id))]);
    for (const { messages: ofItem } of entries) {
      const open = ofItem.filter((m) => !settled.has(m.id));
      if (open.length > 0)
        failed.push({ messages: open, error: `BigCommerce unreachable: ${describeError(error)}` });
    }
  }
  const now = deps.clock.now();
  await deps.outbox.markDelivered(storeId, done, now);
  let retryAt: Date | null = null;
  for (const { messages: ofItem, error } of failed) {
    for (const message of ofItem) {
      const at = retryTime(now, message.attempts, RETRY_BASE_MS, RETRY_MAX_MS);
      await deps.outbox.markFailed(storeId, message.id, error, at);
      if (retryAt === null || at < retryAt) retryAt = at;
    }
  }
  return { written: entries.length - failed.length, retryAt, outage };
}

function settingOf(item: ItemRecord, switchCondition: number): BackorderSetting {
  return {
    bcProductId: item.bcProductId,
    bcVariantId: item.bcVariantId,
    ...nativeSettingsOf(item, switchCondition, item.nativeBackordered ?? 0),
  };
}

async function scheduleRetry(
  deps: DeliverBackorderLimitsDeps,
  storeId: StoreId,
  urgent: boolean,
  at: Date | null,
): Promise<void> {
  if (at === null || deps.jobs === undefined) return;
  await enqueue(
    deps.jobs,
    urgent ? 'outbox.urgent' : 'outbox.deliver',
    { storeId },
    { asRetry: true, startAfter: at },
  ).catch((error) => deps.reportError?.(error, `queueing backorder limit delivery for store ${storeId}`));
}
