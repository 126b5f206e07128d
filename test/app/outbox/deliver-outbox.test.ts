import { describe, expect, it } from 'vitest';
import { assignProducts } from '../../../src/app/assignment/assign-products.js';
import { deliverOutbox } from '../../../src/app/outbox/deliver-outbox.js';
import { outboxDeliverJob } from '../../../src/app/outbox/outbox-deliver.job.js';
import type { StoreId } from '../../../src/app/ports/store-id.js';
import { aCatalogProduct, aSizedProduct } from '../../builders/catalog.builder.js';
import type { StoreWrite } from '../../fakes/bigcommerce/in-memory-store.js';
import {
  adminChange,
  aStoreOnFakes,
  assigned,
  jobContext,
  type StoreOnFakes,
} from '../support/store-on-fakes.js';

/**
 * deliverOutbox (job `outbox.deliver`) on fakes: purchasability written to BigCommerce from the items'
 * current state, coalesced, refusals and outages retried. Against the sandbox and the databases:
 * deliver-outbox.integration.test.ts.
 */
let keys = 0;

/** A product with two variants out of stock (backorder), assigned, its purchasability delivered. */
async function aBackorderedProduct(world: StoreOnFakes) {
  keys += 1;
  const product = world.shop.addProduct(aSizedProduct({ S: 0, M: 0 }, { sku: `TEE-${keys}` }));
  await assignProducts(world.deps, { storeId: world.storeId, productIds: [product.id] });
  await deliverOutbox(world.deps, { storeId: world.storeId });
  const [s, m] = await Promise.all(
    product.variants.map(
      async (v) => (await world.repos.items.findItemByBcIds(world.storeId, product.id, v.id))!,
    ),
  );
  world.shop.writes.length = 0;
  world.jobs.clear();
  return { product, s: s!, m: m! };
}

const pendingWrites = async (world: StoreOnFakes) =>
  (await world.repos.outbox.listPending(world.storeId, 1000)).filter((p) => p.kind === 'setPurchasable');

const purchasable = (world: StoreOnFakes, bcProductId: number, bcVariantId: number | null) =>
  world.shop.product(bcProductId)?.variants.find((v) => v.id === bcVariantId)?.purchasable;

describe('deliverOutbox', () => {
  it('coalesces a burst: 10 changes to one product become one write of the latest state', async () => {
    const world = await aStoreOnFakes();
    const { product, s, m } = await aBackorderedProduct(world);
    for (const item of [s, m]) {
      for (const kind of ['disabled', 'enabled', 'disabled', 'enabled', 'disabled'] as const) {
        await adminChange(world, item.id, { kind });
      }
    }
    expect(await pendingWrites(world)).toHaveLength(10);

    const result = await deliverOutbox(world.deps, { storeId: world.storeId });

    expect(result).toMatchObject({ claimed: 10, delivered: 10, failed: 0, writes: 2, more: false });
    expect(world.shop.writes).toEqual([
      {
        method: 'updateVariants',
        changes: [
          {
            bcProductId: product.id,
            bcVariantId: s.bcVariantId,
            purchasable: false,
            unavailableMessage: 'Currently unavailable',
          },
          {
            bcProductId: product.id,
            bcVariantId: m.bcVariantId,
            purchasable: false,
            unavailableMessage: 'Currently unavailable',
          },
        ],
      },
    ]);
    expect(world.shop.product(product.id)?.variants.map((v) => v.purchasable)).toEqual([false, false]);
    // The notifications of those changes are left for the notifications flush.
    const left = await world.repos.outbox.listPending(world.storeId, 1000);
    expect(left.length).toBeGreaterThan(0);
    expect(left.every((message) => message.kind === 'notify')).toBe(true);
  });

  it('writes the item’s current state, whatever order the changes were reported in', async () => {
    const world = await aStoreOnFakes();
    const { product, m } = await aBackorderedProduct(world);
    await adminChange(world, m.id, { kind: 'disabled' });
    await adminChange(world, m.id, { kind: 'edited', source: 'admin', stock: 20 });
    // Disabled, then in stock: the manual block stays, but an item in stock is purchasable.
    expect(await world.repos.items.getItem(world.storeId, m.id)).toMatchObject({
      status: 'in_stock',
      block: 'manual',
    });

    await deliverOutbox(world.deps, { storeId: world.storeId });

    expect(world.shop.variantChanges()).toEqual([
      { bcProductId: product.id, bcVariantId: m.bcVariantId, purchasable: true, unavailableMessage: '' },
    ]);
    expect(purchasable(world, product.id, m.bcVariantId)).toBe(true);
  });

  it('corrects a write overtaken by a change made while it was on its way', async () => {
    const world = await aStoreOnFakes();
    const { product, m } = await aBackorderedProduct(world);
    await adminChange(world, m.id, { kind: 'disabled' });
    // While the (now stale) "disable" write is on its way, the merchant enables backorder again.
    const catalog = world.deps.storeCatalog;
    let raced = false;
    const racing: typeof catalog = Object.assign(Object.create(catalog), {
      updateVariants: async (storeId: StoreId, changes: Parameters<typeof catalog.updateVariants>[1]) => {
        if (!raced) {
          raced = true;
          await adminChange(world, m.id, { kind: 'enabled' });
        }
        return catalog.updateVariants(storeId, changes);
      },
    });

    await deliverOutbox({ ...world.deps, storeCatalog: racing }, { storeId: world.storeId });

    expect(world.shop.variantChanges().map((c) => c.purchasable)).toEqual([false, true]);
    expect(purchasable(world, product.id, m.bcVariantId)).toBe(true);
  });

  it('checks each correction in turn: a change made while the correction was on its way is written too', async () => {
    const world = await aStoreOnFakes();
    const { product, m } = await aBackorderedProduct(world);
    await adminChange(world, m.id, { kind: 'disabled' });
    // A storm: the state moves while the first write and again while its correction are on their way.
    const catalog = world.deps.storeCatalog;
    const moves = [{ kind: 'enabled' }, { kind: 'disabled' }] as const;
    let writes = 0;
    const racing: typeof catalog = Object.assign(Object.create(catalog), {
      updateVariants: async (storeId: StoreId, changes: Parameters<typeof catalog.updateVariants>[1]) => {
        const move = moves[writes++];
        if (move !== undefined) await adminChange(world, m.id, move);
        return catalog.updateVariants(storeId, changes);
      },
    });

    await deliverOutbox({ ...world.deps, storeCatalog: racing }, { storeId: world.storeId });

    expect(world.shop.variantChanges().map((c) => c.purchasable)).toEqual([false, true, false]);
    expect(purchasable(world, product.id, m.bcVariantId)).toBe(false);
  });

  it('leaves to a retry what keeps changing while it is written, instead of chasing it', async () => {
    const world = await aStoreOnFakes();
    const { m } = await aBackorderedProduct(world);
    await adminChange(world, m.id, { kind: 'disabled' });
    const catalog = world.deps.storeCatalog;
    let next: 'enabled' | 'disabled' = 'enabled';
    const racing: typeof catalog = Object.assign(Object.create(catalog), {
      updateVariants: async (storeId: StoreId, changes: Parameters<typeof catalog.updateVariants>[1]) => {
        await adminChange(world, m.id, { kind: next });
        next = next === 'enabled' ? 'disabled' : 'enabled';
        return catalog.updateVariants(storeId, changes);
      },
    });

    const result = await deliverOutbox({ ...world.deps, storeCatalog: racing }, { storeId: world.storeId });

    // The first write and five corrections, then the message waits for its retry.
    expect(world.shop.variantChanges()).toHaveLength(6);
    expect(result.failed).toBeGreaterThan(0);
    const pending = await pendingWrites(world);
    expect(pending.some((p) => p.lastError === 'changed again while being written')).toBe(true);
  });

  it('retries a write that failed (BigCommerce down) with a growing backoff until it lands', async () => {
    const world = await aStoreOnFakes();
    const { product, m } = await aBackorderedProduct(world);
    await adminChange(world, m.id, { kind: 'disabled' });

    world.shop.goDown();
    await expect(
      outboxDeliverJob(world.deps).handler({ storeId: world.storeId }, jobContext('outbox.deliver')),
    ).rejects.toMatchObject({ code: 'BIGCOMMERCE.SERVER_ERROR' });
    world.shop.recover();
    const [failed] = await pendingWrites(world);
    expect(failed).toMatchObject({ attempts: 1, deliveredAt: null });
    expect(failed!.lastError).toContain('BIGCOMMERCE.SERVER_ERROR');
    expect(failed!.availableAt.getTime()).toBe(world.clock.now().getTime() + 1_000);
    // A delivery is queued for when the message is due again.
    expect(world.jobs.named('outbox.deliver').at(-1)?.options?.startAfter).toEqual(failed!.availableAt);
    expect(purchasable(world, product.id, m.bcVariantId)).toBe(true);

    // Before it is due, nothing is sent again.
    expect(await deliverOutbox(world.deps, { storeId: world.storeId })).toMatchObject({ claimed: 0 });

    // Down again at the retry: the backoff doubles.
    world.clock.set(failed!.availableAt);
    world.shop.goDown();
    await expect(deliverOutbox(world.deps, { storeId: world.storeId })).rejects.toThrow();
    world.shop.recover();
    const [again] = await pendingWrites(world);
    expect(again).toMatchObject({ attempts: 2 });
    expect(again!.availableAt.getTime() - world.clock.now().getTime()).toBe(2_000);

    // BigCommerce is back: the write lands.
    world.clock.set(again!.availableAt);
    expect(await deliverOutbox(world.deps, { storeId: world.storeId })).toMatchObject({
      claimed: 1,
      delivered: 1,
      failed: 0,
    });
    expect(purchasable(world, product.id, m.bcVariantId)).toBe(false);
    expect(await pendingWrites(world)).toEqual([]);
  });

  it('retries a write BigCommerce refused after a backoff, and writes the others meanwhile', async () => {
    const world = await aStoreOnFakes();
    const { product, s, m } = await aBackorderedProduct(world);
    await adminChange(world, s.id, { kind: 'disabled' });
    await adminChange(world, m.id, { kind: 'disabled' });
    world.shop.refuseWrites({ variant: m.bcVariantId! }, 'The variant is locked');

    const first = await deliverOutbox(world.deps, { storeId: world.storeId });

    expect(first).toMatchObject({ claimed: 2, delivered: 1, failed: 1 });
    expect(purchasable(world, product.id, s.bcVariantId)).toBe(false);
    const [refused] = await pendingWrites(world);
    expect(refused).toMatchObject({ attempts: 1, payload: { itemId: m.id } });
    expect(refused!.lastError).toBe('BIGCOMMERCE.UNPROCESSABLE (422): The variant is locked');
    expect(world.jobs.named('outbox.deliver').at(-1)?.options?.startAfter).toEqual(refused!.availableAt);

    world.shop.acceptWrites({ variant: m.bcVariantId! });
    world.clock.set(refused!.availableAt);
    expect(await deliverOutbox(world.deps, { storeId: world.storeId })).toMatchObject({
      delivered: 1,
      failed: 0,
    });
    expect(purchasable(world, product.id, m.bcVariantId)).toBe(false);
  });

  it('keeps the writes of a store that uninstalled, without retrying them every few seconds', async () => {
    const world = await aStoreOnFakes();
    const { m } = await aBackorderedProduct(world);
    await adminChange(world, m.id, { kind: 'disabled' });
    const jobsBefore = world.jobs.sent.length;
    world.shop.disconnect();

    const result = await deliverOutbox(world.deps, { storeId: world.storeId });

    expect(result).toMatchObject({ claimed: 1, delivered: 0, failed: 1 });
    const [kept] = await pendingWrites(world);
    expect(kept!.lastError).toContain('STORE.NOT_CONNECTED');
    expect(kept!.availableAt.getTime() - world.clock.now().getTime()).toBe(24 * 60 * 60_000);
    expect(world.jobs.sent.length).toBe(jobsBefore);
  });

  it('finishes the writes of a product deleted in BigCommerce (nothing left to write) without holding up others', async () => {
    const world = await aStoreOnFakes();
    const gone = world.shop.addProduct(aCatalogProduct({ tracking: 'product' }));
    const kept = world.shop.addProduct(aCatalogProduct({ tracking: 'product' }));
    await assignProducts(world.deps, { storeId: world.storeId, productIds: [gone.id, kept.id] });
    await deliverOutbox(world.deps, { storeId: world.storeId });
    world.shop.deleteProduct(gone.id);
    for (const bcId of [gone.id, kept.id]) {
      const item = await world.repos.items.findItemByBcIds(world.storeId, bcId, null);
      await adminChange(world, item!.id, { kind: 'disabled' });
    }

    const result = await deliverOutbox(world.deps, { storeId: world.storeId });

    expect(result).toMatchObject({ claimed: 2, delivered: 2, failed: 0 });
    expect(world.shop.product(kept.id)?.availability).toBe('disabled');
    expect(await pendingWrites(world)).toEqual([]);
  });

  it('hands over to a fresh job after its rounds, the messages left for it', async () => {
    const world = await aStoreOnFakes();
    const products = Array.from({ length: 3 }, () =>
      world.shop.addProduct(aCatalogProduct({ tracking: 'product', stockLevel: 0 })),
    );
    await assignProducts(world.deps, { storeId: world.storeId, productIds: products.map((p) => p.id) });
    // Assignment wrote purchasability itself; three changes since leave three writes for the outbox.
    for (const product of products) {
      const item = await world.repos.items.findItemByBcIds(world.storeId, product.id, null);
      await adminChange(world, item!.id, { kind: 'disabled' });
    }
    world.jobs.clear();
    const deps = { ...world.deps, deliveryOptions: { claimLimit: 1, maxRounds: 2 } };

    expect(await deliverOutbox(deps, { storeId: world.storeId })).toMatchObject({ claimed: 2, more: true });
    expect(world.jobs.named('outbox.deliver')).toHaveLength(1);
    expect(await deliverOutbox(deps, { storeId: world.storeId })).toMatchObject({ claimed: 1, more: false });
    expect(await pendingWrites(world)).toEqual([]);
  });

  describe('urgent writes: disabling purchase goes out ahead of everything else (issue 9.1)', () => {
    /**
     * A store with a backlog of `size` pending writes (products just assigned, not yet written) and,
     * after them, one item whose change disables purchase.
     */
    async function aBacklogThenADisable(world: StoreOnFakes, size: number) {
      const { product, m } = await aBackorderedProduct(world);
      for (let i = 0; i < size; i++) {
        await assigned(world, world.shop.addProduct(aCatalogProduct()), 5);
      }
      await adminChange(world, m.id, { kind: 'disabled' });
      world.shop.writes.length = 0;
      return { product, m };
    }

    const disables = (bcVariantId: number | null) => (w: StoreWrite) =>
      w.method === 'updateVariants' && w.changes.some((c) => c.bcVariantId === bcVariantId);

    it('is claimed ahead of an older backlog and sent in a request of its own, before the rest', async () => {
      const world = await aStoreOnFakes();
      const { product, m } = await aBacklogThenADisable(world, 30);
      const deps = { ...world.deps, deliveryOptions: { claimLimit: 20 } };

      await deliverOutbox(deps, { storeId: world.storeId });

      const first = world.shop.writes[0]!;
      expect(first.method).toBe('updateVariants');
      expect(first).toMatchObject({
        changes: [{ bcProductId: product.id, bcVariantId: m.bcVariantId, purchasable: false }],
      });
      expect(world.shop.writes.findIndex(disables(m.bcVariantId))).toBe(0);
      expect(await pendingWrites(world)).toEqual([]);
    });

    it('the urgent lane (outbox.urgent) writes only urgent messages, at once, leaving the backlog to outbox.deliver', async () => {
      const world = await aStoreOnFakes();
      const { product, m } = await aBacklogThenADisable(world, 30);

      const result = await outboxUrgentRun(world);

      expect(result).toMatchObject({ claimed: 1, delivered: 1, writes: 1 });
      expect(world.shop.writes).toHaveLength(1);
      expect(purchasable(world, product.id, m.bcVariantId)).toBe(false);
      expect(await pendingWrites(world)).toHaveLength(30);
      expect((await pendingWrites(world)).some((w) => w.urgent)).toBe(false);
    });

    it('is not held behind a long delivery of the store that is still running', async () => {
      const world = await aStoreOnFakes();
      const { product, m } = await aBackorderedProduct(world);
      for (let i = 0; i < 25; i++) await assigned(world, world.shop.addProduct(aCatalogProduct()), 5);
      // The backlog's delivery hangs in its first request to BigCommerce (a slow store, a long batch).
      const catalog = world.deps.storeCatalog;
      let release!: () => void;
      const hanging = new Promise<void>((resolve) => {
        release = resolve;
      });
      let startedBacklog!: () => void;
      const backlogStarted = new Promise<void>((resolve) => {
        startedBacklog = resolve;
      });
      const slow: typeof catalog = Object.assign(Object.create(catalog), {
        updateProducts: async (storeId: StoreId, changes: Parameters<typeof catalog.updateProducts>[1]) => {
          startedBacklog();
          await hanging;
          return catalog.updateProducts(storeId, changes);
        },
      });
      const backlog = deliverOutbox({ ...world.deps, storeCatalog: slow }, { storeId: world.storeId });
      await backlogStarted;

      await adminChange(world, m.id, { kind: 'disabled' });
      await outboxUrgentRun(world);

      expect(purchasable(world, product.id, m.bcVariantId)).toBe(false);
      expect(world.shop.writes.filter((w) => w.method === 'updateProducts')).toEqual([]);
      release();
      await backlog;
      expect(await pendingWrites(world)).toEqual([]);
    });

    it('a refused urgent write is retried in the urgent lane', async () => {
      const world = await aStoreOnFakes();
      const { m } = await aBackorderedProduct(world);
      await adminChange(world, m.id, { kind: 'disabled' });
      world.shop.refuseWrites({ variant: m.bcVariantId! }, 'The variant is locked');

      expect(await outboxUrgentRun(world)).toMatchObject({ claimed: 1, failed: 1 });

      const [refused] = await pendingWrites(world);
      expect(world.jobs.named('outbox.urgent').at(-1)?.options).toEqual({
        singletonKey: `outbox.urgent.retry:${world.storeId}`,
        startAfter: refused!.availableAt,
      });
      expect(world.jobs.named('outbox.deliver')).toEqual([]);
    });

    it('enabling writes are not urgent', async () => {
      const world = await aStoreOnFakes();
      const { m } = await aBackorderedProduct(world);
      await adminChange(world, m.id, { kind: 'disabled' });
      await deliverOutbox(world.deps, { storeId: world.storeId });
      await adminChange(world, m.id, { kind: 'enabled' });

      expect(await outboxUrgentRun(world)).toMatchObject({ claimed: 0, writes: 0 });
      expect((await pendingWrites(world)).map((w) => w.urgent)).toEqual([false]);
    });
  });
});

/** One run of the urgent lane, as the `outbox.urgent` job runs it. */
function outboxUrgentRun(world: StoreOnFakes) {
  return deliverOutbox(world.deps, { storeId: world.storeId, urgentOnly: true });
}
