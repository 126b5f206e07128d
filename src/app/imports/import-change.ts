import { REFUSAL_CODES } from '../../core/codes.js';
import type { ItemEvent } from '../../core/events.js';
import type { Refusal } from '../../core/item.js';
import type { ImportProblemWrite, ImportRowWrite } from '../ports/import-run-repository.js';
import type { ItemRecord } from '../ports/item-repository.js';
import { STOCK_FILE_COLUMNS } from './import-columns.js';

/** What one row asks of the values it gives (absent: the file leaves the item's as it is). */
type RowValues = Pick<ImportRowWrite, 'stock' | 'threshold' | 'incomingStock' | 'backInStockDate'>;

/** A row's change as the rules take it: an edit made by an import (R12: a date written lifts a date block). */
export function importEditEvent(row: RowValues): Extract<ItemEvent, { kind: 'edited' }> {
  return {
    kind: 'edited',
    source: 'import',
    ...(row.stock === undefined ? {} : { stock: row.stock }),
    ...(row.threshold === undefined ? {} : { threshold: row.threshold }),
    ...(row.incomingStock === undefined ? {} : { incoming: row.incomingStock }),
    ...(row.backInStockDate === undefined ? {} : { backInStockDate: row.backInStockDate }),
  };
}

/** Which of the values a row gives differ from the item's now. */
export function changedFields(item: ItemRecord, row: RowValues) {
  return {
    stock: row.stock !== undefined && row.stock !== item.stock,
    threshold: row.threshold !== undefined && row.threshold !== item.threshold,
    incomingStock: row.incomingStock !== undefined && row.incomingStock !== item.incoming,
    backInStockDate: row.backInStockDate !== undefined && row.backInStockDate !== item.backInStockDate,
  };
}

export function changesNothing(item: ItemRecord, row: RowValues): boolean {
  return !Object.values(changedFields(item, row)).some(Boolean);
}

/** A row the rules refused, as a problem of the file: the rules' code, under the column it is about. */
export function refusedRowProblem(row: ImportRowWrite, refusal: Refusal): ImportProblemWrite {
  const about = columnOfRefusal(refusal.code);
  const value = about === null ? undefined : row[about];
  return {
    line: row.line,
    column: about === null ? null : STOCK_FILE_COLUMNS[about].header,
    sku: row.sku,
    value: value === undefined || value === null ? null : String(value),
    code: refusal.code,
    message: refusal.message,
  };
}

function columnOfRefusal(code: string): keyof RowValues | 'sku' | null {
  switch (code) {
    case REFUSAL_CODES.invalidStock:
    case REFUSAL_CODES.stockOutOfRange:
      return 'stock';
    case REFUSAL_CODES.invalidThreshold:
      return 'threshold';
    case REFUSAL_CODES.invalidIncoming:
      return 'incomingStock';
    case REFUSAL_CODES.invalidDate:
      return 'backInStockDate';
    case REFUSAL_CODES.notAssigned:
    case 'ITEM.NOT_FOUND':
      return 'sku';
    default:
      return null;
  }
}
