import type { ItemEvent } from '../../core/events.js';
import { type Refusal, refuse } from '../../core/item.js';
import type { OrderLineRecord } from '../ports/order-line-repository.js';

/** Refusals about the order line behind a sale or a give-back. Stable: the API and tests match on them. */
export const ORDER_LINE_REFUSALS = {
  notFound: 'ORDER_LINE.NOT_FOUND',
  alreadyRecorded: 'ORDER_LINE.ALREADY_RECORDED',
  overReturned: 'ORDER_LINE.OVER_RETURNED',
  wrongItem: 'ORDER_LINE.WRONG_ITEM',
} as const;

export type OrderLineRefusalCode = (typeof ORDER_LINE_REFUSALS)[keyof typeof ORDER_LINE_REFUSALS];

/**
 * Whether an order line fits the event it comes with, judged on the line as recorded (null: never
 * recorded) before anything is written. A line is sold once; a give-back must name a line of the same
 * item and may not return more units than the line has left.
 */
export function checkOrderLine(
  event: ItemEvent,
  recorded: OrderLineRecord | null,
  itemId: number,
): Refusal<OrderLineRefusalCode> | null {
  if (event.kind === 'sold') {
    return recorded === null
      ? null
      : refuse(ORDER_LINE_REFUSALS.alreadyRecorded, 'This order line was already recorded.');
  }
  if (event.kind !== 'returned') {
    // A bug in the caller, not a refusal: only sales and give-backs come with an order line.
    throw new Error(`An order line goes with a sale or a give-back, not with '${event.kind}'`);
  }
  if (recorded === null) return refuse(ORDER_LINE_REFUSALS.notFound, 'No such order line was recorded.');
  if (recorded.itemId !== itemId) {
    return refuse(ORDER_LINE_REFUSALS.wrongItem, 'The order line belongs to another item.');
  }
  const left = recorded.quantity - recorded.returnedQuantity;
  if (event.quantity > left) {
    return refuse(
      ORDER_LINE_REFUSALS.overReturned,
      `Cannot give back ${event.quantity} units: ${left} of the line are left.`,
    );
  }
  return null;
}
