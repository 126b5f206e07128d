import type { Decision, Effect } from '../../core/decision.js';
import type { Item } from '../../core/item.js';
import { isPurchasable } from '../../core/status.js';
import { ORDER_LIMIT_REASON, orderLimitOf } from '../outbox/purchasability.js';
import type { ItemRecord } from '../ports/item-repository.js';
import type { Cause, ItemChangeRecord, ItemWrite } from '../ports/item-transactions.js';
import type { StoreEffect } from '../ports/outbox.js';
import type { ItemRules } from '../ports/settings-repository.js';
import type { StoreId } from '../ports/store-id.js';

/** Who and why, for every change of the item pipeline; recorded with each history row it writes. */
export interface ChangeContext {
  readonly storeId: StoreId;
  /**
   * Unique per store; the same key again answers `duplicate` and changes nothing (retries, webhook
   * redeliveries). Derive it from the cause, e.g. `order:123:line:456:sale`.
   */
  readonly idempotencyKey: string;
  readonly cause: Cause;
  /** Who: `admin:<user email>`, `api-key:<prefix>`, `system`, … */
  readonly actor: string;
  readonly now: Date;
  /** The store's rules and inventory mode; loaded from settings and the store's time zone when omitted. */
  readonly rules?: ItemRules;
}

/** The numbers the rules work on; null while unassigned (the rules then only accept `assigned`). */
export function toCoreItem(record: ItemRecord): Item | null {
  if (!record.active || record.status === null) return null;
  return {
    stock: record.stock,
    threshold: record.threshold,
    backordered: record.backordered,
    incoming: record.incoming,
    backInStockDate: record.backInStockDate,
    block: record.block,
    status: record.status,
    episode: record.episode,
  };
}

/**
 * The item's numbers after a decision. Checks the invariant the ledger rests on — stock after = stock
 * before + the movement — so a bug in the rules can never write drifting stock.
 */
export function itemWriteAfter(before: ItemRecord, decision: Decision, at: Date): ItemWrite {
  const after = decision.item;
  const stock = before.stock + (decision.movement?.delta ?? 0);
  if (after !== null && after.stock !== stock) {
    throw new Error(`Stock not conserved for item ${before.id}: ${before.stock} + movement ≠ ${after.stock}`);
  }
  if (after === null) {
    // Unassigned: the ledger's unassignment row has given stock and B back to zero.
    return {
      stock,
      backordered: before.backordered + (decision.movement?.backorderedDelta ?? 0),
      block: null,
      status: null,
      active: false,
      episode: decision.episode,
      at,
    };
  }
  return {
    stock,
    threshold: after.threshold,
    backordered: after.backordered,
    incoming: after.incoming,
    backInStockDate: after.backInStockDate,
    block: after.block,
    status: after.status,
    active: true,
    episode: decision.episode,
    at,
  };
}

/**
 * The item as `write` leaves it: what the history rows of a change are computed from before they are
 * written together with the numbers (`ItemTransaction.writeItemEvent`).
 */
export function itemAfterWrite(before: ItemRecord, write: ItemWrite): ItemRecord {
  return {
    ...before,
    stock: write.stock,
    backordered: write.backordered,
    block: write.block,
    status: write.status,
    active: write.active,
    episode: write.episode,
    ...(write.threshold === undefined ? {} : { threshold: write.threshold }),
    ...(write.incoming === undefined ? {} : { incoming: write.incoming }),
    ...(write.backInStockDate === undefined ? {} : { backInStockDate: write.backInStockDate }),
    ...(write.sku === undefined ? {} : { sku: write.sku }),
    ...(write.optionValues === undefined ? {} : { optionValues: write.optionValues }),
    ...(write.cappedLevel === undefined ? {} : { cappedLevel: write.cappedLevel }),
    ...(write.nativeBackordered === undefined ? {} : { nativeBackordered: write.nativeBackordered }),
    updatedAt: write.at,
  };
}

/**
 * The history rows of one applied decision: journal, ledger movement, transition and effects.
 * With `before` (the item before the change), a change of the per-order maximum the app keeps for a
 * product without variants (the units left to backorder, see purchasability.ts) is an effect too, when
 * the decision has no purchasability write that would carry it anyway.
 */
export function changeRecordOf(
  context: ChangeContext,
  event: ItemChangeRecord['event'],
  item: ItemRecord,
  decision: Decision,
  before?: ItemRecord,
  writes: StoreWrites = {},
): ItemChangeRecord {
  const effects: { effect: Effect | StoreEffect; reason: string }[] = decision.effects.map((effect) => ({
    effect,
    reason: decision.reason,
  }));
  const limitBefore = before === undefined ? null : orderLimitOf(before);
  const limitAfter = orderLimitOf(item);
  if (
    before !== undefined &&
    limitBefore !== limitAfter &&
    item.status !== null &&
    !effects.some((e) => e.effect.kind === 'setPurchasable')
  ) {
    effects.push({
      effect: { kind: 'setPurchasable', purchasable: isPurchasable(item.status) },
      reason: ORDER_LIMIT_REASON,
    });
  }
  // Cap at checkout: the level BigCommerce holds moves by the difference (capped-level.ts).
  const levelDelta = writes.levelDelta ?? 0;
  const backorderedDelta = writes.backorderedDelta ?? 0;
  if (levelDelta !== 0 || backorderedDelta !== 0) {
    effects.push({
      effect: {
        kind: 'adjustLevel',
        delta: levelDelta,
        ...(backorderedDelta === 0 ? {} : { backorderedDelta }),
      },
      reason: decision.reason,
    });
  }
  // Native backorders: the limit and safety stock, written from the item's state when delivered.
  if (writes.backorderLimit !== undefined) {
    effects.push({ effect: { kind: 'setBackorderLimit' }, reason: decision.reason });
  }
  // Lowering the per-order maximum narrows what one order can take, as disabling purchase does.
  const lowersLimit =
    before !== undefined && limitAfter !== null && (limitBefore === null || limitAfter < limitBefore);
  return {
    itemId: item.id,
    idempotencyKey: context.idempotencyKey,
    event,
    cause: context.cause,
    actor: context.actor,
    at: context.now,
    movement:
      decision.movement === null
        ? null
        : {
            ...decision.movement,
            stockAfter: item.stock,
            backorderedAfter: item.backordered,
            episode: decision.episode,
          },
    transition: decision.changed ? { from: decision.from, to: decision.to, reason: decision.reason } : null,
    effects: effects.map(({ effect, reason }) => ({
      kind: effect.kind,
      coalesceKey: coalesceKeyOf(effect, item.id),
      // Disabling purchase (or lowering what one order may take, or the level BigCommerce may sell) is
      // what stops further backorders: it goes out ahead of everything else.
      urgent:
        (effect.kind === 'setPurchasable' && (!effect.purchasable || lowersLimit)) ||
        (effect.kind === 'adjustLevel' && effect.delta < 0) ||
        (effect.kind === 'setBackorderLimit' && writes.backorderLimit === 'narrows'),
      payload: {
        effect,
        itemId: item.id,
        productId: item.productId,
        bcProductId: item.bcProductId,
        bcVariantId: item.bcVariantId,
        sku: item.sku,
        from: decision.from,
        to: decision.to,
        reason,
        cause: context.cause,
      },
    })),
  };
}

/**
 * Purchasability writes of one item supersede each other; notifications of one event are one email;
 * level adjustments of one item add up (the delivery sums them, none is superseded).
 */
function coalesceKeyOf(effect: Effect | StoreEffect, itemId: number): string {
  switch (effect.kind) {
    case 'setPurchasable':
      return `purchasable:item:${itemId}`;
    case 'notify':
      return `notify:${effect.event}`;
    case 'adjustLevel':
      return `level:item:${itemId}`;
    case 'setBackorderLimit':
      return `backorder-limit:item:${itemId}`;
  }
}

/**
 * What a change asks of BigCommerce's counts besides purchasability, by inventory mode: cap at
 * checkout moves the level (`levelDelta`); native backorders move on hand and quantity backordered
 * (`levelDelta`, `backorderedDelta`) and rewrite the limit (`backorderLimit`, urgent when it narrows).
 */
export interface StoreWrites {
  readonly levelDelta?: number;
  readonly backorderedDelta?: number;
  readonly backorderLimit?: 'narrows' | 'widens';
}

/** The item's numbers as they are: a write that changes only its bookkeeping (a mode move). */
export function itemWriteAfterNothing(item: ItemRecord, at: Date): ItemWrite {
  return {
    stock: item.stock,
    backordered: item.backordered,
    block: item.block,
    status: item.status,
    active: item.active,
    episode: item.episode,
    at,
  };
}
