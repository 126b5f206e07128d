import { PassThrough, Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import { neutraliseFormula } from '../../app/exports/neutralise-formula.js';
import type { Sheet, SheetCell, SheetFormat } from '../../app/ports/sheet.js';

export const SHEET_MEDIA_TYPES: Readonly<Record<SheetFormat, string>> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** `stock-2026-12-01.csv` */
export function sheetFileName(base: string, format: SheetFormat): string {
  return `${base}.${format}`;
}

/**
 * The sheet's bytes in the format asked for, produced as they are read (the rows are pulled one at a
 * time): CSV in UTF-8 with a BOM (so Excel reads accents right) and CRLF line ends, or an XLSX
 * workbook with one worksheet, typed cells (numbers, dates) and a bold header row.
 */
export function writeSpreadsheet(format: SheetFormat, sheet: Sheet): AsyncIterable<Uint8Array> {
  return format === 'csv' ? writeCsv(sheet) : writeXlsx([sheet]);
}

/**
 * An XLSX workbook with one worksheet per sheet, in their order, written like `writeSpreadsheet`'s
 * (a CSV holds one table only: write the one that matters with `writeSpreadsheet`). Names must differ
 * within their first 31 characters.
 */
export function writeWorkbook(sheets: readonly Sheet[]): AsyncIterable<Uint8Array> {
  if (sheets.length === 0) throw new Error('A workbook needs at least one sheet.');
  return writeXlsx(sheets);
}

function textOf(cell: SheetCell): string | number {
  if (cell === null) return '';
  return typeof cell === 'number' ? cell : neutraliseFormula(cell);
}

function writeCsv(sheet: Sheet): AsyncIterable<Uint8Array> {
  const csv = stringify({ bom: true, record_delimiter: 'windows' });
  void (async () => {
    try {
      await writeRow(
        csv,
        sheet.columns.map((c) => neutraliseFormula(c.header)),
      );
      for await (const row of sheet.rows) await writeRow(csv, row.map(textOf));
      csv.end();
    } catch (error) {
      csv.destroy(error as Error);
    }
  })();
  return csv;
}

/** Writes one record, waiting while the reader is behind (back-pressure). */
function writeRow(stream: NodeJS.WritableStream, row: readonly unknown[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const fine = stream.write(row as never, (error) => {
      if (error) reject(error);
    });
    if (fine) resolve();
    else stream.once('drain', () => resolve());
  });
}

function writeXlsx(sheets: readonly Sheet[]): AsyncIterable<Uint8Array> {
  const out = new PassThrough();
  void (async () => {
    try {
      const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
        stream: out,
        useStyles: true,
        useSharedStrings: false,
      });
      for (const sheet of sheets) await writeWorksheet(workbook, sheet, out);
      await workbook.commit();
    } catch (error) {
      out.destroy(error as Error);
    }
  })();
  return Readable.from(out);
}

async function writeWorksheet(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  sheet: Sheet,
  out: PassThrough,
): Promise<void> {
  const worksheet = workbook.addWorksheet(sheet.name.slice(0, 31));
  worksheet.columns = sheet.columns.map((column) => ({
    header: neutraliseFormula(column.header),
    width: column.width ?? Math.max(10, Math.min(40, column.header.length + 2)),
    ...(column.kind === 'date' ? { style: { numFmt: 'yyyy-mm-dd' } } : {}),
  }));
  worksheet.getRow(1).font = { bold: true };
  worksheet.getRow(1).commit();
  for await (const row of sheet.rows) {
    worksheet
      .addRow(row.map((cell, index) => xlsxValue(cell, sheet.columns[index]?.kind ?? 'text')))
      .commit();
    // The workbook writer pushes into `out` synchronously; let the reader take it.
    if (out.writableNeedDrain) await new Promise((resolve) => out.once('drain', resolve));
  }
  worksheet.commit();
}

function xlsxValue(cell: SheetCell, kind: 'text' | 'number' | 'date'): string | number | Date | null {
  if (cell === null) return null;
  if (typeof cell === 'number') return cell;
  if (kind === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(cell)) {
    // A calendar date, not an instant: midnight UTC is what Excel shows as that day.
    return new Date(`${cell}T00:00:00Z`);
  }
  return neutraliseFormula(cell);
}
