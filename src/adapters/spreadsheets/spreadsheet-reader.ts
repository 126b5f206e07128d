import { isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { pipeline } from 'node:stream';
import { CsvError, type Parser, parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import {
  type SpreadsheetCell,
  type SpreadsheetEncoding,
  type SpreadsheetFormat,
  type SpreadsheetReader,
  type SpreadsheetRow,
  type SpreadsheetRows,
  UnreadableSpreadsheet,
} from '../../app/ports/spreadsheet-reader.js';

/** Enough of the file to tell its format and encoding, and to hold its header line. */
const HEAD_BYTES = 64 * 1024;
/**
 * A cell with an opening quote that is never closed would otherwise swallow the rest of the file into
 * one record; no real row of a stock file comes near this.
 */
const MAX_RECORD_CHARS = 1024 * 1024;
const DELIMITERS = [',', ';', '\t'] as const;
const UTF8_CHECK_CHUNK = 256 * 1024;

export function createSpreadsheetReader(): SpreadsheetReader {
  return { read: readSpreadsheet };
}

function readSpreadsheet(path: string): SpreadsheetRows {
  let found: SpreadsheetFormat | null = null;
  // One generator from the file to the caller (the CSV loop is inline): each layer of async
  // iteration costs a few microseconds per row, which shows at 100,000 rows.
  async function* rows(): AsyncGenerator<SpreadsheetRow> {
    const head = await readHead(path);
    if (startsWith(head, ZIP_SIGNATURE)) {
      found = { format: 'xlsx', encoding: null };
      yield* xlsxRows(path);
      return;
    }
    if (startsWith(head, OLE2_SIGNATURE)) {
      throw unreadable('This is an old Excel 97–2003 workbook (.xls): save it as .xlsx or .csv.');
    }
    const encoding = await encodingOf(path, head);
    found = { format: 'csv', encoding };
    const parser = csvParser(path, encoding, delimiterOf(head, encoding));
    // Excel shows every record on a row of its own, empty ones too: the row number is the record's.
    let line = 0;
    let any = false;
    try {
      for await (const record of parser as AsyncIterable<string[]>) {
        line++;
        if (isBlankRecord(record)) continue;
        any = true;
        yield { line, cells: record };
      }
    } catch (error) {
      if (error instanceof CsvError) {
        throw unreadable(`The file cannot be read as CSV after row ${line}: ${error.message}`);
      }
      throw error;
    } finally {
      // Also when the caller stops early: the pipeline then closes the file.
      parser.destroy();
    }
    if (!any) throw emptyFile();
  }
  return {
    format: () => {
      if (found === null) {
        throw new Error('The format of a spreadsheet is known once its first row was read.');
      }
      return found;
    },
    [Symbol.asyncIterator]: () => rows(),
  };
}

const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04];
const OLE2_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const UTF8_BOM = [0xef, 0xbb, 0xbf];
const UTF16LE_BOM = [0xff, 0xfe];
const UTF16BE_BOM = [0xfe, 0xff];

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return signature.every((byte, index) => bytes[index] === byte);
}

function unreadable(message: string): UnreadableSpreadsheet {
  return new UnreadableSpreadsheet('IMPORT.UNREADABLE_FILE', message);
}

function emptyFile(): UnreadableSpreadsheet {
  return new UnreadableSpreadsheet('IMPORT.EMPTY_FILE', 'The file has no rows.');
}

async function readHead(path: string): Promise<Buffer> {
  const file = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await file.read(buffer, 0, HEAD_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}

// ---------------------------------------------------------------------------------------------------
// CSV

/**
 * A BOM says it (Excel's "CSV UTF-8" writes one, its "Unicode text" is UTF-16 LE with one); without
 * one, UTF-8 is the answer only when the whole file is valid UTF-8 — an accent near the end written
 * by Excel's plain "CSV" on Windows is a single Windows-1252 byte, and reading it as UTF-8 would turn
 * it into U+FFFD silently.
 */
async function encodingOf(path: string, head: Buffer): Promise<SpreadsheetEncoding> {
  if (startsWith(head, UTF8_BOM)) return 'utf-8';
  if (startsWith(head, UTF16LE_BOM)) return 'utf-16le';
  if (startsWith(head, UTF16BE_BOM)) return 'utf-16be';
  // Text has no NUL bytes (UTF-16 without a BOM aside, which Excel does not write).
  if (head.includes(0)) throw unreadable('This is not a CSV or XLSX file.');
  return (await isUtf8File(path)) ? 'utf-8' : 'windows-1252';
}

/**
 * One pass over the file, a chunk at a time into one buffer (no garbage for a big file); a character
 * cut by a chunk's end is moved to the buffer's start and completed by the next read.
 */
async function isUtf8File(path: string): Promise<boolean> {
  const file = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(UTF8_CHECK_CHUNK + 3);
    let carried = 0;
    let position = 0;
    for (;;) {
      const { bytesRead } = await file.read(buffer, carried, UTF8_CHECK_CHUNK, position);
      if (bytesRead === 0) return carried === 0;
      position += bytesRead;
      const filled = carried + bytesRead;
      const end = completeCharactersEnd(buffer.subarray(0, filled));
      if (!isUtf8(buffer.subarray(0, end))) return false;
      buffer.copy(buffer, 0, end, filled);
      carried = filled - end;
    }
  } finally {
    await file.close();
  }
}

/** Where the last whole UTF-8 character of the chunk ends (before a lead byte still waiting for its tail). */
function completeCharactersEnd(chunk: Buffer): number {
  for (let back = 1; back <= 3 && back <= chunk.length; back++) {
    const byte = chunk[chunk.length - back]!;
    if ((byte & 0xc0) === 0x80) continue; // a continuation byte: look further back for its lead
    const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return length > back ? chunk.length - back : chunk.length;
  }
  return chunk.length;
}

/**
 * The header line's most frequent separator outside quotes: `;` from Excel in locales whose decimal
 * mark is a comma, a tab from its "Unicode text"; a comma when there is none (a one-column file).
 * Empty lines before the header are passed over.
 */
function delimiterOf(head: Buffer, encoding: SpreadsheetEncoding): string {
  // Node decodes UTF-8 itself; iconv-lite (whose tables load on first use) only for the others.
  const text = encoding === 'utf-8' ? head.toString('utf8') : iconv.decode(head, encoding);
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  let started = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) {
      if (started) break;
    } else if (!quoted && counts.has(char)) counts.set(char, counts.get(char)! + 1);
    if (char.trim() !== '') started = true;
  }
  let best: string = ',';
  for (const [delimiter, count] of counts) if (count > counts.get(best)!) best = delimiter;
  return best;
}

/** The file's records, parsed as they are read (the file closes when the parser is destroyed). */
function csvParser(path: string, encoding: SpreadsheetEncoding, delimiter: string): Parser {
  const parser = parse({
    delimiter,
    bom: true,
    // A file edited in two programs may mix CRLF, LF (and old Mac CR) line ends.
    record_delimiter: ['\r\n', '\n', '\r'],
    relax_column_count: true,
    // A stray quote inside a cell (`12" pipe`) is kept as written, as Excel does.
    relax_quotes: true,
    max_record_size: MAX_RECORD_CHARS,
  });
  const file = createReadStream(path);
  // An error of the file or the decoder reaches the caller through the parser, which the pipeline destroys with it.
  const settled = () => {};
  // csv-parse reads UTF-8 itself; the other encodings are decoded to text on the way (BOM dropped).
  if (encoding === 'utf-8') pipeline(file, parser, settled);
  else pipeline(file, iconv.decodeStream(encoding), parser, settled);
  return parser;
}

function isBlankRecord(record: readonly string[]): boolean {
  for (const cell of record) if (cell !== '' && cell.trim() !== '') return false;
  return true;
}

// ---------------------------------------------------------------------------------------------------
// XLSX

/**
 * The first worksheet's rows through exceljs's streaming reader: the ZIP is read as a stream and a
 * worksheet stored before the shared strings waits in a temporary file, not in memory (exceljs's
 * way); the shared strings themselves are held, as they must be to read any cell.
 */
async function* xlsxRows(path: string): AsyncGenerator<SpreadsheetRow> {
  const input = createReadStream(path);
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    // Styles tell date cells from numbers; hyperlinks are left out, their cells keep their text.
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  const book = workbook as unknown as WorkbookInternals;
  const worksheets = workbook[Symbol.asyncIterator]();
  let sheets = 0;
  let read = false;
  let any = false;
  let walked = false;
  let failed = false;
  try {
    for (let next = await worksheets.next(); !next.done; next = await worksheets.next()) {
      sheets++;
      const worksheet = next.value as unknown as ExcelJS.stream.xlsx.WorksheetReader & WorksheetInternals;
      // The other worksheets are walked past without being read.
      if (read || !isFirstSheet(book, worksheet)) {
        leaveUnread(worksheet);
        continue;
      }
      read = true;
      const date1904 = book.properties?.model?.date1904 === true;
      try {
        for await (const row of worksheet) {
          const cells = cellsOf(row, date1904);
          if (cells === null) continue;
          any = true;
          yield { line: row.number, cells };
        }
      } finally {
        // exceljs leaves the temporary file of a deferred worksheet open when its rows stop early.
        worksheet.iterator?.destroy?.();
      }
    }
    walked = true;
  } catch (error) {
    failed = true;
    if (error instanceof UnreadableSpreadsheet || isInputOutputError(error)) throw error;
    throw unreadable(`The file is not a readable XLSX workbook: ${(error as Error).message}`);
  } finally {
    // A caller that stops early (enough rows, a problem) still lets exceljs walk to the end of the
    // workbook: it removes its temporary files only on its way there.
    if (!walked && !failed) await walkToTheEnd(worksheets);
    input.destroy();
  }
  if (sheets === 0) throw unreadable('The file is not an XLSX workbook: it has no worksheet.');
  if (!any) throw emptyFile();
}

async function walkToTheEnd(worksheets: AsyncIterator<unknown>): Promise<void> {
  try {
    for (let next = await worksheets.next(); !next.done; next = await worksheets.next()) {
      // Not read: exceljs drains each sheet's entry itself.
      leaveUnread(next.value as WorksheetInternals);
    }
  } catch {
    // The workbook broke further on; the caller had what it wanted.
  }
}

interface WorksheetInternals {
  readonly id?: unknown;
  /** The sheet's XML: a ZIP entry, or a read stream of exceljs's temporary file. */
  readonly iterator?: { destroy?: () => void; on?: (event: 'error', listener: () => void) => unknown };
}

/**
 * A worksheet walked past unread: exceljs removes a deferred sheet's temporary file as soon as the walk
 * moves on, while the read stream it opened on that file may not have opened yet — its ENOENT would then
 * be an 'error' nobody listens to, an uncaught exception of the whole process. Nothing is read from it,
 * so its error is nothing to report.
 */
function leaveUnread(worksheet: WorksheetInternals): void {
  worksheet.iterator?.on?.('error', () => {});
}

interface WorkbookInternals {
  readonly model?: { readonly sheets?: readonly { readonly id?: unknown }[] };
  readonly properties?: { readonly model?: { readonly date1904?: boolean } };
}

/** The first in the workbook's tab order (when the workbook part came before the sheets, as it does). */
function isFirstSheet(book: WorkbookInternals, worksheet: { id?: unknown }): boolean {
  const first = book.model?.sheets?.[0];
  return first === undefined || String(first.id) === String(worksheet.id);
}

function isInputOutputError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'syscall' in error;
}

/** The row's cells from column A, or null when every cell is empty. */
function cellsOf(row: ExcelJS.Row, date1904: boolean): SpreadsheetCell[] | null {
  // `values` is sparse (holes for empty cells); its length is the last column with a value, plus one.
  const values = row.values as readonly unknown[];
  const cells: SpreadsheetCell[] = [];
  let blank = true;
  for (let column = 1; column < values.length; column++) {
    const cell = values[column] === undefined ? null : cellValue(row.getCell(column), date1904);
    if (cell !== null && (typeof cell !== 'string' || cell.trim() !== '')) blank = false;
    cells.push(cell);
  }
  return blank ? null : cells;
}

/**
 * What the merchant sees in the cell: a formula's last computed result (a date when the cell is
 * formatted as one), rich text as its plain text, a hyperlink as its text, an error result as `#ERROR`.
 */
function cellValue(cell: ExcelJS.Cell, date1904: boolean): SpreadsheetCell {
  // Not `cell.value`: exceljs drops a formula's result there when it is 0, false or empty.
  const formula = cell.type === ExcelJS.ValueType.Formula;
  const value: unknown = formula ? cell.result : cell.value;
  if (formula || isFormulaLike(value)) {
    const result = formula ? value : (value as { result?: unknown }).result;
    // An error result (`#N/A`, `#DIV/0!`) reaches us as a number that is not one.
    if (typeof result === 'number' && Number.isNaN(result)) return '#ERROR';
    if (typeof result === 'number' && isDateFormat(cell.numFmt)) return excelDate(result, date1904);
    return plainValue(result);
  }
  return plainValue(value);
}

/** A shared formula's later cells have no formula text of their own; exceljs keeps them as objects. */
function isFormulaLike(value: unknown): value is { result?: unknown } {
  return typeof value === 'object' && value !== null && ('formula' in value || 'sharedFormula' in value);
}

function plainValue(value: unknown): SpreadsheetCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value === '' ? null : value;
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value;
  if (typeof value !== 'object') return null;
  if ('richText' in value && Array.isArray(value.richText)) {
    return (value.richText as { text?: unknown }[]).map((run) => String(run.text ?? '')).join('') || null;
  }
  if ('text' in value) return plainValue(value.text);
  if ('error' in value) return String(value.error);
  return null;
}

/** As Excel reads a number format: date parts (y, m, d) outside quoted text and [colour] sections. */
function isDateFormat(format: string | undefined): boolean {
  if (format === undefined) return false;
  return /[ymd]/i.test(format.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

/** Excel's day number as the UTC midnight of that day (how exceljs gives date cells). */
function excelDate(serial: number, date1904: boolean): Date {
  const days = serial + (date1904 ? 1462 : 0) - 25569;
  return new Date(Math.round(days * 86_400_000));
}
