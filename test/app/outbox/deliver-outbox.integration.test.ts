import { afterAll, beforeAll, expect, it } from 'vitest';
import { type BigCommerceClient, createStoreCatalog } from '../../../src/adapters/bigcommerce/index.js';
import { assignProducts } from '../../../src/app/assignment/assign-products.js';
import { applyItemEvent } from '../../../src/app/items/apply-item-event.js';
import { deliverOutbox } from '../../../src/app/outbox/deliver-outbox.js';
import { outboxDeliverJob } from '../../../src/app/outbox/outbox-deliver.job.js';
import type { StoreId } from '../../../src/app/ports/store-id.js';
import { StoreNotConnectedError } from '../../../src/app/ports/store-not-connected.js';
import type { ItemEvent } from '../../../src/core/events.js';
import { describeEachDatabase } from '../../adapters/db/support/databases.js';
import {
  aConnectedStore,
  type Harness,
  jobContext,
  type StoreContext,
  startHarness,
  withSizes,
} from '../assignment/support/assignment-harness.js';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness.close();
});

let keys = 0;

async function change(ctx: StoreContext, itemId: number, event: Exclude<ItemEvent, { kind: 'assigned' }>) {
  keys += 1;
  const outcome = await applyItemEvent(ctx.deps, {
    storeId: ctx.store.id,
    itemId,
    idempotencyKey: `test:${keys}`,
    cause: { type: 'admin_action', ref: null },
    actor: 'admin:a@b.c',
    now: ctx.clock.now(),
    event,
  });
  if (!outcome.applied) throw new Error(`change refused: ${JSON.stringify(outcome)}`);
}

/** A product with two variants out of stock (backorder, threshold 5), assigned, purchasability delivered. */
async function aBackorderedProduct(ctx: StoreContext) {
  keys += 1;
  const prefix = `TEE-${ctx.storeHash}-${keys}`;
  const bcId = ctx.createProduct(withSizes({ S: 0, M: 0 }, prefix));
  const result = await assignProducts(ctx.deps, { storeId: ctx.store.id, productIds: [bcId] });
  if (!result.ok || !result.results[0]!.ok) throw new Error(JSON.stringify(result));
  await deliverOutbox(ctx.deps, { storeId: ctx.store.id });
  const s = (await ctx.deps.items.findItemBySku(ctx.store.id, `${prefix}-S`))!;
  const m = (await ctx.deps.items.findItemBySku(ctx.store.id, `${prefix}-M`))!;
  ctx.writes.reset();
  return { bcId, s, m };
}

/** Counts BigCommerce's own record of writes: one `store/sku/updated` event per variant write. */
function watchVariantWrites(storeHash: string) {
  const events: number[] = [];
  const stop = harness.sandbox.state.events.subscribe((event) => {
    if (event.storeHash === storeHash && event.scope === 'store/sku/updated') {
      events.push((event.data as { sku: { variant_id: number } }).sku.variant_id);
    }
  });
  return { events, stop };
}

describeEachDatabase('deliverOutbox against the sandbox', (db) => {
  it('coalesces a burst: 10 changes to one product become one write of the latest state', async () => {
    const ctx = await aConnectedStore(db(), harness);
    const { bcId, s, m } = await aBackorderedProduct(ctx);
    for (const item of [s, m]) {
      for (const kind of ['disabled', 'enabled', 'disabled', 'enabled', 'disabled'] as const) {
        await change(ctx, item.id, { kind });
      }
    }
    const pending = await db().repos.outbox.listPending(ctx.store.id, 1000);
    expect(pending.filter((p) => p.kind === 'setPurchasable')).toHaveLength(10);
    const watch = watchVariantWrites(ctx.storeHash);

    const result = await deliverOutbox(ctx.deps, { storeId: ctx.store.id });
    watch.stop();

    expect(result).toMatchObject({ claimed: 10, delivered: 10, failed: 0, writes: 2 });
    expect(ctx.writes.requests()).toBe(1);
    expect(ctx.writes.variants).toEqual([
      [
        expect.objectContaining({ id: s.bcVariantId, purchasing_disabled: true }),
        expect.objectContaining({ id: m.bcVariantId, purchasing_disabled: true }),
      ],
    ]);
    // BigCommerce saw one write per variant, never the intermediate states.
    expect(watch.events.sort()).toEqual([s.bcVariantId, m.bcVariantId].sort());
    const product = await ctx.product(bcId);
    expect(product.variants!.map((v) => v.purchasing_disabled)).toEqual([true, true]);
    // The notifications of those changes are left for the notifications flush.
    const left = await db().repos.outbox.listPending(ctx.store.id, 1000);
    expect(left.length).toBeGreaterThan(0);
    expect(left.every((message) => message.kind === 'notify')).toBe(true);
  });

  it('writes the item’s current state, whatever order the changes were reported in', async () => {
    const ctx = await aConnectedStore(db(), harness);
    const { bcId, m } = await aBackorderedProduct(ctx);
    await change(ctx, m.id, { kind: 'disabled' });
    await change(ctx, m.id, { kind: 'edited', source: 'admin', stock: 20 });
    // Disabled, then in stock: the manual block stays, but an item in stock is purchasable.
    expect(await ctx.deps.items.getItem(ctx.store.id, m.id)).toMatchObject({
      status: 'in_stock',
      block: 'manual',
    });

    await deliverOutbox(ctx.deps, { storeId: ctx.store.id });

    expect(ctx.writes.variants.flat()).toEqual([
      expect.objectContaining({ id: m.bcVariantId, purchasing_disabled: false }),
    ]);
    const variant = (await ctx.product(bcId)).variants!.find((v) => v.id === m.bcVariantId)!;
    expect(variant.purchasing_disabled).toBe(false);
  });

  it('corrects a write overtaken by a change made while it was on its way', async () => {
    const ctx = await aConnectedStore(db(), harness);
    const { bcId, m } = await aBackorderedProduct(ctx);
    await change(ctx, m.id, { kind: 'disabled' });
    // While the (now stale) "disable" write is in flight, the merchant enables backorder again.
    let raced = false;
    const racing = async (): Promise<BigCommerceClient> =>
      new Proxy(ctx.client(), {
        get(target, property, receiver) {
          if (property === 'updateVariants') {
            return async (patches: Parameters<BigCommerceClient['updateVariants']>[0]) => {
              if (!raced) {
                raced = true;
                await change(ctx, m.id, { kind: 'enabled' });
              }
              return target.updateVariants(patches);
            };
          }
          return Reflect.get(target, property, receiver);
        },
      });

    await deliverOutbox({ ...ctx.deps, storeCatalog: createStoreCatalog(racing) }, { storeId: ctx.store.id });

    expect(ctx.writes.variants.flat().map((p) => p.purchasing_disabled)).toEqual([true, false]);
    const variant = (await ctx.product(bcId)).variants!.find((v) => v.id === m.bcVariantId)!;
    expect(variant.purchasing_disabled).toBe(false);
  });

  it('retries a write that failed (BigCommerce down) until it lands', async () => {
    const ctx = await aConnectedStore(db(), harness);
    const { bcId, m } = await aBackorderedProduct(ctx);
    await change(ctx, m.id, { kind: 'disabled' });
    harness.sandbox.faults.configure({ errorRate: 1, errorStatuses: [503] });
    try {
      await expect(
        outboxDeliverJob(ctx.deps).handler({ storeId: ctx.store.id }, jobContext('outbox.deliver')),
      ).rejects.toThrow();
    } finally {
      harness.sandbox.faults.configure({ errorRate: 0 });
    }
    const [failed] = (await db().repos.outbox.listPending(ctx.store.id)).filter(
      (p) => p.kind === 'setPurchasable',
    );
    expect(failed).toMatchObject({ attempts: 1, deliveredAt: null });
    expect(failed!.lastError).toContain('BIGCOMMERCE.SERVER_ERROR');
    expect(failed!.availableAt.getTime()).toBeGreaterThan(ctx.clock.now().getTime());
    // A delivery is queued for when the message is due again.
    const retry = ctx.jobs.named('outbox.deliver').at(-1);
    expect(retry?.options?.startAfter?.getTime()).toBe(failed!.availableAt.getTime());
    expect((await ctx.product(bcId)).variants!.find((v) => v.id === m.bcVariantId)!.purchasing_disabled).toBe(
      false,
    );

    // Before it is due, nothing is sent again.
    expect(await deliverOutbox(ctx.deps, { storeId: ctx.store.id })).toMatchObject({ claimed: 0 });

    // Down again at the retry: the backoff grows.
    ctx.clock.set(failed!.availableAt);
    harness.sandbox.faults.configure({ errorRate: 1, errorStatuses: [500] });
    try {
      await expect(deliverOutbox(ctx.deps, { storeId: ctx.store.id })).rejects.toThrow();
    } finally {
      harness.sandbox.faults.configure({ errorRate: 0 });
    }
    const [again] = (await db().repos.outbox.listPending(ctx.store.id)).filter(
      (p) => p.kind === 'setPurchasable',
    );
    expect(again!.attempts).toBe(2);
    const firstDelay = failed!.availableAt.getTime() - failed!.createdAt.getTime();
    expect(again!.availableAt.getTime() - ctx.clock.now().getTime()).toBeGreaterThan(firstDelay);

    // BigCommerce is back: the write lands.
    ctx.clock.set(again!.availableAt);
    expect(await deliverOutbox(ctx.deps, { storeId: ctx.store.id })).toMatchObject({
      claimed: 1,
      delivered: 1,
      failed: 0,
    });
    expect((await ctx.product(bcId)).variants!.find((v) => v.id === m.bcVariantId)!.purchasing_disabled).toBe(
      true,
    );
    expect(
      (await db().repos.outbox.listPending(ctx.store.id)).filter((p) => p.kind === 'setPurchasable'),
    ).toEqual([]);
  });

  it('keeps the writes of a store that uninstalled, without retrying them every few seconds', async () => {
    const ctx = await aConnectedStore(db(), harness);
    const { m } = await aBackorderedProduct(ctx);
    await change(ctx, m.id, { kind: 'disabled' });
    const jobsBefore = ctx.jobs.sent.length;
    const uninstalled = async (storeId: StoreId): Promise<BigCommerceClient> => {
      throw new StoreNotConnectedError(storeId);
    };

    const result = await deliverOutbox(
      { ...ctx.deps, storeCatalog: createStoreCatalog(uninstalled) },
      { storeId: ctx.store.id },
    );

    expect(result).toMatchObject({ claimed: 1, delivered: 0, failed: 1 });
    const [kept] = (await db().repos.outbox.listPending(ctx.store.id)).filter(
      (p) => p.kind === 'setPurchasable',
    );
    expect(kept!.lastError).toContain('STORE.NOT_CONNECTED');
    expect(kept!.availableAt.getTime() - ctx.clock.now().getTime()).toBe(24 * 60 * 60_000);
    expect(ctx.jobs.sent.length).toBe(jobsBefore);
  });

  it('finishes the writes of a product deleted in BigCommerce (nothing left to write) without holding up others', async () => {
    const ctx = await aConnectedStore(db(), harness);
    const gone = ctx.createProduct({ inventory_tracking: 'product', inventory_level: 0 });
    const kept = ctx.createProduct({ inventory_tracking: 'product', inventory_level: 0 });
    await assignProducts(ctx.deps, { storeId: ctx.store.id, productIds: [gone, kept] });
    await deliverOutbox(ctx.deps, { storeId: ctx.store.id });
    harness.sandbox.state.products.deleteProducts(ctx.storeHash, [gone]);
    for (const bcId of [gone, kept]) {
      const item = await ctx.deps.items.findItemByBcIds(ctx.store.id, bcId, null);
      await change(ctx, item!.id, { kind: 'disabled' });
    }

    const result = await deliverOutbox(ctx.deps, { storeId: ctx.store.id });

    expect(result).toMatchObject({ claimed: 2, delivered: 2, failed: 0 });
    expect((await ctx.product(kept)).availability).toBe('disabled');
    expect(
      (await db().repos.outbox.listPending(ctx.store.id)).filter((p) => p.kind === 'setPurchasable'),
    ).toEqual([]);
  });
});
