/**
 * Reads the stock file a merchant uploads (src/adapters/spreadsheets/spreadsheet-reader.ts), row by row,
 * so a 100,000-row file is never held at once. What the rows mean is src/app/imports/import-rows.ts.
 */
export interface SpreadsheetReader {
  /**
   * The rows of a spreadsheet file (a private temp file the upload was written to), read as a stream.
   * The format is found from the bytes (XLSX is a ZIP: "PK\x03\x04"; anything else is read as CSV),
   * a CSV's encoding from its bytes (UTF-8 with/without BOM, UTF-16 LE/BE with BOM, else Windows-1252 when
   * not valid UTF-8) and its delimiter from its header line (`,` `;` or tab: Excel in many European locales
   * writes `;`). Rows that are entirely empty are skipped (their line numbers are still counted).
   * A file that cannot be read at all throws `UnreadableSpreadsheet` (with its code) while iterating.
   */
  read(path: string): SpreadsheetRows;
}

export interface SpreadsheetRows extends AsyncIterable<SpreadsheetRow> {
  /** Known once the first row was read (throws before: asking earlier is a bug). */
  readonly format: () => SpreadsheetFormat;
}

export interface SpreadsheetFormat {
  readonly format: 'csv' | 'xlsx';
  /** How a CSV's bytes were decoded; null for XLSX (its XML says so itself). */
  readonly encoding: SpreadsheetEncoding | null;
}

export type SpreadsheetEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export type SpreadsheetCell = string | number | boolean | Date | null;

export interface SpreadsheetRow {
  /**
   * 1-based line — what the merchant sees in their program: the XLSX row number; for a CSV the
   * record's number counting empty lines, which is the row Excel shows it on (and the text line,
   * unless a quoted cell above holds line breaks).
   */
  readonly line: number;
  /** CSV cells are strings; XLSX cells keep their type (number, Date for date cells, boolean), null if empty. */
  readonly cells: readonly SpreadsheetCell[];
}

export type UnreadableSpreadsheetCode = 'IMPORT.UNREADABLE_FILE' | 'IMPORT.EMPTY_FILE';

/** The file is not a spreadsheet the reader can read (or holds no rows): the merchant's file, not an outage. */
export class UnreadableSpreadsheet extends Error {
  override readonly name = 'UnreadableSpreadsheet';
  constructor(
    readonly code: UnreadableSpreadsheetCode,
    message: string,
  ) {
    super(message);
  }
}
