import { applyItemEvent } from '../items/apply-item-event.js';
import { inventoryChangeKey } from '../jobs/keys.js';
import { requestDelivery } from '../jobs/request-delivery.js';
import { ECHO_WINDOW_MS } from '../outbox/deliver-levels.js';
import type { ItemRecord } from '../ports/item-repository.js';
import { handleProductChanged, type ProductChangedDeps } from './product-changed.js';
import { NOTHING_CHANGED, type WebhookContextOf, type WebhookHandled } from './webhook-context.js';

export type InventoryChangedDeps = ProductChangedDeps;

/**
 * store/product/inventory/updated, store/sku/inventory/updated: someone changed an inventory level in
 * BigCommerce, not by an order (docs/product.md#modes).
 *
 * Cap at checkout: BigCommerce's level is the units still sellable, which the app writes; so the change
 * itself says what happened, and it is used as it comes:
 * - the app's own write (remembered by LevelEchoes) changes nothing;
 * - an absolute level (an ERP or a person set the count) becomes the item's stock, and the level is
 *   then moved to the sellable units from that count (the outbox writes the difference);
 * - a relative change (units added or taken) moves the stock by as much.
 * Native backorders: the same, with BigCommerce's count being units on hand, of which the stock is that
 * minus the quantity backordered; BigCommerce already holds the change, so nothing is written back but
 * the backorder limit when the rules move it.
 * Emulated: as any change of the product, it is re-read (productChanged).
 */
export async function handleInventoryChanged(
  deps: InventoryChangedDeps,
  ctx: WebhookContextOf<'inventoryChanged'>,
): Promise<WebhookHandled> {
  const { event, storeId } = ctx;
  const settings = await deps.settings.getSettings(storeId);
  const mode = settings?.inventoryMode ?? 'emulated';
  if (mode === 'emulated') {
    return handleProductChanged(deps, {
      ...ctx,
      event: { kind: 'productChanged', bcProductId: event.bcProductId },
    });
  }
  const item = await deps.items.findItemByBcIds(storeId, event.bcProductId, event.bcVariantId);
  const published = mode === 'capped' ? item?.cappedLevel : item?.nativeBackordered;
  if (item === null || !item.active || published === null || published === undefined) return NOTHING_CHANGED;
  const since = new Date(deps.clock.now().getTime() - ECHO_WINDOW_MS);
  const echo = { itemId: item.id, method: event.method, value: event.value } as const;
  if (await deps.levelEchoes.take(storeId, echo, since)) return NOTHING_CHANGED;

  const absolute = event.method === 'absolute';
  // An absolute value is the count on hand: the stock is that, minus what is owed to customers in the
  // native mode (BigCommerce's quantity backordered); a relative one moves the stock by as much.
  const stockFrom = (it: ItemRecord) =>
    absolute ? event.value - (mode === 'native' ? (it.nativeBackordered ?? 0) : 0) : it.stock + event.value;
  const outcome = await applyItemEvent(deps, {
    storeId,
    itemId: item.id,
    idempotencyKey: inventoryChangeKey(ctx.inboxId, item.id),
    cause: { type: 'bigcommerce_webhook', ref: `inbox:${ctx.inboxId}` },
    actor: 'bigcommerce',
    now: deps.clock.now(),
    event: { kind: 'synced', stock: stockFrom(item) },
    // Applied to the item as it is when locked, not as it was read (a sale may come in between).
    eventOfLocked: (locked) => ({ kind: 'synced', stock: stockFrom(locked) }),
    bigCommerceLevel: absolute ? { setTo: event.value } : { changedBy: event.value },
  });
  if (!outcome.applied) {
    if (!outcome.duplicate)
      deps.reportError?.(new Error(outcome.refusal.code), `inventory change of item ${item.id}`);
    return NOTHING_CHANGED;
  }
  await requestDelivery(deps, storeId);
  return { effects: 1, deliveryRequested: true };
}
