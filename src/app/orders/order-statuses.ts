/**
 * BigCommerce order statuses that matter to stock (docs/bigcommerce.md#orders,
 * `GET /v2/order_statuses`).
 *
 * - Incomplete (0): a checkout that was never finished. Not a sale: BigCommerce takes no stock for it;
 *   the sale is recorded when the order moves on to a placed status.
 * - Cancelled (5) and Refunded (4): the order's units come back (store setting `restock_on_cancel`).
 *   Partially Refunded (14) gives nothing back, as in BigCommerce.
 * - Every other status (Pending, Awaiting …, Shipped, Completed, Declined, Disputed, …) is a placed order.
 */
export const ORDER_STATUS = {
  incomplete: 0,
  refunded: 4,
  cancelled: 5,
} as const;

/** The order's units are taken from stock (a sale). */
export function isPlacedStatus(statusId: number): boolean {
  return !isGiveBackStatus(statusId) && statusId !== ORDER_STATUS.incomplete;
}

/** Moving an order into this status gives its units back. */
export function isGiveBackStatus(statusId: number): boolean {
  return statusId === ORDER_STATUS.cancelled || statusId === ORDER_STATUS.refunded;
}
