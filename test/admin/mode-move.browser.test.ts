import type { Frame } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import {
  type AdminSession,
  checkAccessibility,
  describeBrowser,
  startAdmin,
} from './support/admin-browser.js';
import { SLEEPING_BAG } from './support/backordered-order.js';

/**
 * Settings › Stock at checkout with a product assigned: choosing another mode is a move (issue 11) —
 * previewed item by item with what BigCommerce will hold, confirmed, followed to its end — checked
 * against what the API and the sandbox's catalog then hold.
 */
vi.setConfig({ testTimeout: 60_000 });

describeBrowser('the admin app: moving assigned products to another inventory mode', () => {
  let admin: AdminSession;
  let frame: Frame;
  /** The sleeping bag's items by variant: Regular (stock 6) and Long (stock 0), both with threshold 4. */
  let skus: { regular: string; long: string };

  beforeAll(async () => {
    admin = await startAdmin();
    const { e2e } = admin;
    expect((await e2e.api('PATCH', '/settings', { switch_condition: 0 })).status).toBe(200);
    expect((await e2e.api('POST', '/assignments', { product_ids: [SLEEPING_BAG.productId] })).status).toBe(
      200,
    );
    const items = (await e2e.api('GET', `/items?product_id=${SLEEPING_BAG.productId}`)).body.data as {
      sku: string;
    }[];
    expect(items).toHaveLength(2);
    const long = items.find((i) => i.sku === SLEEPING_BAG.long)!.sku;
    const regular = items.find((i) => i.sku !== SLEEPING_BAG.long)!.sku;
    skus = { regular, long };
    expect((await e2e.api('PATCH', `/items/${regular}`, { stock: 6, threshold: 4 })).status).toBe(200);
    expect((await e2e.api('PATCH', `/items/${long}`, { stock: 0, threshold: 4 })).status).toBe(200);

    frame = await admin.openApp();
    await frame.getByRole('link', { name: 'Settings' }).click();
    await frame.locator('[data-panel="stock-at-checkout"]').waitFor();
  }, 90_000);
  afterAll(async () => {
    await admin?.close();
  });

  const stock = () => frame.locator('[data-panel="stock-at-checkout"]');
  const settingsOverApi = async () => (await admin.e2e.api('GET', '/settings')).body;

  describe('from "Backorder disables purchase" to cap at checkout', () => {
    test('choosing cap at checkout shows the move of 1 product, with what BigCommerce will hold per item', async () => {
      const panel = stock();
      expect(await panel.locator('[data-mode="current"]').textContent()).toBe(
        'Now: Backorder disables purchase.',
      );
      await panel.getByText('Cap at checkout', { exact: true }).click();
      const preview = panel.locator('[data-part="mode-move-preview"]');
      await preview.getByRole('heading', { name: 'What moving to “Cap at checkout” changes' }).waitFor();
      await preview.getByText('1 product is assigned to Backorder', { exact: false }).waitFor();
      // No direct save: the mode changes by the move only.
      expect(await panel.getByRole('button', { name: 'Save stock at checkout' }).count()).toBe(0);

      // Stock above S (0) plus the backorders still allowed (T − B = 4): 6 + 4 and 0 + 4.
      const row = (sku: string) => preview.getByRole('row').filter({ hasText: sku });
      await row(skus.regular)
        .getByText('Inventory tracking on, stock level 10 (the units still sellable).')
        .waitFor();
      await row(skus.long)
        .getByText('Inventory tracking on, stock level 4 (the units still sellable).')
        .waitFor();
      expect(await preview.getByRole('button', { name: 'Load more' }).count()).toBe(0);
      await checkAccessibility(frame);
    });

    test('the confirm step says what happens; Cancel starts nothing', async () => {
      await stock().getByRole('button', { name: 'Move 1 product' }).click();
      const dialog = frame.getByRole('dialog', { name: 'Move to “Cap at checkout”?' });
      await dialog.getByText('closed to shoppers for a moment', { exact: false }).waitFor();
      await dialog.getByText('do not change', { exact: false }).waitFor();
      await checkAccessibility(frame);
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await dialog.waitFor({ state: 'detached' });
      expect((await admin.e2e.api('GET', '/settings/inventory-mode/moves/latest')).status).toBe(404);
      expect((await settingsOverApi()).inventory_mode).toBe('emulated');
    });

    test('confirmed, the move runs to its end: the new mode shown, BigCommerce holding the sellable units', async () => {
      const panel = stock();
      await panel.getByRole('button', { name: 'Move 1 product' }).click();
      await frame.getByRole('dialog').getByRole('button', { name: 'Move 1 product' }).click();

      const move = panel.locator('[data-part="mode-move"]');
      await move.getByRole('heading', { name: 'Moved to “Cap at checkout”' }).waitFor();
      expect(await move.locator('[data-move-summary]').textContent()).toBe(
        'Done: 1 product moved. The store runs in “Cap at checkout”.',
      );
      expect(await move.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('100');
      await panel.locator('[data-mode="current"]').getByText('Now: Cap at checkout.').waitFor();
      // The move is over: the modes can be chosen again, the preview is gone.
      expect(await panel.getByRole('radio', { name: 'Backorder disables purchase' }).isDisabled()).toBe(
        false,
      );
      expect(await panel.locator('[data-part="mode-move-preview"]').count()).toBe(0);
      await checkAccessibility(frame);

      const latest = (await admin.e2e.api('GET', '/settings/inventory-mode/moves/latest')).body;
      expect(latest).toMatchObject({ from: 'emulated', to: 'capped', status: 'done', done_products: 1 });
      expect((await settingsOverApi()).inventory_mode).toBe('capped');
      const product = (
        await admin.e2e.bc('GET', `/v3/catalog/products/${SLEEPING_BAG.productId}?include=variants`)
      ).body.data as {
        inventory_tracking: string;
        variants: { sku: string; inventory_level: number }[];
      };
      expect(product.inventory_tracking).toBe('variant');
      const level = (sku: string) => product.variants.find((v) => v.sku === sku)?.inventory_level;
      expect([level(skus.regular), level(skus.long)]).toEqual([10, 4]);

      await move.getByRole('button', { name: 'Dismiss' }).click();
      await move.waitFor({ state: 'detached' });
    });
  });

  describe('from cap at checkout to BigCommerce’s native backorders', () => {
    test('once the store has them on and "Check again" finds them, native is previewed and moved to', async () => {
      const { info, storeHash } = { info: admin.e2e.demo.info, storeHash: admin.e2e.storeHash };
      const joined = await fetch(`${info.sandboxUrl}/__sandbox/stores/${storeHash}/native-backorders`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: '{"enabled":true}',
      });
      expect(joined.status).toBe(200);
      const panel = stock();
      await panel.getByRole('button', { name: 'Check again' }).click();
      await panel
        .locator('[data-native-backorders="status"]')
        .getByText('on (checked', { exact: false })
        .waitFor();
      const native = panel.getByRole('radio', { name: 'BigCommerce native backorders' });
      await expect.poll(() => native.isDisabled()).toBe(false);
      await panel.getByText('BigCommerce native backorders', { exact: true }).click();

      // On hand − backordered = stock; the limit is the backorders still allowed (T − B); S the safety stock.
      const preview = panel.locator('[data-part="mode-move-preview"]');
      const row = (sku: string) => preview.getByRole('row').filter({ hasText: sku });
      await row(skus.regular)
        .getByText('Inventory tracking on, 6 on hand, 0 backordered, backorder limit 4, safety stock 0.')
        .waitFor();
      await row(skus.long)
        .getByText('Inventory tracking on, 0 on hand, 0 backordered, backorder limit 4, safety stock 0.')
        .waitFor();
      await checkAccessibility(frame);

      await panel.getByRole('button', { name: 'Move 1 product' }).click();
      await frame.getByRole('dialog').getByRole('button', { name: 'Move 1 product' }).click();
      const move = panel.locator('[data-part="mode-move"]');
      await move.getByRole('heading', { name: 'Moved to “BigCommerce native backorders”' }).waitFor();
      await panel.locator('[data-mode="current"]').getByText('Now: BigCommerce native backorders.').waitFor();
      expect((await settingsOverApi()).inventory_mode).toBe('native');
      const product = (
        await admin.e2e.bc('GET', `/v3/catalog/products/${SLEEPING_BAG.productId}?include=variants`)
      ).body.data as { variants: { sku: string; inventory_level: number }[] };
      const level = (sku: string) => product.variants.find((v) => v.sku === sku)?.inventory_level;
      expect([level(skus.regular), level(skus.long)]).toEqual([6, 0]);
      await move.getByRole('button', { name: 'Dismiss' }).click();
    });
  });

  describe('a move running when the app opens', () => {
    test('its progress is shown from moves/latest and the modes are disabled until it ends', async () => {
      const running = {
        id: 99,
        from: 'native',
        to: 'emulated',
        status: 'running',
        total_products: 3,
        done_products: 1,
        problems: null,
        actor: 'admin:owner@example.com',
        started_at: new Date().toISOString(),
        finished_at: null,
      };
      let answer: object = running;
      // The move job is faster than a reload: the app's answer is held at "running" for this test.
      await admin.page.route('**/api/v1/settings/inventory-mode/moves/latest', (route) =>
        route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(answer) }),
      );
      try {
        frame = await admin.openApp();
        await frame.getByRole('link', { name: 'Settings' }).click();
        const panel = stock();
        const move = panel.locator('[data-part="mode-move"]');
        await move
          .getByRole('heading', { name: 'Moving products to “Backorder disables purchase”' })
          .waitFor();
        expect(await move.locator('[data-move-summary]').textContent()).toBe('1 of 3 products moved.');
        expect(await move.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('33');
        for (const name of [
          'Backorder disables purchase',
          'Cap at checkout',
          'BigCommerce native backorders',
        ]) {
          expect(await panel.getByRole('radio', { name }).isDisabled()).toBe(true);
        }
        await panel.getByText('Another mode can be chosen once the move has finished.').waitFor();
        expect(await panel.getByRole('button', { name: 'Save stock at checkout' }).count()).toBe(0);
        await checkAccessibility(frame);

        // Read again every second: it moves on, then fails with what BigCommerce refused.
        answer = { ...running, done_products: 2 };
        await move.locator('[data-move-summary]').getByText('2 of 3 products moved.').waitFor();
        answer = {
          ...running,
          done_products: 2,
          status: 'failed',
          problems: 'product 7: refused',
          finished_at: new Date().toISOString(),
        };
        await move
          .getByRole('heading', { name: 'The move to “Backorder disables purchase” stopped' })
          .waitFor();
        await move.getByText('The move stopped after 2 of 3 products.').waitFor();
        await move.getByText('BigCommerce refused some changes: product 7: refused').waitFor();
        expect(await panel.getByRole('radio', { name: 'Cap at checkout' }).isDisabled()).toBe(false);
        await checkAccessibility(frame);
      } finally {
        await admin.page.unroute('**/api/v1/settings/inventory-mode/moves/latest');
      }
    });
  });

  test('nothing was logged as an error in the console on the way', () => {
    expect(admin.errors).toEqual([]);
  });
});
