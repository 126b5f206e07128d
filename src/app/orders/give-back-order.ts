import { REFUSAL_CODES } from '../../core/codes.js';
import { applyItemEvent } from '../items/apply-item-event.js';
import { ITEM_REFUSALS } from '../items/item-refusals.js';
import { orderReturnKey } from '../jobs/keys.js';
import type { NotifyDeps } from '../notifications/notify.js';
import { type ItemRepository, itemVariantLabel } from '../ports/item-repository.js';
import type { ItemTransactions } from '../ports/item-transactions.js';
import type { OrderLineRepository } from '../ports/order-line-repository.js';
import type { StoreId } from '../ports/store-id.js';
import { ORDER_LINE_REFUSALS } from './order-line-rules.js';
import { BIGCOMMERCE_ACTOR, orderLineRef } from './record-order-sales.js';
import { isItemProblem, reportLineProblem } from './report-line-problem.js';

export interface GiveBackOrderDeps extends NotifyDeps {
  readonly items: ItemRepository;
  readonly itemTransactions: ItemTransactions;
  readonly orderLines: OrderLineRepository;
}

export interface GiveBackOrderInput {
  readonly storeId: StoreId;
  readonly orderId: number;
  readonly now: Date;
}

export interface GiveBackOrderOutcome {
  /** Lines given back now. */
  readonly givenBack: number;
  /** Outbox messages the give-backs wrote (purchasability and per-order maximum writes, levels, notifications). */
  readonly effects: number;
}

/**
 * Gives back every recorded line of a cancelled or refunded order: its units to stock and, within the
 * sale's episode, its backordered units to B (rule R9). A line is given back at most once, whatever
 * happens to the order afterwards (Refunded after Cancelled, a retried job): the line remembers the
 * units returned, and the give-back's key is derived from the line.
 */
export async function giveBackOrder(
  deps: GiveBackOrderDeps,
  input: GiveBackOrderInput,
): Promise<GiveBackOrderOutcome> {
  const { storeId, orderId, now } = input;
  let givenBack = 0;
  let effects = 0;
  for (const line of await deps.orderLines.listOrderLines(storeId, orderId)) {
    const remaining = line.quantity - line.returnedQuantity;
    if (remaining <= 0) continue;
    const returnKey = orderReturnKey(orderId, line.bcOrderProductId);
    const outcome = await applyItemEvent(deps, {
      storeId,
      itemId: line.itemId,
      event: {
        kind: 'returned',
        quantity: remaining,
        // Backordered units are the last units of a sale, so they come back first.
        backordered: Math.min(line.backordered, remaining),
        episode: line.episode,
      },
      idempotencyKey: returnKey,
      cause: { type: 'order_line', ref: orderLineRef(orderId, line.bcOrderProductId) },
      actor: BIGCOMMERCE_ACTOR,
      now,
      orderLine: { bcOrderId: orderId, bcOrderProductId: line.bcOrderProductId },
    });
    if (outcome.applied) {
      givenBack += 1;
      effects += outcome.outboxWrites;
    } else if (outcome.duplicate || SETTLED.has(outcome.refusal.code)) {
      // Nothing (more) to give back.
    } else if (isItemProblem(outcome.refusal)) {
      const item = await deps.items.getItem(storeId, line.itemId);
      if (item === null) continue;
      await reportLineProblem(deps, {
        storeId,
        refusal: outcome.refusal,
        change: 'return',
        item,
        line: {
          orderId,
          orderProductId: line.bcOrderProductId,
          quantity: remaining,
          name: null,
          variant: itemVariantLabel(item),
        },
        changeKey: returnKey,
      });
    } else {
      throw new Error(
        `Give-back of order ${orderId} line ${line.bcOrderProductId} refused: ${outcome.refusal.code} ${outcome.refusal.message}`,
      );
    }
  }
  return { givenBack, effects };
}

/**
 * Refusals that leave nothing to do: the item was unassigned since the sale (the app no longer
 * tracks its stock), or the line was already given back in full.
 */
const SETTLED = new Set<string>([
  REFUSAL_CODES.notAssigned,
  ITEM_REFUSALS.itemNotFound,
  ORDER_LINE_REFUSALS.overReturned,
]);
