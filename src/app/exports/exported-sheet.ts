import type { LocalDate } from '../../core/item.js';
import type { Sheet } from '../ports/sheet.js';

/** What an export use case gives the HTTP layer to write: the sheet, and its file's name without extension. */
export interface ExportedSheet {
  readonly sheet: Sheet;
  /** `backorder-items-2026-03-10`: what, and the store's date, so repeated exports sort by day. */
  readonly baseName: string;
}

export function exportBaseName(what: 'items' | 'orders' | 'activity', today: LocalDate): string {
  return `backorder-${what}-${today}`;
}
