import { describe, expect, it } from 'vitest';
import {
  type AssignedItem,
  type AssignedProduct,
  addressOf,
  apiQueryOf,
  backorderOn,
  describeSync,
  editText,
  formatDate,
  formatThreshold,
  isFiltered,
  itemName,
  listStateFrom,
  parseField,
  purchasabilityWords,
  rowsOf,
  statusReason,
  variantName,
} from '../../src/admin/screens/products/assigned-products-words.js';

const anItem = (overrides: Partial<AssignedItem> = {}): AssignedItem => ({
  sku: 'TENT-RL2',
  variant_id: null,
  variant_label: null,
  stock: 4,
  backordered: 0,
  threshold: null,
  incoming_stock: 0,
  back_in_stock_date: null,
  status: 'in_stock',
  block: null,
  purchasable: true,
  ...overrides,
});

const aProduct = (overrides: Partial<AssignedProduct> = {}): AssignedProduct => ({
  product_id: 7,
  name: 'Ridgeline Tent',
  sku: 'TENT-RL2',
  template: null,
  assigned_at: '2026-03-01T10:00:00.000Z',
  updated_at: '2026-03-01T10:00:00.000Z',
  items: [anItem()],
  ...overrides,
});

describe('the Assigned products tab’s words (src/admin/screens/products/assigned-products-words.ts)', () => {
  it('says why an item is in its status: its block in words', () => {
    expect(statusReason({ status: 'unavailable', block: 'threshold' })).toBe('Threshold reached');
    expect(statusReason({ status: 'unavailable', block: 'date' })).toBe('Back-in-stock date passed');
    expect(statusReason({ status: 'unavailable', block: 'manual' })).toBe('Disabled by you');
    // Still in stock, but it will not switch to backorder when it runs out.
    expect(statusReason({ status: 'in_stock', block: 'manual' })).toBe('Backorder off: disabled by you');
    expect(statusReason({ status: 'backorder', block: null })).toBe('Out of stock, sold as backorder');
    expect(statusReason({ status: 'in_stock', block: null })).toBeNull();
  });

  it('shows purchasability, backorder on/off, dates and thresholds in words', () => {
    expect(purchasabilityWords({ purchasable: true })).toBe('Purchasable');
    expect(purchasabilityWords({ purchasable: false })).toBe('Not purchasable');
    expect(backorderOn({ block: null })).toBe(true);
    expect(backorderOn({ block: 'threshold' })).toBe(false);
    expect(formatDate('2026-04-01')).toBe('Apr 1, 2026');
    expect(formatDate(null)).toBe('—');
    expect(formatThreshold(null)).toBe('No limit');
    expect(formatThreshold(0)).toBe('0');
  });

  it('reads the list from the address, ignoring what it does not know, and writes it back', () => {
    expect(listStateFrom('')).toEqual({
      search: '',
      status: null,
      block: null,
      sort: 'name',
      page: 1,
      limit: 25,
    });
    const state = listStateFrom(
      '?status=backorder&block=manual&search=%20tent%20&sort=stock-desc&page=3&limit=50',
    );
    expect(state).toEqual({
      search: 'tent',
      status: 'backorder',
      block: 'manual',
      sort: 'stock-desc',
      page: 3,
      limit: 50,
    });
    expect(addressOf(state)).toBe(
      '/products?search=tent&status=backorder&block=manual&sort=stock-desc&page=3&limit=50',
    );
    expect(addressOf(listStateFrom('?status=sold&block=x&sort=price&page=-2&limit=7&tab=assigned'))).toBe(
      '/products',
    );
    expect(apiQueryOf(state)).toEqual({
      search: 'tent',
      status: 'backorder',
      block: 'manual',
      sort: 'stock',
      direction: 'desc',
      page: 3,
      limit: 50,
    });
    expect(apiQueryOf(listStateFrom(''))).toEqual({ sort: 'name', direction: 'asc', page: 1, limit: 25 });
    expect(isFiltered(listStateFrom('?sort=stock&page=2'))).toBe(false);
    expect(isFiltered(listStateFrom('?status=unavailable'))).toBe(true);
  });

  it('puts a product without variants on one row, and variants as rows under their product', () => {
    const tent = aProduct();
    const bag = aProduct({
      product_id: 8,
      name: 'Sleeping Bag',
      items: [
        anItem({ sku: 'BAG-R', variant_id: 81, variant_label: 'Length: Regular' }),
        anItem({ sku: null, variant_id: 82, variant_label: null }),
      ],
    });
    const rows = rowsOf([tent, bag]);
    expect(rows.map((r) => [r.kind, r.rowKey, r.item?.sku ?? null])).toEqual([
      ['product', 'p7', 'TENT-RL2'],
      ['product', 'p8', null],
      ['variant', 'p8v81', 'BAG-R'],
      ['variant', 'p8v82', null],
    ]);
    expect(variantName(bag.items[0]!)).toBe('Length: Regular');
    expect(variantName(bag.items[1]!)).toBe('Variant #82');
    expect(variantName(anItem({ variant_id: 5, sku: 'X-1' }))).toBe('Variant X-1');
    expect(itemName(bag, bag.items[0]!)).toBe('Sleeping Bag – Length: Regular');
    expect(itemName(tent, tent.items[0]!)).toBe('Ridgeline Tent');
    // A product whose one item is a variant still shows it as a variant row.
    expect(rowsOf([aProduct({ items: [anItem({ variant_id: 3 })] })]).map((r) => r.kind)).toEqual([
      'product',
      'variant',
    ]);
  });

  it('checks what is typed inline as the API would', () => {
    expect(parseField('stock', ' -3 ')).toEqual({ ok: true, value: -3 });
    expect(parseField('stock', '1.5')).toMatchObject({ ok: false });
    expect(parseField('stock', '')).toMatchObject({ ok: false });
    expect(parseField('threshold', '')).toEqual({ ok: true, value: null });
    expect(parseField('threshold', '-1')).toMatchObject({ ok: false });
    expect(parseField('incoming_stock', '')).toMatchObject({ ok: false });
    expect(parseField('incoming_stock', '12')).toEqual({ ok: true, value: 12 });
    expect(parseField('incoming_stock', '2147483648')).toMatchObject({ ok: false });
    expect(parseField('back_in_stock_date', '2026-04-01')).toEqual({ ok: true, value: '2026-04-01' });
    expect(parseField('back_in_stock_date', '')).toEqual({ ok: true, value: null });
    expect(parseField('back_in_stock_date', '2026-02-30')).toMatchObject({ ok: false });
    const item = anItem({ threshold: null, back_in_stock_date: '2026-04-01', incoming_stock: 6 });
    expect(editText('threshold', item)).toBe('');
    expect(editText('back_in_stock_date', item)).toBe('2026-04-01');
    expect(editText('incoming_stock', item)).toBe('6');
  });

  it('says what a sync did', () => {
    const nothing = {
      stock_changes: [],
      tracking_turned_off: false,
      purchasability_corrected: 0,
      warnings: [],
    };
    expect(describeSync('Tent', nothing)).toBe('Tent is in line with BigCommerce: nothing to change.');
    expect(
      describeSync('Tent', {
        stock_changes: [{ variant_id: null, from: 0, to: 9 }],
        tracking_turned_off: true,
        purchasability_corrected: 1,
        warnings: ['SYNC.UNTRACKED_VARIANTS'],
      }),
    ).toBe(
      'Tent synced from BigCommerce: took BigCommerce’s stock level for 1 item, turned BigCommerce’s inventory tracking off again and set purchasability back to Backorder’s. BigCommerce has variants added since the product was assigned; Backorder does not track them. Unassign and assign it again to track them.',
    );
  });
});
