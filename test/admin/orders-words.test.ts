import { describe, expect, test } from 'vitest';
import {
  chartSummary,
  filtersOf,
  hasFilters,
  itemName,
  weekLabel,
} from '../../src/admin/screens/orders/orders-words.js';

describe('the Orders screen’s filters', () => {
  test('keep what was typed, trimmed, and leave out empty fields', () => {
    expect(filtersOf({ from: '2025-03-01', to: ' 2025-03-31 ', sku: ' JKT-M ' })).toEqual({
      ok: true,
      filters: { from: '2025-03-01', to: '2025-03-31', sku: 'JKT-M' },
    });
    expect(filtersOf({ from: '', to: '', sku: '' })).toEqual({ ok: true, filters: {} });
    expect(hasFilters({})).toBe(false);
    expect(hasFilters({ sku: 'X' })).toBe(true);
  });

  test('refuse a period that ends before it starts, and dates that are not dates', () => {
    expect(filtersOf({ from: '2025-03-10', to: '2025-03-09', sku: '' })).toEqual({
      ok: false,
      error: 'The period ends before it starts.',
    });
    expect(filtersOf({ from: '10/03/2025', to: '', sku: '' })).toMatchObject({ ok: false });
    // One day is a period.
    expect(filtersOf({ from: '2025-03-10', to: '2025-03-10', sku: '' })).toMatchObject({ ok: true });
  });
});

describe('names on the Orders screen', () => {
  test('an item is its product, with its variant', () => {
    expect(itemName({ product_name: 'Trail Jacket', variant_label: 'Size: M' })).toBe(
      'Trail Jacket (Size: M)',
    );
    expect(itemName({ product_name: 'Trail Jacket', variant_label: null })).toBe('Trail Jacket');
  });

  test('a week is named by its Monday, with the year when the weeks span years', () => {
    expect(weekLabel('2025-03-03', false)).toBe('Mar 3');
    expect(weekLabel('2024-12-30', true)).toBe('Dec 30, 2024');
  });

  test('the chart says in words what it shows', () => {
    expect(chartSummary([])).toBe('No backordered units in this period.');
    expect(
      chartSummary([
        { starts_on: '2025-03-03', backordered_units: 2 },
        { starts_on: '2025-03-10', backordered_units: 5 },
        { starts_on: '2025-03-17', backordered_units: 0 },
      ]),
    ).toBe(
      '7 backordered units over 3 weeks (weeks starting 2025-03-03 to 2025-03-17); the most, 5, in the week of 2025-03-10.',
    );
  });
});
