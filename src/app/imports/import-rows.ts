import { type LocalDate, MAX_UNITS } from '../../core/item.js';
import type { SpreadsheetCell, SpreadsheetRow } from '../ports/spreadsheet-reader.js';
import { STOCK_FILE_COLUMNS, STOCK_FILE_ORDER, type StockFileColumn } from './import-columns.js';
import { readStoreDate, type StoreDateFormat, storeDateFormat } from './store-date-format.js';

/**
 * What an uploaded stock file asks, row by row (the dry run's reading; nothing here knows the store's
 * items: unknown SKUs and the rules' own refusals are found later, by the import run). Pure: the rows
 * come from the SpreadsheetReader port, the store's locale from its settings.
 */

export const IMPORT_PROBLEM_CODES = [
  'IMPORT.EMPTY_FILE',
  'IMPORT.UNREADABLE_FILE',
  'IMPORT.MISSING_HEADER',
  'IMPORT.UNKNOWN_HEADER',
  'IMPORT.DUPLICATE_HEADER',
  'IMPORT.MISSING_SKU',
  'IMPORT.DUPLICATE_SKU',
  'IMPORT.UNKNOWN_SKU',
  'IMPORT.NOT_A_NUMBER',
  'IMPORT.NOT_A_WHOLE_NUMBER',
  'IMPORT.NEGATIVE_NUMBER',
  'IMPORT.NUMBER_OUT_OF_RANGE',
  'IMPORT.INVALID_DATE',
  'IMPORT.DATE_NOT_IN_STORE_FORMAT',
  'IMPORT.TOO_MANY_ROWS',
  'IMPORT.ROW_REFUSED',
] as const;

export type ImportProblemCode = (typeof IMPORT_PROBLEM_CODES)[number];

export interface ImportProblem {
  /** 1 (the header's line) for header problems. */
  readonly line: number;
  /** The header text as in the file (or the expected header when missing). */
  readonly column: string | null;
  readonly sku: string | null;
  /** The cell as text, cut to 100 characters. */
  readonly value: string | null;
  /** ROW_REFUSED rows carry the core's code here (e.g. ITEM.INVALID_STOCK): the import run decides. */
  readonly code: ImportProblemCode | (string & {});
  /** A sentence for people (the UI shows its own sentence per code). */
  readonly message: string;
}

/**
 * What one valid row asks to change. Absent = not in the file / cell empty for stock & incoming
 * (unchanged); threshold/date `null` = empty cell = unlimited / no date (R12: an empty date lifts a
 * date block).
 */
export interface ImportRowValues {
  readonly line: number;
  readonly sku: string;
  readonly stock?: number;
  readonly threshold?: number | null;
  readonly incomingStock?: number;
  readonly backInStockDate?: LocalDate | null;
}

/** The columns an import reads; `Product` and `Variant` are for people. */
export type ImportedColumn = Exclude<StockFileColumn, 'product' | 'variant'>;

const VALUE_COLUMNS = ['stock', 'threshold', 'incomingStock', 'backInStockDate'] as const;

export interface ImportHeader {
  readonly line: number;
  /** Where each column the file has sits (0-based cell index), with its header as written. */
  readonly columns: { readonly [C in ImportedColumn]?: { readonly index: number; readonly header: string } };
}

const VALUE_CUT = 100;

/**
 * Headers are matched ignoring case, spaces, `_` and `-`, so the template's `Incoming stock`, the API's
 * `incoming_stock` and a hand-typed `IncomingStock` are one column.
 */
function headerKey(text: string): string {
  return text.toLowerCase().replace(/[\s_-]+/g, '');
}

const KNOWN_HEADERS: ReadonlyMap<string, StockFileColumn> = new Map(
  STOCK_FILE_ORDER.flatMap((column) => [
    [headerKey(STOCK_FILE_COLUMNS[column].header), column],
    [headerKey(snakeCase(column)), column],
  ]),
);

function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

const TEMPLATE_HEADERS = STOCK_FILE_ORDER.map((column) => STOCK_FILE_COLUMNS[column].header).join(', ');
const VALUE_HEADERS = VALUE_COLUMNS.map((column) => STOCK_FILE_COLUMNS[column].header).join(', ');

/**
 * Reads the header row: known headers (case- and space-insensitive; the template's `STOCK_FILE_COLUMNS`
 * headers and the API's snake_case names `sku, stock, threshold, incoming_stock, back_in_stock_date`),
 * `Product`/`Variant` accepted and ignored, empty header cells ignored (spreadsheets carry empty
 * columns along). Problems: no SKU column or no value column (MISSING_HEADER), unknown or duplicate.
 */
export function readImportHeader(
  row: SpreadsheetRow,
): { ok: true; header: ImportHeader } | { ok: false; problems: ImportProblem[] } {
  const columns: { [C in ImportedColumn]?: { index: number; header: string } } = {};
  const problems: ImportProblem[] = [];
  const problem = (code: ImportProblemCode, column: string | null, message: string) =>
    problems.push({ line: row.line, column, sku: null, value: null, code, message });
  row.cells.forEach((cell, index) => {
    // A BOM left inside the first cell (a file saved twice with one) is not part of the header.
    const header = textOf(cell)
      .replace(/^\uFEFF/, '')
      .trim();
    if (header === '') return;
    const column = KNOWN_HEADERS.get(headerKey(header));
    if (column === undefined) {
      problem(
        'IMPORT.UNKNOWN_HEADER',
        header,
        `“${cut(header)}” is not a column of the stock file (its columns: ${TEMPLATE_HEADERS}).`,
      );
    } else if (column === 'product' || column === 'variant') {
      // For people reading the file: never imported.
    } else if (columns[column] !== undefined) {
      problem(
        'IMPORT.DUPLICATE_HEADER',
        header,
        `The column “${cut(header)}” is in the file more than once.`,
      );
    } else {
      columns[column] = { index, header };
    }
  });
  if (columns.sku === undefined) {
    problem('IMPORT.MISSING_HEADER', STOCK_FILE_COLUMNS.sku.header, 'The file has no SKU column.');
  }
  if (VALUE_COLUMNS.every((column) => columns[column] === undefined)) {
    problem('IMPORT.MISSING_HEADER', null, `The file has no column to import: ${VALUE_HEADERS}.`);
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, header: { line: row.line, columns } };
}

type Checked<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly problem: ImportProblem };

/** Checks one data row in the store's locale and time zone; remembers SKUs seen (DUPLICATE_SKU on the 2nd+). */
export class ImportRowChecker {
  readonly #header: ImportHeader;
  readonly #dates: StoreDateFormat;
  readonly #decimalMark: string;
  /** The first line of each SKU. */
  readonly #seen = new Map<string, number>();

  /**
   * `timeZone` is part of the store's reading of dates, but a spreadsheet's dates are calendar days as
   * shown (an XLSX date cell is that day at UTC midnight), never instants: nothing here converts them.
   */
  constructor(header: ImportHeader, store: { readonly locale: string; readonly timeZone: string }) {
    if (header.columns.sku === undefined) throw new Error('An import header without an SKU column.');
    this.#header = header;
    this.#dates = storeDateFormat(store.locale);
    this.#decimalMark = decimalMarkOf(store.locale);
  }

  check(
    row: SpreadsheetRow,
  ): { ok: true; values: ImportRowValues } | { ok: false; problems: ImportProblem[] } {
    const { columns } = this.#header;
    const skuColumn = columns.sku!;
    const skuText = textOf(row.cells[skuColumn.index] ?? null);
    const sku = skuText === '' ? null : skuText;
    const problems: ImportProblem[] = [];
    const problem = (code: ImportProblemCode, column: string, value: string | null, message: string) =>
      problems.push({
        line: row.line,
        column,
        sku,
        value: value === null ? null : cut(value),
        code,
        message,
      });

    if (sku === null) {
      problem('IMPORT.MISSING_SKU', skuColumn.header, null, 'The row has no SKU.');
    } else {
      const firstLine = this.#seen.get(sku);
      if (firstLine === undefined) this.#seen.set(sku, row.line);
      else {
        problem(
          'IMPORT.DUPLICATE_SKU',
          skuColumn.header,
          sku,
          `SKU “${cut(sku)}” is on line ${firstLine} already: each SKU may be in the file once.`,
        );
      }
    }

    const values: {
      line: number;
      sku: string;
      stock?: number;
      threshold?: number | null;
      incomingStock?: number;
      backInStockDate?: LocalDate | null;
    } = { line: row.line, sku: sku ?? '' };
    const read = <T>(
      column: ImportedColumn,
      reader: (cell: SpreadsheetCell, header: string) => Checked<T> | null,
    ) => {
      const at = columns[column];
      if (at === undefined) return undefined;
      const checked = reader(row.cells[at.index] ?? null, at.header);
      if (checked === null) return null;
      if (checked.ok) return checked.value;
      problems.push({ ...checked.problem, line: row.line, sku });
      return undefined;
    };

    const stock = read('stock', (cell, header) => this.#number(cell, header, { negative: true }));
    if (typeof stock === 'number') values.stock = stock;
    const threshold = read('threshold', (cell, header) => this.#number(cell, header, { negative: false }));
    if (threshold !== undefined) values.threshold = threshold;
    const incoming = read('incomingStock', (cell, header) => this.#number(cell, header, { negative: false }));
    if (typeof incoming === 'number') values.incomingStock = incoming;
    const date = read('backInStockDate', (cell, header) => this.#date(cell, header));
    if (date !== undefined) values.backInStockDate = date;

    return problems.length > 0 ? { ok: false, problems } : { ok: true, values };
  }

  /** A whole number in ±MAX_UNITS; null for an empty cell. */
  #number(cell: SpreadsheetCell, header: string, allow: { negative: boolean }): Checked<number> | null {
    const shown = textOf(cell);
    if (shown === '') return null;
    const parsed =
      typeof cell === 'number'
        ? Number.isInteger(cell)
          ? cell
          : Number.isFinite(cell)
            ? 'fraction'
            : 'not a number'
        : typeof cell === 'string'
          ? parseWholeNumber(shown, this.#decimalMark)
          : 'not a number';
    if (parsed === 'not a number') {
      return cellProblem(
        'IMPORT.NOT_A_NUMBER',
        header,
        shown,
        `${header}: not a number (write whole numbers like 12 or -3, without thousands separators).`,
      );
    }
    if (parsed === 'fraction') {
      return cellProblem('IMPORT.NOT_A_WHOLE_NUMBER', header, shown, `${header}: not a whole number.`);
    }
    if (parsed < 0 && !allow.negative) {
      return cellProblem('IMPORT.NEGATIVE_NUMBER', header, shown, `${header} cannot be negative.`);
    }
    if (Math.abs(parsed) > MAX_UNITS) {
      return cellProblem(
        'IMPORT.NUMBER_OUT_OF_RANGE',
        header,
        shown,
        `${header}: beyond the largest quantity the app keeps (${MAX_UNITS.toLocaleString('en-US')}).`,
      );
    }
    // `-0` is 0.
    return { ok: true, value: parsed === 0 ? 0 : parsed };
  }

  /** A calendar date; null for an empty cell (no date). */
  #date(cell: SpreadsheetCell, header: string): Checked<LocalDate | null> {
    if (cell instanceof Date) {
      const date = calendarDayOf(cell);
      return date === null
        ? cellProblem(
            'IMPORT.INVALID_DATE',
            header,
            cellText(cell),
            `${header}: the cell is not a valid date.`,
          )
        : { ok: true, value: date };
    }
    const text = textOf(cell);
    if (text === '') return { ok: true, value: null };
    if (typeof cell !== 'string') {
      return cellProblem('IMPORT.INVALID_DATE', header, text, this.#dateMessage(header, text, 'not a date'));
    }
    const reading = readStoreDate(text, this.#dates);
    if (reading.ok) return { ok: true, value: reading.date };
    return cellProblem(
      reading.code,
      header,
      text,
      this.#dateMessage(
        header,
        text,
        reading.code === 'IMPORT.INVALID_DATE' ? 'not a date' : 'not written the way the store writes dates',
      ),
    );
  }

  #dateMessage(header: string, text: string, what: string): string {
    return `${header}: “${cut(text)}” is ${what} (write it like ${this.#dates.example} or 2027-01-31).`;
  }
}

function cellProblem(
  code: ImportProblemCode,
  column: string,
  value: string,
  message: string,
): { ok: false; problem: ImportProblem } {
  // The row's line and SKU are filled in by `check`.
  return { ok: false, problem: { line: 0, column, sku: null, value: cut(value), code, message } };
}

const WHOLE = /^[+-]?\d+$/;
const WITH_MARK = /^([+-]?\d*)([.,])(\d+)$/;

/**
 * A whole number written plainly: `12`, `-3`, `+4`, `12.0` (a fraction of zeros, as a spreadsheet may
 * write a number). The locale's decimal mark reads as one; the other mark followed by three digits is a
 * thousands separator (`1.000` in a German store is a thousand, not 1) and is refused, not guessed.
 */
function parseWholeNumber(text: string, decimalMark: string): number | 'fraction' | 'not a number' {
  if (WHOLE.test(text)) return Number(text);
  const match = WITH_MARK.exec(text);
  if (match === null) return 'not a number';
  const [, whole, mark, fraction] = match as unknown as [string, string, string, string];
  if (mark !== decimalMark && fraction.length === 3) return 'not a number';
  if (!/\d/.test(whole)) return 'fraction';
  return /^0+$/.test(fraction) ? Number(whole) : 'fraction';
}

function decimalMarkOf(locale: string): string {
  try {
    const parts = new Intl.NumberFormat(locale, { numberingSystem: 'latn' }).formatToParts(1.5);
    return parts.find((part) => part.type === 'decimal')?.value === ',' ? ',' : '.';
  } catch {
    return '.';
  }
}

/**
 * A cell as text the way the import reads it: trimmed, and without the apostrophe the export puts
 * before `= + - @` so that spreadsheets keep such texts as text (neutraliseFormula).
 */
function textOf(cell: SpreadsheetCell): string {
  if (typeof cell !== 'string') return cellText(cell);
  const text = cell.trim();
  return text.startsWith("'") && /^'[=+\-@\t\r]/.test(text) ? text.slice(1).trim() : text;
}

/** Any cell as the merchant would read it. */
function cellText(cell: SpreadsheetCell): string {
  if (cell === null) return '';
  if (typeof cell === 'string') return cell;
  if (typeof cell === 'number') return String(cell);
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  return calendarDayOf(cell) ?? 'Invalid date';
}

/** The day an XLSX date cell shows: exceljs gives it as that day's UTC midnight (plus the time, if any). */
function calendarDayOf(date: Date): LocalDate | null {
  if (Number.isNaN(date.getTime())) return null;
  const year = date.getUTCFullYear();
  if (year < 1000 || year > 9999) return null;
  return date.toISOString().slice(0, 10);
}

function cut(text: string): string {
  return text.length > VALUE_CUT ? text.slice(0, VALUE_CUT) : text;
}
