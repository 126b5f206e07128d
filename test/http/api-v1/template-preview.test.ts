import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignProductItems } from '../../../src/app/items/assign-product-items.js';
import { productStorefrontView } from '../../../src/app/storefront/product-storefront-view.js';
import { describeEachDatabase } from '../../adapters/db/support/databases.js';
import { anAssignment } from '../../builders/assignment.builder.js';
import { NOW } from '../../builders/store.builder.js';
import { type ApiHarness, startApiHarness, type Tenant } from './support/api-harness.js';

/**
 * POST /templates/preview: texts rendered for sample items as the storefront and the packing slip
 * render them, with the problems a save would refuse reported per field.
 */
describeEachDatabase('public API template preview', (db) => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApiHarness(db());
  });
  afterAll(async () => {
    await api?.close();
  });

  const DEFAULT_MESSAGE =
    'On backorder: this item ships when it is back in stock[, expected {back_in_stock_date}].[ Only {remaining_units} left to backorder.]';

  const preview = (tenant: Tenant, body: Record<string, unknown>) =>
    api.call('POST', '/api/v1/templates/preview', { auth: tenant.key, body });

  it('renders the product page, cart, unavailable and packing-slip texts for an item with a date and one without', async () => {
    const tenant = await api.aTenant();
    const answer = await preview(tenant, {
      button_text: 'Pre-order now',
      backorder_message: DEFAULT_MESSAGE,
      cart_message: 'Ships[ around {back_in_stock_date}].',
      unavailable_message: 'Sold out[ until {back_in_stock_date}].',
      packing_slip_message: 'Backordered items follow[ on {back_in_stock_date}].',
      samples: [
        { back_in_stock_date: '2026-07-01', threshold: 10, backordered: 3 },
        { back_in_stock_date: null },
      ],
    });
    expect(answer.status).toBe(200);
    expect(answer.body.locale).toBe('en-US');
    expect(answer.body.time_zone).toBe('America/Chicago');
    expect(answer.body.problems).toEqual([]);
    expect(answer.body.previews).toEqual([
      {
        sample: { back_in_stock_date: '2026-07-01', incoming_stock: 0, threshold: 10, backordered: 3 },
        button_text: 'Pre-order now',
        backorder_message:
          'On backorder: this item ships when it is back in stock, expected July 1, 2026. Only 7 left to backorder.',
        cart_message: 'Ships around July 1, 2026.',
        unavailable_message: 'Sold out until July 1, 2026.',
        packing_slip_message: 'Backordered items follow on July 1, 2026.',
        remaining_units: 7,
      },
      {
        sample: { back_in_stock_date: null, incoming_stock: 0, threshold: null, backordered: 0 },
        button_text: 'Pre-order now',
        backorder_message: 'On backorder: this item ships when it is back in stock.',
        cart_message: 'Ships.',
        unavailable_message: 'Sold out.',
        packing_slip_message: 'Backordered items follow.',
        remaining_units: null,
      },
    ]);
  });

  it('fills in each placeholder', async () => {
    const tenant = await api.aTenant();
    const answer = await preview(tenant, {
      backorder_message:
        'date={back_in_stock_date} incoming={incoming_stock} remaining={remaining_units} backordered={backordered}',
      samples: [
        { back_in_stock_date: '2026-12-24', incoming_stock: 1234, threshold: 5000, backordered: 2 },
        // A sale may overshoot T: the remaining units never go below 0.
        { incoming_stock: 0, threshold: 3, backordered: 5 },
      ],
    });
    expect(answer.status).toBe(200);
    expect(answer.body.previews.map((p: { backorder_message: string }) => p.backorder_message)).toEqual([
      'date=December 24, 2026 incoming=1,234 remaining=4,998 backordered=2',
      'date= incoming=0 remaining=0 backordered=5',
    ]);
    expect(answer.body.previews[1].remaining_units).toBe(0);
  });

  it('answers null where nothing would be shown: an empty text, a text left out, a text that drops to nothing', async () => {
    const tenant = await api.aTenant();
    const answer = await preview(tenant, {
      button_text: '',
      backorder_message: '   ',
      cart_message: '[Expected {back_in_stock_date}]',
      samples: [{}],
    });
    expect(answer.status).toBe(200);
    expect(answer.body.previews[0]).toMatchObject({
      button_text: null,
      backorder_message: null,
      cart_message: null,
      unavailable_message: null,
      packing_slip_message: null,
      remaining_units: null,
    });
    // Brackets around no placeholder are the merchant's own text.
    const own = await preview(tenant, { button_text: 'Order [now]', samples: [{}] });
    expect(own.body.previews[0].button_text).toBe('Order [now]');
  });

  it('reports an unknown placeholder and unbalanced brackets on their fields, and still renders the others', async () => {
    const tenant = await api.aTenant();
    const answer = await preview(tenant, {
      button_text: 'Pre-order now',
      backorder_message: 'Back on {back_in_stock_dat}',
      cart_message: 'Ships [soon',
      packing_slip_message: 'Ships] later [',
      unavailable_message: 'Gone [until {back_in_stock_date} [really]]',
      samples: [{ back_in_stock_date: '2026-07-01' }],
    });
    expect(answer.status).toBe(200);
    expect(
      answer.body.problems.map((p: { field: string; code: string; placeholder: string | null }) => [
        p.field,
        p.code,
        p.placeholder,
      ]),
    ).toEqual([
      ['backorder_message', 'TEMPLATE.UNKNOWN_PLACEHOLDER', 'back_in_stock_dat'],
      ['cart_message', 'TEMPLATE.UNBALANCED_SECTION', null],
      ['unavailable_message', 'TEMPLATE.UNBALANCED_SECTION', null],
      ['packing_slip_message', 'TEMPLATE.UNBALANCED_SECTION', null],
    ]);
    expect(answer.body.previews[0]).toMatchObject({
      button_text: 'Pre-order now',
      backorder_message: null,
      cart_message: null,
      unavailable_message: null,
      packing_slip_message: null,
    });
  });

  it('refuses a request that does not match the schema with VALIDATION codes', async () => {
    const tenant = await api.aTenant();
    const refusals = [
      { backorder_message: 'x' },
      { backorder_message: 'x', samples: [] },
      { backorder_message: 'x', samples: [{ back_in_stock_date: '2026-02-30' }] },
      { backorder_message: 'x', samples: [{ incoming_stock: -1 }] },
      { backorder_message: 'x', samples: [{ threshold: 1.5 }] },
      { backorder_message: 'x'.repeat(2001), samples: [{}] },
      { backorder_message: 'x', samples: [{}], name: 'not a preview field' },
      { backorder_message: 'x', samples: Array.from({ length: 11 }, () => ({})) },
    ];
    for (const body of refusals) {
      const answer = await preview(tenant, body);
      expect(answer.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(answer.body.error.code).toBe('VALIDATION.INVALID_BODY');
    }
  });

  it('needs credentials, and writes dates and numbers the way the caller’s store does', async () => {
    const unauthenticated = await api.call('POST', '/api/v1/templates/preview', {
      body: { backorder_message: 'x', samples: [{}] },
    });
    expect(unauthenticated.status).toBe(401);
    expect(unauthenticated.body.error.code).toBe('AUTH.MISSING_KEY');

    const american = await api.aTenant();
    const german = await api.aTenant({ timezone: 'Europe/Berlin' });
    await db().repos.stores.updateProfile(german.store.id, { locale: 'de-DE' }, NOW);
    const body = {
      backorder_message: 'Ab {back_in_stock_date}, {incoming_stock} unterwegs',
      samples: [{ back_in_stock_date: '2026-07-01', incoming_stock: 1234 }],
    };
    const [inGerman, inEnglish] = [await preview(german, body), await preview(american, body)];
    expect(inGerman.body).toMatchObject({ locale: 'de-DE', time_zone: 'Europe/Berlin' });
    expect(inGerman.body.previews[0].backorder_message).toBe('Ab 1. Juli 2026, 1.234 unterwegs');
    expect(inEnglish.body.previews[0].backorder_message).toBe('Ab July 1, 2026, 1,234 unterwegs');

    // A session of the store previews as its API key does.
    const bySession = await api.call('POST', '/api/v1/templates/preview', {
      auth: await german.session(),
      body,
    });
    expect(bySession.body).toEqual(inGerman.body);
  });

  it('reads exactly as the storefront shows a product of a template with those texts', async () => {
    const tenant = await api.aTenant();
    const texts = {
      button_text: 'Pre-order now',
      backorder_message: DEFAULT_MESSAGE,
      cart_message: 'Ships[ by {back_in_stock_date}] ({backordered} already ordered)',
      unavailable_message: 'Back[ on {back_in_stock_date}]',
    };
    const template = await api.call('POST', '/api/v1/templates', {
      auth: tenant.key,
      body: { name: 'Preorders', ...texts },
    });
    expect(template.status).toBe(201);
    const assignment = anAssignment(tenant.store.id, {
      items: [{ stock: 0, threshold: 12, incoming: 40, backInStockDate: '2026-07-01' }],
    });
    const outcome = await assignProductItems(db().repos, {
      ...assignment,
      product: { ...assignment.product, templateId: template.body.id },
    });
    expect(outcome.applied).toBe(true);

    const storefront = await productStorefrontView(db().repos, {
      storeHash: tenant.store.storeHash,
      bcProductId: assignment.product.bcProductId,
    });
    if (!storefront.ok) throw new Error(storefront.message);
    const [shown] = storefront.view.items;
    expect(shown?.status).toBe('backorder');

    const answer = await preview(tenant, {
      ...texts,
      samples: [{ back_in_stock_date: '2026-07-01', incoming_stock: 40, threshold: 12, backordered: 0 }],
    });
    expect(answer.body.previews[0]).toMatchObject({
      button_text: shown?.buttonText,
      backorder_message: shown?.message,
      cart_message: shown?.cartMessage,
      remaining_units: shown?.remainingUnits,
    });
    expect(answer.body.previews[0].backorder_message).toContain('Only 12 left to backorder.');
  });

  describe('the packing-slip message', () => {
    it('is written as the staff note carries it: trimmed, without our markers', async () => {
      const tenant = await api.aTenant();
      const answer = await preview(tenant, {
        packing_slip_message: '  --- Backorder --- ships {back_in_stock_date}  ',
        samples: [{ back_in_stock_date: '2026-07-01' }],
      });
      expect(answer.body.previews[0].packing_slip_message).toBe('-- Backorder -- ships July 1, 2026');
    });
  });
});
