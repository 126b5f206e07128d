import { describe, expect, it } from 'vitest';
import { isLocalDate, isTimeZone, localDateAt, startOfLocalDay } from '../../src/core/local-date.js';

describe('store-local dates', () => {
  it('R6 gives the calendar date in the store’s zone', () => {
    const instant = new Date('2026-03-08T05:30:00Z');
    expect(localDateAt(instant, 'America/Los_Angeles')).toBe('2026-03-07');
    expect(localDateAt(instant, 'Asia/Tokyo')).toBe('2026-03-08');
  });

  it('R6 finds the start of a store-local day across a DST change', () => {
    // Chicago springs forward on 2026-03-08: midnight is still at UTC−6 that day.
    expect(startOfLocalDay('2026-03-08', 'America/Chicago').toISOString()).toBe('2026-03-08T06:00:00.000Z');
    expect(startOfLocalDay('2026-03-09', 'America/Chicago').toISOString()).toBe('2026-03-09T05:00:00.000Z');
  });

  it('R19 accepts only real calendar dates and known zones', () => {
    expect(isLocalDate('2028-02-29')).toBe(true);
    expect(isLocalDate('2026-02-29')).toBe(false);
    expect(isLocalDate('2026-7-4')).toBe(false);
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('Nowhere/Land')).toBe(false);
  });
});
