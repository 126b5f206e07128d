import { describe, expect, it } from 'vitest';
import { isLocalDate, isTimeZone, localDateAt, localDateTimeAt } from '../../src/core/local-date.js';

describe('store-local dates', () => {
  it('R6 gives the calendar date in the store’s zone', () => {
    const instant = new Date('2026-03-08T05:30:00Z');
    expect(localDateAt(instant, 'America/Los_Angeles')).toBe('2026-03-07');
    expect(localDateAt(instant, 'Asia/Tokyo')).toBe('2026-03-08');
  });

  it('R19 accepts only real calendar dates and known zones', () => {
    expect(isLocalDate('2028-02-29')).toBe(true);
    expect(isLocalDate('2026-02-29')).toBe(false);
    expect(isLocalDate('2026-7-4')).toBe(false);
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('Nowhere/Land')).toBe(false);
  });

  it('gives the store’s clock time of an instant, across a change of daylight saving time', () => {
    expect(localDateTimeAt(new Date('2025-03-09T07:59:00Z'), 'America/Chicago')).toBe('2025-03-09 01:59');
    expect(localDateTimeAt(new Date('2025-03-09T08:00:00Z'), 'America/Chicago')).toBe('2025-03-09 03:00');
    expect(localDateTimeAt(new Date('2025-03-09T23:30:00Z'), 'Asia/Tokyo')).toBe('2025-03-10 08:30');
  });
});
