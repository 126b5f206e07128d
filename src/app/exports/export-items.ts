import type { Result } from '../../core/item.js';
import { localDateAt } from '../../core/local-date.js';
import { STOCK_FILE_COLUMNS, STOCK_FILE_ORDER, type StockFileColumn } from '../imports/import-columns.js';
import { storeNotFound } from '../items/item-refusals.js';
import type { AssignedProductPosition, AssignedProducts } from '../ports/assigned-products.js';
import type { Clock } from '../ports/clock.js';
import { type ItemRecord, itemVariantLabel } from '../ports/item-repository.js';
import type { SheetCell } from '../ports/sheet.js';
import type { StoreId } from '../ports/store-id.js';
import type { StoreRepository } from '../ports/store-repository.js';
import { type ExportedSheet, exportBaseName } from './exported-sheet.js';

export interface ExportItemsDeps {
  readonly assignedProducts: AssignedProducts;
  readonly stores: Pick<StoreRepository, 'getStore'>;
  readonly clock: Clock;
}

/** Products read per query: a few hundred items, so 50,000 are never held at once. */
export const EXPORT_PRODUCTS_PAGE = 250;

/**
 * Every assigned item of the store as the stock file (the import's template: the same columns, in the
 * same order, and the values an import reads back unchanged), by product name then the variants'
 * order. The rows are read from storage a page of products at a time, as the file is written.
 */
export async function exportItems(
  deps: ExportItemsDeps,
  input: { readonly storeId: StoreId },
): Promise<Result<ExportedSheet>> {
  const store = await deps.stores.getStore(input.storeId);
  if (store === null) return storeNotFound(input.storeId);
  return {
    ok: true,
    baseName: exportBaseName('items', localDateAt(deps.clock.now(), store.timezone)),
    sheet: {
      name: 'Items',
      columns: STOCK_FILE_ORDER.map((column) => STOCK_FILE_COLUMNS[column]),
      rows: itemRows(deps.assignedProducts, input.storeId),
    },
  };
}

async function* itemRows(
  assignedProducts: AssignedProducts,
  storeId: StoreId,
): AsyncIterable<readonly SheetCell[]> {
  let after: AssignedProductPosition | undefined;
  do {
    const page = await assignedProducts.listAssignedProductsByName(storeId, {
      limit: EXPORT_PRODUCTS_PAGE,
      ...(after === undefined ? {} : { after }),
    });
    for (const product of page.products) {
      for (const item of product.items) yield stockFileRow(product.name, item);
    }
    after = page.next ?? undefined;
  } while (after !== undefined);
}

/** One item as the stock file holds it: an empty threshold is unlimited, an empty date none. */
export function stockFileRow(productName: string, item: ItemRecord): readonly SheetCell[] {
  const cells: Readonly<Record<StockFileColumn, SheetCell>> = {
    product: productName,
    variant: itemVariantLabel(item),
    sku: item.sku,
    stock: item.stock,
    threshold: item.threshold,
    incomingStock: item.incoming,
    backInStockDate: item.backInStockDate,
  };
  return STOCK_FILE_ORDER.map((column) => cells[column]);
}
