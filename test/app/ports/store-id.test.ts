import { describe, expect, expectTypeOf, it } from 'vitest';
import type { ItemRepository } from '../../../src/app/ports/item-repository.js';
import { asStoreId, type StoreId } from '../../../src/app/ports/store-id.js';

describe('StoreId', () => {
  it('brands positive whole numbers and refuses anything else', () => {
    expect(asStoreId(7)).toBe(7);
    for (const bad of [0, -1, 1.5, Number.NaN, Number.MAX_SAFE_INTEGER + 1]) {
      expect(() => asStoreId(bad)).toThrow(RangeError);
    }
  });

  // Checked by the typecheck of `npm test` (tsc sees these; at run time they are no-ops).
  it('cannot be swapped with another id: a bare number is not a store id', () => {
    expectTypeOf<number>().not.toMatchTypeOf<StoreId>();
    expectTypeOf<ItemRepository['getItem']>().parameter(0).toEqualTypeOf<StoreId>();
    const swapped = (items: ItemRepository, storeId: StoreId, itemId: number) =>
      // @ts-expect-error the item id where the store id goes
      items.getItem(itemId, storeId);
    expectTypeOf(swapped).toBeFunction();
  });
});
