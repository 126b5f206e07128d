import { describe, expect, it } from 'vitest';
import {
  catalogApiQuery,
  catalogFilterBody,
  catalogSearchString,
  clearedFilters,
  DEFAULT_QUERY,
  hasFilters,
  parseCatalogQuery,
  withFilters,
} from '../../src/admin/screens/products/catalog-query.js';

describe('the All products search in the address (src/admin/screens/products/catalog-query.ts)', () => {
  it('reads every filter, the page, its size and order from the query string', () => {
    const query = parseCatalogQuery(
      '?tab=all&keyword=%20tent%20&brand_id=3&category_id=7&visible=false&availability=preorder&stock_min=2&stock_max=9&assigned=true&page=4&limit=50&sort=inventory_level&direction=desc',
    );
    expect(query).toEqual({
      keyword: 'tent',
      brandId: 3,
      categoryId: 7,
      visible: false,
      availability: 'preorder',
      stockMin: 2,
      stockMax: 9,
      assigned: true,
      page: 4,
      limit: 50,
      sort: 'inventory_level',
      direction: 'desc',
    });
  });

  it('leaves out what makes no sense, so the defaults apply', () => {
    expect(
      parseCatalogQuery(
        'keyword=&brand_id=0&category_id=x&visible=maybe&availability=soon&stock_min=-1&assigned=1&page=0&limit=33&sort=price&direction=up',
      ),
    ).toEqual(DEFAULT_QUERY);
    // A reversed stock range is dropped as a whole.
    expect(parseCatalogQuery('stock_min=9&stock_max=2')).toEqual(DEFAULT_QUERY);
    expect(parseCatalogQuery('')).toEqual({ page: 1, limit: 25, sort: 'name', direction: 'asc' });
  });

  it('writes the search back with the defaults left out, on the All products tab', () => {
    expect(catalogSearchString(DEFAULT_QUERY)).toBe('tab=all');
    const query = {
      ...DEFAULT_QUERY,
      keyword: 'red tent',
      assigned: false,
      page: 2,
      direction: 'desc' as const,
    };
    const written = catalogSearchString(query);
    expect(written).toBe('tab=all&keyword=red+tent&assigned=false&page=2&direction=desc');
    expect(parseCatalogQuery(written)).toEqual(query);
  });

  it('asks the API for the page, and turns the filters into an assignment’s filter', () => {
    const query = { ...DEFAULT_QUERY, brandId: 3, visible: true, stockMax: 0, assigned: false };
    expect(catalogApiQuery(query)).toEqual({
      brand_id: 3,
      visible: 'true',
      stock_max: 0,
      assigned: 'false',
      page: 1,
      limit: 25,
      sort: 'name',
      direction: 'asc',
    });
    expect(catalogFilterBody(query)).toEqual({ brand_id: 3, visible: true, stock_max: 0, assigned: false });
    expect(catalogFilterBody(DEFAULT_QUERY)).toEqual({});
  });

  it('changing a filter goes back to the first page; clearing keeps the page size and order', () => {
    const query = { ...DEFAULT_QUERY, keyword: 'tent', page: 3, limit: 50, sort: 'sku' as const };
    expect(withFilters(query, { brandId: 4 })).toEqual({ ...query, brandId: 4, page: 1 });
    expect(withFilters(query, { keyword: undefined })).toEqual({
      ...DEFAULT_QUERY,
      page: 1,
      limit: 50,
      sort: 'sku',
    });
    expect(hasFilters(query)).toBe(true);
    const cleared = clearedFilters(query);
    expect(cleared).toEqual({ page: 1, limit: 50, sort: 'sku', direction: 'asc' });
    expect(hasFilters(cleared)).toBe(false);
  });
});
