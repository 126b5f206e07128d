import type { Order } from '../../adapters/bigcommerce/index.js';
import { isBigCommerceNotFound } from '../orders/bigcommerce-errors.js';
import { isPlacedStatus } from '../orders/order-statuses.js';
import { type RecordOrderSalesDeps, recordOrderSales } from '../orders/record-order-sales.js';
import { type WriteStaffNoteDeps, writeStaffNote } from '../orders/write-staff-note.js';
import type { BigCommerceForStore } from '../ports/bigcommerce.js';
import { NOTHING_CHANGED, type WebhookContext, type WebhookHandled } from './webhook-context.js';
import { orderCreatedData, webhookData } from './webhook-payloads.js';

export type OrderWebhookDeps = RecordOrderSalesDeps &
  WriteStaffNoteDeps & { readonly bigCommerceForStore: BigCommerceForStore };

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
  ctx: WebhookContext,
): Promise<WebhookHandled> {
  const { id: orderId } = webhookData(ctx.scope, ctx.payload, orderCreatedData);
  const client = await deps.bigCommerceForStore(ctx.storeId);
  let order: Order;
  try {
    order = await client.getOrder(orderId);
  } catch (error) {
    // Deleted before we got to it: there is no order whose units we could count.
    if (isBigCommerceNotFound(error)) return NOTHING_CHANGED;
    throw error;
  }
  if (!isPlacedStatus(order.status_id)) return NOTHING_CHANGED;
  return recordSalesAndNote(deps, ctx, orderId);
}

/** Records the order's sales as BigCommerce has its lines now, then writes the staff note. */
export async function recordSalesAndNote(
  deps: OrderWebhookDeps,
  ctx: WebhookContext,
  orderId: number,
): Promise<WebhookHandled> {
  const client = await deps.bigCommerceForStore(ctx.storeId);
  const orderProducts = await client.getOrderProducts(orderId);
  const sales = await recordOrderSales(deps, { storeId: ctx.storeId, orderId, orderProducts, now: ctx.now });
  await writeStaffNote(deps, { storeId: ctx.storeId, orderId, orderProducts });
  return { effects: sales.effects };
}
