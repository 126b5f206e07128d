import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { sentenceFor } from '../../src/admin/api/error-sentences.js';
import {
  type AdminSession,
  checkAccessibility,
  describeBrowser,
  IFRAME_WIDTH,
  startAdmin,
} from './support/admin-browser.js';

/**
 * The Backorder user guide, walked once from start to end as a merchant does it, in one session of
 * demo mode: install from the sandbox control panel, Home's checklist, the switch condition, a template
 * with its preview made default, products assigned by search and by "select all matching", variants
 * edited inline and switched off and on (a refusal shown), a shopper's order on the sandbox storefront
 * in the same browser, the screens that show it (Orders, the product's detail, Activity), and an
 * unassignment with its email. Every step goes through the screens (the sandbox's control panel,
 * storefront and mailbox for what happens outside the app); the API is only read, to check what they
 * did. Each step asserts what the merchant sees, waiting on roles, labels and text; a refusal is matched
 * by the sentence the app maps from its code.
 *
 * With `SCREENSHOTS_DIR` set (`npm run screenshots`), each screen is also saved there as a PNG of the
 * app's 1024 px frame.
 */
vi.setConfig({ testTimeout: 120_000 });

const SCREENSHOTS_DIR = process.env.SCREENSHOTS_DIR;
/** A screenshot shows the top of a long screen: enough to see it, small enough for the README. */
const SCREENSHOT_MAX_HEIGHT = 1400;

const FLEECE = 'Fleece Half-Zip';
const TEMPLATE = 'Spring preorders';

describeBrowser('the user guide, walked in the control panel', () => {
  let admin: AdminSession;
  let frame: Frame;
  /** BigCommerce's id of the Fleece Half-Zip, and the order the shopper places. */
  let fleeceId: number;
  let orderId: number;

  beforeAll(async () => {
    admin = await startAdmin();
  }, 120_000);
  afterAll(async () => {
    await admin?.close();
  });

  const api = async (pathAndQuery: string) => (await admin.e2e.api('GET', pathAndQuery)).body;
  const panel = (name: string) => frame.locator(`[data-panel="${name}"]`);
  const heading = (name: string) => frame.getByRole('heading', { level: 1, name });
  /** The app's own navigation, as the merchant clicks it. */
  const open = async (label: string) => {
    await frame.getByRole('navigation', { name: 'Backorder' }).getByRole('link', { name: label }).click();
    await heading(label).waitFor();
  };
  const noSidewaysScroll = async () =>
    expect(await frame.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      IFRAME_WIDTH,
    );
  // The pointer rests off the app first: a hovered button's tint is not its contrast.
  const accessible = async () => {
    await admin.page.mouse.move(0, 0);
    await checkAccessibility(frame);
  };

  /**
   * Saves the app's frame as `<name>.png` when screenshots are asked for: the iframe grown to its
   * screen's height (up to a limit), so the picture is the app at the control panel's width, not the
   * control panel around it.
   */
  const screenshot = async (name: string, options: { readonly refusals?: boolean } = {}) => {
    if (SCREENSHOTS_DIR === undefined || SCREENSHOTS_DIR === '') return;
    mkdirSync(SCREENSHOTS_DIR, { recursive: true });
    await admin.page.mouse.move(0, 0);
    const iframe = admin.page.locator('iframe.cp-app-frame');
    const height = await frame.evaluate(() => document.documentElement.scrollHeight);
    const heightBefore = await iframe.evaluate(
      (element, h) => {
        const { style } = element as HTMLIFrameElement;
        const before = style.height;
        style.height = `${h}px`;
        return before;
      },
      Math.min(height, SCREENSHOT_MAX_HEIGHT),
    );
    // The screen from its top, without the toasts of earlier steps that are still fading out (a
    // refusal stays when it is the point); the frame lays out again at its new height.
    const showToasts = (which: 'none' | 'refusals' | 'all') =>
      frame.evaluate((w) => {
        for (const toast of document.querySelectorAll<HTMLElement>('[data-toasts] > *')) {
          const shown = w === 'all' || (w === 'refusals' && toast.getAttribute('role') === 'alert');
          toast.style.visibility = shown ? '' : 'hidden';
        }
      }, which);
    await showToasts(options.refusals === true ? 'refusals' : 'none');
    await frame.evaluate(
      () =>
        new Promise((resolve) => {
          window.scrollTo(0, 0);
          requestAnimationFrame(() => requestAnimationFrame(() => resolve(null)));
        }),
    );
    await iframe.screenshot({ path: path.join(SCREENSHOTS_DIR, `${name}.png`), animations: 'disabled' });
    await showToasts('all');
    // Back to the control panel's own height for the steps that follow (the page scrolled to the top,
    // where the taller frame may have left it).
    await iframe.evaluate((element, h) => {
      (element as HTMLIFrameElement).style.height = h;
    }, heightBefore);
    await admin.page.evaluate(() => window.scrollTo(0, 0));
  };

  describe('1. install and open Backorder from the control panel', () => {
    test('installing from the control panel opens Backorder, which says it is installed', async () => {
      const page = admin.page;
      // A store that does not have Backorder yet (the demo installs it at start).
      await page.goto(admin.e2e.demo.info.adminUrl);
      await page.getByRole('button', { name: 'Uninstall' }).click();
      await page.getByRole('button', { name: 'Install' }).waitFor();

      await page.getByRole('button', { name: 'Install' }).click();
      await page.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
      await page.getByText('Backorder is installed').waitFor();
      await page.getByText('Webhooks and the storefront script are set up.', { exact: false }).waitFor();
    });

    test('"Open" in the control panel shows Home with the four steps of the guide, none done', async () => {
      frame = await admin.openApp();
      await heading('Home').waitFor();
      const steps = panel('checklist').locator('li');
      await steps.first().waitFor();
      expect(await steps.count()).toBe(4);
      const titles = await steps.locator('h3').allTextContents();
      expect(titles.map((t) => t.trim())).toEqual([
        '1. Set the backorder switch condition',
        '2. Set up your templates',
        '3. Assign your products',
        '4. Import your stock',
      ]);
      for (const step of [1, 2, 3]) {
        expect(await frame.locator(`[data-step="${step}"]`).getAttribute('data-done')).toBe('false');
      }
      expect(await frame.locator('[data-step="3"]').textContent()).toContain('No product is assigned yet.');
      await panel('attention').getByText('Nothing needs attention').waitFor();
      await noSidewaysScroll();
      await accessible();
      await screenshot('home');
    });
  });

  describe('2. set a backorder switch condition (Settings)', () => {
    test('from the checklist to Settings: the number, its meaning in words, Save', async () => {
      await frame.locator('[data-step="1"]').getByRole('button', { name: 'Open Settings' }).click();
      await heading('Settings').waitFor();
      const input = panel('switch-condition').getByLabel('Switch to backorder when stock is at or below');
      await input.fill('2');
      expect(await frame.locator('[data-meaning="switch-condition"]').textContent()).toContain(
        'its stock is 2 or less',
      );
      await panel('switch-condition').getByRole('button', { name: 'Save switch condition' }).click();
      await frame
        .getByText('Switch condition saved: 2. No item is assigned: nothing to re-evaluate.')
        .waitFor();
      expect((await api('/settings')).switch_condition).toBe(2);
      // The re-evaluation (of no item yet) ends in the background; the panel says so.
      await panel('switch-condition').locator('[data-reevaluation-status="done"]').waitFor();
      await noSidewaysScroll();
      await accessible();
      await screenshot('settings');
    });
  });

  describe('3. set up a backorder template (Templates)', () => {
    test('a new template: storefront texts, threshold, incoming stock and date, read in the live preview', async () => {
      await open('Templates');
      await frame.getByRole('row').filter({ hasText: 'Default' }).getByText('Pre-order now').waitFor();
      await frame.getByRole('button', { name: 'Create template' }).first().click();
      await heading('Create template').waitFor();

      const preview = (sample: 'with-date' | 'without-date', field: string) =>
        frame.locator(`[data-preview="${sample}"] [data-preview-text="${field}"]`);
      await frame.getByLabel('Template name').fill(TEMPLATE);
      // Storefront template: the button, the message and the cart message.
      await frame.getByLabel('Backorder button').fill('Reserve yours');
      await frame.getByLabel('Backorder message').fill('Back in stock[ on {back_in_stock_date}].');
      await frame.getByLabel('Cart message').fill('Ships[ by {back_in_stock_date}]');
      // Threshold & stock template.
      await frame.getByLabel('Backorder threshold').fill('3');
      await frame.getByLabel('Incoming stock').fill('10');
      await frame.getByLabel('Back-in-stock date').fill('2031-05-04');
      // Packing-slip template.
      await frame
        .getByLabel('Packing-slip message')
        .fill('Backordered items ship[ by {back_in_stock_date}].');

      // The preview reads as the storefront will, for an item with a date and one without.
      await preview('with-date', 'button_text').getByText('Reserve yours').waitFor();
      await preview('with-date', 'backorder_message').getByText('Back in stock on May 4, 2031.').waitFor();
      await preview('without-date', 'backorder_message')
        .getByText('Back in stock.', { exact: true })
        .waitFor();
      await preview('with-date', 'cart_message').getByText('Ships by May 4, 2031').waitFor();
      await preview('without-date', 'cart_message').getByText('Ships', { exact: true }).waitFor();
      await noSidewaysScroll();
      await accessible();
      await screenshot('template-editor');

      await frame.getByRole('button', { name: 'Create template' }).click();
      await frame.getByText(`The template “${TEMPLATE}” is created.`).waitFor();
      await heading('Edit template').waitFor();
    });

    test('made the default: the values every product assigned from now on receives', async () => {
      await frame.getByRole('link', { name: '← All templates' }).click();
      await heading('Templates').waitFor();
      await frame.getByRole('button', { name: `Make default: ${TEMPLATE}` }).click();
      await frame.getByText(`“${TEMPLATE}” is now the default template.`).waitFor();
      const row = frame.getByRole('row').filter({ hasText: TEMPLATE });
      await row.getByText('Default', { exact: true }).waitFor();
      await row.getByText('Reserve yours').waitFor();
      const templates = (await api('/templates')).data as { name: string; is_default: boolean }[];
      expect(templates.find((t) => t.name === TEMPLATE)?.is_default).toBe(true);
      await accessible();
      await screenshot('templates');
    });

    test('Home ticks the first two steps off', async () => {
      await open('Home');
      await expect.poll(() => frame.locator('[data-step="1"]').getAttribute('data-done')).toBe('true');
      expect(await frame.locator('[data-step="2"]').getAttribute('data-done')).toBe('true');
      expect(await frame.locator('[data-step="2"]').textContent()).toContain(`default: ${TEMPLATE}`);
    });
  });

  describe('4. assign products (Products › All products)', () => {
    const rowOf = (name: string) => frame.getByRole('row').filter({ hasText: name });
    const productRows = () => frame.locator('tbody tr');
    const search = async (text: string) => {
      await frame.getByLabel('Search by name or SKU').fill(text);
      await frame.getByLabel('Search by name or SKU').press('Enter');
    };

    test('search a product with variants, tick it, assign it: it takes the default template', async () => {
      await frame.locator('[data-step="3"]').getByRole('button', { name: 'Open Products' }).click();
      await heading('Products').waitFor();
      expect(await frame.getByRole('tab', { name: 'All products' }).getAttribute('aria-selected')).toBe(
        'true',
      );
      await productRows().first().waitFor();

      await search('fleece');
      await rowOf(FLEECE).waitFor();
      await expect.poll(() => productRows().count()).toBe(1);
      expect(await rowOf(FLEECE).textContent()).toContain('Not assigned');
      await rowOf(FLEECE).locator('label').first().click();
      const assign = panel('assign');
      await assign.getByText('1 product selected.').waitFor();
      expect(await assign.getByRole('combobox', { name: 'Template' }).inputValue()).toBe(
        `${TEMPLATE} (default)`,
      );
      await noSidewaysScroll();
      await accessible();
      await screenshot('products-all');

      await assign.getByRole('button', { name: 'Assign 1 product' }).click();
      const outcome = frame.locator('[data-assign-outcome]');
      await outcome.getByText('1 product assigned').waitFor();
      await rowOf(FLEECE).getByText('Assigned').waitFor();
      expect(await rowOf(FLEECE).textContent()).toContain(TEMPLATE);

      fleeceId = (await api('/catalog/products?keyword=fleece')).data[0].product_id as number;
      const items = (await api(`/items?product_id=${fleeceId}`)).data as {
        sku: string;
        stock: number;
        threshold: number | null;
        incoming_stock: number;
        back_in_stock_date: string | null;
        status: string;
      }[];
      expect(items.map((i) => [i.sku, i.stock, i.status])).toEqual([
        ['JKT-FLEECE-S', 4, 'in_stock'],
        ['JKT-FLEECE-M', 12, 'in_stock'],
        ['JKT-FLEECE-L', 7, 'in_stock'],
        // 2 in stock is at the switch condition: out of stock, sold as backorders.
        ['JKT-FLEECE-XL', 2, 'backorder'],
      ]);
      for (const item of items) {
        expect(item).toMatchObject({ threshold: 3, incoming_stock: 10, back_in_stock_date: '2031-05-04' });
      }
    });

    test('"select all matching" a filter assigns every product it matches; the progress bar runs to done', async () => {
      await search('');
      await frame.getByRole('combobox', { name: 'Backorder', exact: true }).click();
      await frame.getByRole('option', { name: 'Not assigned', exact: true }).click();
      const unassigned = (await api('/catalog/products?assigned=false&limit=1')).total as number;
      await frame.getByText(`of ${unassigned}`).first().waitFor();
      await expect.poll(() => productRows().count()).toBe(25);

      // BigDesign's select-all box ticks the page; the banner offers every matching product.
      await frame.getByLabel('Table Controls').locator('label').first().click();
      const banner = frame.locator('[data-selection-banner]');
      await banner.getByText('All 25 products on this page are selected.').waitFor();
      await banner.getByRole('button', { name: `Select all ${unassigned} matching products` }).click();
      await banner.getByText(`All ${unassigned} matching products are selected.`).waitFor();
      await panel('assign')
        .getByRole('button', { name: `Assign ${unassigned} products` })
        .click();

      const run = panel('assignment-run');
      const bar = run.getByRole('progressbar', { name: /Assigning products|Assignment finished/ });
      await bar.waitFor();
      await run.getByRole('heading', { name: 'Assignment finished' }).waitFor({ timeout: 60_000 });
      expect(await bar.getAttribute('aria-valuenow')).toBe('100');
      expect(await run.locator('[data-run-summary]').textContent()).toBe(
        `Done: ${unassigned} products, ${unassigned} assigned.`,
      );
      // The list follows: nothing is left unassigned.
      await frame.getByRole('heading', { name: 'No products match' }).waitFor();
      await accessible();
      await screenshot('products-run');
      expect((await api('/catalog/products?assigned=false')).total).toBe(0);

      await run.getByRole('button', { name: 'Dismiss' }).click();
      await run.waitFor({ state: 'detached' });
    });

    test('Home: the assign step is done, and counts show the items by status', async () => {
      await open('Home');
      await expect.poll(() => frame.locator('[data-step="3"]').getAttribute('data-done')).toBe('true');
      await panel('counts').locator('[data-count="backorder"]').waitFor();
      const backorder = await panel('counts').locator('[data-count="backorder"]').textContent();
      expect(Number.parseInt(backorder ?? '', 10)).toBeGreaterThan(0);
    });
  });

  describe('5. manage the assigned products (Products › Assigned products)', () => {
    const table = () => panel('assigned-products');
    const variantRow = (label: string) =>
      table().locator('tr', { has: frame.getByText(label, { exact: true }) });
    const item = (label: string) => `${FLEECE} – ${label}`;
    /**
     * An inline edit as the merchant makes it: the cell's edit button, the value, Enter. A success toast
     * stays 5 s, so the same field saved twice in a row would show the same text twice: the earlier one is
     * dismissed first, and the wait is for this save's own toast.
     */
    const edit = async (label: string, field: 'Stock' | 'Threshold', value: string) => {
      const saved = frame.getByText(`${field} of ${item(label)} saved.`);
      for (const earlier of await saved.all()) {
        await earlier
          .locator('xpath=ancestor::*[@role="status"][1]')
          .getByRole('button', { name: 'Dismiss' })
          .click({ timeout: 2000 })
          .catch(() => undefined); // gone by itself in the meantime
      }
      await expect.poll(() => saved.count()).toBe(0);
      await variantRow(label)
        .getByRole('button', { name: new RegExp(`^Edit ${field} of .*${label}`) })
        .click();
      const input = variantRow(label).getByLabel(`${field} of ${item(label)}`, { exact: true });
      await input.fill(value);
      await input.press('Enter');
      await saved.waitFor();
    };
    const toggle = (label: string) => variantRow(label).getByLabel(`Backorder for ${item(label)}`);
    /** The backorder switch, by keyboard: focus, then Space. */
    const flip = async (label: string) => {
      await toggle(label).focus();
      await admin.page.keyboard.press('Space');
    };

    test('the product is listed with its variants as rows, each with its option label, numbers and status', async () => {
      await open('Products');
      // Products opens on the Assigned products tab (Product Management in the guide).
      expect(await frame.getByRole('tab', { name: 'Assigned products' }).getAttribute('aria-selected')).toBe(
        'true',
      );
      await table().getByLabel('Search by name or SKU').fill('fleece');
      await table().getByLabel('Search by name or SKU').press('Enter');
      await table().locator(`[data-product="${fleeceId}"]`).waitFor();
      await expect.poll(() => table().locator('[data-product] a').allTextContents()).toEqual([FLEECE]);
      for (const size of ['S', 'M', 'L', 'XL']) await variantRow(`Size: ${size}`).waitFor();
      expect(await variantRow('Size: M').locator('[data-status]').getAttribute('data-status')).toBe(
        'in_stock',
      );
      expect(await variantRow('Size: XL').locator('[data-status]').getAttribute('data-status')).toBe(
        'backorder',
      );
      expect(await variantRow('Size: XL').textContent()).toContain('Out of stock, sold as backorder');
      expect(await variantRow('Size: XL').locator('[data-purchasable]').textContent()).toBe('Purchasable');
      await noSidewaysScroll();
      await accessible();
    });

    test('stock edited inline: M down to 1, at the switch condition, goes to backorder', async () => {
      await edit('Size: M', 'Stock', '1');
      await variantRow('Size: M').locator('[data-status="backorder"]').waitFor();
      expect(await api('/items/JKT-FLEECE-M')).toMatchObject({ stock: 1, status: 'backorder' });
    });

    test('backorder switched off by hand, then on again: refused while the threshold is reached, with its reason', async () => {
      await flip('Size: M');
      await frame.getByText(`Backorder switched off for ${item('Size: M')}.`).waitFor();
      await variantRow('Size: M').getByText('Disabled by you', { exact: true }).waitFor();
      await variantRow('Size: M').locator('[data-status="unavailable"]').waitFor();
      await variantRow('Size: M').locator('[data-purchasable]').getByText('Not purchasable').waitFor();

      // No backorders allowed (threshold 0): switching backorder on would switch it off again at once.
      await edit('Size: M', 'Threshold', '0');
      await flip('Size: M');
      await frame.getByText(sentenceFor('BACKORDER.THRESHOLD_REACHED')).waitFor();
      await frame.getByText(`Backorder was not switched on for ${item('Size: M')}`).waitFor();
      expect(await toggle('Size: M').isChecked()).toBe(false);
      await accessible();
      await screenshot('products-assigned', { refusals: true });
      await frame.locator('[data-toasts] > [role="alert"]').getByRole('button', { name: 'Dismiss' }).click();

      // The threshold raised first, as the reason says: backorder switches on.
      await edit('Size: M', 'Threshold', '5');
      await flip('Size: M');
      await frame.getByText(`Backorder switched on for ${item('Size: M')}.`).waitFor();
      await variantRow('Size: M').locator('[data-status="backorder"]').waitFor();
      expect(await toggle('Size: M').isChecked()).toBe(true);
      expect(await api('/items/JKT-FLEECE-M')).toMatchObject({
        status: 'backorder',
        block: null,
        threshold: 5,
      });
    });
  });

  describe('6. a shopper orders an item into backorder (the sandbox storefront)', () => {
    let shop: Page;

    afterAll(async () => {
      await shop?.close();
    });

    test('the product page shows the template’s button and message; the shopper orders 2 units of XL', async () => {
      // The shopper's own tab, in the same browser.
      shop = await admin.context.newPage();
      await shop.goto(`${admin.e2e.demo.info.storefrontUrl}products/${fleeceId}`);
      await shop.locator('[data-product-option-change] label').filter({ hasText: /^XL$/ }).click();
      const button = shop.locator('#form-action-addToCart');
      await expect.poll(() => button.inputValue()).toBe('Reserve yours');
      await shop
        .locator('p[data-backorder-app-message]')
        .getByText('Back in stock on May 4, 2031.')
        .waitFor();

      await shop.locator('[name="qty[]"]').fill('2');
      await Promise.all([shop.waitForURL('**/cart.php'), button.click()]);
      await shop.locator('p[data-backorder-app-cart-message]').getByText('Ships by May 4, 2031').waitFor();
      await shop.locator('#checkout-button').click();
      await shop.waitForURL('**/checkout');
      await Promise.all([
        shop.waitForURL('**/checkout/order-confirmation/*'),
        shop.locator('#checkout-place-order').click(),
      ]);
      orderId = Number(await shop.locator('.order-number').textContent());
      expect(orderId).toBeGreaterThan(0);
    });
  });

  describe('7. the order in Backorder (Orders, the product’s detail)', () => {
    test('Orders lists the order with its line and backordered units, and the item’s totals', async () => {
      // The order reaches the app by webhook; the screen shows it once it is recorded.
      await expect
        .poll(async () => (await api('/items/JKT-FLEECE-XL')).backordered, { timeout: 45_000 })
        .toBe(2);
      await open('Orders');
      const row = panel('orders')
        .getByRole('row')
        .filter({ hasText: `Order #${orderId}` });
      await row.waitFor();
      expect(await row.textContent()).toContain(`${FLEECE} (Size: XL): 2 ordered, 2 backordered`);
      await panel('item-totals').getByRole('row').filter({ hasText: 'JKT-FLEECE-XL' }).waitFor();
      await panel('chart').getByText('2 backordered units in 1 order', { exact: false }).waitFor();
      await noSidewaysScroll();
      await accessible();
      await screenshot('orders');
    });

    test('the order opens in the control panel, its staff notes holding the template’s packing-slip message', async () => {
      const link = panel('orders').getByRole('link', { name: `Order #${orderId}` });
      const [orderPage] = await Promise.all([admin.context.waitForEvent('page'), link.click()]);
      try {
        await orderPage.getByRole('heading', { level: 1, name: `Order #${orderId}` }).waitFor();
        // The app writes the staff notes once it has recorded the order; the page shows them when reloaded.
        const notes = orderPage.locator('pre.cp-order-staff-notes');
        await expect
          .poll(
            async () => {
              if (!(await notes.textContent())?.includes('--- Backorder ---')) await orderPage.reload();
              return notes.textContent();
            },
            { timeout: 30_000 },
          )
          .toContain('Backordered items ship by May 4, 2031.');
        expect(await notes.textContent()).toContain(
          `${FLEECE} (Size: XL) (SKU JKT-FLEECE-XL): 2 ordered, 2 backordered`,
        );
      } finally {
        await orderPage.close();
      }
    });

    test('the item’s detail shows the sale in its history and the order among those holding its backorders', async () => {
      await panel('item-totals')
        .getByRole('link', { name: `${FLEECE} (Size: XL)` })
        .click();
      await heading(FLEECE).waitFor();
      await frame.getByRole('button', { name: 'Show history and orders of Size: XL' }).click();
      const detail = panel('item');
      await detail.getByText('SKU JKT-FLEECE-XL').waitFor();
      const history = detail.locator('[data-part="history"]');
      const sale = history.getByRole('row').filter({ hasText: 'Sold 2 units, 2 backordered' });
      await sale.waitFor();
      expect(await sale.textContent()).toContain(`Order #${orderId}`);
      const orders = detail.locator('[data-part="orders"]');
      await orders.getByRole('link', { name: `Order #${orderId}` }).waitFor();
      await noSidewaysScroll();
      await accessible();
      await screenshot('product-detail');
    });

    test('incoming stock received: the item is back in stock', async () => {
      const detail = panel('item');
      await detail.getByLabel('Units received').fill('10');
      await detail.getByRole('button', { name: 'Receive incoming stock' }).click();
      await frame.getByText('Received 10 units of JKT-FLEECE-XL. Stock is now 10, incoming 0.').waitFor();
      expect(await api('/items/JKT-FLEECE-XL')).toMatchObject({
        stock: 10,
        status: 'in_stock',
        backordered: 0,
      });
    });
  });

  describe('8. the store’s history (Activity)', () => {
    test('Activity shows every change in words, with its cause and who; filtered by an item’s SKU', async () => {
      await open('Activity');
      const history = panel('activity');
      await history.getByText(`Order #${orderId} sold 2 units, 2 backordered`).waitFor();
      await noSidewaysScroll();
      await accessible();
      await screenshot('activity');

      const filters = panel('activity-filters');
      await filters.getByLabel('SKU').fill('JKT-FLEECE-XL');
      await filters.getByRole('button', { name: 'Apply filters' }).click();
      await frame.waitForURL(/sku=JKT-FLEECE-XL/);
      const received = history.getByRole('row').filter({ hasText: 'Received 10 units of incoming stock' });
      await received.waitFor();
      // Who did it: the merchant signed in to the control panel.
      expect(await received.textContent()).toContain('merchant@sandbox.example');
      const rows = await history.locator('tbody tr').allTextContents();
      expect(rows.every((r) => r.includes('JKT-FLEECE-XL'))).toBe(true);
      expect(rows.some((r) => r.includes(`Order #${orderId} sold 2 units, 2 backordered`))).toBe(true);
      expect(rows.some((r) => r.includes('Assigned with 2 units in stock'))).toBe(true);
    });
  });

  describe('9. unassign a product', () => {
    test('unassigning asks first and says what will happen; then the product is no longer managed', async () => {
      await open('Products');
      const table = panel('assigned-products');
      await table.getByLabel('Search by name or SKU').fill('fleece');
      await table.getByLabel('Search by name or SKU').press('Enter');
      await table.getByRole('button', { name: `Unassign: ${FLEECE}` }).click();
      const dialog = frame.getByRole('dialog');
      await dialog.getByText('Purchase of the whole product is disabled in BigCommerce.').waitFor();
      expect(await dialog.textContent()).toContain('emailed to you as a CSV file');
      await accessible();
      await dialog.getByRole('button', { name: 'Unassign product' }).click();
      await frame.getByText(`${FLEECE} is unassigned.`, { exact: false }).waitFor();
      await table.getByText('No assigned product matches').waitFor();
      expect((await api(`/items?product_id=${fleeceId}`)).data).toEqual([]);

      // All products shows it as not assigned again, ready to be assigned anew.
      await frame.getByRole('tab', { name: 'All products' }).click();
      await frame.getByLabel('Search by name or SKU').fill('fleece');
      await frame.getByLabel('Search by name or SKU').press('Enter');
      await frame.getByRole('row').filter({ hasText: FLEECE }).getByText('Not assigned').waitFor();
    });

    test('the stock data comes back by email, as a CSV file (the sandbox mailbox)', async () => {
      const mailbox = await admin.context.newPage();
      try {
        // The email goes out after the unassignment: the mailbox lists it once it has arrived.
        await expect
          .poll(
            async () => {
              await mailbox.goto(admin.e2e.demo.info.mailboxUrl);
              return mailbox.getByRole('row').filter({ hasText: '1 product unassigned' }).count();
            },
            { timeout: 30_000 },
          )
          .toBe(1);
        await mailbox.getByRole('row').filter({ hasText: '1 product unassigned' }).getByRole('link').click();
        await mailbox.getByRole('link', { name: 'unassigned-items.csv' }).waitFor();
        expect(await mailbox.locator('pre.mail-text').textContent()).toContain(FLEECE);
      } finally {
        await mailbox.close();
      }
    });
  });

  test('nothing was logged as an error in the console on the whole walk', () => {
    expect(admin.errors).toEqual([]);
  });
});
