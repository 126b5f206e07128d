import { type RequestDeliveryDeps, requestDelivery } from '../jobs/request-delivery.js';
import { isPlacedStatus } from '../orders/order-statuses.js';
import { type RecordOrderSalesDeps, recordOrderSales } from '../orders/record-order-sales.js';
import { type WriteStaffNoteDeps, writeStaffNote } from '../orders/write-staff-note.js';
import type { StoreOrderLine, StoreOrders } from '../ports/store-orders.js';
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
  };

/**
 * store/order/created: the order's lines of assigned items are sales (stock −q, B +b per line), then
 * an order holding backordered units gets its packing-slip staff note.
 *
 * An order that is not placed when we read it is left to store/order/statusUpdated: an Incomplete
 * checkout is no sale until it moves on, and an order already Cancelled or Refunded is handled
 * (sales recorded, then given back) by the status webhook of that change, whichever arrives first.
 */
export async function handleOrderCreated(
  deps: OrderWebhookDeps,
  ctx: WebhookContextOf<'orderCreated'>,
): Promise<WebhookHandled> {
  const { orderId } = ctx.event;
  const order = await deps.storeOrders.getOrder(ctx.storeId, orderId);
  // Deleted before we got to it: there is no order whose units we could count.
  if (order === null) return NOTHING_CHANGED;
  if (!isPlacedStatus(order.status)) return NOTHING_CHANGED;
  return recordSalesAndNote(deps, ctx, orderId, order.customerName);
}

/**
 * Records the order's sales as BigCommerce has its lines now, asks for the delivery of their effects,
 * then writes the staff note; the lines remember who placed the order (`customerName`, for the orders
 * export). Delivery is asked for first: the sale that takes B to T disables
 * purchase, and every moment that write waits is a moment more orders can come in (issue 9.1).
 */
export async function recordSalesAndNote(
  deps: OrderWebhookDeps,
  ctx: WebhookContext,
  orderId: number,
  customerName: string | null,
): Promise<WebhookHandled> {
  const lines = await deps.storeOrders.getOrderLines(ctx.storeId, orderId);
  // Deleted since the order was read: this run fails and is retried, as for an outage (a retry of
  // store/order/created then finds the order gone and settles).
  if (lines === null) throw new OrderGoneError(orderId);
  const sales = await recordOrderSales(deps, {
    storeId: ctx.storeId,
    orderId,
    lines,
    now: ctx.now,
    customerName,
  });
  if (sales.effects > 0) await requestDelivery(deps, ctx.storeId);
  await checkNativeBackordersWhenSeen(deps, ctx, lines);
  await writeStaffNote(deps, { storeId: ctx.storeId, orderId, orderLines: lines });
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

/** The order disappeared from BigCommerce while its webhook was being processed. */
export class OrderGoneError extends Error {
  override readonly name = 'OrderGoneError';
  readonly code = 'ORDER.NOT_FOUND';
  constructor(readonly orderId: number) {
    super(`Order ${orderId} was deleted from BigCommerce while its webhook was being processed.`);
  }
}
