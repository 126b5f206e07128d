import { describe, expect, it } from 'vitest';
import { EXPORT_PRODUCTS_PAGE, exportItems } from '../../../src/app/exports/export-items.js';
import { assignProductItems } from '../../../src/app/items/assign-product-items.js';
import type {
  AssignedProducts,
  AssignedProductsByNameQuery,
} from '../../../src/app/ports/assigned-products.js';
import type { SheetCell } from '../../../src/app/ports/sheet.js';
import { asStoreId } from '../../../src/app/ports/store-id.js';
import { anAssignment } from '../../builders/assignment.builder.js';
import { aStore } from '../../builders/store.builder.js';
import { fixedClock } from '../../fakes/clock.js';
import { createInMemoryRepositories } from '../../fakes/in-memory/index.js';

describe('exportItems', () => {
  /** A store with `count` one-item products `Product 000`…, and the port recording what it was asked. */
  async function setup(count: number) {
    const repos = createInMemoryRepositories();
    const store = await aStore(repos, { timezone: 'America/Chicago' });
    for (let n = 0; n < count; n += 1) {
      const assignment = anAssignment(store.id, { items: [{ bcVariantId: null, stock: n }] });
      const name = `Product ${String(n).padStart(3, '0')}`;
      await assignProductItems(repos, { ...assignment, product: { ...assignment.product, name } });
    }
    const asked: AssignedProductsByNameQuery[] = [];
    const assignedProducts: AssignedProducts = {
      ...repos.assignedProducts,
      listAssignedProductsByName: (storeId, query) => {
        asked.push(query);
        return repos.assignedProducts.listAssignedProductsByName(storeId, query);
      },
    };
    // 03:00 UTC on 10 March is still the 9th in Chicago.
    const clock = fixedClock(new Date('2025-03-10T03:00:00Z'));
    return { deps: { assignedProducts, stores: repos.stores, clock }, store, asked };
  }

  it('reads the items a page of products at a time, as the rows are read, and names the file for the store’s day', async () => {
    const { deps, store, asked } = await setup(EXPORT_PRODUCTS_PAGE + 3);
    const exported = await exportItems(deps, { storeId: store.id });
    if (!exported.ok) throw new Error(exported.code);
    expect(exported.baseName).toBe('backorder-items-2025-03-09');
    expect(asked).toEqual([]);

    const rows: (readonly SheetCell[])[] = [];
    for await (const row of exported.sheet.rows) {
      rows.push(row);
      // The second page is read only once the first one's rows are all taken.
      expect(asked).toHaveLength(rows.length <= EXPORT_PRODUCTS_PAGE ? 1 : 2);
    }
    expect(rows).toHaveLength(EXPORT_PRODUCTS_PAGE + 3);
    expect(rows[0]).toEqual(['Product 000', null, expect.any(String), 0, null, 0, null]);
    expect(rows.at(-1)![0]).toBe(`Product ${EXPORT_PRODUCTS_PAGE + 2}`);
    expect(asked[1]).toMatchObject({ limit: EXPORT_PRODUCTS_PAGE, after: { id: expect.any(Number) } });
    expect(exported.sheet.columns.map((c) => c.header)).toEqual([
      'Product',
      'Variant',
      'SKU',
      'Stock',
      'Threshold',
      'Incoming stock',
      'Back-in-stock date',
    ]);
  });

  it('refuses a store it does not know', async () => {
    const { deps } = await setup(0);
    expect(await exportItems(deps, { storeId: asStoreId(987_654) })).toMatchObject({
      ok: false,
      code: 'STORE.NOT_FOUND',
    });
  });
});
