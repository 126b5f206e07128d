import {
  STOCK_FILE_COLUMNS,
  STOCK_FILE_ORDER,
  type StockFileColumn,
} from '../../src/app/imports/import-columns.js';
import type { SpreadsheetCell, SpreadsheetRow } from '../../src/app/ports/spreadsheet-reader.js';

/** A row as the SpreadsheetReader gives it: `aSheetRow(['A-1', '12'], 5)`. */
export function aSheetRow(cells: readonly SpreadsheetCell[], line = 2): SpreadsheetRow {
  return { line, cells };
}

/** The template's header row, or the headers of the columns given (in that order). */
export function stockFileHeaders(columns: readonly StockFileColumn[] = STOCK_FILE_ORDER): string[] {
  return columns.map((column) => STOCK_FILE_COLUMNS[column].header);
}

const PRODUCTS = [
  'Crème brûlée mug',
  'Müsli bowl',
  'Łódź scarf',
  'Garden hose',
  'Œuvre poster',
  'Tea “Earl Grey”',
];
const SIZES = ['', 'Size: S', 'Size: M', 'Size: L', 'Size: XL'];

/**
 * Row `n` (0-based) of a realistic stock file in the template's columns: products with and without
 * variants, accents, a quoted name with a comma now and then, stock sometimes negative, thresholds
 * and dates sometimes empty.
 */
export function stockFileRow(n: number): string[] {
  const size = SIZES[n % SIZES.length]!;
  const product = `${PRODUCTS[n % PRODUCTS.length]!}${n % 7 === 0 ? ', large' : ''} #${Math.floor(n / 5)}`;
  const day = String((n % 28) + 1).padStart(2, '0');
  const month = String((n % 12) + 1).padStart(2, '0');
  return [
    product,
    size,
    `SKU-${String(n).padStart(6, '0')}${size === '' ? '' : `-${size.slice(6)}`}`,
    String((n % 41) - 5),
    n % 3 === 0 ? '' : String(n % 10),
    String(n % 17),
    n % 4 === 0 ? '' : `2027-${month}-${day}`,
  ];
}

/** A CSV field, quoted when it must be. */
export function csvField(value: string, delimiter = ','): string {
  return value.includes('"') || value.includes(delimiter) || /[\r\n]/.test(value)
    ? `"${value.replaceAll('"', '""')}"`
    : value;
}

export function csvLine(cells: readonly string[], delimiter = ','): string {
  return cells.map((cell) => csvField(cell, delimiter)).join(delimiter);
}
