import { DateTime } from 'luxon';
import type { LocalDate } from './item.js';

/** The calendar date `days` after `date` (before, when negative). */
export function plusDays(date: LocalDate, days: number): LocalDate {
  const next = DateTime.fromISO(date, { zone: 'utc' }).plus({ days }).toISODate();
  if (next === null) throw new Error(`Not a calendar date: ${date}`);
  return next;
}

/**
 * The instant a store-local day starts in `timeZone` (midnight, or the first moment of the day when a
 * daylight-saving change skips midnight).
 */
export function startOfLocalDay(date: LocalDate, timeZone: string): Date {
  const start = DateTime.fromISO(date, { zone: timeZone }).startOf('day');
  if (!start.isValid) throw new Error(`Cannot place ${date} in time zone ${timeZone}`);
  return start.toJSDate();
}
