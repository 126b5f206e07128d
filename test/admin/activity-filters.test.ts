import { describe, expect, it } from 'vitest';
import {
  filtersFromSearch,
  hasFilters,
  searchOfFilters,
} from '../../src/admin/screens/activity/activity-filters.js';

describe('the Activity screen’s filters in the address (src/admin/screens/activity/activity-filters.ts)', () => {
  it('reads the filters it knows and leaves out what cannot be one', () => {
    expect(
      filtersFromSearch('?sku=%20JKT-M%20&cause=order_line&kind=movement&from=2025-03-01&to=2025-03-10'),
    ).toEqual({ sku: 'JKT-M', cause: 'order_line', kind: 'movement', from: '2025-03-01', to: '2025-03-10' });
    expect(filtersFromSearch('?cause=bogus&kind=all&from=yesterday&to=&sku=&page=2')).toEqual({});
    expect(filtersFromSearch('')).toEqual({});
  });

  it('writes them back in a stable order, without empty ones, and round-trips', () => {
    const filters = { to: '2025-03-10', sku: 'A B&C', cause: 'scheduler' } as const;
    expect(searchOfFilters(filters)).toBe('?sku=A+B%26C&cause=scheduler&to=2025-03-10');
    expect(filtersFromSearch(searchOfFilters(filters))).toEqual(filters);
    expect(searchOfFilters({ sku: '  ' })).toBe('');
    expect(hasFilters({})).toBe(false);
    expect(hasFilters({ kind: 'transition' })).toBe(true);
  });
});
