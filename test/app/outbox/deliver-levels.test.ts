import { describe, expect, it } from 'vitest';
import { applyItemEvent, type ItemChangeEvent } from '../../../src/app/items/apply-item-event.js';
import { deliverLevels } from '../../../src/app/outbox/deliver-levels.js';
import type { ItemRecord } from '../../../src/app/ports/item-repository.js';
import type { LevelEcho } from '../../../src/app/ports/level-echoes.js';
import { aCatalogProduct } from '../../builders/catalog.builder.js';
import type { InMemoryStoreInventory } from '../../fakes/bigcommerce/index.js';
import { aStoreOnFakes, assigned, type StoreOnFakes } from '../support/store-on-fakes.js';

/**
 * deliverLevels on fakes: the cap-at-checkout mode's level changes (`adjustLevel` messages of the item
 * pipeline) written to BigCommerce as relative adjustments — summed per item, decreases at least once,
 * increases at most once, a decrease below 0 as an absolute 0, every write remembered as an echo first.
 */
async function aCappedWorld(): Promise<StoreOnFakes> {
  return aStoreOnFakes({ settings: { inventoryMode: 'capped' } });
}

/** An assigned item whose BigCommerce level is its sellable units (stock + T, S = 0), as assignment leaves it. */
async function anItem(world: StoreOnFakes, stock: number, threshold: number) {
  const product = world.shop.addProduct(
    aCatalogProduct({ tracking: 'product', stockLevel: stock + threshold }),
  );
  const [item] = await assigned(world, product, stock, { threshold });
  return { item: item!, product, level: () => world.shop.product(product.id)!.stockLevel };
}

let keySeq = 0;
async function change(world: StoreOnFakes, item: ItemRecord, event: ItemChangeEvent): Promise<void> {
  keySeq += 1;
  const outcome = await applyItemEvent(world.repos, {
    storeId: world.storeId,
    itemId: item.id,
    idempotencyKey: `levels-test:${keySeq}`,
    cause: { type: 'api_request', ref: null },
    actor: 'api-key:test',
    now: world.clock.now(),
    event,
  });
  if (!outcome.applied) throw new Error(JSON.stringify(outcome));
}

const inventoryOf = (world: StoreOnFakes) => world.deps.storeInventory as InMemoryStoreInventory;
const pendingLevels = async (world: StoreOnFakes) =>
  (await world.repos.outbox.listPending(world.storeId)).filter((m) => m.kind === 'adjustLevel');
const isEcho = (world: StoreOnFakes, echo: LevelEcho) =>
  world.repos.levelEchoes.take(world.storeId, echo, new Date(0));

describe('deliverLevels', () => {
  it('adds up the changes of an item into one relative write, remembered as the app’s own', async () => {
    const world = await aCappedWorld();
    const a = await anItem(world, 3, 5); // level 8
    const b = await anItem(world, 10, 0); // level 10
    await change(world, a.item, { kind: 'edited', source: 'api', threshold: 9 }); // +4
    await change(world, a.item, { kind: 'edited', source: 'api', stock: 1 }); // −2
    await change(world, b.item, { kind: 'edited', source: 'api', stock: 7 }); // −3

    const result = await deliverLevels(world.deps, { storeId: world.storeId });

    expect(result).toEqual({ claimed: 3, written: 2, failed: 0 });
    expect(inventoryOf(world).written.map((w) => ('delta' in w ? w.delta : null))).toEqual([2, -3]);
    expect([a.level(), b.level()]).toEqual([10, 7]);
    expect(await pendingLevels(world)).toEqual([]);
    expect(await isEcho(world, { itemId: a.item.id, method: 'relative', value: 2 })).toBe(true);
    expect(await isEcho(world, { itemId: b.item.id, method: 'relative', value: -3 })).toBe(true);
    // Each echo is taken once.
    expect(await isEcho(world, { itemId: a.item.id, method: 'relative', value: 2 })).toBe(false);
  });

  it('writes nothing for changes that cancel out', async () => {
    const world = await aCappedWorld();
    const a = await anItem(world, 3, 5);
    await change(world, a.item, { kind: 'edited', source: 'api', threshold: 9 });
    await change(world, a.item, { kind: 'edited', source: 'api', threshold: 5 });

    expect(await deliverLevels(world.deps, { storeId: world.storeId })).toEqual({
      claimed: 2,
      written: 0,
      failed: 0,
    });
    expect(inventoryOf(world).written).toEqual([]);
    expect(await pendingLevels(world)).toEqual([]);
  });

  it('sets the level to 0 when BigCommerce holds less than the decrease (a sale not counted yet)', async () => {
    const world = await aCappedWorld();
    const a = await anItem(world, 3, 5); // level 8
    // Shoppers bought 7 at BigCommerce's checkout; the app has not counted them yet.
    world.shop.applyProductChange({ bcProductId: a.product.id, stockLevel: 1 });
    await change(world, a.item, { kind: 'edited', source: 'api', threshold: 2 }); // −3

    expect(await deliverLevels(world.deps, { storeId: world.storeId })).toMatchObject({
      written: 1,
      failed: 0,
    });
    expect(a.level()).toBe(0);
    expect(inventoryOf(world).written).toEqual([
      expect.objectContaining({ bcProductId: a.product.id, level: 0 }),
    ]);
    expect(await isEcho(world, { itemId: a.item.id, method: 'absolute', value: 0 })).toBe(true);
  });

  it('retries a change the store refuses, later each time, with a delivery queued for then', async () => {
    const world = await aCappedWorld();
    const a = await anItem(world, 3, 5);
    await change(world, a.item, { kind: 'edited', source: 'api', threshold: 2 });
    // Someone turned tracking off: BigCommerce refuses relative adjustments of the product.
    world.shop.applyProductChange({ bcProductId: a.product.id, tracking: 'none' });

    expect(await deliverLevels(world.deps, { storeId: world.storeId })).toMatchObject({
      written: 0,
      failed: 1,
    });
    const [first] = await pendingLevels(world);
    expect(first).toMatchObject({ attempts: 1, lastError: expect.stringContaining('UNPROCESSABLE') });
    const firstDelay = first!.availableAt.getTime() - world.clock.now().getTime();
    expect(firstDelay).toBeGreaterThan(0);
    expect(world.jobs.named('outbox.deliver').at(-1)?.options).toMatchObject({
      startAfter: first!.availableAt,
    });

    // Not due yet: nothing is claimed.
    expect(await deliverLevels(world.deps, { storeId: world.storeId })).toMatchObject({ claimed: 0 });
    world.clock.advance(firstDelay);
    await deliverLevels(world.deps, { storeId: world.storeId });
    const [second] = await pendingLevels(world);
    expect(second?.attempts).toBe(2);
    expect(second!.availableAt.getTime() - world.clock.now().getTime()).toBe(2 * firstDelay);

    // Tracked again: the next attempt lands.
    world.shop.applyProductChange({ bcProductId: a.product.id, tracking: 'product' });
    world.clock.advance(2 * firstDelay);
    expect(await deliverLevels(world.deps, { storeId: world.storeId })).toMatchObject({ written: 1 });
    expect(a.level()).toBe(5);
  });

  it('after an outage, sends decreases again and never increases (they may have landed)', async () => {
    const world = await aCappedWorld();
    const down = await anItem(world, 3, 5);
    const up = await anItem(world, 3, 5);
    await change(world, down.item, { kind: 'edited', source: 'api', threshold: 2 }); // −3
    await change(world, up.item, { kind: 'edited', source: 'api', threshold: 9 }); // +4
    world.shop.fail({ method: 'adjustLevels' });

    expect(await deliverLevels(world.deps, { storeId: world.storeId })).toMatchObject({ failed: 1 });

    const pending = await pendingLevels(world);
    expect(pending.map((m) => m.payload.itemId)).toEqual([down.item.id]);
    expect(world.errors.map((e) => e.context)).toEqual([`writing levels of store ${world.storeId}`]);
    world.clock.advance(60_000);
    await deliverLevels(world.deps, { storeId: world.storeId });
    expect([down.level(), up.level()]).toEqual([5, 8]);
    expect(await pendingLevels(world)).toEqual([]);
  });

  it('does not send again an increase claimed before and never settled; a decrease it does', async () => {
    const world = await aCappedWorld();
    const down = await anItem(world, 3, 5);
    const up = await anItem(world, 3, 5);
    await change(world, down.item, { kind: 'edited', source: 'api', threshold: 2 });
    await change(world, up.item, { kind: 'edited', source: 'api', threshold: 9 });
    // A delivery claimed both and died before recording anything; its lease runs out.
    const now = world.clock.now();
    const claimed = await world.repos.outbox.claim(world.storeId, {
      now,
      leaseUntil: new Date(now.getTime() + 60_000),
      limit: 10,
      kind: 'adjustLevel',
    });
    expect(claimed).toHaveLength(2);
    world.clock.advance(60_001);

    expect(await deliverLevels(world.deps, { storeId: world.storeId })).toMatchObject({
      claimed: 2,
      written: 1,
    });

    expect([down.level(), up.level()]).toEqual([5, 8]);
    expect(await pendingLevels(world)).toEqual([]);
    expect(world.errors.map((e) => String(e.error))).toEqual([
      expect.stringContaining(`level increase of item ${up.item.id} by 4 may not have landed`),
    ]);
  });

  it('delivers only decreases in the urgent lane', async () => {
    const world = await aCappedWorld();
    const down = await anItem(world, 3, 5);
    const up = await anItem(world, 3, 5);
    await change(world, down.item, { kind: 'edited', source: 'api', threshold: 2 });
    await change(world, up.item, { kind: 'edited', source: 'api', threshold: 9 });

    await deliverLevels(world.deps, { storeId: world.storeId, urgentOnly: true });

    expect([down.level(), up.level()]).toEqual([5, 8]);
    expect((await pendingLevels(world)).map((m) => m.payload.itemId)).toEqual([up.item.id]);
  });
});
