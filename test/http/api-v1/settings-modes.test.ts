import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../adapters/db/support/databases.js';
import { anAssignedItem } from '../../builders/assignment.builder.js';
import { NOW } from '../../builders/store.builder.js';
import { type ApiHarness, startApiHarness } from './support/api-harness.js';

/**
 * The inventory mode and BigCommerce's native backorders through /api/v1 (issue 11): read with the
 * settings, checked on demand, and the mode changed only while no item is assigned, `native` only
 * when detected on.
 */
describeEachDatabase('public API inventory modes', (db) => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApiHarness(db());
  });
  afterAll(async () => {
    await api?.close();
  });

  const aStoreInBigCommerce = async () => {
    const tenant = await api.aTenant();
    const shop = api.bigcommerce.store(tenant.store.storeHash);
    return { ...tenant, shop };
  };

  it('GET /settings says the mode and that native backorders were never checked', async () => {
    const { key } = await aStoreInBigCommerce();
    const read = await api.call('GET', '/api/v1/settings', { auth: key });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({
      inventory_mode: 'emulated',
      native_backorders: { enabled: null, checked_at: null, locations: null },
    });
  });

  it('POST /settings/native-backorders/check checks now and answers what it found; GET shows it after', async () => {
    const { key, shop } = await aStoreInBigCommerce();
    shop.nativeBackorders = true;
    shop.locations = 2;
    const checked = await api.call('POST', '/api/v1/settings/native-backorders/check', { auth: key });
    expect(checked.status).toBe(200);
    expect(checked.body).toEqual({ enabled: true, checked_at: NOW.toISOString(), locations: 2 });
    expect((await api.call('GET', '/api/v1/settings', { auth: key })).body.native_backorders).toEqual(
      checked.body,
    );
  });

  it('PATCH inventory_mode: `native` needs native backorders detected on; capped and back while nothing is assigned', async () => {
    const { key, shop } = await aStoreInBigCommerce();
    const patch = (inventory_mode: string) =>
      api.call('PATCH', '/api/v1/settings', { auth: key, body: { inventory_mode } });

    const unchecked = await patch('native');
    expect(unchecked.status).toBe(409);
    expect(unchecked.body.error.code).toBe('SETTINGS.NATIVE_BACKORDERS_OFF');

    await api.call('POST', '/api/v1/settings/native-backorders/check', { auth: key });
    expect((await patch('native')).body.error.code).toBe('SETTINGS.NATIVE_BACKORDERS_OFF');

    shop.nativeBackorders = true;
    await api.call('POST', '/api/v1/settings/native-backorders/check', { auth: key });
    const native = await patch('native');
    expect(native.status).toBe(200);
    expect(native.body).toMatchObject({ inventory_mode: 'native', native_backorders: { enabled: true } });

    expect((await patch('capped')).body.inventory_mode).toBe('capped');
    expect((await patch('emulated')).body.inventory_mode).toBe('emulated');
    expect((await patch('sideways')).status).toBe(400);
  });

  it('PATCH inventory_mode with assigned items is SETTINGS.MODE_MOVE_REQUIRED; the same mode again is no change', async () => {
    const { key, store } = await aStoreInBigCommerce();
    await anAssignedItem(db().repos, store.id, { stock: 3 });

    const moved = await api.call('PATCH', '/api/v1/settings', {
      auth: key,
      body: { inventory_mode: 'capped', switch_condition: 1 },
    });
    expect(moved.status).toBe(409);
    expect(moved.body.error.code).toBe('SETTINGS.MODE_MOVE_REQUIRED');
    // Nothing of the refused request was applied.
    expect((await api.call('GET', '/api/v1/settings', { auth: key })).body).toMatchObject({
      inventory_mode: 'emulated',
      switch_condition: 0,
    });

    const same = await api.call('PATCH', '/api/v1/settings', {
      auth: key,
      body: { inventory_mode: 'emulated' },
    });
    expect(same.status).toBe(200);
  });
});
