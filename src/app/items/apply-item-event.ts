import { decide } from '../../core/decide.js';
import type { Decision } from '../../core/decision.js';
import type { ItemEvent } from '../../core/events.js';
import { type Refusal, refuse } from '../../core/item.js';
import { checkOrderLine } from '../orders/order-line-rules.js';
import type { ItemRecord } from '../ports/item-repository.js';
import {
  IdempotencyKeyTaken,
  type ItemEventWrite,
  type ItemTransaction,
  type ItemTransactions,
  type ItemWrite,
} from '../ports/item-transactions.js';
import type { StoreId } from '../ports/store-id.js';
import { type BigCommerceLevelChange, cappedLevelAfter, LEVEL_UNCHANGED } from './capped-level.js';
import {
  type ChangeContext,
  changeRecordOf,
  itemAfterWrite,
  itemWriteAfter,
  type StoreWrites,
  toCoreItem,
} from './item-history.js';
import { ITEM_REFUSALS, refused, storeNotFound } from './item-refusals.js';
import { type NativeChange, nativeChangeAfter } from './native-backorders.js';

export interface ApplyItemEventDeps {
  readonly itemTransactions: ItemTransactions;
  readonly items: { getItem(storeId: StoreId, itemId: number): Promise<ItemRecord | null> };
}

export interface ApplyEventInput extends ChangeContext {
  readonly itemId: number;
  /** Any event but `assigned` (assignment is per product: `assignProductItems`). */
  readonly event: ItemChangeEvent;
  /**
   * When given, the event applied is this function of the item as locked, not `event` (which is what
   * the caller saw when it read the item): for a change relative to what the item holds now, such as
   * units added to its stock, which a concurrent sale must not make stale.
   */
  readonly eventOfLocked?: (locked: ItemRecord) => ItemChangeEvent;
  /**
   * The order line behind a `sold` or `returned` event. A sale records the line with the units it
   * backordered and its episode (what a later give-back needs); a give-back counts the returned units
   * on it. Written in the same transaction as the stock change, so neither exists without the other.
   */
  readonly orderLine?: {
    readonly bcOrderId: number;
    readonly bcOrderProductId: number;
    /** Who placed the order, recorded with a sale's line (the orders export names them). */
    readonly customerName?: string | null;
    /** Native backorders: the units of the line BigCommerce backordered (its `quantity_backordered`). */
    readonly storeBackordered?: number | null;
  };
  /**
   * The client's request behind an API or admin change, when it came with an Idempotency-Key: the key
   * (`clientRequestKey`) and the fingerprint of what was asked (`requestFingerprint`). The same key
   * with another fingerprint is refused (IDEMPOTENCY.KEY_REUSED) instead of answered as a retry.
   */
  readonly request?: { readonly key: string; readonly fingerprint: string };
  /**
   * What BigCommerce already did to the item's level with this change (cap-at-checkout mode). By
   * default: a sale of an order line was taken at BigCommerce's checkout (−q); anything else left it.
   */
  readonly bigCommerceLevel?: BigCommerceLevelChange;
}

export type ItemChangeEvent = Exclude<ItemEvent, { kind: 'assigned' }>;

export type ApplyEventOutcome =
  | {
      readonly applied: true;
      readonly duplicate: false;
      readonly item: ItemRecord;
      readonly decision: Decision;
      /**
       * The outbox messages the change wrote: the decision's effects, plus what the pipeline adds (a
       * per-order maximum to keep, a level to move in cap at checkout). Above 0: ask for a delivery.
       */
      readonly outboxWrites: number;
    }
  /** The key was already applied: nothing changed. `item` is the item as it is now. */
  | { readonly applied: false; readonly duplicate: true; readonly item: ItemRecord | null }
  /** The rules (or the pipeline) refused; nothing was written. */
  | { readonly applied: false; readonly duplicate: false; readonly refusal: Refusal };

/**
 * Applies one event to one item: lock it → check the key → load the rules → check the order line →
 * let the core decide → write numbers, history, effects and the order line, in one transaction,
 * exactly once per idempotency key.
 *
 * The key is checked after the item is locked, so retries of one item's change are answered exactly;
 * a key reused concurrently on another item loses at the unique constraint (`IdempotencyKeyTaken`),
 * and that transaction answers as a duplicate.
 */
export async function applyItemEvent(
  deps: ApplyItemEventDeps,
  input: ApplyEventInput,
  retried = false,
): Promise<ApplyEventOutcome> {
  try {
    return await deps.itemTransactions.run<ApplyEventOutcome>(input.storeId, (tx) =>
      applyItemEventIn(tx, input),
    );
  } catch (error) {
    if (!(error instanceof IdempotencyKeyTaken)) throw error;
    // A client's key taken concurrently (on another item, or with another request): run again, to
    // answer as the key's first request says — a replay, or a refusal of the reuse.
    if (input.request !== undefined && !retried) return applyItemEvent(deps, input, true);
    return { applied: false, duplicate: true, item: await deps.items.getItem(input.storeId, input.itemId) };
  }
}

/**
 * The body of `applyItemEvent`, inside a transaction the caller opened: lock the item → check the key
 * → the rules → the order line → decide → write. A refusal writes nothing, so the caller's transaction
 * may go on with other items (an import applies a chunk of rows in one transaction, having locked
 * their items in id order first); a key recorded concurrently makes the whole transaction fail with
 * IdempotencyKeyTaken, as in `applyItemEvent`.
 */
export async function applyItemEventIn(
  tx: ItemTransaction,
  input: ApplyEventInput,
): Promise<ApplyEventOutcome> {
  const locked = await tx.lockItemForEvent(input.itemId, {
    idempotencyKey: input.idempotencyKey,
    requestKey: input.request?.key ?? null,
    bcOrderProductId: input.orderLine?.bcOrderProductId ?? null,
  });
  if (locked === null) {
    return refused(refuse(ITEM_REFUSALS.itemNotFound, `No item ${input.itemId} in this store.`));
  }
  const { item: before, requestFingerprint: requested, orderLine: recorded } = locked;
  if (requested !== null && requested !== input.request?.fingerprint) {
    return refused(
      refuse(
        ITEM_REFUSALS.requestKeyReused,
        'This Idempotency-Key was already used for another request. Use a new key for a new request.',
      ),
    );
  }
  if (locked.applied) return { applied: false, duplicate: true, item: before };
  const rules = input.rules ?? locked.rules;
  if (rules === null) return refused(storeNotFound(input.storeId));

  if (input.orderLine !== undefined) {
    const problem = checkOrderLine(input.event, recorded, before.id);
    if (problem !== null) return refused(problem);
  }

  const event = input.eventOfLocked === undefined ? input.event : input.eventOfLocked(before);
  const result = decide(toCoreItem(before), event, rules, input.now);
  if (!result.ok) return refused(result);
  const { decision } = result;

  const bigCommerce = bigCommerceLevelOf(input, event);
  const level = cappedLevelAfter(rules, before, decision.item, bigCommerce);
  const native = nativeChangeAfter(rules, before, decision.item, {
    movementDelta: decision.movement?.delta ?? 0,
    bigCommerce,
    soldBackordered:
      event.kind === 'sold' && input.orderLine !== undefined
        ? (input.orderLine.storeBackordered ?? decision.backorderedUnits)
        : null,
    returnedBackordered:
      event.kind === 'returned' && recorded !== null ? Math.min(event.quantity, recorded.backordered) : 0,
    reevaluated: event.kind === 'reevaluated',
  });
  const write: ItemWrite = {
    ...itemWriteAfter(before, decision, input.now),
    ...(level === null ? {} : { cappedLevel: level.level }),
    ...(native === null ? {} : { nativeBackordered: native.storeBackordered }),
  };
  // The history is computed from the item as the write will leave it, so that the numbers, the
  // history, the order line and the request key go to the database in one step.
  const change = changeRecordOf(input, event, itemAfterWrite(before, write), decision, before, {
    ...(level === null ? {} : { levelDelta: level.delta }),
    ...(native === null ? {} : nativeWrites(native)),
  });
  const item = await tx.writeItemEvent({
    item: write,
    before,
    change,
    orderLine: orderLineWriteOf(input, event, decision),
    requestKey:
      input.request !== undefined && requested === null
        ? { key: input.request.key, fingerprint: input.request.fingerprint, at: input.now }
        : null,
  });
  return { applied: true, duplicate: false, item, decision, outboxWrites: change.effects.length };
}

function nativeWrites(native: NativeChange): StoreWrites {
  return {
    ...(native.adjustment === null
      ? {}
      : { levelDelta: native.adjustment.delta, backorderedDelta: native.adjustment.backorderedDelta }),
    ...(native.settingsChanged ? { backorderLimit: native.narrows ? 'narrows' : 'widens' } : {}),
  };
}

function bigCommerceLevelOf(input: ApplyEventInput, event: ItemChangeEvent): BigCommerceLevelChange {
  if (input.bigCommerceLevel !== undefined) return input.bigCommerceLevel;
  return event.kind === 'sold' && input.orderLine !== undefined
    ? { changedBy: -event.quantity }
    : LEVEL_UNCHANGED;
}

function orderLineWriteOf(
  input: ApplyEventInput,
  event: ItemChangeEvent,
  decision: Decision,
): ItemEventWrite['orderLine'] {
  if (input.orderLine === undefined) return null;
  if (event.kind === 'sold') {
    return {
      kind: 'sale',
      line: {
        bcOrderId: input.orderLine.bcOrderId,
        bcOrderProductId: input.orderLine.bcOrderProductId,
        itemId: input.itemId,
        quantity: event.quantity,
        backordered: decision.backorderedUnits,
        episode: decision.episode,
        at: input.now,
        customerName: input.orderLine.customerName ?? null,
      },
    };
  }
  if (event.kind === 'returned') {
    return {
      kind: 'return',
      bcOrderProductId: input.orderLine.bcOrderProductId,
      quantity: event.quantity,
      at: input.now,
    };
  }
  return null;
}
