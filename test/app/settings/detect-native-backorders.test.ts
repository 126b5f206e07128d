import { describe, expect, it } from 'vitest';
import { installStore } from '../../../src/app/lifecycle/install-store.js';
import { openApp } from '../../../src/app/lifecycle/open-app.js';
import { detectNativeJob } from '../../../src/app/settings/detect-native.job.js';
import {
  detectNativeBackorders,
  INVENTORY_FEATURES_RECHECK_MS,
} from '../../../src/app/settings/detect-native-backorders.js';
import { processWebhook } from '../../../src/app/webhooks/process-webhook.js';
import { aCatalogProduct, anOrder } from '../../builders/catalog.builder.js';
import { orderCreated } from '../../builders/webhook.builder.js';
import { signedRequestsFor } from '../../fakes/signed-requests.js';
import { lifecycleOnFakes, NOW, OWNER } from '../lifecycle/support/lifecycle-on-fakes.js';
import { aStoreOnFakes, assigned, jobContext, receive, TEST_NOW } from '../support/store-on-fakes.js';

/**
 * Detecting BigCommerce's native backorders (issue 11): the check itself, and the four moments it runs —
 * at install, when the app is opened and the last check is stale, on demand (the API, tested in
 * test/http), and when an order line carries BigCommerce's quantity_backordered.
 */
const queued = (jobs: { sent: readonly { name: string; payload: unknown }[] }) =>
  jobs.sent.filter((job) => job.name === 'settings.detect-native').map((job) => job.payload);

describe('detectNativeBackorders', () => {
  it('records what the store says, with the time of the check', async () => {
    const world = await aStoreOnFakes();
    world.shop.nativeBackorders = true;
    world.shop.locations = 3;

    const result = await detectNativeBackorders(world.deps, { storeId: world.storeId });

    expect(result).toMatchObject({
      ok: true,
      store: { nativeBackorders: true, locations: 3, inventoryFeaturesCheckedAt: TEST_NOW },
    });
    expect(await world.repos.stores.getStore(world.storeId)).toMatchObject({
      nativeBackorders: true,
      locations: 3,
    });
    world.shop.nativeBackorders = false;
    await detectNativeBackorders(world.deps, { storeId: world.storeId });
    expect((await world.repos.stores.getStore(world.storeId))?.nativeBackorders).toBe(false);
  });

  it('an outage is thrown and records nothing; a store no longer connected is STORE.NOT_CONNECTED', async () => {
    const world = await aStoreOnFakes();
    world.shop.fail({ method: 'getInventoryFeatures' });
    await expect(detectNativeBackorders(world.deps, { storeId: world.storeId })).rejects.toThrow();
    expect((await world.repos.stores.getStore(world.storeId))?.inventoryFeaturesCheckedAt).toBeNull();

    await world.repos.stores.markUninstalled(world.storeId, TEST_NOW);
    expect(await detectNativeBackorders(world.deps, { storeId: world.storeId })).toMatchObject({
      ok: false,
      code: 'STORE.NOT_CONNECTED',
    });
  });

  it('the settings.detect-native job runs it for the store of its payload', async () => {
    const world = await aStoreOnFakes();
    world.shop.nativeBackorders = true;
    await detectNativeJob(world.deps).handler(
      { storeId: world.storeId },
      jobContext('settings.detect-native'),
    );
    expect((await world.repos.stores.getStore(world.storeId))?.nativeBackorders).toBe(true);
  });
});

describe('when the check runs', () => {
  it('at install: the store’s answer is recorded, and a failing check does not fail the install', async () => {
    const { deps, repos, aMerchantStore, cipher } = lifecycleOnFakes();
    const install = async (native: boolean, failing: boolean) => {
      const { hash, shop } = aMerchantStore();
      shop.nativeBackorders = native;
      if (failing) shop.fail({ method: 'getInventoryFeatures' });
      const store = await repos.stores.install({
        storeHash: hash,
        accessTokenEncrypted: cipher.seal('token', hash),
        scope: 's',
        now: NOW,
      });
      return { result: await installStore(deps, { storeId: store.id }), id: store.id };
    };

    const native = await install(true, false);
    expect(native.result).toMatchObject({ ok: true });
    expect(await repos.stores.getStore(native.id)).toMatchObject({
      nativeBackorders: true,
      locations: 1,
      inventoryFeaturesCheckedAt: NOW,
    });

    const failing = await install(true, true);
    expect(failing.result).toMatchObject({ ok: true });
    expect(await repos.stores.getStore(failing.id)).toMatchObject({
      nativeBackorders: null,
      inventoryFeaturesCheckedAt: null,
      webhookSecretHash: expect.any(String),
    });
  });

  it('opening the app queues the check when the last is over an hour old or never happened, once per store', async () => {
    const { deps, repos, clock, jobs, installedStore } = lifecycleOnFakes();
    const { hash, store } = await installedStore();
    let link = 0;
    const open = () => {
      link += 1;
      return openApp(
        {
          ...deps,
          signedRequests: signedRequestsFor({ [`l${link}`]: { storeHash: hash, user: OWNER, owner: OWNER } }),
        },
        { signedRequest: `l${link}` },
      );
    };

    // Checked at install, a moment ago.
    expect(await open()).toMatchObject({ ok: true });
    expect(queued(jobs)).toEqual([]);

    clock.advance(INVENTORY_FEATURES_RECHECK_MS);
    expect(await open()).toMatchObject({ ok: true });
    expect(await open()).toMatchObject({ ok: true });
    // One waiting job per store (its singleton key).
    expect(queued(jobs)).toEqual([{ storeId: store.id }]);

    expect(await repos.stores.getStore(store.id)).toMatchObject({ inventoryFeaturesCheckedAt: NOW });
  });

  it('an order line BigCommerce backordered queues the check, unless the store is known to be native', async () => {
    const world = await aStoreOnFakes();
    const product = world.shop.addProduct(aCatalogProduct());
    await assigned(world, product, 5);
    const plain = world.shop.addOrder(anOrder([{ bcProductId: product.id, quantity: 1 }]));
    const native = world.shop.addOrder(
      anOrder([{ bcProductId: product.id, quantity: 2, quantityBackordered: 0 }]),
    );

    const process = async (orderId: number) => {
      const inboxId = (await receive(world, orderCreated(orderId)))!;
      expect(await processWebhook(world.deps, { storeId: world.storeId, inboxId })).toBe('processed');
    };
    await process(plain.id);
    expect(queued(world.jobs)).toEqual([]);
    await process(native.id);
    expect(queued(world.jobs)).toEqual([{ storeId: world.storeId }]);

    await world.repos.stores.recordInventoryFeatures(
      world.storeId,
      { nativeBackorders: true, locations: 1 },
      TEST_NOW,
    );
    world.jobs.sent.length = 0;
    const another = world.shop.addOrder(
      anOrder([{ bcProductId: product.id, quantity: 1, quantityBackordered: 1 }]),
    );
    await process(another.id);
    expect(queued(world.jobs)).toEqual([]);
  });
});
