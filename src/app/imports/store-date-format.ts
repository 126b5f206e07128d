import type { LocalDate } from '../../core/item.js';
import { isLocalDate } from '../../core/local-date.js';

/**
 * How a store's locale writes a date in numbers (Intl's short numeric date, with a four-digit year):
 * en-US `1/31/2027`, en-GB `31/01/2027`, de-DE `31.01.2027`, ja-JP `2027/1/31`. An imported date is
 * read in that order, because `01/02/2027` is 2 January in one store and 1 February in another; what
 * only reads in another order is refused rather than guessed.
 */
export interface StoreDateFormat {
  readonly order: 'dmy' | 'mdy' | 'ymd';
  /** `/`, `.` or `-`. */
  readonly separator: string;
  /** 31 January 2027 as the locale writes it, for messages. */
  readonly example: string;
}

export type DateReading =
  | { readonly ok: true; readonly date: LocalDate }
  | { readonly ok: false; readonly code: 'IMPORT.INVALID_DATE' | 'IMPORT.DATE_NOT_IN_STORE_FORMAT' };

const FALLBACK_LOCALE = 'en-US';
const EXAMPLE = new Date(Date.UTC(2027, 0, 31, 12));

export function storeDateFormat(locale: string): StoreDateFormat {
  const parts = dateParts(locale);
  const order = parts
    .filter((part) => part.type === 'day' || part.type === 'month' || part.type === 'year')
    .map((part) => part.type[0])
    .join('');
  const literal = parts.find((part) => part.type === 'literal')?.value ?? '/';
  // Literals carry spaces (ko-KR `2027. 1. 31.`) and, in right-to-left locales, direction marks.
  const separator = literal.replace(/[^./-]/g, '').slice(0, 1) || '/';
  return {
    order: order === 'dmy' || order === 'mdy' || order === 'ymd' ? order : 'ymd',
    separator,
    example: parts.map((part) => part.value).join(''),
  };
}

function dateParts(locale: string): Intl.DateTimeFormatPart[] {
  const options: Intl.DateTimeFormatOptions = {
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    timeZone: 'UTC',
    calendar: 'gregory',
    numberingSystem: 'latn',
  };
  try {
    return new Intl.DateTimeFormat(locale, options).formatToParts(EXAMPLE);
  } catch {
    // A locale tag Intl does not accept: the settings screen should not allow one, but never fail here.
    return new Intl.DateTimeFormat(FALLBACK_LOCALE, options).formatToParts(EXAMPLE);
  }
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const NUMERIC_DATE = /^(\d{1,4})\s*([./-])\s*(\d{1,2})\s*\2\s*(\d{1,4})\s*\.?$/;

/**
 * A date typed as text. ISO `2027-01-31` is read in every store, and so is any year-first date
 * (`2027/1/31`: nobody writes year, day, month). A day-first or month-first date must use the store's
 * order and separator and a four-digit year: a dot between numbers in an en-US store says the file
 * came from elsewhere, and its `01.02.2027` would otherwise become 2 January.
 */
export function readStoreDate(text: string, format: StoreDateFormat): DateReading {
  if (ISO_DATE.test(text)) return isLocalDate(text) ? found(text) : refused('IMPORT.INVALID_DATE');
  const match = NUMERIC_DATE.exec(text);
  if (match === null) return refused('IMPORT.INVALID_DATE');
  const [, first, separator, second, last] = match as unknown as [string, string, string, string, string];
  if (first.length === 4) {
    const date = localDate(first, second, last);
    return date === null ? refused('IMPORT.INVALID_DATE') : found(date);
  }
  if (first.length > 2) return refused('IMPORT.INVALID_DATE');
  const dayFirst = localDate(last, second, first);
  const monthFirst = localDate(last, first, second);
  if (dayFirst === null && monthFirst === null) {
    // A two-digit year is only a format problem when the day and month make sense in some order.
    const twoDigitYear = last.length === 2 && (validDayMonth(first, second) || validDayMonth(second, first));
    return refused(twoDigitYear ? 'IMPORT.DATE_NOT_IN_STORE_FORMAT' : 'IMPORT.INVALID_DATE');
  }
  const inStoreOrder = format.order === 'dmy' ? dayFirst : format.order === 'mdy' ? monthFirst : null;
  if (inStoreOrder === null || separator !== format.separator) {
    return refused('IMPORT.DATE_NOT_IN_STORE_FORMAT');
  }
  return found(inStoreOrder);
}

function found(date: LocalDate): DateReading {
  return { ok: true, date };
}

function refused(code: 'IMPORT.INVALID_DATE' | 'IMPORT.DATE_NOT_IN_STORE_FORMAT'): DateReading {
  return { ok: false, code };
}

/** `YYYY-MM-DD` when the year has four digits and the day exists, else null. */
function localDate(year: string, month: string, day: string): LocalDate | null {
  if (year.length !== 4) return null;
  const date = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  return isLocalDate(date) ? date : null;
}

function validDayMonth(day: string, month: string): boolean {
  // 2000 is a leap year, so 29 February counts as a day that may exist.
  return localDate('2000', month, day) !== null;
}
