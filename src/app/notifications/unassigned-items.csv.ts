import { stringify } from 'csv-stringify/sync';
import { neutraliseFormula } from '../exports/neutralise-formula.js';
import type { UnassignedPayload } from './notification-events.js';

export const UNASSIGNED_CSV_HEADER = [
  'Product',
  'Variant',
  'SKU',
  'Stock',
  'Threshold',
  'Backordered',
  'Incoming stock',
  'Back-in-stock date',
] as const;

/**
 * The stock data of unassigned products' items, one row per item (docs/product.md#unassignment: emailed so
 * nothing the app tracked is lost). Empty threshold = unlimited, as in the import file. With a BOM so
 * spreadsheet programs read product names as UTF-8.
 */
export function unassignedItemsCsv(unassignments: readonly UnassignedPayload[]): string {
  const rows = unassignments.flatMap(({ product, items }) =>
    items.map((item) => [
      product.name,
      item.variant ?? (item.bcVariantId === null ? '' : `#${item.bcVariantId}`),
      item.sku ?? '',
      item.stock,
      item.threshold ?? '',
      item.backordered,
      item.incoming,
      item.backInStockDate ?? '',
    ]),
  );
  return stringify([[...UNASSIGNED_CSV_HEADER], ...rows], {
    bom: true,
    // Merchant texts (names, SKUs) that a spreadsheet would run as a formula are kept as text.
    cast: { string: neutraliseFormula },
  });
}
