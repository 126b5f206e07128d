import type { OrderProduct } from '../../adapters/bigcommerce/index.js';
import { isBigCommerceNotFound } from '../orders/bigcommerce-errors.js';
import { type GiveBackOrderDeps, giveBackOrder } from '../orders/give-back-order.js';
import { isGiveBackStatus, isPlacedStatus, ORDER_STATUS } from '../orders/order-statuses.js';
import { recordOrderSales } from '../orders/record-order-sales.js';
import { writeStaffNote } from '../orders/write-staff-note.js';
import type { SettingsRepository } from '../ports/settings-repository.js';
import { type OrderWebhookDeps, recordSalesAndNote } from './order-created.js';
import { NOTHING_CHANGED, type WebhookContext, type WebhookHandled } from './webhook-context.js';
import { orderStatusData, webhookData } from './webhook-payloads.js';

export type OrderStatusWebhookDeps = OrderWebhookDeps &
  GiveBackOrderDeps & { readonly settings: SettingsRepository };

/**
 * store/order/statusUpdated. The status change the webhook reports is the event (the order may have
 * moved on by the time we run); the order's lines are re-read from BigCommerce.
 *
 * - Incomplete → a placed status: the checkout was finished, the lines are sales now.
 * - A placed status → Cancelled or Refunded: the lines are given back (stock and, within the sale's
 *   episode, B), when the store's `restock_on_cancel` is on (default). Sales not yet recorded (the
 *   created webhook still on its way) are recorded first, so the order nets out whatever the order
 *   of delivery. A line is given back at most once: Refunded after Cancelled gives nothing again.
 * - Back from Cancelled or Refunded to a placed status: nothing. BigCommerce does not take the units
 *   again either; the lines stay given back, and the merchant corrects stock by hand if the goods
 *   really left. (Keeping it simple beats guessing what a re-opened order shipped.)
 * - Anything else (e.g. Pending → Shipped): nothing to do for stock.
 * The staff note is brought up to date after any change (given-back lines are marked).
 */
export async function handleOrderStatusUpdated(
  deps: OrderStatusWebhookDeps,
  ctx: WebhookContext,
): Promise<WebhookHandled> {
  const data = webhookData(ctx.scope, ctx.payload, orderStatusData);
  const orderId = data.id;
  const { previous_status_id: from, new_status_id: to } = data.status;

  if (from === ORDER_STATUS.incomplete && isPlacedStatus(to)) {
    return recordSalesAndNote(deps, ctx, orderId);
  }
  if (!(isPlacedStatus(from) && isGiveBackStatus(to))) return NOTHING_CHANGED;

  let effects = 0;
  const client = await deps.bigCommerceForStore(ctx.storeId);
  let orderProducts: OrderProduct[] | undefined;
  try {
    orderProducts = await client.getOrderProducts(orderId);
    const sales = await recordOrderSales(deps, {
      storeId: ctx.storeId,
      orderId,
      orderProducts,
      now: ctx.now,
    });
    effects += sales.effects;
  } catch (error) {
    // The order is gone from BigCommerce: what we recorded of it can still be given back.
    if (!isBigCommerceNotFound(error)) throw error;
  }
  const settings = await deps.settings.getSettings(ctx.storeId);
  // No settings row means defaults, and restock on cancel defaults to on (docs/product.md#settings).
  if (settings?.restockOnCancel ?? true) {
    const givenBack = await giveBackOrder(deps, { storeId: ctx.storeId, orderId, now: ctx.now });
    effects += givenBack.effects;
  }
  await writeStaffNote(deps, { storeId: ctx.storeId, orderId, ...(orderProducts ? { orderProducts } : {}) });
  return { effects };
}
