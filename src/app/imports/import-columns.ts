import type { SheetColumn } from '../ports/sheet.js';

/**
 * The columns of the stock file: the import's template, the items export (the same file, so an
 * exported sheet can be edited and imported back) and what an import reads. `Product` and `Variant`
 * are there for people and are not read; an import changes only the values of the columns it has.
 */
export const STOCK_FILE_COLUMNS = {
  product: { header: 'Product', width: 40 },
  variant: { header: 'Variant', width: 24 },
  sku: { header: 'SKU', width: 20 },
  stock: { header: 'Stock', kind: 'number' },
  threshold: { header: 'Threshold', kind: 'number' },
  incomingStock: { header: 'Incoming stock', kind: 'number', width: 16 },
  backInStockDate: { header: 'Back-in-stock date', kind: 'date', width: 20 },
} as const satisfies Readonly<Record<string, SheetColumn>>;

export type StockFileColumn = keyof typeof STOCK_FILE_COLUMNS;

/** In the template's order. */
export const STOCK_FILE_ORDER: readonly StockFileColumn[] = [
  'product',
  'variant',
  'sku',
  'stock',
  'threshold',
  'incomingStock',
  'backInStockDate',
];
