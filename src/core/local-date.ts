import { DateTime, IANAZone } from 'luxon';
import type { LocalDate } from './item.js';

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** True for a real calendar date written `YYYY-MM-DD` (so `2026-02-30` is refused). */
export function isLocalDate(value: string): value is LocalDate {
  return LOCAL_DATE.test(value) && DateTime.fromISO(value, { zone: 'utc' }).isValid;
}

/**
 * True for a time zone the platform knows. Through Luxon's zone cache: `IANAZone.isValidZone` builds a
 * new `Intl.DateTimeFormat` each call, whose ICU memory (~25 KB, outside V8's heap) waits for a full
 * garbage collection — checked once per decision, it grew a 100,000-row import past 1 GB.
 */
export function isTimeZone(zone: string): boolean {
  return zone !== '' && IANAZone.create(zone).isValid;
}

/** The calendar date it is in `timeZone` at the instant `now`. */
export function localDateAt(now: Date, timeZone: string): LocalDate {
  const date = DateTime.fromJSDate(now, { zone: timeZone }).toISODate();
  if (date === null) throw new Error(`Cannot compute the local date in time zone ${timeZone}`);
  return date;
}

/** The store's clock time at the instant `at`, as a spreadsheet reads it: `2026-03-10 07:05`. */
export function localDateTimeAt(at: Date, timeZone: string): string {
  const text = DateTime.fromJSDate(at, { zone: timeZone }).toFormat('yyyy-MM-dd HH:mm');
  if (text === 'Invalid DateTime') throw new Error(`Cannot compute the local time in time zone ${timeZone}`);
  return text;
}
