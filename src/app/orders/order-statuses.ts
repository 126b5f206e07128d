import type { OrderStatus } from '../ports/store-orders.js';

/**
 * Which order statuses matter to stock (docs/bigcommerce.md#orders).
 *
 * - Incomplete: a checkout that was never finished. Not a sale: BigCommerce takes no stock for it; the
 *   sale is recorded when the order moves on to a placed status.
 * - Cancelled and Refunded: the order's units come back (store setting `restock_on_cancel`).
 *   Partially Refunded gives nothing back, as in BigCommerce.
 * - Every other status (Pending, Awaiting …, Shipped, Completed, Declined, Disputed, one the app has no
 *   name for, …) is a placed order.
 */
const GIVE_BACK_STATUSES: ReadonlySet<OrderStatus> = new Set<OrderStatus>(['cancelled', 'refunded']);

/** The order's units are taken from stock (a sale). */
export function isPlacedStatus(status: OrderStatus): boolean {
  return !isGiveBackStatus(status) && status !== 'incomplete';
}

/** Moving an order into this status gives its units back. */
export function isGiveBackStatus(status: OrderStatus): boolean {
  return GIVE_BACK_STATUSES.has(status);
}
