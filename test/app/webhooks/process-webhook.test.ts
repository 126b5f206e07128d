import { describe, expect, it } from 'vitest';
import { processWebhookJob } from '../../../src/app/webhooks/process-webhook.job.js';
import { processWebhook } from '../../../src/app/webhooks/process-webhook.js';
import { aCatalogProduct, anOrder } from '../../builders/catalog.builder.js';
import { aStore } from '../../builders/store.builder.js';
import { aDelivery, appUninstalled, orderCreated } from '../../builders/webhook.builder.js';
import { aStoreOnFakes, assigned, jobContext, receive, TEST_NOW } from '../support/store-on-fakes.js';

/**
 * processWebhook (job `webhook.process`): what becomes of an inbox entry whatever its event. The events'
 * own handlers: order-webhooks.test.ts and product-webhooks.test.ts.
 */
describe('processWebhook', () => {
  it('settles, without any work, entries of unknown scopes, app uninstalls, and entries processed before', async () => {
    const world = await aStoreOnFakes();
    const process = (inboxId: number) => processWebhook(world.deps, { storeId: world.storeId, inboxId });

    const updated = (await receive(world, aDelivery('store/order/updated', { type: 'order', id: 7 })))!;
    expect(await process(updated)).toBe('ignored');
    expect(await world.repos.inbox.get(world.storeId, updated)).toMatchObject({ processedAt: TEST_NOW });

    const uninstalled = (await receive(world, appUninstalled()))!;
    expect(await process(uninstalled)).toBe('processed');
    expect(await process(uninstalled)).toBe('already_processed');
    expect(world.shop.calls).toEqual([]);
    expect(world.jobs.sent).toEqual([]);
  });

  it('does not let another store have an entry processed by guessing its id', async () => {
    const world = await aStoreOnFakes();
    const stranger = await aStore(world.repos);
    const inboxId = (await receive(world, orderCreated(7)))!;
    expect(await processWebhook(world.deps, { storeId: stranger.id, inboxId })).toBe('not_found');
    expect(await world.repos.inbox.get(stranger.id, inboxId)).toBeNull();
    expect(await world.repos.inbox.get(world.storeId, inboxId)).toMatchObject({ processedAt: null });
  });

  it('settles the entries of a store uninstalled, or no longer reachable, without changing anything', async () => {
    const world = await aStoreOnFakes();
    const product = world.shop.addProduct(aCatalogProduct());
    const [item] = await assigned(world, product, 5);
    const first = world.shop.addOrder(anOrder([{ bcProductId: product.id, quantity: 1 }]));
    const second = world.shop.addOrder(anOrder([{ bcProductId: product.id, quantity: 1 }]));
    const disconnected = (await receive(world, orderCreated(first.id)))!;
    const uninstalled = (await receive(world, orderCreated(second.id)))!;

    // BigCommerce no longer answers for the store (its token is gone).
    world.shop.disconnect();
    expect(await processWebhook(world.deps, { storeId: world.storeId, inboxId: disconnected })).toBe(
      'store_not_connected',
    );
    // The app's store is uninstalled: nothing is asked of BigCommerce.
    await world.repos.stores.markUninstalled(world.storeId, TEST_NOW);
    const calls = world.shop.calls.length;
    expect(await processWebhook(world.deps, { storeId: world.storeId, inboxId: uninstalled })).toBe(
      'store_not_connected',
    );

    expect(world.shop.calls).toHaveLength(calls);
    for (const inboxId of [disconnected, uninstalled]) {
      expect(await world.repos.inbox.get(world.storeId, inboxId)).toMatchObject({ processedAt: TEST_NOW });
    }
    expect(await world.repos.items.getItem(world.storeId, item!.id)).toMatchObject({ stock: 5 });
  });

  it('refuses a payload without what its scope needs with a code, records it and changes nothing', async () => {
    const world = await aStoreOnFakes();
    const inboxId = (await receive(
      world,
      aDelivery('store/order/statusUpdated', { type: 'order', id: 12 }),
    ))!;

    await expect(processWebhook(world.deps, { storeId: world.storeId, inboxId })).rejects.toMatchObject({
      code: 'WEBHOOK.INVALID_PAYLOAD',
    });

    expect(await world.repos.inbox.get(world.storeId, inboxId)).toMatchObject({
      processedAt: null,
      lastError: expect.stringContaining('WEBHOOK.INVALID_PAYLOAD'),
    });
    expect(world.shop.calls).toEqual([]);
  });

  it('runs as the webhook.process job, whose payload is checked', async () => {
    const world = await aStoreOnFakes();
    const inboxId = (await receive(world, appUninstalled()))!;
    const { handler } = processWebhookJob(world.deps);

    await handler({ storeId: world.storeId, inboxId }, jobContext('webhook.process'));

    expect(await world.repos.inbox.get(world.storeId, inboxId)).toMatchObject({ processedAt: TEST_NOW });
    await expect(handler({ storeId: 'x' }, jobContext('webhook.process'))).rejects.toMatchObject({
      code: 'JOB.INVALID_PAYLOAD',
      message: expect.stringContaining('webhook.process'),
    });
  });
});
