// Placeholder of section A (import-parse builds the real one): the contract's exports, minimally working.
import { type LocalDate, MAX_UNITS } from '../../core/item.js';
import { isLocalDate } from '../../core/local-date.js';
import type { SpreadsheetRow } from '../ports/spreadsheet-reader.js';

export type ImportProblemCode =
  | 'IMPORT.EMPTY_FILE'
  | 'IMPORT.UNREADABLE_FILE'
  | 'IMPORT.MISSING_HEADER'
  | 'IMPORT.UNKNOWN_HEADER'
  | 'IMPORT.DUPLICATE_HEADER'
  | 'IMPORT.MISSING_SKU'
  | 'IMPORT.DUPLICATE_SKU'
  | 'IMPORT.UNKNOWN_SKU'
  | 'IMPORT.NOT_A_NUMBER'
  | 'IMPORT.NOT_A_WHOLE_NUMBER'
  | 'IMPORT.NEGATIVE_NUMBER'
  | 'IMPORT.NUMBER_OUT_OF_RANGE'
  | 'IMPORT.INVALID_DATE'
  | 'IMPORT.DATE_NOT_IN_STORE_FORMAT'
  | 'IMPORT.TOO_MANY_ROWS'
  | 'IMPORT.ROW_REFUSED';

export interface ImportProblem {
  readonly line: number;
  readonly column: string | null;
  readonly sku: string | null;
  readonly value: string | null;
  readonly code: ImportProblemCode | string;
  readonly message: string;
}

export interface ImportRowValues {
  readonly line: number;
  readonly sku: string;
  readonly stock?: number;
  readonly threshold?: number | null;
  readonly incomingStock?: number;
  readonly backInStockDate?: LocalDate | null;
}

type Key = 'sku' | 'stock' | 'threshold' | 'incomingStock' | 'backInStockDate';

export interface ImportHeader {
  readonly columns: readonly { readonly index: number; readonly key: Key; readonly header: string }[];
}

const NAMES: Readonly<Record<string, Key | 'ignored'>> = {
  product: 'ignored',
  variant: 'ignored',
  sku: 'sku',
  stock: 'stock',
  threshold: 'threshold',
  incomingstock: 'incomingStock',
  incoming_stock: 'incomingStock',
  backinstockdate: 'backInStockDate',
  'back-in-stockdate': 'backInStockDate',
  back_in_stock_date: 'backInStockDate',
};

export function readImportHeader(
  row: SpreadsheetRow,
): { ok: true; header: ImportHeader } | { ok: false; problems: ImportProblem[] } {
  const columns: { index: number; key: Key; header: string }[] = [];
  const problems: ImportProblem[] = [];
  row.cells.forEach((cell, index) => {
    const header = String(cell ?? '').trim();
    if (header === '') return;
    const key = NAMES[header.toLowerCase().replace(/\s+/g, '')];
    const problem = (code: string, message: string) =>
      problems.push({ line: row.line, column: header, sku: null, value: header, code, message });
    if (key === undefined) problem('IMPORT.UNKNOWN_HEADER', `Unknown column "${header}".`);
    else if (key !== 'ignored') {
      if (columns.some((c) => c.key === key)) problem('IMPORT.DUPLICATE_HEADER', `"${header}" twice.`);
      else columns.push({ index, key, header });
    }
  });
  if (!columns.some((c) => c.key === 'sku') || columns.length < 2) {
    problems.push({
      line: row.line,
      column: 'SKU',
      sku: null,
      value: null,
      code: 'IMPORT.MISSING_HEADER',
      message: 'A SKU column and a value column are needed.',
    });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, header: { columns } };
}

export class ImportRowChecker {
  readonly #seen = new Set<string>();

  constructor(
    private readonly header: ImportHeader,
    _store: { locale: string; timeZone: string },
  ) {}

  check(
    row: SpreadsheetRow,
  ): { ok: true; values: ImportRowValues } | { ok: false; problems: ImportProblem[] } {
    const problems: ImportProblem[] = [];
    const values: Record<string, unknown> = { line: row.line };
    let sku: string | null = null;
    for (const column of this.header.columns) {
      const cell = row.cells[column.index] ?? null;
      const text =
        cell === null ? '' : cell instanceof Date ? cell.toISOString().slice(0, 10) : String(cell).trim();
      const problem = (code: string, message: string) =>
        problems.push({
          line: row.line,
          column: column.header,
          sku,
          value: text.slice(0, 100),
          code,
          message,
        });
      if (column.key === 'sku') {
        sku = text.replace(/^'(?=[=+\-@])/, '');
        if (sku === '') problem('IMPORT.MISSING_SKU', 'No SKU.');
        else if (this.#seen.has(sku)) problem('IMPORT.DUPLICATE_SKU', 'SKU seen before.');
        else this.#seen.add(sku);
        values.sku = sku;
        continue;
      }
      if (text === '') {
        if (column.key === 'threshold' || column.key === 'backInStockDate') values[column.key] = null;
        continue;
      }
      if (column.key === 'backInStockDate') {
        if (isLocalDate(text)) values[column.key] = text;
        else problem('IMPORT.INVALID_DATE', 'Not a date.');
        continue;
      }
      const n = Number(text);
      if (!/^-?\d+(\.0+)?$/.test(text) && typeof cell !== 'number')
        problem('IMPORT.NOT_A_NUMBER', 'Not a number.');
      else if (!Number.isInteger(n)) problem('IMPORT.NOT_A_WHOLE_NUMBER', 'Not whole.');
      else if (Math.abs(n) > MAX_UNITS) problem('IMPORT.NUMBER_OUT_OF_RANGE', 'Out of range.');
      else if (n < 0 && column.key !== 'stock') problem('IMPORT.NEGATIVE_NUMBER', 'Negative.');
      else values[column.key] = n;
    }
    if (problems.length > 0) return { ok: false, problems };
    return { ok: true, values: values as unknown as ImportRowValues };
  }
}
