import { describe, expect, it } from 'vitest';
import { isLocalDate, isTimeZone, localDateAt } from '../../src/core/local-date.js';

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
});
