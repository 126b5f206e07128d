import { describe, expect, it } from 'vitest';
import { plusDays, startOfLocalDay } from '../../src/core/local-day-range.js';

describe('store-local day ranges', () => {
  it('adds days across months, years and leap days', () => {
    expect(plusDays('2025-03-10', 7)).toBe('2025-03-17');
    expect(plusDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(plusDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(plusDays('2025-03-01', -1)).toBe('2025-02-28');
  });

  it('starts a day at the store’s midnight, daylight saving included', () => {
    expect(startOfLocalDay('2025-03-10', 'America/Chicago').toISOString()).toBe('2025-03-10T05:00:00.000Z');
    expect(startOfLocalDay('2025-03-08', 'America/Chicago').toISOString()).toBe('2025-03-08T06:00:00.000Z');
    expect(startOfLocalDay('2025-03-11', 'Asia/Tokyo').toISOString()).toBe('2025-03-10T15:00:00.000Z');
    expect(() => startOfLocalDay('2025-03-10', 'Mars/Olympus')).toThrow();
  });
});
