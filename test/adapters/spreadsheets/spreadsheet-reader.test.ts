import { createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { createSpreadsheetReader } from '../../../src/adapters/spreadsheets/spreadsheet-reader.js';
import type { SpreadsheetRow, SpreadsheetRows } from '../../../src/app/ports/spreadsheet-reader.js';
import { csvLine, stockFileHeaders, stockFileRow } from '../../builders/stock-file.builder.js';

const dir = mkdtempSync(path.join(tmpdir(), 'backorder-reader-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
function aFile(bytes: Uint8Array | string): string {
  const file = path.join(dir, `file-${++files}`);
  writeFileSync(file, bytes);
  return file;
}

const reader = createSpreadsheetReader();

async function rowsOf(rows: SpreadsheetRows): Promise<SpreadsheetRow[]> {
  const all: SpreadsheetRow[] = [];
  for await (const row of rows) all.push(row);
  return all;
}

async function readFile(file: string) {
  const rows = reader.read(file);
  const all = await rowsOf(rows);
  return { rows: all.map((row) => [row.line, ...row.cells]), ...rows.format() };
}

/** The code the reading stopped with. */
async function refusal(file: string): Promise<string> {
  try {
    await rowsOf(reader.read(file));
  } catch (error) {
    return (error as { code?: string }).code ?? `no code: ${String(error)}`;
  }
  return 'read without error';
}

const ACCENTED = [
  ['SKU', 'Stock', 'Product'],
  ['CAFÉ-1', '12', 'Crème brûlée'],
  ['MÜSLI', '-3', 'Œuvre à 5 €'],
];
const ACCENTED_ROWS = ACCENTED.map((cells, index) => [index + 1, ...cells]);
const crlf = (lines: readonly (readonly string[])[], delimiter = ',') =>
  `${lines.map((cells) => csvLine(cells, delimiter)).join('\r\n')}\r\n`;

describe('SpreadsheetReader: CSV encodings', () => {
  it('reads UTF-8 with a BOM (Excel’s "CSV UTF-8"), dropping the BOM', async () => {
    const file = aFile(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(crlf(ACCENTED))]));
    expect(await readFile(file)).toEqual({ format: 'csv', encoding: 'utf-8', rows: ACCENTED_ROWS });
  });

  it('reads UTF-8 without a BOM', async () => {
    expect(await readFile(aFile(crlf(ACCENTED)))).toEqual({
      format: 'csv',
      encoding: 'utf-8',
      rows: ACCENTED_ROWS,
    });
  });

  it('reads UTF-16 LE with a BOM, tab-separated (Excel’s "Unicode text")', async () => {
    const file = aFile(iconv.encode(crlf(ACCENTED, '\t'), 'utf-16le', { addBOM: true }));
    expect(await readFile(file)).toEqual({ format: 'csv', encoding: 'utf-16le', rows: ACCENTED_ROWS });
  });

  it('reads UTF-16 BE with a BOM', async () => {
    const file = aFile(iconv.encode(crlf(ACCENTED), 'utf-16be', { addBOM: true }));
    expect(await readFile(file)).toEqual({ format: 'csv', encoding: 'utf-16be', rows: ACCENTED_ROWS });
  });

  it('reads Windows-1252 (Excel’s plain "CSV" on Windows): é, ü, €, œ', async () => {
    const text = crlf([...ACCENTED, ['ŒIL', '1', 'œil, 10 € – “Zürich”']]);
    const file = aFile(iconv.encode(text, 'windows-1252'));
    expect(await readFile(file)).toEqual({
      format: 'csv',
      encoding: 'windows-1252',
      rows: [...ACCENTED_ROWS, [4, 'ŒIL', '1', 'œil, 10 € – “Zürich”']],
    });
  });

  it('checks the whole file for UTF-8, not only its beginning', async () => {
    const plain = Array.from({ length: 20_000 }, (_, n) => [`SKU-${n}`, '1', 'Plain ASCII name']);
    const file = aFile(
      Buffer.concat([
        Buffer.from(crlf([['SKU', 'Stock', 'Product'], ...plain])),
        iconv.encode(crlf([['LAST', '2', 'Déjà vu']]), 'windows-1252'),
      ]),
    );
    const read = await readFile(file);
    expect(read.encoding).toBe('windows-1252');
    expect(read.rows.at(-1)).toEqual([20_002, 'LAST', '2', 'Déjà vu']);
  });

  it('keeps UTF-8 characters cut by the end of a chunk of the file as UTF-8', async () => {
    // 1 + 2·200,000 bytes: two-byte characters straddle every chunk boundary.
    const file = aFile(`SKU,Product\r\nA,x${'é'.repeat(200_000)}\r\n`);
    const read = await readFile(file);
    expect(read.encoding).toBe('utf-8');
    expect(read.rows[1]).toEqual([2, 'A', `x${'é'.repeat(200_000)}`]);
  });
});

describe('SpreadsheetReader: CSV layout', () => {
  it('takes the delimiter from the header line: `;` (Excel in European locales)', async () => {
    const text = crlf(
      [
        ['SKU', 'Stock', 'Product'],
        ['A-1', '12', 'Mug, large'],
      ],
      ';',
    );
    expect((await readFile(aFile(text))).rows).toEqual([
      [1, 'SKU', 'Stock', 'Product'],
      [2, 'A-1', '12', 'Mug, large'],
    ]);
  });

  it('counts delimiters outside quotes only', async () => {
    const text = '"Product, name, with, commas";SKU;Stock\n"Mug, large";A-1;3\n';
    expect((await readFile(aFile(text))).rows).toEqual([
      [1, 'Product, name, with, commas', 'SKU', 'Stock'],
      [2, 'Mug, large', 'A-1', '3'],
    ]);
  });

  it('reads quoted cells holding delimiters, quotes and line breaks; the line is the row Excel shows', async () => {
    const text =
      'SKU,Product,Stock\r\nA-1,"Mug, ""large""",1\r\nA-2,"two\r\nlines\nthree",2\r\nA-3,12" pipe,3\r\n';
    expect((await readFile(aFile(text))).rows).toEqual([
      [1, 'SKU', 'Product', 'Stock'],
      [2, 'A-1', 'Mug, "large"', '1'],
      [3, 'A-2', 'two\r\nlines\nthree', '2'],
      [4, 'A-3', '12" pipe', '3'],
    ]);
  });

  it('skips empty lines and rows of empty cells, still counting them; keeps short and long rows', async () => {
    const text = 'SKU,Stock\n\nA-1,1\n,\n  , \nA-2\nA-3,3,extra\n\n';
    expect((await readFile(aFile(text))).rows).toEqual([
      [1, 'SKU', 'Stock'],
      [3, 'A-1', '1'],
      [6, 'A-2'],
      [7, 'A-3', '3', 'extra'],
    ]);
  });

  it('reads LF, CRLF and a last line without a line end', async () => {
    expect((await readFile(aFile('SKU,Stock\r\nA-1,1\nA-2,2'))).rows).toEqual([
      [1, 'SKU', 'Stock'],
      [2, 'A-1', '1'],
      [3, 'A-2', '2'],
    ]);
  });

  it('takes the delimiter from the first line that is not empty', async () => {
    expect((await readFile(aFile('\r\n\r\nSKU;Stock\r\nA-1;1\r\n'))).rows).toEqual([
      [3, 'SKU', 'Stock'],
      [4, 'A-1', '1'],
    ]);
  });

  it('reads a one-column file', async () => {
    expect((await readFile(aFile('SKU\nA-1\n'))).rows).toEqual([
      [1, 'SKU'],
      [2, 'A-1'],
    ]);
  });
});

describe('SpreadsheetReader: XLSX', () => {
  async function anXlsx(fill: (workbook: ExcelJS.Workbook) => void): Promise<string> {
    const workbook = new ExcelJS.Workbook();
    fill(workbook);
    const file = path.join(dir, `file-${++files}.xlsx`);
    await workbook.xlsx.writeFile(file);
    return file;
  }

  it('reads the first worksheet with typed cells: numbers, dates, formula results, rich text, links', async () => {
    const file = await anXlsx((workbook) => {
      const sheet = workbook.addWorksheet('Stock');
      workbook.addWorksheet('Notes').addRow(['not read']);
      sheet.addRow(['SKU', 'Stock', 'Back-in-stock date', 'Product']);
      sheet.addRow(['A-1', 12, new Date(Date.UTC(2027, 0, 31)), 'Crème brûlée']);
      sheet.getCell('C2').numFmt = 'dd/mm/yyyy';
      sheet.addRow([]);
      sheet.addRow([
        'A-2',
        { formula: 'B2*2', result: 24 },
        { formula: 'C2+1', result: 46419 },
        { richText: [{ text: 'Mug ' }, { font: { bold: true }, text: 'XL' }] },
      ]);
      sheet.getCell('C4').numFmt = 'yyyy-mm-dd';
      sheet.addRow([12345, -3.5, true, { text: 'Our shop', hyperlink: 'https://example.com' }]);
      sheet.addRow([
        'A-4',
        { formula: 'NA()', result: { error: '#N/A' } },
        { formula: 'D2', result: 'text' },
      ]);
      // exceljs's own `value` loses a result of 0: a stock set to zero by a formula must stay 0.
      sheet.addRow([
        'A-6',
        { formula: 'B2-12', result: 0, shareType: 'shared', ref: 'B7:C7' },
        { sharedFormula: 'B7', result: 0 },
      ]);
      sheet.addRow([null, '', '   ']);
      sheet.addRow(['A-5', null, null, 'last']);
    });
    expect(await readFile(file)).toEqual({
      format: 'xlsx',
      encoding: null,
      rows: [
        [1, 'SKU', 'Stock', 'Back-in-stock date', 'Product'],
        [2, 'A-1', 12, new Date(Date.UTC(2027, 0, 31)), 'Crème brûlée'],
        [4, 'A-2', 24, new Date(Date.UTC(2027, 1, 1)), 'Mug XL'],
        [5, 12345, -3.5, true, 'Our shop'],
        [6, 'A-4', '#ERROR', 'text'],
        [7, 'A-6', 0, 0],
        [9, 'A-5', null, null, 'last'],
      ],
    });
  });

  it('reads an XLSX written by the app’s own streaming writer (inline strings, no shared strings)', async () => {
    const file = path.join(dir, `file-${++files}.xlsx`);
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false });
    const sheet = workbook.addWorksheet('Stock');
    sheet.addRow(['SKU', 'Stock']).commit();
    sheet.addRow(['Ä-1', 7]).commit();
    sheet.commit();
    await workbook.commit();
    expect((await readFile(file)).rows).toEqual([
      [1, 'SKU', 'Stock'],
      [2, 'Ä-1', 7],
    ]);
  });

  it('refuses a corrupt ZIP, a cut-off workbook and a ZIP without a worksheet (UNREADABLE_FILE)', async () => {
    const good = await anXlsx((workbook) => workbook.addWorksheet('Stock').addRow(['SKU', 'Stock']));
    const { readFileSync } = await import('node:fs');
    const bytes = readFileSync(good);
    const noise = Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(4000, 0x37)]);
    expect(await refusal(aFile(noise))).toBe('IMPORT.UNREADABLE_FILE');
    expect(await refusal(aFile(bytes.subarray(0, Math.floor(bytes.length / 2))))).toBe(
      'IMPORT.UNREADABLE_FILE',
    );
    expect(await refusal(await anXlsx(() => {}))).toBe('IMPORT.UNREADABLE_FILE');
  });

  it('refuses an old Excel 97–2003 workbook (UNREADABLE_FILE)', async () => {
    const xls = Buffer.concat([
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      Buffer.alloc(512),
    ]);
    expect(await refusal(aFile(xls))).toBe('IMPORT.UNREADABLE_FILE');
  });

  it('finds an empty first worksheet empty (EMPTY_FILE)', async () => {
    const file = await anXlsx((workbook) => {
      workbook.addWorksheet('Empty');
      workbook.addWorksheet('Other').addRow(['not read']);
    });
    expect(await refusal(file)).toBe('IMPORT.EMPTY_FILE');
  });
});

describe('SpreadsheetReader: files that cannot be read', () => {
  it('finds an empty file, or one of empty lines and cells, empty (EMPTY_FILE)', async () => {
    expect(await refusal(aFile(''))).toBe('IMPORT.EMPTY_FILE');
    expect(await refusal(aFile(Buffer.from([0xef, 0xbb, 0xbf])))).toBe('IMPORT.EMPTY_FILE');
    expect(await refusal(aFile('\r\n\r\n,,,\r\n , \r\n'))).toBe('IMPORT.EMPTY_FILE');
  });

  it('refuses a binary file and a quote never closed (UNREADABLE_FILE)', async () => {
    expect(
      await refusal(aFile(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]))),
    ).toBe('IMPORT.UNREADABLE_FILE');
    expect(await refusal(aFile('SKU,Product\nA-1,"never closed\nA-2,x\n'))).toBe('IMPORT.UNREADABLE_FILE');
  });

  it('tells the format only once reading began', async () => {
    const rows = reader.read(aFile('SKU\nA\n'));
    expect(() => rows.format()).toThrow();
    await rowsOf(rows);
    expect(rows.format()).toEqual({ format: 'csv', encoding: 'utf-8' });
  });

  it('throws the file system’s error for a file that is not there (an outage, not the merchant’s file)', async () => {
    await expect(rowsOf(reader.read(path.join(dir, 'missing.csv')))).rejects.toMatchObject({
      code: 'ENOENT',
    });
  });
});

describe('SpreadsheetReader: a 100,000-row CSV', () => {
  it('reads every row while holding only a few at a time', async () => {
    const file = path.join(dir, 'big.csv');
    const out = createWriteStream(file);
    out.write(`\uFEFF${csvLine(stockFileHeaders())}\r\n`);
    for (let n = 0; n < 100_000; n++) out.write(`${csvLine(stockFileRow(n))}\r\n`);
    await new Promise((resolve) => out.end(resolve));

    const baseline = process.memoryUsage().heapUsed;
    let peak = 0;
    let count = 0;
    let last = 0;
    for await (const row of reader.read(file)) {
      count++;
      last = row.line;
      if (count % 5_000 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed - baseline);
    }
    expect(count).toBe(100_001);
    expect(last).toBe(100_001);
    // The file is ~7 MB and its rows as arrays of strings would take far more than this; what
    // streaming holds is the parser's buffers and garbage not collected yet.
    expect(peak).toBeLessThan(64 * 1024 * 1024);
  });
});
