import type { Frame } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import {
  type AdminSession,
  alertsText,
  checkAccessibility,
  describeBrowser,
  IFRAME_WIDTH,
  startAdmin,
  tabTo,
} from './support/admin-browser.js';

/**
 * The Settings screen as a merchant uses it from the sandbox control panel (user guide step 1, the
 * store's choices, API keys), checked against what the API then answers, with axe and the console
 * watched on Home and Settings.
 */
vi.setConfig({ testTimeout: 60_000 });

/** A product of the sandbox's demo catalog, assigned for a moment: a mode change is then a move. */
const ASSIGNED_PRODUCT = 6;

describeBrowser('the admin app in the control panel: Home and Settings', () => {
  let admin: AdminSession;
  let frame: Frame;

  beforeAll(async () => {
    admin = await startAdmin();
    frame = await admin.openApp();
  }, 90_000);
  afterAll(async () => {
    await admin?.close();
  });

  const settingsOverApi = async () => (await admin.e2e.api('GET', '/settings')).body;
  const panel = (name: string) => frame.locator(`[data-panel="${name}"]`);

  describe('opening the app', () => {
    test('Home opens in the 1024 px iframe with the setup checklist, and the JWT is gone from the address', async () => {
      await frame.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
      expect(await frame.evaluate(() => window.innerWidth)).toBe(IFRAME_WIDTH);
      // Nothing wider than the frame: no horizontal scrolling at the control panel's width.
      expect(await frame.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        IFRAME_WIDTH,
      );
      expect(frame.url()).toMatch(/\/admin\/$/);
      expect(frame.url()).not.toContain('signed_payload_jwt');
      expect(await frame.locator('#backorder-session').count()).toBe(0);

      const steps = frame.locator('[data-panel="checklist"] li');
      expect(await steps.count()).toBe(4);
      expect(await steps.nth(0).textContent()).toContain('Set the backorder switch condition');
      expect(await steps.nth(2).textContent()).toContain('No product is assigned yet.');
      await frame.getByText('Nothing needs attention').waitFor();

      await checkAccessibility(frame);
    });

    test('the navigation works by keyboard: Tab to "Settings", Enter opens it', async () => {
      await frame.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
      await tabTo(admin.page, frame, 'Settings');
      await admin.page.keyboard.press('Enter');
      await frame.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
      expect(frame.url()).toMatch(/\/admin\/settings$/);
      expect(await frame.getByRole('link', { name: 'Settings' }).getAttribute('aria-current')).toBe('page');
      await frame.locator('[data-panel="api-keys"]').waitFor();
      expect(await frame.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        IFRAME_WIDTH,
      );
      await checkAccessibility(frame);
    });
  });

  describe('Settings', () => {
    beforeAll(async () => {
      if (!frame.url().endsWith('/admin/settings')) {
        await frame.getByRole('link', { name: 'Settings' }).click();
      }
      await panel('api-keys').waitFor();
    });

    test('the switch condition: its meaning in words follows the number, Save stores it', async () => {
      const input = panel('switch-condition').getByLabel('Switch to backorder when stock is at or below');
      await input.fill('3');
      expect(await frame.locator('[data-meaning="switch-condition"]').textContent()).toContain(
        'its stock is 3 or less',
      );
      await input.fill('-1');
      await panel('switch-condition').getByText('Enter a whole number of 0 or more.').waitFor();
      await input.fill('2');
      // Keyboard: from the field, Tab reaches Save and Enter presses it.
      await input.focus();
      await tabTo(admin.page, frame, 'Save switch condition');
      await admin.page.keyboard.press('Enter');
      await frame
        .getByText('Switch condition saved: 2. No item is assigned: nothing to re-evaluate.')
        .waitFor();
      expect((await settingsOverApi()).switch_condition).toBe(2);
      // The re-evaluation runs in the background; the panel follows it to its end.
      const reevaluation = panel('switch-condition').locator('[data-part="reevaluation"]');
      await panel('switch-condition').locator('[data-reevaluation-status="done"]').waitFor();
      expect(await reevaluation.getByRole('heading').textContent()).toBe('Switch condition 2 applied');
      expect(await reevaluation.locator('[data-reevaluation-summary]').textContent()).toBe(
        'Done: 0 items re-evaluated; no item changed status.',
      );
      expect((await admin.e2e.api('GET', '/settings/reevaluations/latest')).body).toMatchObject({
        switch_condition: 2,
        status: 'done',
      });
      await checkAccessibility(frame);
      await reevaluation.getByRole('button', { name: 'Dismiss' }).click();
      await reevaluation.waitFor({ state: 'detached' });
    });

    test('notification recipients and events are saved; an address the server refuses is named', async () => {
      const recipients = panel('notifications').getByLabel('Recipients');
      await recipients.fill('not-an-address');
      await panel('notifications').getByText('Not an email address: not-an-address').waitFor();
      expect(
        await panel('notifications').getByRole('button', { name: 'Save notification settings' }).isDisabled(),
      ).toBe(true);

      // Looks like an address to the form, not to the API: the refusal names it.
      await recipients.fill('ops@example.com\nfirst..last@example.com');
      await panel('notifications').getByRole('button', { name: 'Save notification settings' }).click();
      await panel('notifications')
        .getByText('Not accepted as an email address: first..last@example.com')
        .waitFor();
      expect((await settingsOverApi()).notification_emails).not.toContain('ops@example.com');

      await recipients.fill('ops@example.com\nwarehouse@example.com');
      await panel('notifications').getByText('Products assigned', { exact: true }).click();
      await panel('notifications').getByRole('button', { name: 'Save notification settings' }).click();
      await frame.getByText('Notification settings saved.').waitFor();
      const saved = await settingsOverApi();
      expect(saved.notification_emails).toEqual(['ops@example.com', 'warehouse@example.com']);
      expect(saved.notify_events).not.toContain('assigned');
      expect(saved.notify_events).toContain('backorder_enabled');
    });

    test('restock on cancel and the keep-tracking-off guard are saved', async () => {
      await panel('orders-and-stock').getByText('Restock on cancel or refund', { exact: true }).click();
      await panel('orders-and-stock').getByRole('button', { name: 'Save order and stock settings' }).click();
      await frame.getByText('Order and stock settings saved.').waitFor();
      expect(await settingsOverApi()).toMatchObject({ restock_on_cancel: false, keep_tracking_off: true });
    });

    test('stock at checkout: the mode and native backorders in words, Check again, the capped theme note, a mode saved', async () => {
      const stock = panel('stock-at-checkout');
      expect(await stock.locator('[data-mode="current"]').textContent()).toBe(
        'Now: Backorder disables purchase.',
      );
      // Checked at install: the sandbox's store publishes no backorder fields in its inventory settings.
      const status = stock.locator('[data-native-backorders="status"]');
      expect(await status.textContent()).toContain('BigCommerce’s native backorders: not on (checked');
      const before = (await settingsOverApi()).native_backorders;
      expect(before).toMatchObject({ enabled: false, locations: 1 });
      expect(await stock.getByText('limits per location are not managed yet').count()).toBe(0);

      await stock.getByRole('button', { name: 'Check again' }).click();
      await expect
        .poll(async () => (await settingsOverApi()).native_backorders.checked_at)
        .not.toBe(before.checked_at);
      await status.getByText('not on (checked').waitFor();

      // Native cannot be chosen while BigCommerce's native backorders are not on.
      const native = stock.getByRole('radio', { name: 'BigCommerce native backorders' });
      expect(await native.isDisabled()).toBe(true);
      await stock.getByText('Needs BigCommerce’s native backorders (beta)', { exact: false }).waitFor();

      await stock.getByText('Cap at checkout', { exact: true }).click();
      await stock.getByText('Hide stock levels on the storefront').waitFor();
      await stock.getByText('Stock level display', { exact: false }).waitFor();
      await checkAccessibility(frame);
      await stock.getByRole('button', { name: 'Save stock at checkout' }).click();
      await frame.getByText('Stock at checkout saved: Cap at checkout.').waitFor();
      expect((await settingsOverApi()).inventory_mode).toBe('capped');
      await stock.locator('[data-mode="current"]').getByText('Now: Cap at checkout.').waitFor();

      await stock.getByText('Backorder disables purchase', { exact: true }).click();
      await stock.getByText('Hide stock levels on the storefront').waitFor({ state: 'detached' });
      await stock.getByRole('button', { name: 'Save stock at checkout' }).click();
      await frame.getByText('Stock at checkout saved: Backorder disables purchase.').waitFor();
      expect((await settingsOverApi()).inventory_mode).toBe('emulated');
    });

    test('stock at checkout: with products assigned, changing the mode is a move, previewed instead of saved', async () => {
      expect((await admin.e2e.api('POST', '/assignments', { product_ids: [ASSIGNED_PRODUCT] })).status).toBe(
        200,
      );
      try {
        const stock = panel('stock-at-checkout');
        await stock.getByText('Cap at checkout', { exact: true }).click();
        // The whole move is tested in mode-move.browser.test.ts.
        await stock.getByRole('button', { name: 'Move 1 product' }).waitFor();
        await stock.getByRole('heading', { name: 'What moving to “Cap at checkout” changes' }).waitFor();
        expect(await stock.getByRole('button', { name: 'Save stock at checkout' }).count()).toBe(0);
        await checkAccessibility(frame);
        await stock.getByText('Backorder disables purchase', { exact: true }).click();
        await stock.locator('[data-part="mode-move-preview"]').waitFor({ state: 'detached' });
        expect((await settingsOverApi()).inventory_mode).toBe('emulated');
      } finally {
        expect((await admin.e2e.api('DELETE', `/assignments/${ASSIGNED_PRODUCT}`)).status).toBe(204);
      }
    });

    test('the default template’s storefront texts are shown, as text, with the way to Templates', async () => {
      const texts = panel('storefront-texts');
      await texts.getByText('Pre-order now').waitFor();
      await texts.getByRole('link', { name: 'Edit them in Templates' }).waitFor();
    });

    test('an API key: created and shown once, used against /api/v1, then revoked after confirming', async () => {
      const keys = panel('api-keys');
      await keys.getByLabel('Key name').fill('Warehouse ERP');
      await keys.getByRole('button', { name: 'Create key' }).click();
      const shown = keys.locator('input[data-api-key]');
      await shown.waitFor();
      const key = await shown.inputValue();
      expect(key.length).toBeGreaterThan(20);
      await keys.getByRole('button', { name: 'Copy key' }).click();
      await keys.getByText(/Copied to the clipboard|Select the key and press Ctrl\+C/).waitFor();
      await keys.getByRole('cell', { name: 'Warehouse ERP', exact: true }).waitFor();

      const apiUrl = admin.e2e.demo.info.apiUrl;
      const withKey = () => fetch(`${apiUrl}/settings`, { headers: { authorization: `Bearer ${key}` } });
      expect((await withKey()).status).toBe(200);

      // Once dismissed, the key is never shown again.
      await keys.getByRole('button', { name: 'Done' }).click();
      await keys.locator('input[data-api-key]').waitFor({ state: 'detached' });

      await keys.getByRole('button', { name: 'Revoke key Warehouse ERP' }).click();
      const dialog = frame.getByRole('dialog');
      await dialog.getByText('Systems that use this key are refused from now on.').waitFor();
      await checkAccessibility(frame);
      // Cancel changes nothing.
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      expect((await withKey()).status).toBe(200);

      await keys.getByRole('button', { name: 'Revoke key Warehouse ERP' }).click();
      await frame.getByRole('dialog').getByRole('button', { name: 'Revoke key' }).click();
      await frame.getByText('The key “Warehouse ERP” is revoked.').waitFor();
      const refused = await withKey();
      expect(refused.status).toBe(401);
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('AUTH.REVOKED_KEY');
      await keys.getByRole('cell', { name: 'Warehouse ERP', exact: true }).waitFor({ state: 'detached' });
    });

    test('a refusal is shown with its reason: revoking a key that is gone', async () => {
      const keys = panel('api-keys');
      await keys.getByLabel('Key name').fill('Short-lived');
      await keys.getByRole('button', { name: 'Create key' }).click();
      await keys.getByRole('cell', { name: 'Short-lived', exact: true }).waitFor();
      await keys.getByRole('button', { name: 'Done' }).click();
      // Gone behind the screen's back (another merchant's tab, say).
      await admin.e2e.demo.app.database.db.deleteFrom('api_keys').where('name', '=', 'Short-lived').execute();

      await keys.getByRole('button', { name: 'Revoke key Short-lived' }).click();
      await frame.getByRole('dialog').getByRole('button', { name: 'Revoke key' }).click();
      await frame.getByText('That API key does not exist any more; the list has been refreshed.').waitFor();
      expect(await alertsText(frame)).toContain('The key was not revoked');
      await keys.getByRole('cell', { name: 'Short-lived', exact: true }).waitFor({ state: 'detached' });
      await checkAccessibility(frame);
    });

    test('nothing was logged as an error in the console on the way', () => {
      expect(admin.errors).toEqual([]);
    });
  });

  describe('installing again from the control panel', () => {
    test('the install callback opens the app, which says it is installed, with the code gone from the address', async () => {
      const page = admin.page;
      await page.goto(admin.e2e.demo.info.adminUrl);
      await page.getByRole('button', { name: 'Uninstall' }).click();
      await page.getByRole('button', { name: 'Install' }).waitFor();
      // The control panel sends the merchant's browser to the app's /auth, full page.
      await page.getByRole('button', { name: 'Install' }).click();
      await page.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
      await page.getByText('Backorder is installed').waitFor();
      expect(new URL(page.url()).pathname).toBe('/admin/');
      expect(page.url()).not.toContain('code=');
      await page.locator('[data-panel="checklist"] li').first().waitFor();
      await checkAccessibility(page.mainFrame());
      expect(admin.errors).toEqual([]);
    });
  });

  describe('after the session', () => {
    test('a reload keeps no session: the app asks to be opened again from the control panel', async () => {
      frame = await admin.openApp();
      await frame.goto(frame.url());
      await frame.getByRole('heading', { name: 'Open Backorder again' }).waitFor();
      await frame.getByText('Open Backorder again from the Apps page').waitFor();
      await checkAccessibility(frame);
      expect(admin.errors).toEqual([]);
    });
  });
});
