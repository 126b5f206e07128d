import { expect, it } from 'vitest';
import { StoreNotConnectedError } from '../../../src/app/ports/store-not-connected.js';
import type { StorefrontScript, WebhookSubscription } from '../../../src/app/ports/store-setup.js';
import { describeEachStore } from './support/store-targets.js';

/**
 * StoreSetup's contract: what installing and uninstalling rely on, held on the real adapter over the
 * sandbox and on the in-memory fake alike (test/adapters/bigcommerce/support/store-targets.ts).
 */
const hook = (overrides: Partial<WebhookSubscription> = {}): WebhookSubscription => ({
  scope: 'store/order/created',
  destination: 'https://app.example.com/webhooks/bigcommerce',
  active: true,
  headers: { 'X-Backorder-Secret': 'secret-1' },
  ...overrides,
});

const script = (overrides: Partial<StorefrontScript> = {}): StorefrontScript => ({
  name: 'Backorder storefront',
  description: 'Backorder buttons and messages.',
  src: 'https://app.example.com/storefront/backorder.js?store=abc',
  loading: 'defer',
  location: 'footer',
  pages: 'storefront',
  removedOnUninstall: true,
  consentCategory: 'essential',
  enabled: true,
  ...overrides,
});

describeEachStore('StoreSetup', (target) => {
  it('reads the time zone and the name the store’s profile gives', async () => {
    const shop = await target().aStore({ timeZone: 'Australia/Sydney', name: 'Bondi <Surf> & Co' });
    expect(await target().setup.getProfile(shop.storeId)).toEqual({
      timeZone: 'Australia/Sydney',
      name: 'Bondi <Surf> & Co',
    });
  });

  it('lists the webhooks created as created; a change of activity or headers reads back', async () => {
    const shop = await target().aStore();
    const { setup } = target();
    expect(await setup.listWebhooks(shop.storeId)).toEqual([]);
    await setup.createWebhook(shop.storeId, hook());
    await setup.createWebhook(shop.storeId, hook({ scope: 'store/product/updated', active: false }));

    const [created, inactive] = await setup.listWebhooks(shop.storeId);
    expect(created).toEqual({ id: expect.any(Number), ...hook() });
    expect(inactive).toEqual({
      id: expect.any(Number),
      ...hook({ scope: 'store/product/updated', active: false }),
    });

    await setup.updateWebhook(shop.storeId, inactive!.id, { active: true });
    await setup.updateWebhook(shop.storeId, created!.id, { headers: { 'X-Backorder-Secret': 'secret-2' } });
    expect(await setup.listWebhooks(shop.storeId)).toEqual([
      { ...created, headers: { 'X-Backorder-Secret': 'secret-2' } },
      { ...inactive, active: true },
    ]);
  });

  it('refuses a second webhook of the same scope and destination, and a change to one that is gone', async () => {
    const shop = await target().aStore();
    const { setup } = target();
    await setup.createWebhook(shop.storeId, hook());
    await expect(
      setup.createWebhook(shop.storeId, hook({ headers: { 'X-Backorder-Secret': 'other' } })),
    ).rejects.toMatchObject({ code: 'BIGCOMMERCE.UNPROCESSABLE' });
    // Another destination is another webhook.
    await setup.createWebhook(shop.storeId, hook({ destination: 'https://old.example.com/webhooks' }));
    expect(await setup.listWebhooks(shop.storeId)).toHaveLength(2);

    await expect(setup.updateWebhook(shop.storeId, 987_654_321, { active: false })).rejects.toMatchObject({
      code: 'BIGCOMMERCE.NOT_FOUND',
    });
  });

  it('deletes a webhook; deleting one already gone counts as deleted', async () => {
    const shop = await target().aStore();
    const { setup } = target();
    await setup.createWebhook(shop.storeId, hook());
    await setup.createWebhook(shop.storeId, hook({ scope: 'store/product/deleted' }));
    const [first, second] = await setup.listWebhooks(shop.storeId);
    await setup.deleteWebhook(shop.storeId, first!.id);
    await setup.deleteWebhook(shop.storeId, first!.id);
    expect(await setup.listWebhooks(shop.storeId)).toEqual([second]);
  });

  it('lists a script created as written, updates it in place, deletes it (again: fine)', async () => {
    const shop = await target().aStore();
    const { setup } = target();
    await setup.createScript(shop.storeId, script());
    const [created] = await setup.listScripts(shop.storeId);
    expect(created).toEqual({ id: expect.any(String), inline: false, ...script() });

    const changed = script({ src: 'https://new.example.com/storefront/backorder.js', location: 'head' });
    await setup.updateScript(shop.storeId, created!.id, changed);
    expect(await setup.listScripts(shop.storeId)).toEqual([{ id: created!.id, inline: false, ...changed }]);

    await setup.deleteScript(shop.storeId, created!.id);
    await setup.deleteScript(shop.storeId, created!.id);
    expect(await setup.listScripts(shop.storeId)).toEqual([]);
    await expect(setup.updateScript(shop.storeId, created!.id, changed)).rejects.toMatchObject({
      code: 'BIGCOMMERCE.NOT_FOUND',
    });
  });

  it('a revoked token is refused as BIGCOMMERCE.UNAUTHORIZED; a store not connected throws StoreNotConnectedError', async () => {
    const shop = await target().aStore();
    const { setup } = target();
    await setup.createWebhook(shop.storeId, hook());
    await shop.revokeToken();
    await expect(setup.listWebhooks(shop.storeId)).rejects.toMatchObject({
      code: 'BIGCOMMERCE.UNAUTHORIZED',
    });

    const other = await target().aStore();
    await other.disconnect();
    await expect(setup.getProfile(other.storeId)).rejects.toBeInstanceOf(StoreNotConnectedError);
  });

  it('an outage throws', async () => {
    const shop = await target().aStore();
    await shop.duringOutage(async () => {
      await expect(target().setup.createWebhook(shop.storeId, hook())).rejects.toMatchObject({
        code: 'BIGCOMMERCE.SERVER_ERROR',
      });
    });
  });
});
