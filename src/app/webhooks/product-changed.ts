import type { AssignmentDeps } from '../assignment/assignment-deps.js';
import { syncProductFromBigCommerce } from '../assignment/sync-product-from-bigcommerce.js';
import { NOTHING_CHANGED, type WebhookContextOf, type WebhookHandled } from './webhook-context.js';

export type ProductChangedDeps = AssignmentDeps;

const PRODUCT_UPDATED = 'store/product/updated';
/**
 * How long a product write's webhook is waited for. Short, unlike the level echoes' hour: a remembered
 * write whose webhook never came (or was merged with another by the inbox) would hide a real change of
 * the product made within this window; BigCommerce delivers within seconds, and a backlog of the app's
 * own inbox is counted from the webhook's processing time, so minutes leave room for a long run.
 */
export const CATALOG_ECHO_WINDOW_MS = 10 * 60_000;

/**
 * store/product/updated, store/product/inventory/updated, store/sku/inventory/updated: something
 * changed on a product in BigCommerce (an ERP or a person wrote an inventory level, turned tracking
 * back on, changed purchasability). For an assigned product the assignment use case re-reads it and
 * takes what it finds (levels as stock, tracking off again per setting), and asks for delivery of what
 * it changed itself. The echo of the app's own product write (assignment, outbox delivery, a sync) is
 * recognised by the record the write left (CatalogEchoes) and not re-read: the webhook says only which
 * product changed, and re-reading each one the app just wrote was most of a bulk assignment's calls. Products the app does not track
 * are none of its business; a product deleted meanwhile is store/product/deleted's.
 */
export async function handleProductChanged(
  deps: ProductChangedDeps,
  ctx: WebhookContextOf<'productChanged'>,
): Promise<WebhookHandled> {
  const { bcProductId } = ctx.event;
  const product = await deps.products.findProductByBcId(ctx.storeId, bcProductId);
  if (product === null || !product.assigned) return NOTHING_CHANGED;
  // The echo of one of the app's own product writes (CatalogEchoes): nothing new to read. Only
  // store/product/updated is matched: an inventory webhook handled as a change of the product here is
  // not what the app's product writes cause, and must not take their record.
  if (ctx.scope === PRODUCT_UPDATED) {
    const since = new Date(ctx.now.getTime() - CATALOG_ECHO_WINDOW_MS);
    await deps.catalogEchoes.forgetOlderThan(ctx.storeId, since);
    if (await deps.catalogEchoes.take(ctx.storeId, bcProductId, since)) return NOTHING_CHANGED;
  }
  // Refusals (not assigned any more, deleted in BigCommerce) leave nothing to do for this webhook.
  await syncProductFromBigCommerce(deps, {
    storeId: ctx.storeId,
    bcProductId,
    cause: { kind: 'webhook', inboxId: ctx.inboxId, scope: ctx.scope },
  });
  return NOTHING_CHANGED;
}
