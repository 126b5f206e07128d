import { describe, expect, it } from 'vitest';
import { assignProducts } from '../../../src/app/assignment/assign-products.js';
import { deliverBackorderLimits } from '../../../src/app/outbox/deliver-backorder-limits.js';
import type { StoreId } from '../../../src/app/ports/store-id.js';
import { aCatalogProduct } from '../../builders/catalog.builder.js';
import { adminChange, aStoreOnFakes, type StoreOnFakes } from '../support/store-on-fakes.js';

/**
 * deliverBackorderLimits (native mode's `setBackorderLimit` messages) on fakes: the limit written is the
 * item's current one, and a write overtaken by a change made while it was on its way is corrected, each
 * correction checked in turn.
 */
async function aNativeItem() {
  const world = await aStoreOnFakes({ settings: { inventoryMode: 'native' } });
  const product = world.shop.addProduct(aCatalogProduct({ sku: 'LIMIT-1', stockLevel: 0 }));
  await assignProducts(world.deps, { storeId: world.storeId, productIds: [product.id] });
  const item = (await world.repos.items.findItemByBcIds(world.storeId, product.id, null))!;
  expect(item.nativeBackordered).not.toBeNull();
  await adminChange(world, item.id, { kind: 'edited', source: 'admin', threshold: 10 });
  await deliverBackorderLimits(world.deps, { storeId: world.storeId });
  return { world, item };
}

/** The limits written, in order, through a StoreInventory that runs `during(n)` as write n is on its way. */
function racing(world: StoreOnFakes, during: (write: number) => Promise<void>) {
  const inventory = world.deps.storeInventory;
  const limits: number[] = [];
  let n = 0;
  const port: typeof inventory = Object.assign(Object.create(inventory), {
    setBackorderSettings: async (
      storeId: StoreId,
      settings: Parameters<typeof inventory.setBackorderSettings>[1],
    ) => {
      await during(n++);
      limits.push(...settings.map((s) => s.limit));
      return inventory.setBackorderSettings(storeId, settings);
    },
  });
  return { port, limits };
}

describe('deliverBackorderLimits', () => {
  it('corrects a write overtaken while on its way, and checks the correction in turn', async () => {
    const { world, item } = await aNativeItem();
    await adminChange(world, item.id, { kind: 'edited', source: 'admin', threshold: 8 });
    const { port, limits } = racing(world, async (write) => {
      if (write === 0) await adminChange(world, item.id, { kind: 'edited', source: 'admin', threshold: 6 });
      if (write === 1) await adminChange(world, item.id, { kind: 'edited', source: 'admin', threshold: 4 });
    });

    await deliverBackorderLimits({ ...world.deps, storeInventory: port }, { storeId: world.storeId });

    expect(limits).toEqual([8, 6, 4]);
  });

  it('leaves to a retry what keeps changing while it is written', async () => {
    const { world, item } = await aNativeItem();
    await adminChange(world, item.id, { kind: 'edited', source: 'admin', threshold: 9 });
    const { port, limits } = racing(world, async (write) => {
      await adminChange(world, item.id, {
        kind: 'edited',
        source: 'admin',
        threshold: write % 2 === 0 ? 3 : 9,
      });
    });

    await deliverBackorderLimits({ ...world.deps, storeInventory: port }, { storeId: world.storeId });

    expect(limits).toHaveLength(6);
    const pending = (await world.repos.outbox.listPending(world.storeId, 100)).filter(
      (m) => m.kind === 'setBackorderLimit',
    );
    expect(pending.some((m) => m.lastError === 'changed again while being written')).toBe(true);
  });
});
