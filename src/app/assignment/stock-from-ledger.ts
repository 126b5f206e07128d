import type { StoreProduct } from '../ports/store-catalog.js';
import type { StoreId } from '../ports/store-id.js';
import { ASSIGNMENT_WARNINGS, type AssignmentWarning } from './assignment-codes.js';
import type { AssignmentDeps } from './assignment-deps.js';
import type { BigCommerceStock } from './catalog-product.js';

/**
 * A product assigned again while BigCommerce tracks no inventory for it — which is how the app's own
 * unassignment leaves it — has no level to copy; copying "0" would lose the stock the app counted
 * (and switch a stocked item to backorder). Each item that was assigned before starts instead from
 * the stock it had when it was unassigned: the unassignment's ledger row gave exactly that back to
 * zero (no row: it had 0). Items new since (a variant added meanwhile) start at 0 as on a first
 * assignment. The warning says which happened.
 */
export async function withStockFromLedger(
  deps: Pick<AssignmentDeps, 'items' | 'history'>,
  storeId: StoreId,
  product: StoreProduct,
  stock: BigCommerceStock,
): Promise<AssignedStock> {
  const asIs = { items: stock.items, warnings: stock.warning === null ? [] : [stock.warning] };
  if (product.tracking !== 'none') return asIs;
  let fromLedger = 0;
  let fresh = 0;
  const items = [];
  for (const item of stock.items) {
    const known = await deps.items.findItemByBcIds(storeId, product.id, item.bcVariantId);
    if (known === null || known.active) {
      fresh += 1;
      items.push(item);
      continue;
    }
    fromLedger += 1;
    items.push({ ...item, stock: await lastCountedStock(deps, storeId, known.id) });
  }
  if (fromLedger === 0) return asIs;
  const warnings: AssignmentWarning[] = [ASSIGNMENT_WARNINGS.stockFromLedger];
  if (fresh > 0) warnings.push(ASSIGNMENT_WARNINGS.stockNotTracked);
  return { items, warnings };
}

export interface AssignedStock {
  readonly items: BigCommerceStock['items'];
  readonly warnings: readonly AssignmentWarning[];
}

/** The stock an unassigned item had when it was unassigned, from its ledger. */
async function lastCountedStock(
  deps: Pick<AssignmentDeps, 'history'>,
  storeId: StoreId,
  itemId: number,
): Promise<number> {
  const [last] = await deps.history.listLedger(storeId, { itemId, limit: 1 });
  if (last === undefined) return 0;
  return last.kind === 'unassignment' ? last.stockAfter - last.delta : last.stockAfter;
}
