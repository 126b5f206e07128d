import { describe, expect, it } from 'vitest';
import { bookkeepingOf, modeTargetOf } from '../../../src/app/modes/mode-move-targets.js';
import type { ItemRecord } from '../../../src/app/ports/item-repository.js';
import { asStoreId } from '../../../src/app/ports/store-id.js';
import type { Item } from '../../../src/core/item.js';
import { anItem } from '../../builders/item.builder.js';

function aRecord(item: Item): ItemRecord {
  return {
    ...item,
    id: 1,
    storeId: asStoreId(1),
    productId: 1,
    bcProductId: 10,
    bcVariantId: null,
    sku: 'SKU',
    active: true,
    optionValues: null,
    cappedLevel: null,
    nativeBackordered: null,
    createdAt: new Date(0),
    updatedAt: new Date(0),
  };
}

describe('what BigCommerce holds for an item once moved', () => {
  it('cap at checkout: the units still sellable', () => {
    const target = modeTargetOf(aRecord(anItem({ stock: 6, threshold: 3 })), 'capped', 2);
    expect(target).toEqual({ mode: 'capped', level: 4 + 3 });
    expect(bookkeepingOf(target)).toEqual({ cappedLevel: 7, nativeBackordered: null });
  });

  it('native: on hand − backordered = stock, backordered = B, more when the stock owes more than B', () => {
    expect(modeTargetOf(aRecord(anItem({ stock: 1, threshold: 3, backordered: 1 }, 2)), 'native', 2)).toEqual(
      {
        mode: 'native',
        onHand: 2,
        backordered: 1,
        settings: { safetyStock: 2, unlimited: false, limit: 3 },
      },
    );
    // Assigned already owing 5 with B = 2: on hand cannot go below 0.
    expect(
      modeTargetOf(aRecord(anItem({ stock: -5, threshold: 4, backordered: 2 })), 'native', 0),
    ).toMatchObject({
      onHand: 0,
      backordered: 5,
      settings: { limit: 5 + 2 },
    });
  });

  it('emulated: nothing counted in BigCommerce, no bookkeeping', () => {
    const target = modeTargetOf(aRecord(anItem({ stock: 3 })), 'emulated', 0);
    expect(target).toEqual({ mode: 'emulated' });
    expect(bookkeepingOf(target)).toEqual({ cappedLevel: null, nativeBackordered: null });
  });
});
