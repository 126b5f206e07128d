import { expect, test } from 'vitest';
import { type ApplyEventInput, applyItemEvent } from '../../../src/app/items/apply-item-event.js';
import { unassignProductItems } from '../../../src/app/items/unassign-product-items.js';
import type { ItemRecord } from '../../../src/app/ports/item-repository.js';
import { anAssignedItem } from '../../builders/assignment.builder.js';
import { aStore, NOW } from '../../builders/store.builder.js';
import { describeEachDatabase } from './support/databases.js';

const HOUR = 3_600_000;
const at = (hours: number) => new Date(NOW.getTime() + hours * HOUR);
let keySequence = 0;

/**
 * The orders report's episode reads (OrderReport: open backorders and ended episodes) on every storage
 * target, over history written by the real item pipeline.
 */
describeEachDatabase('OrderReport: open backorders and ended episodes', (db) => {
  async function apply(item: ItemRecord, event: ApplyEventInput['event'], now: Date) {
    keySequence += 1;
    const outcome = await applyItemEvent(db().repos, {
      storeId: item.storeId,
      itemId: item.id,
      event,
      idempotencyKey: `episodes-test:${keySequence}`,
      cause: { type: 'api_request', ref: `request-${keySequence}` },
      actor: 'api-key:abc',
      now,
      ...(event.kind === 'sold'
        ? { orderLine: { bcOrderId: 700_000 + keySequence, bcOrderProductId: 800_000 + keySequence } }
        : {}),
    });
    if (!outcome.applied) throw new Error(`refused: ${JSON.stringify(outcome)}`);
    return outcome.item;
  }
  const sold = (quantity: number) => ({ kind: 'sold', quantity }) as const;
  const stockSet = (stock: number) => ({ kind: 'edited', source: 'api', stock }) as const;

  test('open backorders: items in an episode owing units, most owed first, since their episode began', async () => {
    const { repos } = db();
    const store = await aStore(repos);
    const jacket = await anAssignedItem(repos, store.id, { stock: 1 });
    const boot = await anAssignedItem(repos, store.id, { stock: 0, threshold: 2 });
    const tent = await anAssignedItem(repos, store.id, { stock: 1 });
    const inStock = await anAssignedItem(repos, store.id, { stock: 5 });
    const owesNothing = await anAssignedItem(repos, store.id, { stock: 0 });
    const gone = await anAssignedItem(repos, store.id, { stock: 0 });
    await apply(jacket, sold(4), at(1)); // in stock → backorder at +1h: owes 3
    await apply(boot, sold(2), at(2)); // assigned out of stock at NOW; threshold reached: unavailable, owes 2
    await apply(tent, sold(4), at(3)); // owes 3, like the jacket: after it by id
    await apply(inStock, sold(1), at(3));
    await apply(gone, sold(1), at(3));
    const unassigned = await unassignProductItems(repos, {
      storeId: store.id,
      productId: gone.productId,
      idempotencyKey: `episodes-test:unassign:${gone.id}`,
      cause: { type: 'admin_action', ref: null },
      actor: 'admin:merchant@example.com',
      now: at(4),
    });
    expect(unassigned.applied).toBe(true);

    expect(await repos.orderReport.openBackorderTotals(store.id)).toEqual({ backorderedUnits: 8, items: 3 });
    const all = await repos.orderReport.listOpenBackorders(store.id);
    expect(all.map((o) => [o.itemId, o.backordered, o.status, o.since])).toEqual([
      [jacket.id, 3, 'backorder', at(1)],
      [tent.id, 3, 'backorder', at(3)],
      [boot.id, 2, 'unavailable', NOW],
    ]);
    const product = await repos.products.getProduct(store.id, jacket.productId);
    expect(all[0]).toEqual({
      itemId: jacket.id,
      sku: jacket.sku,
      bcProductId: jacket.bcProductId,
      bcVariantId: jacket.bcVariantId,
      productName: product!.name,
      optionValues: jacket.optionValues,
      status: 'backorder',
      backordered: 3,
      since: at(1),
    });
    expect(all.map((o) => o.itemId)).not.toContain(owesNothing.id);

    const first = await repos.orderReport.listOpenBackorders(store.id, { limit: 1 });
    expect(first).toEqual([all[0]]);
    expect(
      await repos.orderReport.listOpenBackorders(store.id, {
        after: { backordered: 3, itemId: jacket.id },
        limit: 5,
      }),
    ).toEqual(all.slice(1));
    expect(await repos.orderReport.listOpenBackorders(store.id, { itemId: boot.id })).toEqual([all[2]]);
    expect(await repos.orderReport.openBackorderTotals(store.id, { itemId: boot.id })).toEqual({
      backorderedUnits: 2,
      items: 1,
    });

    // Back in stock: the episode ends and the item owes nothing any more.
    await apply(jacket, stockSet(2), at(5));
    expect(await repos.orderReport.openBackorderTotals(store.id)).toEqual({ backorderedUnits: 5, items: 2 });

    const other = await aStore(repos);
    expect(await repos.orderReport.openBackorderTotals(other.id)).toEqual({ backorderedUnits: 0, items: 0 });
    expect(await repos.orderReport.listOpenBackorders(other.id)).toEqual([]);
  });

  test('ended episodes: from leaving stock to being back in stock, in a period, per item', async () => {
    const { repos } = db();
    const store = await aStore(repos);
    const rope = await anAssignedItem(repos, store.id, { stock: 1 });
    const lamp = await anAssignedItem(repos, store.id, { stock: 0 });
    const stove = await anAssignedItem(repos, store.id, { stock: 0 });

    await apply(rope, sold(2), at(1)); // episode 1 starts
    await apply(rope, { kind: 'disabled' }, at(10)); // backorder → unavailable: the same episode
    await apply(rope, stockSet(5), at(25)); // back in stock: episode 1 ended after 24 h
    await apply(rope, sold(6), at(49)); // episode 2 starts (unavailable: still disabled)
    await apply(rope, stockSet(3), at(85)); // ended after 36 h
    await apply(lamp, stockSet(2), at(12)); // assigned out of stock at NOW: ended after 12 h
    await apply(lamp, stockSet(-1), at(13)); // open: not ended
    // Unassigned during its episode: it never went back in stock, so it is no ended episode.
    const unassigned = await unassignProductItems(repos, {
      storeId: store.id,
      productId: stove.productId,
      idempotencyKey: `episodes-test:unassign:${stove.id}`,
      cause: { type: 'admin_action', ref: null },
      actor: 'admin:merchant@example.com',
      now: at(3),
    });
    expect(unassigned.applied).toBe(true);

    const all = await repos.orderReport.listEndedEpisodes(store.id);
    expect(all).toEqual([
      { itemId: lamp.id, startedAt: NOW, endedAt: at(12) },
      { itemId: rope.id, startedAt: at(1), endedAt: at(25) },
      { itemId: rope.id, startedAt: at(49), endedAt: at(85) },
    ]);
    // By when they ended: at or after `from`, before `to`.
    expect(await repos.orderReport.listEndedEpisodes(store.id, { from: at(12), to: at(85) })).toEqual([
      all[0],
      all[1],
    ]);
    expect(await repos.orderReport.listEndedEpisodes(store.id, { from: at(13) })).toEqual([all[1], all[2]]);
    expect(await repos.orderReport.listEndedEpisodes(store.id, { itemId: rope.id, to: at(30) })).toEqual([
      all[1],
    ]);
    expect(await repos.orderReport.listEndedEpisodes((await aStore(repos)).id)).toEqual([]);
  });
});
