import type { AssignmentDeps } from '../assignment/assignment-deps.js';
import { unassignProduct } from '../assignment/unassign-product.js';
import { NOTHING_CHANGED, type WebhookContextOf, type WebhookHandled } from './webhook-context.js';

export type ProductDeletedDeps = AssignmentDeps;

/**
 * store/product/deleted: a product deleted in BigCommerce is unassigned quietly — its items and
 * history stay, nothing is written to BigCommerce (the product is gone) and no email is sent.
 * Called for any product the app has a record of, not only assigned ones: a retry after a crash
 * half-way lets the use case finish what it started (it answers "not assigned" once all is done).
 */
export async function handleProductDeleted(
  deps: ProductDeletedDeps,
  ctx: WebhookContextOf<'productDeleted'>,
): Promise<WebhookHandled> {
  const { bcProductId } = ctx.event;
  const product = await deps.products.findProductByBcId(ctx.storeId, bcProductId);
  if (product === null) return NOTHING_CHANGED;
  await unassignProduct(deps, { storeId: ctx.storeId, bcProductId, quiet: true });
  return NOTHING_CHANGED;
}
