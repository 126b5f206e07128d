import { describe, expect, it } from 'vitest';
import { createStoreSetup } from '../../../src/adapters/bigcommerce/index.js';
import { storefrontScriptFor } from '../../../src/app/lifecycle/install-store.js';
import { asStoreId } from '../../../src/app/ports/store-id.js';
import { aHook, aScript, aStore } from './support/builders.js';
import { ok, type RecordedRequest, type Reply, v3Page } from './support/fake-bigcommerce.js';
import { clientOn, STORE_HASH } from './support/harness.js';

/** StoreSetup over the BigCommerce client: profile, webhooks and scripts in the app's terms. */
const STORE_ID = asStoreId(7);
const V3 = `/stores/${STORE_HASH}/v3`;

async function setupOn(handler: (req: RecordedRequest, index: number) => Reply | Promise<Reply>) {
  const { client, server } = await clientOn(handler, { maxRetries: 0 });
  const asked: number[] = [];
  const setup = createStoreSetup(async (storeId) => {
    asked.push(storeId);
    return client;
  });
  return { setup, server, asked };
}

describe('StoreSetup over BigCommerce', () => {
  it('reads the store’s name and time zone (null when it names none)', async () => {
    const { setup, server, asked } = await setupOn((_, i) =>
      ok(
        i === 0
          ? aStore({ name: 'Trail Outfitters', timezone: { ...aStore().timezone, name: 'Europe/Madrid' } })
          : { ...aStore({ name: 'Trail Outfitters' }), timezone: undefined },
      ),
    );
    expect(await setup.getProfile(STORE_ID)).toEqual({ name: 'Trail Outfitters', timeZone: 'Europe/Madrid' });
    expect(await setup.getProfile(STORE_ID)).toEqual({ name: 'Trail Outfitters', timeZone: null });
    expect(server.requests[0]).toMatchObject({ method: 'GET', path: `/stores/${STORE_HASH}/v2/store` });
    expect(asked).toEqual([STORE_ID, STORE_ID]);
  });

  it('lists, creates, updates and deletes webhooks', async () => {
    const { setup, server } = await setupOn((req) => {
      if (req.method === 'GET') {
        return v3Page(
          [
            aHook({
              id: 1,
              scope: 'store/order/created',
              is_active: false,
              headers: { 'X-Backorder-Secret': 's' },
            }),
            aHook({ id: 2, scope: 'store/product/updated', headers: null }),
          ],
          1,
          1,
        );
      }
      return req.method === 'DELETE'
        ? { status: 404, body: { status: 404, title: 'Not Found' } }
        : ok({ data: aHook(), meta: {} });
    });

    expect(await setup.listWebhooks(STORE_ID)).toEqual([
      {
        id: 1,
        scope: 'store/order/created',
        destination: 'https://app.example/webhooks',
        active: false,
        headers: { 'X-Backorder-Secret': 's' },
      },
      {
        id: 2,
        scope: 'store/product/updated',
        destination: 'https://app.example/webhooks',
        active: true,
        headers: null,
      },
    ]);
    await setup.createWebhook(STORE_ID, {
      scope: 'store/order/created',
      destination: 'https://app.example/webhooks/bigcommerce',
      active: true,
      headers: { 'X-Backorder-Secret': 'new' },
    });
    await setup.updateWebhook(STORE_ID, 1, { active: true, headers: { 'X-Backorder-Secret': 'new' } });
    // Gone already (404) counts as deleted.
    await setup.deleteWebhook(STORE_ID, 2);

    expect(server.requests.slice(1).map((r) => [r.method, r.path, r.body])).toEqual([
      [
        'POST',
        `${V3}/hooks`,
        {
          scope: 'store/order/created',
          destination: 'https://app.example/webhooks/bigcommerce',
          is_active: true,
          headers: { 'X-Backorder-Secret': 'new' },
        },
      ],
      ['PUT', `${V3}/hooks/1`, { is_active: true, headers: { 'X-Backorder-Secret': 'new' } }],
      ['DELETE', `${V3}/hooks/2`, undefined],
    ]);
  });

  it('lists scripts in the app’s terms, inline ones included', async () => {
    const { setup } = await setupOn(() =>
      v3Page(
        [
          aScript({ uuid: 'a1', load_method: 'defer', consent_category: 'essential' }),
          aScript({
            uuid: 'b2',
            name: 'Inline',
            kind: 'script_tag',
            src: undefined,
            html: '<script></script>',
          }),
        ],
        1,
        1,
      ),
    );
    expect(await setup.listScripts(STORE_ID)).toEqual([
      {
        id: 'a1',
        name: 'Backorder storefront',
        description: '',
        src: 'https://app.example/storefront.js',
        inline: false,
        loading: 'defer',
        location: 'footer',
        pages: 'storefront',
        removedOnUninstall: true,
        consentCategory: 'essential',
        enabled: true,
      },
      expect.objectContaining({ id: 'b2', src: null, inline: true, consentCategory: null }),
    ]);
  });

  it('creates, updates and deletes the storefront script in BigCommerce’s terms', async () => {
    const { setup, server } = await setupOn((req) =>
      req.method === 'DELETE' ? { status: 204 } : ok({ data: aScript(), meta: {} }),
    );
    const script = storefrontScriptFor('https://app.example', STORE_HASH);
    await setup.createScript(STORE_ID, script);
    await setup.updateScript(STORE_ID, 'a1', script);
    await setup.deleteScript(STORE_ID, 'b2');

    const wire = {
      name: 'Backorder storefront',
      description: 'Backorder buttons and messages on product and cart pages.',
      kind: 'src',
      src: `https://app.example/storefront/backorder.js?store=${STORE_HASH}`,
      load_method: 'defer',
      location: 'footer',
      visibility: 'storefront',
      auto_uninstall: true,
      consent_category: 'essential',
      enabled: true,
    };
    expect(server.requests.map((r) => [r.method, r.path, r.body])).toEqual([
      ['POST', `${V3}/content/scripts`, wire],
      ['PUT', `${V3}/content/scripts/a1`, wire],
      ['DELETE', `${V3}/content/scripts/b2`, undefined],
    ]);
  });
  describe('the store’s inventory features', () => {
    const location = (id: number, enabled = true) => ({
      id,
      code: `L${id}`,
      label: `Location ${id}`,
      enabled,
    });
    /** The settings read answers `settings`, the locations list `locations` (one page). */
    const storeAnswering = (settings: Reply, locations: Reply = v3Page([location(1)], 1, 1)) =>
      setupOn((req) => (req.path === `${V3}/settings/inventory` ? settings : locations));

    it('native backorders are on when the inventory settings carry the beta’s fields; enabled locations are counted', async () => {
      const { setup, server } = await storeAnswering(
        ok({
          data: { show_backorder_availability_prompt: false, backorder_availability_prompt: '' },
          meta: {},
        }),
        v3Page([location(1), location(2), location(3, false)], 1, 1),
      );
      expect(await setup.getInventoryFeatures(STORE_ID)).toEqual({ nativeBackorders: true, locations: 2 });
      expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
        `GET ${V3}/settings/inventory`,
        `GET ${V3}/inventory/locations`,
      ]);
    });

    it('they are off when the settings carry no such field (the published settings only)', async () => {
      const { setup } = await storeAnswering(ok({ data: { stock_level_display: 'dont_show' }, meta: {} }));
      expect(await setup.getInventoryFeatures(STORE_ID)).toEqual({ nativeBackorders: false, locations: 1 });
    });

    it('a store refusing its settings (403) or without them (404) reads as off; a refused locations list as null', async () => {
      for (const status of [403, 404]) {
        const { setup } = await storeAnswering(
          { status, body: { status, title: 'No' } },
          { status, body: { status, title: 'No' } },
        );
        expect(await setup.getInventoryFeatures(STORE_ID)).toEqual({
          nativeBackorders: false,
          locations: null,
        });
      }
    });

    it('an outage is thrown, not read as off', async () => {
      const { setup } = await storeAnswering({ status: 500, body: { status: 500, title: 'Down' } });
      await expect(setup.getInventoryFeatures(STORE_ID)).rejects.toMatchObject({
        code: 'BIGCOMMERCE.SERVER_ERROR',
      });
    });
  });
});
