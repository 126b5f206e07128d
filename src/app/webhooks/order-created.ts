import { type RequestDeliveryDeps, requestDelivery } from '../jobs/request-delivery.js';
import type { OrderPrefetch } from '../orders/order-prefetch.js';
import { isPlacedStatus } from '../orders/order-statuses.js';
import { type RecordOrderSalesDeps, recordOrderSales } from '../orders/record-order-sales.js';
import { type WriteStaffNoteDeps, writeStaffNote } from '../orders/write-staff-note.js';
import type { StoreOrderLine, StoreOrders, StoreOrderWithLines } from '../ports/store-orders.js';
import type { StoreRepository } from '../ports/store-repository.js';
import { requestNativeBackordersCheck } from '../settings/detect-native-backorders.js';
import {
  NOTHING_CHANGED,
  type WebhookContext,
  type WebhookContextOf,
  type WebhookHandled,
} from './webhook-context.js';

export type OrderWebhookDeps = RecordOrderSalesDeps &
  WriteStaffNoteDeps &
  RequestDeliveryDeps & {
    readonly storeOrders: StoreOrders;
    readonly stores: Pick<StoreRepository, 'getStore'>;
    /** Reads waiting orders together under a storm (the composition root's); absent: one read each. */
    readonly orderPrefetch?: OrderPrefetch;
  };

/**
 * store/order/created: the order's lines of assigned items are sales (stock −q, B +b per line), then
 * an order holding backordered units gets its packing-slip staff note.
 *
 * An order that is not placed when we read it is left to store/order/statusUpdated: an Incomplete
 * checkout is no sale until it moves on, and an order already Cancelled or Refunded is handled
 * (sales recorded, then given back) by the status webhook of that change, whichever arrives first.
 *
 * The order is read once, with its lines (one call, or a share of one when many orders wait: see
 * OrderPrefetch); everything after — sales, staff note — works from that read.
 */
export async function handleOrderCreated(
  deps: OrderWebhookDeps,
  ctx: WebhookContextOf<'orderCreated'>,
): Promise<WebhookHandled> {
  const { orderId } = ctx.event;
  const order = deps.orderPrefetch
    ? await deps.orderPrefetch.readCreatedOrder(ctx.storeId, orderId)
    : await deps.storeOrders.getOrderWithLines(ctx.storeId, orderId);
  // Deleted before we got to it: there is no order whose units we could count.
  if (order === null) return NOTHING_CHANGED;
  if (!isPlacedStatus(order.status)) return NOTHING_CHANGED;
  return recordSalesAndNote(deps, ctx, order);
}

/**
 * Records the order's sales from its lines as just read, asks for the delivery of their effects, then
 * writes the staff note from the same read; the lines remember who placed the order (`customerName`,
 * for the orders export). Delivery is asked for first: the sale that takes B to T disables
 * purchase, and every moment that write waits is a moment more orders can come in (issue 9.1).
 */
export async function recordSalesAndNote(
  deps: OrderWebhookDeps,
  ctx: WebhookContext,
  order: StoreOrderWithLines,
): Promise<WebhookHandled> {
  const { lines } = order;
  const sales = await recordOrderSales(deps, {
    storeId: ctx.storeId,
    orderId: order.id,
    lines,
    now: ctx.now,
    customerName: order.customerName,
  });
  if (sales.effects > 0) await requestDelivery(deps, ctx.storeId);
  await checkNativeBackordersWhenSeen(deps, ctx, lines);
  await writeStaffNote(deps, { storeId: ctx.storeId, order });
  return { effects: sales.effects, deliveryRequested: sales.effects > 0 };
}

/**
 * A line carrying BigCommerce's own `quantity_backordered` means the store is in the native backorders
 * beta. When the app does not know it yet (never checked, or last seen off), the check is queued, so
 * Settings offers the native mode without waiting for the next opening of the app.
 */
async function checkNativeBackordersWhenSeen(
  deps: OrderWebhookDeps,
  ctx: WebhookContext,
  lines: readonly StoreOrderLine[],
): Promise<void> {
  if (!lines.some((line) => line.quantityBackordered !== undefined)) return;
  const store = await deps.stores.getStore(ctx.storeId);
  if (store === null || store.nativeBackorders === true) return;
  await requestNativeBackordersCheck(deps, ctx.storeId);
}
