import type { Frame } from 'playwright-core';
import { afterAll, beforeAll, expect, test, vi } from 'vitest';
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
 * The Templates screen as a merchant uses it from the sandbox control panel (user guide step 2): the
 * list, a new template written with its live preview (with and without a back-in-stock date), a text
 * the server refuses shown next to its field, make default, delete after confirming, the refusals
 * of delete, and the way from Settings. Checked against what the API then answers.
 */
vi.setConfig({ testTimeout: 60_000 });

interface TemplateJson {
  readonly id: number;
  readonly name: string;
  readonly is_default: boolean;
  readonly backorder_message: string;
  readonly cart_message: string;
  readonly threshold: number | null;
  readonly incoming_stock: number;
  readonly back_in_stock_date: string | null;
}

describeBrowser('the admin app in the control panel: Templates', () => {
  let admin: AdminSession;
  let frame: Frame;

  beforeAll(async () => {
    admin = await startAdmin();
    frame = await admin.openApp();
  }, 90_000);
  afterAll(async () => {
    await admin?.close();
  });

  const templatesOverApi = async (): Promise<TemplateJson[]> =>
    (await admin.e2e.api('GET', '/templates')).body.data;
  const templateNamed = async (name: string) => (await templatesOverApi()).find((t) => t.name === name);
  const previewText = (sample: 'with-date' | 'without-date', field: string) =>
    frame.locator(`[data-preview="${sample}"] [data-preview-text="${field}"]`);
  /** Moves within the app as its own links do (a reload would end the session). */
  const goTo = async (path: string) => {
    await frame.evaluate((to) => {
      history.pushState(null, '', to);
      dispatchEvent(new PopStateEvent('popstate'));
    }, `/admin${path}`);
  };
  const noSidewaysScroll = async () =>
    expect(await frame.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      IFRAME_WIDTH,
    );

  test('the list shows the default template with its badge and the values new assignments receive', async () => {
    await tabTo(admin.page, frame, 'Templates');
    await admin.page.keyboard.press('Enter');
    await frame.getByRole('heading', { level: 1, name: 'Templates' }).waitFor();
    const row = frame.getByRole('row').filter({ hasText: 'Default' });
    await row.getByText('Pre-order now').waitFor();
    expect(await row.textContent()).toContain('No limit');
    // The default cannot be deleted: no button offers it.
    expect(await frame.getByRole('button', { name: 'Delete template Default' }).count()).toBe(0);
    await noSidewaysScroll();
    await checkAccessibility(frame);
  });

  test('a new template: the preview follows the texts as they are typed, for an item with a date and one without', async () => {
    await frame.getByRole('button', { name: 'Create template' }).first().click();
    await frame.getByRole('heading', { level: 1, name: 'Create template' }).waitFor();
    // It starts from texts that read well, previewed at once.
    await previewText('with-date', 'button_text').getByText('Pre-order now').waitFor();

    await frame.getByLabel('Template name').fill('Spring preorders');
    await frame.getByLabel('Back-in-stock date').fill('2031-05-04');
    const message = frame.getByLabel('Backorder message');
    await message.fill('Back in stock[ on {back_in_stock_date}].');
    await previewText('with-date', 'backorder_message').getByText('Back in stock on May 4, 2031.').waitFor();
    await previewText('without-date', 'backorder_message')
      .getByText('Back in stock.', { exact: true })
      .waitFor();

    // Typing on changes the preview.
    await message.pressSequentially(' {incoming_stock} on the way.');
    await frame.getByLabel('Incoming stock').fill('25');
    await previewText('with-date', 'backorder_message')
      .getByText('Back in stock on May 4, 2031. 25 on the way.')
      .waitFor();
    await previewText('without-date', 'backorder_message')
      .getByText('Back in stock. 25 on the way.')
      .waitFor();

    await frame.getByLabel('Backorder button').fill('Reserve yours');
    await previewText('without-date', 'button_text').getByText('Reserve yours').waitFor();
    await frame.getByLabel('Backorder threshold').fill('12');
    await frame.getByLabel('Unavailable message').fill('Sold out[ until {back_in_stock_date}]');
    await previewText('with-date', 'unavailable_message').getByText('Sold out until May 4, 2031').waitFor();
    await previewText('without-date', 'unavailable_message').getByText('Sold out', { exact: true }).waitFor();

    await frame.locator('[data-panel="template-help"]').getByText('{remaining_units}').waitFor();
    await noSidewaysScroll();
    await checkAccessibility(frame);

    await frame.getByRole('button', { name: 'Create template' }).click();
    await frame.getByText('The template “Spring preorders” is created.').waitFor();
    await frame.getByRole('heading', { level: 1, name: 'Edit template' }).waitFor();
    const saved = await templateNamed('Spring preorders');
    expect(saved).toMatchObject({
      is_default: false,
      backorder_message: 'Back in stock[ on {back_in_stock_date}]. {incoming_stock} on the way.',
      threshold: 12,
      incoming_stock: 25,
      back_in_stock_date: '2031-05-04',
    });
    expect(frame.url()).toMatch(new RegExp(`/admin/templates/${saved?.id}$`));
  });

  test('an unknown placeholder or unpaired bracket shows its reason next to the field, while the other texts still preview', async () => {
    const cart = frame.getByLabel('Cart message');
    await cart.fill('Ships on {ship_date}');
    const group = frame.locator('[data-panel="template-texts"]');
    await group.getByText('A text uses a placeholder Backorder does not know.').waitFor();
    await group.getByText('This text has {ship_date}.').waitFor();
    await previewText('with-date', 'cart_message').getByText('Fix this text to see it.').waitFor();
    await previewText('with-date', 'backorder_message')
      .getByText('Back in stock on May 4, 2031. 25 on the way.')
      .waitFor();
    await checkAccessibility(frame);

    // Saving anyway is refused, and nothing changes.
    await frame.getByRole('button', { name: 'Save template' }).click();
    await frame.locator('[data-form="template"]').getByRole('alert').waitFor();
    expect((await templateNamed('Spring preorders'))?.cart_message).not.toContain('{ship_date}');

    await cart.fill('Ships [soon');
    await group.getByText('A text has a [ without its ]').waitFor();

    await cart.fill('Ships[ by {back_in_stock_date}]');
    await previewText('with-date', 'cart_message').getByText('Ships by May 4, 2031').waitFor();
    await previewText('without-date', 'cart_message').getByText('Ships', { exact: true }).waitFor();
    expect(await group.getByText('A text uses a placeholder').count()).toBe(0);
    // Keyboard: from the last field, Tab reaches Save and Enter presses it.
    await frame.getByLabel('Back-in-stock date').focus();
    await tabTo(admin.page, frame, 'Save template');
    await admin.page.keyboard.press('Enter');
    await frame.getByText('The template “Spring preorders” is saved.').waitFor();
    expect((await templateNamed('Spring preorders'))?.cart_message).toBe('Ships[ by {back_in_stock_date}]');
  });

  test('by keyboard from the list to a template and back; make default moves the badge', async () => {
    await frame.getByRole('link', { name: '← All templates' }).click();
    await frame.getByRole('heading', { level: 1, name: 'Templates' }).waitFor();
    // Keyboard: the list's name opens the template, its back link returns.
    await tabTo(admin.page, frame, 'Spring preorders');
    await admin.page.keyboard.press('Enter');
    await frame.getByRole('heading', { level: 1, name: 'Edit template' }).waitFor();
    await tabTo(admin.page, frame, '← All templates');
    await admin.page.keyboard.press('Enter');
    await frame.getByRole('heading', { level: 1, name: 'Templates' }).waitFor();
    await frame.getByRole('button', { name: 'Make default: Spring preorders' }).click();
    await frame.getByText('“Spring preorders” is now the default template.').waitFor();
    await frame.getByRole('button', { name: 'Delete template Default' }).waitFor();
    expect(await frame.getByRole('button', { name: 'Make default: Spring preorders' }).count()).toBe(0);
    expect((await templateNamed('Spring preorders'))?.is_default).toBe(true);
    expect((await templateNamed('Default'))?.is_default).toBe(false);
  });

  test('delete asks first; Cancel keeps the template, Delete removes it', async () => {
    await frame.getByRole('button', { name: 'Delete template Default' }).click();
    const dialog = frame.getByRole('dialog');
    await dialog.getByText('Its texts and stock values are gone for good.').waitFor();
    await checkAccessibility(frame);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await templateNamed('Default')).toBeDefined();

    await frame.getByRole('button', { name: 'Delete template Default' }).click();
    await frame.getByRole('dialog').getByRole('button', { name: 'Delete template' }).click();
    await frame.getByText('The template “Default” is deleted.').waitFor();
    await frame.getByRole('link', { name: 'Default', exact: true }).waitFor({ state: 'detached' });
    expect(await templateNamed('Default')).toBeUndefined();
  });

  test('a template products use is not deleted: the refusal is shown with its reason', async () => {
    const created = await admin.e2e.api('POST', '/templates', { name: 'Tents' });
    expect(created.status).toBe(201);
    const assigned = await admin.e2e.api('POST', '/assignments', {
      product_ids: [6],
      template_id: created.body.id,
    });
    expect(assigned.status).toBe(200);
    // Opened again, the list shows what changed through the API.
    await goTo('/');
    await goTo('/templates');
    const row = frame.getByRole('row').filter({ hasText: 'Tents' });
    expect(await row.getByRole('cell').nth(2).textContent()).toBe('1');
    await frame.getByRole('button', { name: 'Delete template Tents' }).click();
    await frame.getByRole('dialog').getByText('1 product uses it').waitFor();
    await frame.getByRole('dialog').getByRole('button', { name: 'Delete template' }).click();
    await frame.getByText('Products still use this template. Move them to another template first.').waitFor();
    expect(await alertsText(frame)).toContain('The template was not deleted');
    await frame.getByRole('link', { name: 'Tents', exact: true }).waitFor();
    await checkAccessibility(frame);
  });

  test('from Settings, “Edit them in Templates” opens the default template for editing', async () => {
    await frame.getByRole('link', { name: 'Settings' }).click();
    const texts = frame.locator('[data-panel="storefront-texts"]');
    await texts.getByText('Reserve yours').waitFor();
    await texts.getByRole('link', { name: 'Edit them in Templates' }).click();
    await frame.getByRole('heading', { level: 1, name: 'Edit template' }).waitFor();
    expect(await frame.getByLabel('Template name').inputValue()).toBe('Spring preorders');
    await frame.getByText('This is your default template').waitFor();
  });

  test('a template that does not exist says so', async () => {
    await goTo('/templates/999999');
    await frame.getByText('This template does not exist any more.').waitFor();
    await goTo('/templates/not-a-number');
    await frame.getByText('This template does not exist any more.').waitFor();
    await checkAccessibility(frame);
  });

  test('while a template loads it says so; a preview that fails says so with a retry', async () => {
    const tents = await templateNamed('Tents');
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const pattern = `**/api/v1/templates/${tents?.id}`;
    await admin.page.route(pattern, async (route) => {
      await held;
      await route.continue();
    });
    await goTo(`/templates/${tents?.id}`);
    await frame.getByText('Loading the template…').waitFor();
    release();
    await frame.getByLabel('Template name').waitFor();
    expect(await frame.getByLabel('Template name').inputValue()).toBe('Tents');
    await admin.page.unroute(pattern);
    await goTo('/templates');

    let failing = true;
    await admin.page.route('**/api/v1/templates/preview', async (route) => {
      if (!failing) return route.continue();
      return route.fulfill({
        status: 422,
        contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'VALIDATION.INVALID_BODY', message: 'test' } }),
      });
    });
    await frame.getByRole('button', { name: 'Create template' }).first().click();
    const preview = frame.locator('[data-panel="template-preview"]');
    await preview.getByText('The preview could not be loaded').waitFor();
    failing = false;
    await preview.getByRole('button', { name: 'Try again' }).click();
    await previewText('with-date', 'button_text').getByText('Pre-order now').waitFor();
    await admin.page.unroute('**/api/v1/templates/preview');
  });

  test('with no template at all, the list says what to do next', async () => {
    const db = admin.e2e.demo.app.database.db;
    await db.updateTable('products').set({ template_id: null }).execute();
    await db.deleteFrom('templates').execute();
    await goTo('/');
    await goTo('/templates');
    const empty = frame.locator('[data-empty-state]');
    await empty.getByText('No templates yet').waitFor();
    await empty.getByRole('button', { name: 'Create template' }).waitFor();
    await checkAccessibility(frame);
  });

  test('nothing was logged as an error in the console on the way', () => {
    expect(admin.errors).toEqual([]);
  });
});
