import { describe, expect, it } from 'vitest';
import {
  IMPORT_PROBLEM_CODES,
  type ImportHeader,
  ImportRowChecker,
  readImportHeader,
} from '../../../src/app/imports/import-rows.js';
import { storeDateFormat } from '../../../src/app/imports/store-date-format.js';
import type { SpreadsheetCell } from '../../../src/app/ports/spreadsheet-reader.js';
import { aSheetRow, stockFileHeaders } from '../../builders/stock-file.builder.js';

/**
 * Cells → what the import reads. Each row of a table is one cell of one column in a store of the given
 * locale; the outcome is the value the row asks for (`absent` = leave unchanged, `null` = clear), or
 * the problem codes of the row.
 */

const US = 'en-US';
const GB = 'en-GB';
const DE = 'de-DE';
const STORE_ZONE = 'America/Chicago';

function headerOf(headers: readonly SpreadsheetCell[]): ImportHeader {
  const read = readImportHeader(aSheetRow(headers, 1));
  if (!read.ok) throw new Error(`header refused: ${read.problems.map((p) => p.code).join(', ')}`);
  return read.header;
}

const VALUE_KEY = {
  stock: 'stock',
  threshold: 'threshold',
  incomingStock: 'incomingStock',
  backInStockDate: 'backInStockDate',
} as const;

/** Checks `SKU, <column>` with the cell under the column; the outcome as the table writes it. */
function outcome(column: keyof typeof VALUE_KEY, cell: SpreadsheetCell, locale = US): string {
  const checker = new ImportRowChecker(headerOf(stockFileHeaders(['sku', column])), {
    locale,
    timeZone: STORE_ZONE,
  });
  const result = checker.check(aSheetRow(['A-1', cell]));
  if (!result.ok) return result.problems.map((p) => p.code).join(' ');
  const values = result.values as unknown as Record<string, unknown>;
  return VALUE_KEY[column] in values ? JSON.stringify(values[VALUE_KEY[column]]) : 'absent';
}

const NUMBERS: [string, keyof typeof VALUE_KEY, SpreadsheetCell, string, string][] = [
  // description, column, cell, locale, outcome
  ['plain', 'stock', '12', US, '12'],
  ['negative stock', 'stock', '-3', US, '-3'],
  ['plus sign', 'stock', '+4', US, '4'],
  ['spaces around', 'stock', '  7 ', US, '7'],
  ['minus zero', 'stock', '-0', US, '0'],
  ['a fraction of zeros', 'stock', '12.0', US, '12'],
  ['a decimal comma of zeros in a German store', 'stock', '12,00', DE, '12'],
  ['a decimal point of zeros in a German store (not three digits)', 'stock', '12.0', DE, '12'],
  ['neutralised by the export', 'stock', "'-3", US, '-3'],
  ['empty stock: unchanged', 'stock', '', US, 'absent'],
  ['blank stock: unchanged', 'stock', '   ', US, 'absent'],
  ['missing cell: unchanged', 'stock', null, US, 'absent'],
  ['XLSX number', 'stock', 25, US, '25'],
  ['XLSX negative number', 'stock', -2, US, '-2'],
  ['the limit', 'stock', '1000000000', US, '1000000000'],
  ['the negative limit', 'stock', '-1000000000', US, '-1000000000'],
  ['a fraction', 'stock', '12.5', US, 'IMPORT.NOT_A_WHOLE_NUMBER'],
  ['a decimal comma fraction in a German store', 'stock', '12,5', DE, 'IMPORT.NOT_A_WHOLE_NUMBER'],
  ['only a fraction', 'stock', '.5', US, 'IMPORT.NOT_A_WHOLE_NUMBER'],
  ['XLSX fraction', 'stock', 2.5, US, 'IMPORT.NOT_A_WHOLE_NUMBER'],
  ['words', 'stock', 'abc', US, 'IMPORT.NOT_A_NUMBER'],
  ['a thousands comma', 'stock', '1,000', US, 'IMPORT.NOT_A_NUMBER'],
  ['a thousands point in a German store (a thousand, never 1)', 'stock', '1.000', DE, 'IMPORT.NOT_A_NUMBER'],
  ['a space inside', 'stock', '1 000', US, 'IMPORT.NOT_A_NUMBER'],
  ['an exponent', 'stock', '1e3', US, 'IMPORT.NOT_A_NUMBER'],
  ['a unit', 'stock', '12 pcs', US, 'IMPORT.NOT_A_NUMBER'],
  ['XLSX boolean', 'stock', true, US, 'IMPORT.NOT_A_NUMBER'],
  ['XLSX date in a number column', 'stock', new Date(Date.UTC(2027, 0, 31)), US, 'IMPORT.NOT_A_NUMBER'],
  ['beyond the limit', 'stock', '1000000001', US, 'IMPORT.NUMBER_OUT_OF_RANGE'],
  ['far beyond the limit', 'stock', '-99999999999999999999', US, 'IMPORT.NUMBER_OUT_OF_RANGE'],
  ['XLSX beyond the limit', 'stock', 5e9, US, 'IMPORT.NUMBER_OUT_OF_RANGE'],
  ['threshold', 'threshold', '3', US, '3'],
  ['threshold zero', 'threshold', '0', US, '0'],
  ['empty threshold: unlimited', 'threshold', '', US, 'null'],
  ['missing threshold cell: unlimited', 'threshold', null, US, 'null'],
  ['negative threshold', 'threshold', '-1', US, 'IMPORT.NEGATIVE_NUMBER'],
  ['XLSX negative threshold', 'threshold', -1, US, 'IMPORT.NEGATIVE_NUMBER'],
  ['threshold beyond the limit', 'threshold', '2000000000', US, 'IMPORT.NUMBER_OUT_OF_RANGE'],
  ['threshold not a number', 'threshold', 'none', US, 'IMPORT.NOT_A_NUMBER'],
  ['incoming stock', 'incomingStock', '40', US, '40'],
  ['empty incoming stock: unchanged', 'incomingStock', '', US, 'absent'],
  ['negative incoming stock', 'incomingStock', '-40', US, 'IMPORT.NEGATIVE_NUMBER'],
  ['incoming stock fraction', 'incomingStock', '0.5', US, 'IMPORT.NOT_A_WHOLE_NUMBER'],
];

const DATES: [string, SpreadsheetCell, string, string][] = [
  // description, cell, locale, outcome
  ['ISO in a US store', '2027-01-31', US, '"2027-01-31"'],
  ['ISO in a British store', '2027-01-31', GB, '"2027-01-31"'],
  ['ISO in a German store', '2027-01-31', DE, '"2027-01-31"'],
  ['year first with slashes', '2027/1/31', DE, '"2027-01-31"'],
  ['US order in a US store', '1/31/2027', US, '"2027-01-31"'],
  ['US order, padded', '01/31/2027', US, '"2027-01-31"'],
  ['British order in a British store', '31/01/2027', GB, '"2027-01-31"'],
  ['German order in a German store', '31.01.2027', DE, '"2027-01-31"'],
  ['German order, unpadded', '1.2.2027', DE, '"2027-02-01"'],
  ['an ambiguous date reads in the store order (US)', '01/02/2027', US, '"2027-01-02"'],
  ['an ambiguous date reads in the store order (GB)', '01/02/2027', GB, '"2027-02-01"'],
  ['empty: no date', '', US, 'null'],
  ['missing cell: no date', null, US, 'null'],
  ['XLSX date cell (UTC midnight)', new Date(Date.UTC(2027, 0, 31)), US, '"2027-01-31"'],
  ['XLSX date and time cell', new Date(Date.UTC(2027, 0, 31, 23, 30)), DE, '"2027-01-31"'],
  ['XLSX date cell in a German store', new Date(Date.UTC(2027, 1, 28)), DE, '"2027-02-28"'],
  ['XLSX leap day', new Date(Date.UTC(2028, 1, 29)), GB, '"2028-02-29"'],
  ['impossible ISO day', '2027-02-30', US, 'IMPORT.INVALID_DATE'],
  ['impossible ISO month', '2027-13-01', US, 'IMPORT.INVALID_DATE'],
  ['impossible British day', '31/02/2027', GB, 'IMPORT.INVALID_DATE'],
  ['impossible US day', '2/30/2027', US, 'IMPORT.INVALID_DATE'],
  ['impossible German day', '30.02.2027', DE, 'IMPORT.INVALID_DATE'],
  ['not a leap year', '29/02/2027', GB, 'IMPORT.INVALID_DATE'],
  ['words', 'soon', US, 'IMPORT.INVALID_DATE'],
  ['month name', '31 Jan 2027', GB, 'IMPORT.INVALID_DATE'],
  ['with a time', '2027-01-31 10:00', US, 'IMPORT.INVALID_DATE'],
  ['a three-digit year', '1/31/202', US, 'IMPORT.INVALID_DATE'],
  ['XLSX number in a date column', 46418, US, 'IMPORT.INVALID_DATE'],
  ['XLSX invalid date cell', new Date(Number.NaN), US, 'IMPORT.INVALID_DATE'],
  ['British order in a US store', '31/01/2027', US, 'IMPORT.DATE_NOT_IN_STORE_FORMAT'],
  ['US order in a German store', '1/31/2027', DE, 'IMPORT.DATE_NOT_IN_STORE_FORMAT'],
  ['US order in a British store', '1/31/2027', GB, 'IMPORT.DATE_NOT_IN_STORE_FORMAT'],
  ['German separator in a US store', '01.02.2027', US, 'IMPORT.DATE_NOT_IN_STORE_FORMAT'],
  ['German separator in a British store', '31.01.2027', GB, 'IMPORT.DATE_NOT_IN_STORE_FORMAT'],
  ['day-first in a year-first store', '31/01/2027', 'ja-JP', 'IMPORT.DATE_NOT_IN_STORE_FORMAT'],
  ['a two-digit year', '1/31/27', US, 'IMPORT.DATE_NOT_IN_STORE_FORMAT'],
];

describe('ImportRowChecker: cells → values', () => {
  it.each(NUMBERS)('%s: %s %j (%s) → %s', (_, column, cell, locale, expected) => {
    expect(outcome(column, cell, locale)).toBe(expected);
  });

  it.each(DATES)('date, %s: %j (%s) → %s', (_, cell, locale, expected) => {
    expect(outcome('backInStockDate', cell, locale)).toBe(expected);
  });
});

describe('ImportRowChecker: rows', () => {
  const store = { locale: US, timeZone: STORE_ZONE };
  const template = () => new ImportRowChecker(headerOf(stockFileHeaders()), store);

  it('reads a template row: Product and Variant ignored, every value column read', () => {
    const row = aSheetRow(['Mug, large', 'Size: L', 'MUG-L', '-2', '', '40', '2/1/2027'], 7);
    expect(template().check(row)).toEqual({
      ok: true,
      values: {
        line: 7,
        sku: 'MUG-L',
        stock: -2,
        threshold: null,
        incomingStock: 40,
        backInStockDate: '2027-02-01',
      },
    });
  });

  it('takes the SKU trimmed and without the apostrophe the export put before = + - @', () => {
    const checker = new ImportRowChecker(headerOf(['SKU', 'Stock']), store);
    const skus = ['  A-1 ', "'=B2", "'+44", "'-X", "'@home", "'plain", 12345].map((sku, index) => {
      const result = checker.check(aSheetRow([sku, '1'], index + 2));
      return result.ok ? result.values.sku : result.problems.map((p) => p.code).join(' ');
    });
    expect(skus).toEqual(['A-1', '=B2', '+44', '-X', '@home', "'plain", '12345']);
  });

  it('refuses a row without an SKU (MISSING_SKU), with every other problem of the row', () => {
    const result = template().check(aSheetRow(['Mug', '', '  ', 'ten', '-1', '', '2027-02-30'], 4));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(
      result.problems.map(({ line, column, sku, value, code }) => ({ line, column, sku, value, code })),
    ).toEqual([
      { line: 4, column: 'SKU', sku: null, value: null, code: 'IMPORT.MISSING_SKU' },
      { line: 4, column: 'Stock', sku: null, value: 'ten', code: 'IMPORT.NOT_A_NUMBER' },
      { line: 4, column: 'Threshold', sku: null, value: '-1', code: 'IMPORT.NEGATIVE_NUMBER' },
      { line: 4, column: 'Back-in-stock date', sku: null, value: '2027-02-30', code: 'IMPORT.INVALID_DATE' },
    ]);
    for (const problem of result.problems) expect(problem.message).not.toBe('');
  });

  it('refuses the second and later rows of an SKU (DUPLICATE_SKU), naming the first line', () => {
    const checker = new ImportRowChecker(headerOf(['SKU', 'Stock']), store);
    const results = [
      checker.check(aSheetRow(['A-1', '1'], 2)),
      checker.check(aSheetRow(['B-1', '1'], 3)),
      checker.check(aSheetRow([' A-1', '2'], 4)),
      checker.check(aSheetRow(['a-1', '2'], 5)),
      checker.check(aSheetRow(['A-1', 'x'], 6)),
    ];
    expect(results.map((r) => (r.ok ? 'ok' : r.problems.map((p) => p.code).join(' ')))).toEqual([
      'ok',
      'ok',
      'IMPORT.DUPLICATE_SKU',
      // SKUs are compared as BigCommerce stores them: case matters.
      'ok',
      'IMPORT.DUPLICATE_SKU IMPORT.NOT_A_NUMBER',
    ]);
    const duplicate = results[2]!;
    expect(duplicate.ok ? null : duplicate.problems[0]).toMatchObject({
      line: 4,
      column: 'SKU',
      sku: 'A-1',
      value: 'A-1',
    });
    expect(duplicate.ok ? '' : duplicate.problems[0]!.message).toContain('line 2');
  });

  it('leaves out the columns the file does not have', () => {
    const checker = new ImportRowChecker(headerOf(['sku', 'back_in_stock_date']), store);
    expect(checker.check(aSheetRow(['A-1', '']))).toEqual({
      ok: true,
      values: { line: 2, sku: 'A-1', backInStockDate: null },
    });
  });

  it('reads cells missing at the end of a short row as empty', () => {
    expect(template().check(aSheetRow(['Mug', '', 'A-1', '5']))).toEqual({
      ok: true,
      values: { line: 2, sku: 'A-1', stock: 5, threshold: null, backInStockDate: null },
    });
  });

  it('cuts a long value to 100 characters in a problem', () => {
    const checker = new ImportRowChecker(headerOf(['SKU', 'Stock']), store);
    const result = checker.check(aSheetRow(['A-1', 'x'.repeat(500)]));
    expect(result.ok ? null : result.problems[0]!.value).toBe('x'.repeat(100));
  });
});

describe('readImportHeader', () => {
  const columnsOf = (headers: readonly SpreadsheetCell[]) => {
    const read = readImportHeader(aSheetRow(headers, 1));
    if (!read.ok) return read.problems.map((p) => `${p.code} ${p.column ?? '-'}`);
    return Object.fromEntries(
      Object.entries(read.header.columns).map(([column, at]) => [column, `${at!.index} ${at!.header}`]),
    );
  };

  it('reads the template headers, ignoring Product and Variant', () => {
    expect(columnsOf(stockFileHeaders())).toEqual({
      sku: '2 SKU',
      stock: '3 Stock',
      threshold: '4 Threshold',
      incomingStock: '5 Incoming stock',
      backInStockDate: '6 Back-in-stock date',
    });
  });

  it('matches headers ignoring case, spaces, underscores and hyphens; takes the API names', () => {
    expect(columnsOf([' sku ', 'STOCK', 'incoming_stock', 'Back In Stock Date', 'threshold'])).toEqual({
      sku: '0 sku',
      stock: '1 STOCK',
      incomingStock: '2 incoming_stock',
      backInStockDate: '3 Back In Stock Date',
      threshold: '4 threshold',
    });
    expect(columnsOf(['\uFEFFSKU', 'IncomingStock', 'back_in_stock_date'])).toMatchObject({
      sku: '0 SKU',
      incomingStock: '1 IncomingStock',
    });
  });

  it('ignores empty header cells (columns spreadsheets carry along)', () => {
    expect(columnsOf(['SKU', '', null, 'Stock', '  '])).toEqual({ sku: '0 SKU', stock: '3 Stock' });
  });

  it('names each unknown and duplicate header', () => {
    const problems = columnsOf(['SKU', 'Stock', 'Colour', 'stock', 'Notes', 'Product', 'Product']);
    expect(problems).toEqual([
      'IMPORT.UNKNOWN_HEADER Colour',
      'IMPORT.DUPLICATE_HEADER stock',
      'IMPORT.UNKNOWN_HEADER Notes',
    ]);
  });

  it('refuses a file without an SKU column or without a column to import (MISSING_HEADER)', () => {
    expect(columnsOf(['Product', 'Stock'])).toEqual(['IMPORT.MISSING_HEADER SKU']);
    expect(columnsOf(['Product', 'Variant', 'SKU'])).toEqual(['IMPORT.MISSING_HEADER -']);
    expect(columnsOf(['12', 'Stock'])).toEqual(['IMPORT.UNKNOWN_HEADER 12', 'IMPORT.MISSING_HEADER SKU']);
  });

  it('reports header problems on the header line', () => {
    const read = readImportHeader(aSheetRow(['Stock'], 3));
    expect(read.ok ? [] : read.problems.map((p) => p.line)).toEqual([3]);
  });
});

describe('storeDateFormat', () => {
  it.each([
    ['en-US', 'mdy', '/', '1/31/2027'],
    ['en-GB', 'dmy', '/', '31/01/2027'],
    ['de-DE', 'dmy', '.', '31.1.2027'],
    ['nl-NL', 'dmy', '-', '31-1-2027'],
    ['ja-JP', 'ymd', '/', '2027/1/31'],
    ['ko-KR', 'ymd', '.', '2027. 1. 31.'],
    // Persian and Arabic stores: Gregorian days in Latin digits, as spreadsheets write them.
    ['fa-IR', 'ymd', '/', '2027/1/31'],
    ['not a locale!', 'mdy', '/', '1/31/2027'],
  ])('%s writes dates %s with %s, e.g. %s', (locale, order, separator, example) => {
    expect(storeDateFormat(locale)).toEqual({ order, separator, example });
  });
});

describe('the tables', () => {
  it('cover every code the header and row checks can give', () => {
    const tabled = [...NUMBERS.map((row) => row[4]), ...DATES.map((row) => row[3])];
    const testedAbove = [
      'IMPORT.MISSING_SKU',
      'IMPORT.DUPLICATE_SKU',
      'IMPORT.UNKNOWN_HEADER',
      'IMPORT.DUPLICATE_HEADER',
      'IMPORT.MISSING_HEADER',
    ];
    const covered = new Set([...tabled, ...testedAbove].filter((outcome) => outcome.startsWith('IMPORT.')));
    // The reader (EMPTY_FILE, UNREADABLE_FILE) and the import run (UNKNOWN_SKU, TOO_MANY_ROWS,
    // ROW_REFUSED) give the others.
    const elsewhere = [
      'IMPORT.EMPTY_FILE',
      'IMPORT.UNREADABLE_FILE',
      'IMPORT.UNKNOWN_SKU',
      'IMPORT.TOO_MANY_ROWS',
      'IMPORT.ROW_REFUSED',
    ];
    expect([...covered].sort()).toEqual(
      IMPORT_PROBLEM_CODES.filter((code) => !elsewhere.includes(code)).sort(),
    );
  });
});
