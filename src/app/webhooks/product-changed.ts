import type { AssignmentDeps } from '../assignment/assignment-deps.js';
import { syncProductFromBigCommerce } from '../assignment/sync-product-from-bigcommerce.js';
import { NOTHING_CHANGED, type WebhookContextOf, type WebhookHandled } from './webhook-context.js';

export type ProductChangedDeps = AssignmentDeps;

/**
 * store/product/updated, store/product/inventory/updated, store/sku/inventory/updated: something
 * changed on a product in BigCommerce (an ERP or a person wrote an inventory level, turned tracking
 * back on, changed purchasability). For an assigned product the assignment use case re-reads it and
 * takes what it finds (levels as stock, tracking off again per setting), recognising echoes of the
 * app's own writes, and asks for delivery of what it changed itself. Products the app does not track
 * are none of its business; a product deleted meanwhile is store/product/deleted's.
 */
export async function handleProductChanged(
  deps: ProductChangedDeps,
  ctx: WebhookContextOf<'productChanged'>,
): Promise<WebhookHandled> {
  const { bcProductId } = ctx.event;
  const product = await deps.products.findProductByBcId(ctx.storeId, bcProductId);
  if (product === null || !product.assigned) return NOTHING_CHANGED;
  // Refusals (not assigned any more, deleted in BigCommerce) leave nothing to do for this webhook.
  await syncProductFromBigCommerce(deps, {
    storeId: ctx.storeId,
    bcProductId,
    cause: { kind: 'webhook', inboxId: ctx.inboxId, scope: ctx.scope },
  });
  return NOTHING_CHANGED;
}
