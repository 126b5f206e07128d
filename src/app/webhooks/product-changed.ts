import type { AssignmentDeps } from '../assignment/assignment-deps.js';
import { syncProductFromBigCommerce } from '../assignment/sync-product-from-bigcommerce.js';
import { NOTHING_CHANGED, type WebhookContext, type WebhookHandled } from './webhook-context.js';
import { productData, productInventoryData, skuInventoryData, webhookData } from './webhook-payloads.js';

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
  ctx: WebhookContext,
): Promise<WebhookHandled> {
  const bcProductId = productIdOf(ctx);
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

function productIdOf(ctx: WebhookContext): number {
  switch (ctx.scope) {
    case 'store/sku/inventory/updated':
      return webhookData(ctx.scope, ctx.payload, skuInventoryData).inventory.product_id;
    case 'store/product/inventory/updated': {
      const data = webhookData(ctx.scope, ctx.payload, productInventoryData);
      return data.inventory?.product_id ?? data.id;
    }
    default:
      return webhookData(ctx.scope, ctx.payload, productData).id;
  }
}
