import type { CauseType } from '../ports/item-transactions.js';

const ORDER_LINE_REF = /^order:(\d{1,15}):line:\d{1,15}$/;

/**
 * The BigCommerce order a history row came from, when its cause is an order line recorded under
 * `orderLineRef` (src/app/orders/record-order-sales.ts); null otherwise.
 */
export function orderIdOfCause(cause: { readonly causeType: CauseType; readonly causeRef: string | null }) {
  if (cause.causeType !== 'order_line' || cause.causeRef === null) return null;
  const match = ORDER_LINE_REF.exec(cause.causeRef);
  return match === null ? null : Number(match[1]);
}
