import type { LocalDate } from '../../core/item.js';

/**
 * A table a merchant takes away (an export, an import's template or error report), as the use cases
 * produce it: columns and rows, read as they are needed, so 50,000 rows are never held at once. The
 * HTTP layer writes it as CSV or XLSX (src/adapters/spreadsheets).
 */
export interface Sheet {
  /** The worksheet's name in an XLSX file (at most 31 characters). */
  readonly name: string;
  readonly columns: readonly SheetColumn[];
  readonly rows: AsyncIterable<readonly SheetCell[]> | Iterable<readonly SheetCell[]>;
}

export interface SheetColumn {
  readonly header: string;
  /** How XLSX types the cells (a CSV writes every cell as text); `text` by default. */
  readonly kind?: 'text' | 'number' | 'date';
  /** Column width in characters in XLSX. */
  readonly width?: number;
}

/** A number, a text, a store-local date (`date` columns), or empty. */
export type SheetCell = string | number | LocalDate | null;

export type SheetFormat = 'csv' | 'xlsx';

export const SHEET_FORMATS: readonly SheetFormat[] = ['csv', 'xlsx'];
