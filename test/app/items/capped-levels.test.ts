import { describe, expect, it } from 'vitest';
import { applyItemEvent, type ItemChangeEvent } from '../../../src/app/items/apply-item-event.js';
import { editItem } from '../../../src/app/items/edit-item.js';
import type { ItemRecord } from '../../../src/app/ports/item-repository.js';
import type { OutboxMessage } from '../../../src/app/ports/outbox.js';
import { runReevaluation } from '../../../src/app/settings/run-reevaluation.js';
import { updateSettings } from '../../../src/app/settings/update-settings.js';
import { UNLIMITED_ALLOWANCE } from '../../../src/core/sellable.js';
import { aCatalogProduct } from '../../builders/catalog.builder.js';
import { aStoreOnFakes, assigned, type StoreOnFakes } from '../support/store-on-fakes.js';

/**
 * The item pipeline in the cap-at-checkout mode (docs/product.md#modes, src/app/items/capped-level.ts):
 * every change moves the level BigCommerce should hold (the units still sellable) and writes the
 * difference from what BigCommerce holds as an `adjustLevel` outbox message — none for a sale, which
 * BigCommerce's checkout took itself; decreases are urgent.
 */
async function aCappedItem(
  options: { stock: number; threshold: number | null; switchCondition?: number },
  world?: StoreOnFakes,
): Promise<{ world: StoreOnFakes; item: ItemRecord }> {
  const w =
    world ??
    (await aStoreOnFakes({
      settings: { inventoryMode: 'capped', switchCondition: options.switchCondition ?? 0 },
    }));
  const product = w.shop.addProduct(aCatalogProduct({ tracking: 'product', stockLevel: options.stock }));
  const [item] = await assigned(w, product, options.stock, { threshold: options.threshold });
  return { world: w, item: item! };
}

let lineSeq = 0;
async function apply(
  world: StoreOnFakes,
  item: ItemRecord,
  event: ItemChangeEvent,
  extra: { orderLine?: number; now?: Date } = {},
) {
  lineSeq += 1;
  const outcome = await applyItemEvent(world.repos, {
    storeId: world.storeId,
    itemId: item.id,
    idempotencyKey: `test:${lineSeq}`,
    cause: { type: 'admin_action', ref: null },
    actor: 'system',
    now: extra.now ?? world.clock.now(),
    event,
    ...(extra.orderLine === undefined
      ? {}
      : { orderLine: { bcOrderId: extra.orderLine, bcOrderProductId: extra.orderLine } }),
  });
  if (!outcome.applied) throw new Error(JSON.stringify(outcome));
  return outcome.item;
}

/** The level adjustments waiting in the outbox, as [delta, urgent], oldest first. */
async function levelWrites(world: StoreOnFakes): Promise<[number, boolean][]> {
  const pending: OutboxMessage[] = await world.repos.outbox.listPending(world.storeId);
  return pending
    .filter((m) => m.kind === 'adjustLevel')
    .sort((a, b) => a.id - b.id)
    .map((m) => [m.payload.effect.kind === 'adjustLevel' ? m.payload.effect.delta : Number.NaN, m.urgent]);
}

describe('the item pipeline in cap at checkout', () => {
  it('starts at the units still sellable: stock above S plus T, or the unlimited allowance', async () => {
    const { item } = await aCappedItem({ stock: 7, threshold: 4, switchCondition: 2 });
    expect(item.cappedLevel).toBe(5 + 4);
    const { item: unlimited } = await aCappedItem({ stock: 7, threshold: null, switchCondition: 2 });
    expect(unlimited.cappedLevel).toBe(5 + UNLIMITED_ALLOWANCE);
  });

  it('writes nothing for a sale: BigCommerce took its units at checkout', async () => {
    const { world, item } = await aCappedItem({ stock: 3, threshold: 5 });
    const after = await apply(world, item, { kind: 'sold', quantity: 4 }, { orderLine: 1 });
    expect(after).toMatchObject({ stock: -1, backordered: 1, cappedLevel: 4 });
    expect(await levelWrites(world)).toEqual([]);
  });

  it('moves the level by an edit of T (up) and of the stock (down, urgent)', async () => {
    const { world, item } = await aCappedItem({ stock: 3, threshold: 5 });
    await apply(world, item, { kind: 'edited', source: 'api', threshold: 8 });
    await apply(world, item, { kind: 'edited', source: 'admin', stock: 1 });
    expect(await levelWrites(world)).toEqual([
      [3, false],
      [-2, true],
    ]);
  });

  it('asks for the delivery of a level an edit moved, though the status stays', async () => {
    const { world, item } = await aCappedItem({ stock: 3, threshold: 5 });
    const edited = await editItem(world.deps, {
      storeId: world.storeId,
      item: { itemId: item.id },
      source: 'api',
      actor: 'api-key:test',
      edit: { threshold: 2 },
    });
    expect(edited.ok && edited.item).toMatchObject({ status: 'in_stock', cappedLevel: 5 });
    expect(edited.ok && edited.decision?.effects).toEqual([]);
    expect(await levelWrites(world)).toEqual([[-3, true]]);
    // The checkout must stop selling past the new T now, not at the next sweep.
    expect(world.jobs.named('outbox.urgent')).toHaveLength(1);
  });

  it('takes the allowance away when the back-in-stock date blocks backorders (urgent)', async () => {
    const { world, item } = await aCappedItem({ stock: 0, threshold: 5 });
    await apply(world, item, { kind: 'edited', source: 'api', backInStockDate: '2026-03-11' });
    await apply(world, item, { kind: 'sold', quantity: 2 }, { orderLine: 2 });
    const blocked = await apply(
      world,
      item,
      { kind: 'dayStarted' },
      { now: new Date('2026-03-12T12:00:00Z') },
    );
    expect(blocked).toMatchObject({ block: 'date', status: 'unavailable', cappedLevel: 0 });
    // 5 − 2 = 3 were left to backorder.
    expect(await levelWrites(world)).toEqual([[-3, true]]);
  });

  it('gives the units of a give-back back to BigCommerce', async () => {
    const { world, item } = await aCappedItem({ stock: 0, threshold: 5 });
    const sold = await apply(world, item, { kind: 'sold', quantity: 3 }, { orderLine: 3 });
    expect(sold.cappedLevel).toBe(2);
    const back = await apply(
      world,
      item,
      { kind: 'returned', quantity: 3, backordered: 3, episode: sold.episode },
      { orderLine: 3 },
    );
    expect(back).toMatchObject({ stock: 0, backordered: 0, cappedLevel: 5 });
    expect(await levelWrites(world)).toEqual([[3, false]]);
  });

  it('does nothing to BigCommerce’s level in the emulated mode', async () => {
    const world = await aStoreOnFakes();
    const { item } = await aCappedItem({ stock: 3, threshold: 5 }, world);
    expect(item.cappedLevel).toBeNull();
    await apply(world, item, { kind: 'edited', source: 'api', stock: 10, threshold: 1 });
    expect(await levelWrites(world)).toEqual([]);
  });

  it('moves every level a new S changes, and only those', async () => {
    const world = await aStoreOnFakes({ settings: { inventoryMode: 'capped' } });
    const { item: above } = await aCappedItem({ stock: 10, threshold: 5 }, world); // 15
    const { item: below } = await aCappedItem({ stock: -2, threshold: 5 }, world); // B 0: 5
    expect([above.cappedLevel, below.cappedLevel]).toEqual([15, 5]);

    const result = await updateSettings(world.deps, {
      storeId: world.storeId,
      patch: { switchCondition: 4 },
      actor: 'admin:merchant@example.com',
    });

    if (!result.ok || result.reevaluation === null) throw new Error('no re-evaluation queued');
    // The queued job moves the levels, as the worker would run it.
    await runReevaluation(world.deps, { storeId: world.storeId, reevaluationId: result.reevaluation.id });
    expect((await world.repos.items.getItem(world.storeId, above.id))?.cappedLevel).toBe(6 + 5);
    expect((await world.repos.items.getItem(world.storeId, below.id))?.cappedLevel).toBe(5);
    expect(await levelWrites(world)).toEqual([[-4, true]]);
    expect(world.jobs.named('outbox.urgent').length).toBeGreaterThan(0);
  });
});
