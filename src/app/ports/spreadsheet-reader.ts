// Placeholder of section A (import-parse builds the real one): the contract's exports only.
export interface SpreadsheetReader {
  read(path: string): SpreadsheetRows;
}
export interface SpreadsheetRows extends AsyncIterable<SpreadsheetRow> {
  readonly format: () => { readonly format: 'csv' | 'xlsx'; readonly encoding: string | null };
}
export interface SpreadsheetRow {
  readonly line: number;
  readonly cells: readonly (string | number | boolean | Date | null)[];
}
export class UnreadableSpreadsheet extends Error {
  constructor(
    readonly code: 'IMPORT.UNREADABLE_FILE' | 'IMPORT.EMPTY_FILE',
    message: string,
  ) {
    super(message);
  }
}
