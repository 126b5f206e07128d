import { type GiveBackOrderDeps, giveBackOrder } from '../orders/give-back-order.js';
import { isGiveBackStatus, isPlacedStatus } from '../orders/order-statuses.js';
import { recordOrderSales } from '../orders/record-order-sales.js';
import { writeStaffNote } from '../orders/write-staff-note.js';
import type { SettingsRepository } from '../ports/settings-repository.js';
import { type OrderWebhookDeps, recordSalesAndNote } from './order-created.js';
import { NOTHING_CHANGED, type WebhookContextOf, type WebhookHandled } from './webhook-context.js';

export type OrderStatusWebhookDeps = OrderWebhookDeps &
  GiveBackOrderDeps & { readonly settings: SettingsRepository };

/**
 * store/order/statusUpdated. The status change the webhook reports is the event (the order may have
 * moved on by the time we run); the order and its lines are read again from BigCommerce, once (one call).
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
  ctx: WebhookContextOf<'orderStatusChanged'>,
): Promise<WebhookHandled> {
  const { orderId, from, to } = ctx.event;

  if (from === 'incomplete' && isPlacedStatus(to)) {
    // The checkout's first processing, as on store/order/created: one read of the order and its lines.
    const order = await deps.storeOrders.getOrderWithLines(ctx.storeId, orderId);
    // Deleted since: no order whose units we could count.
    if (order === null) return NOTHING_CHANGED;
    return recordSalesAndNote(deps, ctx, order);
  }
  if (!(isPlacedStatus(from) && isGiveBackStatus(to))) return NOTHING_CHANGED;

  let effects = 0;
  // Read fresh, never from OrderPrefetch: the staff note rewritten below starts from these notes.
  const order = await deps.storeOrders.getOrderWithLines(ctx.storeId, orderId);
  // Null: the order is gone from BigCommerce; what we recorded of it can still be given back.
  if (order !== null) {
    const sales = await recordOrderSales(deps, {
      storeId: ctx.storeId,
      orderId,
      lines: order.lines,
      now: ctx.now,
    });
    effects += sales.effects;
  }
  const settings = await deps.settings.getSettings(ctx.storeId);
  // No settings row means defaults, and restock on cancel defaults to on (docs/product.md#settings).
  if (settings?.restockOnCancel ?? true) {
    const givenBack = await giveBackOrder(deps, { storeId: ctx.storeId, orderId, now: ctx.now });
    effects += givenBack.effects;
  }
  if (order !== null) await writeStaffNote(deps, { storeId: ctx.storeId, order });
  return { effects };
}
