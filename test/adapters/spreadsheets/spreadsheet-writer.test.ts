import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { writeSpreadsheet, writeWorkbook } from '../../../src/adapters/spreadsheets/spreadsheet-writer.js';
import { neutraliseFormula } from '../../../src/app/exports/neutralise-formula.js';
import type { Sheet } from '../../../src/app/ports/sheet.js';

async function bytesOf(stream: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

const sheet = (rows: Sheet['rows']): Sheet => ({
  name: 'Stock',
  columns: [
    { header: 'Product' },
    { header: 'SKU' },
    { header: 'Stock', kind: 'number' },
    { header: 'Back-in-stock date', kind: 'date' },
  ],
  rows,
});

describe('writeSpreadsheet', () => {
  it('neutralises texts a spreadsheet would run as formulas, not numbers', () => {
    expect(['=SUM(A1)', '+1', '-x', '@me', '\t=1', '\r=1', 'Café', ''].map(neutraliseFormula)).toEqual([
      "'=SUM(A1)",
      "'+1",
      "'-x",
      "'@me",
      "'\t=1",
      "'\r=1",
      'Café',
      '',
    ]);
  });

  it('writes CSV in UTF-8 with a BOM and CRLF, numbers as numbers, formulas neutralised', async () => {
    const bytes = await bytesOf(
      writeSpreadsheet(
        'csv',
        sheet([
          ['Crème brûlée "XL"', '=HYPERLINK("x")', -2, '2027-01-31'],
          ['Łódź, Ørsted', 'A-1', 0, null],
        ]),
      ),
    );
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    expect(text.split('\r\n')).toHaveLength(4);
    expect(parse(text)).toEqual([
      ['Product', 'SKU', 'Stock', 'Back-in-stock date'],
      ['Crème brûlée "XL"', `'=HYPERLINK("x")`, '-2', '2027-01-31'],
      ['Łódź, Ørsted', 'A-1', '0', ''],
    ]);
  });

  it('writes XLSX with typed cells: numbers, calendar dates, neutralised texts', async () => {
    async function* rows() {
      yield ['Łódź', '@cmd', 5, '2027-01-31'] as const;
      yield ['Plain', 'B-2', -1_000_000_000, null] as const;
    }
    const bytes = await bytesOf(writeSpreadsheet('xlsx', sheet(rows())));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const worksheet = workbook.getWorksheet('Stock')!;
    expect(worksheet.getRow(1).values).toEqual([undefined, 'Product', 'SKU', 'Stock', 'Back-in-stock date']);
    expect(worksheet.getRow(2).getCell(1).value).toBe('Łódź');
    expect(worksheet.getRow(2).getCell(2).value).toBe("'@cmd");
    expect(worksheet.getRow(2).getCell(3).value).toBe(5);
    expect((worksheet.getRow(2).getCell(4).value as Date).toISOString()).toBe('2027-01-31T00:00:00.000Z');
    expect(worksheet.getRow(3).getCell(3).value).toBe(-1_000_000_000);
    expect(worksheet.getRow(3).getCell(4).value).toBeNull();
  });

  it('streams many rows without holding them (50,000 rows of CSV)', async () => {
    function* rows() {
      for (let i = 0; i < 50_000; i += 1) yield [`Product ${i}`, `SKU-${i}`, i, null];
    }
    const bytes = await bytesOf(writeSpreadsheet('csv', sheet(rows())));
    expect(bytes.toString('utf8').split('\r\n')).toHaveLength(50_002);
  });

  it('ends the file with the error when reading rows fails', async () => {
    async function* rows(): AsyncIterable<readonly string[]> {
      yield ['a', 'b', 'c', 'd'];
      throw new Error('database gone');
    }
    await expect(bytesOf(writeSpreadsheet('csv', sheet(rows())))).rejects.toThrow('database gone');
    await expect(bytesOf(writeSpreadsheet('xlsx', sheet(rows())))).rejects.toThrow('database gone');
  });
});

describe('writeWorkbook', () => {
  it('writes one worksheet per sheet, in order, each with its typed columns', async () => {
    async function* weeks() {
      yield ['2025-W11', '2025-03-10', 4] as const;
      yield ['2025-W12', '2025-03-17', 0] as const;
    }
    const bytes = await bytesOf(
      writeWorkbook([
        sheet([['Łódź', '=cmd', 2, null]]),
        {
          name: 'Per week',
          columns: [
            { header: 'Week' },
            { header: 'Week starts', kind: 'date' },
            { header: 'Units', kind: 'number' },
          ],
          rows: weeks(),
        },
      ]),
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Stock', 'Per week']);
    expect(workbook.getWorksheet('Stock')!.getRow(2).getCell(2).value).toBe("'=cmd");
    const perWeek = workbook.getWorksheet('Per week')!;
    expect(perWeek.getRow(1).values).toEqual([undefined, 'Week', 'Week starts', 'Units']);
    expect((perWeek.getRow(3).getCell(2).value as Date).toISOString()).toBe('2025-03-17T00:00:00.000Z');
    expect(perWeek.getRow(2).getCell(3).value).toBe(4);
    expect(perWeek.rowCount).toBe(3);
  });

  it('a workbook of one sheet has that worksheet alone; one of no sheet is a bug', async () => {
    const one = await bytesOf(writeWorkbook([sheet([['A', 'B', 1, null]])]));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(one as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Stock']);
    expect(() => writeWorkbook([])).toThrow();
  });
});
