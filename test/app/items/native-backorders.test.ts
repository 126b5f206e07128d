import { describe, expect, it } from 'vitest';
import { nativeChangeAfter, nativeSettingsOf } from '../../../src/app/items/native-backorders.js';
import type { ItemRecord } from '../../../src/app/ports/item-repository.js';
import type { ItemRules } from '../../../src/app/ports/settings-repository.js';
import { asStoreId } from '../../../src/app/ports/store-id.js';
import type { Item } from '../../../src/core/item.js';
import { anItem } from '../../builders/item.builder.js';

/**
 * BigCommerce's native backorders as the app sets them (src/app/items/native-backorders.ts): S is the
 * safety stock; the limit counts from BigCommerce's quantity backordered plus T − B; a block makes it 0.
 */
const NATIVE: ItemRules = { switchCondition: 2, timeZone: 'America/Chicago', inventoryMode: 'native' };

function aRecord(item: Item, nativeBackordered: number | null): ItemRecord {
  return {
    ...item,
    id: 1,
    storeId: asStoreId(1),
    productId: 1,
    bcProductId: 10,
    bcVariantId: 11,
    sku: 'SKU',
    active: true,
    optionValues: null,
    cappedLevel: null,
    nativeBackordered,
    createdAt: new Date(0),
    updatedAt: new Date(0),
  };
}

const NONE = { soldBackordered: null, returnedBackordered: 0, reevaluated: false } as const;

describe('native backorder settings', () => {
  it('allow T − B more than BigCommerce has backordered, unlimited without T, nothing when blocked', () => {
    expect(nativeSettingsOf(anItem({ threshold: 3, backordered: 1 }), 2, 4)).toEqual({
      safetyStock: 2,
      unlimited: false,
      limit: 4 + 2,
    });
    expect(nativeSettingsOf(anItem({ threshold: null }), 0, 4)).toMatchObject({ unlimited: true });
    expect(nativeSettingsOf(anItem({ threshold: 3, block: 'manual' }), 2, 4)).toMatchObject({
      unlimited: false,
      limit: 0,
    });
  });
});

describe('a change in the native mode', () => {
  const before = aRecord(anItem({ stock: 1, threshold: 3, backordered: 1 }, 2), 1);

  it('a sale at BigCommerce’s checkout: its backordered units counted, nothing written, the limit unmoved', () => {
    const after = anItem({ stock: -1, threshold: 3, backordered: 3, block: 'threshold' }, 2);
    const change = nativeChangeAfter(NATIVE, before, after, {
      ...NONE,
      movementDelta: -2,
      bigCommerce: { changedBy: -2 },
      soldBackordered: 2,
    });
    // The threshold was reached: the limit goes to 0, urgently.
    expect(change).toEqual({ storeBackordered: 3, adjustment: null, settingsChanged: true, narrows: true });
  });

  it('a sale whose BigCommerce count differs from b (webhooks out of order) leaves the limit alone', () => {
    // BigCommerce backordered 1 of this order, the app (having processed fewer orders) counted b = 0.
    const after = anItem({ stock: 0, threshold: 3, backordered: 1 }, 2);
    const change = nativeChangeAfter(NATIVE, before, after, {
      ...NONE,
      movementDelta: -1,
      bigCommerce: { changedBy: -1 },
      soldBackordered: 1,
    });
    expect(change).toMatchObject({ storeBackordered: 2, adjustment: null, settingsChanged: false });
  });

  it('a give-back of 2 backordered units: they leave BigCommerce’s quantity backordered', () => {
    const after = anItem({ stock: 3, threshold: 3, backordered: 0 }, 2);
    const change = nativeChangeAfter(
      NATIVE,
      aRecord(anItem({ stock: 1, threshold: 3, backordered: 2 }, 2), 2),
      after,
      {
        ...NONE,
        movementDelta: 2,
        bigCommerce: { changedBy: 0 },
        returnedBackordered: 2,
      },
    );
    expect(change).toMatchObject({ storeBackordered: 0, adjustment: { delta: 0, backorderedDelta: -2 } });
  });

  it('an edit of the stock is written as units on hand; an ERP’s level is not written back', () => {
    const after = anItem({ stock: 10, threshold: 3 }, 2);
    expect(
      nativeChangeAfter(NATIVE, before, after, { ...NONE, movementDelta: 9, bigCommerce: { changedBy: 0 } }),
    ).toMatchObject({
      storeBackordered: 1,
      adjustment: { delta: 9, backorderedDelta: 0 },
      settingsChanged: true,
    });
    expect(
      nativeChangeAfter(NATIVE, before, after, { ...NONE, movementDelta: 9, bigCommerce: { setTo: 11 } }),
    ).toMatchObject({ adjustment: null });
  });

  it('a new S is written as every item’s safety stock; nothing in the other modes or before publishing', () => {
    expect(
      nativeChangeAfter(NATIVE, before, anItem({ stock: 1, threshold: 3, backordered: 1 }, 2), {
        ...NONE,
        movementDelta: 0,
        bigCommerce: { changedBy: 0 },
        reevaluated: true,
      }),
    ).toMatchObject({ adjustment: null, settingsChanged: true });
    const input = { ...NONE, movementDelta: 0, bigCommerce: { changedBy: 0 } };
    const same = anItem({ stock: 1, threshold: 3, backordered: 1 }, 2);
    expect(nativeChangeAfter({ ...NATIVE, inventoryMode: 'capped' }, before, same, input)).toBeNull();
    expect(nativeChangeAfter(NATIVE, aRecord(same, null), same, input)).toBeNull();
  });
});
