import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { UNLIMITED_ALLOWANCE } from '../../src/core/sellable.js';
import { type E2E, eventually, startE2E } from './support/demo-harness.js';

/**
 * The product's main flow (docs/product.md) end to end, in demo mode: the app installed into the sandbox
 * store through the real install flow, BigCommerce's webhooks arriving over HTTP, every step checked on the
 * BigCommerce side (the sandbox's API) and on the app side (the public API).
 *
 * It runs in each inventory mode (docs/product.md#modes) with the same steps and the same results in the
 * app; what differs is BigCommerce's side: emulated, tracking is off and purchase is disabled when the
 * threshold is reached; cap at checkout, tracking stays on, BigCommerce's level is the units still
 * sellable, and the order that would pass the threshold is refused at checkout; native backorders,
 * BigCommerce counts on hand and quantity backordered, with S as its safety stock and the threshold as
 * its backorder limit, and refuses that order itself.
 *
 * Store setting S = 2; the product "Summit Down Sleeping Bag" (id 6) has the variants
 * SLEEP-DOWN5-REGULAR (6 in stock) and SLEEP-DOWN5-LONG (0 in stock); REGULAR gets T = 3.
 */
const PRODUCT = 6;
const REGULAR = 'SLEEP-DOWN5-REGULAR';
const LONG = 'SLEEP-DOWN5-LONG';
const MERCHANT = 'merchant@example.com';

// Each step waits for webhooks and jobs; on PostgreSQL pg-boss polls at half-second steps.
vi.setConfig({ testTimeout: 60_000 });

const runs = [
  { database: 'SQLite', postgresUrl: null, mode: 'emulated' },
  { database: 'PostgreSQL', postgresUrl: inject('postgresUrl'), mode: 'emulated' },
  { database: 'SQLite', postgresUrl: null, mode: 'capped' },
  { database: 'PostgreSQL', postgresUrl: inject('postgresUrl'), mode: 'capped' },
  { database: 'SQLite', postgresUrl: null, mode: 'native' },
  { database: 'PostgreSQL', postgresUrl: inject('postgresUrl'), mode: 'native' },
] as const;

describe.each(runs)('the seed flow on $database, $mode mode', ({ database, postgresUrl, mode }) => {
  const capped = mode === 'capped';
  const native = mode === 'native';
  // On PostgreSQL the flow runs only when the run has a server (CI always does: REQUIRE_POSTGRES=1).
  const run = database === 'SQLite' || postgresUrl !== null;
  let e: E2E;
  let regularVariant: number;
  const orders: number[] = [];

  beforeAll(async () => {
    if (!run) return;
    e = await startE2E({ postgresUrl });
  }, 60_000);
  afterAll(async () => {
    await e?.close();
  });

  const item = async (sku: string) => {
    const { status, body } = await e.api('GET', `/items/${sku}`);
    expect(status).toBe(200);
    return body as {
      stock: number;
      backordered: number;
      status: string;
      block: string | null;
      threshold: number;
    };
  };
  const variantInBigCommerce = async (sku: string) => {
    const { body } = await e.bc('GET', `/v3/catalog/products/${PRODUCT}?include=variants`);
    return (body.data.variants as { sku: string; purchasing_disabled: boolean; id: number }[]).find(
      (v) => v.sku === sku,
    )!;
  };
  const order = async (quantity: number) => {
    const { status, body } = await e.bc('POST', '/v2/orders', {
      status_id: 11,
      billing_address: {
        first_name: 'Ada',
        last_name: 'Shopper',
        street_1: '1 Main St',
        city: 'Austin',
        state: 'Texas',
        zip: '78701',
        country: 'United States',
        country_iso2: 'US',
        email: 'ada@example.com',
      },
      products: [{ product_id: PRODUCT, variant_id: regularVariant, quantity }],
    });
    expect(status, JSON.stringify(body)).toBe(200); // BigCommerce's createOrder answers 200 (orders.v2 spec)
    orders.push(body.id);
    // One order at a time, as shoppers place them: webhooks carry no ordering guarantee, and which
    // order holds the backordered units follows the order in which the app learns of them.
    await eventually(async () => {
      const line = await e.demo.app.database.db
        .selectFrom('order_lines')
        .select('id')
        .where('bc_order_id', '=', body.id)
        .executeTakeFirst();
      return line !== undefined;
    });
    return body.id as number;
  };
  /** BigCommerce's level of the REGULAR variant, once it is `level` (cap at checkout). */
  const levelBecomes = async (level: number) => {
    let last: number | undefined;
    await eventually(async () => {
      last = ((await variantInBigCommerce(REGULAR)) as unknown as { inventory_level: number })
        .inventory_level;
      return last === level;
    }).catch(() => {
      throw new Error(`BigCommerce's level of ${REGULAR} stayed ${last}, not ${level}`);
    });
  };
  /** BigCommerce's native backorder numbers of the REGULAR variant at the default location. */
  const nativeOf = async () => {
    const { body } = await e.bc('GET', `/v3/inventory/items?variant_id:in=${regularVariant}`);
    const location = body.data[0].locations[0];
    return {
      onHand: location.total_inventory_onhand as number,
      backordered: location.qty_backordered as number,
      limit: location.settings.backorder_limit as number,
      unlimited: location.settings.unlimited_backorder as boolean,
      safetyStock: location.settings.safety_stock as number,
    };
  };
  const nativeBecomes = async (expected: Partial<Awaited<ReturnType<typeof nativeOf>>>) => {
    let last: unknown;
    await eventually(async () => {
      const now = await nativeOf();
      last = now;
      return Object.entries(expected).every(([k, v]) => now[k as keyof typeof now] === v);
    }).catch(() => {
      throw new Error(
        `BigCommerce's native numbers of ${REGULAR} stayed ${JSON.stringify(last)}, not ${JSON.stringify(expected)}`,
      );
    });
  };
  const mailMentioning = (...words: string[]) =>
    eventually(async () => {
      const found = (await e.mails()).find((m) => words.every((w) => `${m.subject}\n${m.text}`.includes(w)));
      return found ?? false;
    });

  it.runIf(run)('1. settings: switch condition 2, notifications to the merchant, the mode', async () => {
    if (native) {
      // The merchant joins BigCommerce's beta; the app checks the store again and finds it.
      expect(await e.nativeBackorders(true)).toBe(200);
      const checked = await e.api('POST', '/settings/native-backorders/check');
      expect(checked.body).toMatchObject({ enabled: true });
    }
    const { status, body } = await e.api('PATCH', '/settings', {
      switch_condition: 2,
      notification_emails: [MERCHANT],
      inventory_mode: mode,
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({
      switch_condition: 2,
      notification_emails: [MERCHANT],
      inventory_mode: mode,
    });
  });

  it.runIf(run)(
    '2. assigning a product with variants copies stock and takes over from BigCommerce',
    async () => {
      const { status, body } = await e.api('POST', '/assignments', { product_ids: [PRODUCT] });
      expect(status).toBe(200);
      expect(body.results).toMatchObject([{ product_id: PRODUCT, status: 'assigned', item_count: 2 }]);

      expect(await item(REGULAR)).toMatchObject({
        stock: 6,
        backordered: 0,
        status: 'in_stock',
        block: null,
      });
      // 0 ≤ S: the out-of-stock variant is in backorder from the start.
      expect(await item(LONG)).toMatchObject({ stock: 0, status: 'backorder' });

      const product = (await e.bc('GET', `/v3/catalog/products/${PRODUCT}`)).body.data;
      expect(product).toMatchObject({
        inventory_tracking: mode === 'emulated' ? 'none' : 'variant',
        availability: 'available',
      });
      const regular = await variantInBigCommerce(REGULAR);
      regularVariant = regular.id;
      // Cap at checkout: the level is the units still sellable — 6 − S, plus the unlimited allowance
      // (no threshold yet).
      if (capped) await levelBecomes(4 + UNLIMITED_ALLOWANCE);
      // Native: BigCommerce keeps counting; S is its safety stock, and no threshold yet: unlimited.
      if (native) await nativeBecomes({ onHand: 6, backordered: 0, safetyStock: 2, unlimited: true });
      expect(regular.purchasing_disabled).toBe(false);
      expect((await variantInBigCommerce(LONG)).purchasing_disabled).toBe(false);
      await mailMentioning('Products assigned', 'Summit Down Sleeping Bag');
    },
  );

  it.runIf(run)('3. the threshold and a back-in-stock date are set through the API', async () => {
    const tomorrow = DateTime.fromJSDate(e.clock.now(), { zone: 'America/Chicago' })
      .plus({ days: 1 })
      .toISODate();
    const { status, body } = await e.api('PATCH', `/items/${REGULAR}`, {
      threshold: 3,
      back_in_stock_date: tomorrow,
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({ threshold: 3, back_in_stock_date: tomorrow, status: 'in_stock' });
    if (capped) await levelBecomes(4 + 3);
    if (native) await nativeBecomes({ unlimited: false, limit: 3 });
  });

  it.runIf(run)('4. orders take stock to S: backorder enabled, purchasable, email, staff note', async () => {
    await order(3); // 6 → 3: still above S
    const second = await order(2); // 3 → 1: b = max(0, 2−1) − max(0, 2−3) = 1
    const regular = await eventually(async () => {
      const i = await item(REGULAR);
      return i.stock === 1 && i;
    });
    expect(regular).toMatchObject({ stock: 1, backordered: 1, status: 'backorder', block: null });
    expect((await variantInBigCommerce(REGULAR)).purchasing_disabled).toBe(false);
    await mailMentioning('Backorder enabled', REGULAR);

    const note = await eventually(async () => {
      const notes = (await e.bc('GET', `/v2/orders/${second}`)).body.staff_notes as string;
      return notes.includes(REGULAR) && notes;
    });
    expect(note).toContain('--- Backorder ---');
    expect(note).toContain('1 backordered');
    // BigCommerce took 5 units at checkout itself; the app wrote nothing: T − B = 2 are left.
    if (capped) await levelBecomes(2);
    // BigCommerce sold 4 from on hand down to its safety stock and backordered 1 itself.
    if (native) await nativeBecomes({ onHand: 2, backordered: 1, limit: 3 });
  });

  it.runIf(run)(
    '5. more orders reach the threshold: unavailable in BigCommerce, email with the reason',
    async () => {
      if (mode !== 'emulated') {
        // 3 more would make B = 4 > T: BigCommerce's checkout refuses the order.
        const passing = await e.bc('POST', '/v2/orders', {
          billing_address: { first_name: 'B', last_name: 'C', email: 'b@example.com', country_iso2: 'US' },
          products: [{ product_id: PRODUCT, variant_id: regularVariant, quantity: 3 }],
        });
        expect(passing.status).toBe(409);
        expect(passing.body[0].details.errors[0]).toMatchObject(
          capped
            ? { type: 'OutOfStock', available_quantity: 2 }
            : { type: 'OutOfStock', available_quantity: 0, available_quantity_for_backorder: 2 },
        );
      }
      await order(2); // 1 → −1: b = max(0, 2+1) − max(0, 2−1) = 2, B = 3 = T
      const regular = await eventually(async () => {
        const i = await item(REGULAR);
        return i.stock === -1 && i;
      });
      expect(regular).toMatchObject({ backordered: 3, status: 'unavailable', block: 'threshold' });
      await eventually(async () => (await variantInBigCommerce(REGULAR)).purchasing_disabled);
      if (capped) await levelBecomes(0);
      if (native) await nativeBecomes({ onHand: 2, backordered: 3, limit: 0 });
      await mailMentioning('Backorder disabled', REGULAR, 'threshold');
      // BigCommerce now refuses the variant to shoppers.
      const refused = await e.bc('POST', '/v2/orders', {
        billing_address: { first_name: 'B', last_name: 'C', email: 'b@example.com', country_iso2: 'US' },
        products: [{ product_id: PRODUCT, variant_id: regularVariant, quantity: 1 }],
      });
      expect(refused.status).toBeGreaterThanOrEqual(400);
    },
  );

  it.runIf(run)('6. a cancelled order gives its units and backorders back', async () => {
    const third = orders.at(-1)!;
    expect((await e.bc('PUT', `/v2/orders/${third}`, { status_id: 5 })).status).toBe(200);
    const regular = await eventually(async () => {
      const i = await item(REGULAR);
      return i.stock === 1 && i;
    });
    // Stock −1 + 2, B 3 − 2; still out of stock, so the threshold block stays until the episode ends (R9).
    expect(regular).toMatchObject({ stock: 1, backordered: 1, status: 'unavailable', block: 'threshold' });
    // Still blocked and at S or below: nothing is sellable.
    if (capped) await levelBecomes(0);
    // Native: the app gives the 2 backordered units back to BigCommerce's count too.
    if (native) await nativeBecomes({ onHand: 2, backordered: 1, limit: 0 });
  });

  it.runIf(run)(
    '7. restocking through the API ends the episode: in stock and purchasable again',
    async () => {
      const { status, body } = await e.api('PATCH', `/items/${REGULAR}`, { stock: 10 });
      expect(status).toBe(200);
      expect(body).toMatchObject({ stock: 10, backordered: 0, status: 'in_stock', block: null });
      await eventually(async () => !(await variantInBigCommerce(REGULAR)).purchasing_disabled);
      if (capped) await levelBecomes(10 - 2 + 3);
      // Native: 10 in stock and 1 still owed makes 11 on hand; T allows 3 more past the 1 backordered.
      if (native) await nativeBecomes({ onHand: 11, backordered: 1, limit: 4 });
    },
  );

  it.runIf(run)(
    '8. the back-in-stock date is reached: backorder disabled at the store’s new day',
    async () => {
      const fourth = await order(9); // 10 → 1: backorder again, b = 1
      await eventually(async () => (await item(REGULAR)).status === 'backorder');
      e.clock.advance(36 * 60 * 60 * 1000); // past midnight of the back-in-stock date in Chicago
      const regular = await eventually(async () => {
        const i = await item(REGULAR);
        return i.block === 'date' && i;
      });
      expect(regular).toMatchObject({ stock: 1, backordered: 1, status: 'unavailable', block: 'date' });
      await eventually(async () => (await variantInBigCommerce(REGULAR)).purchasing_disabled);
      // 11 − 9 sold = 2 left, then the date block takes the allowance away: nothing is sellable.
      if (capped) await levelBecomes(0);
      if (native) await nativeBecomes({ onHand: 2, backordered: 1, limit: 0 });
      await mailMentioning('Backorder disabled', REGULAR, 'back-in-stock date');
      // The merchant cannot switch it back on while the date has passed.
      const refused = await e.api('POST', `/items/${REGULAR}/enable`);
      expect(refused.status).toBe(409);
      expect(refused.body.error.code).toBe('BACKORDER.DATE_PASSED');

      const note = (await e.bc('GET', `/v2/orders/${fourth}`)).body.staff_notes as string;
      expect(note).toContain(REGULAR);
    },
  );

  it.runIf(run)('9. the app lists the orders holding backordered units, with their lines', async () => {
    const { status, body } = await e.api('GET', '/orders');
    expect(status).toBe(200);
    const listed = (body.data as { order_id: number; backordered_units: number }[])
      .map((o) => o.order_id)
      .sort();
    // Orders 2 and 4 hold backorders; order 3 was cancelled and given back; order 1 had none.
    expect(listed).toEqual([orders[1], orders[3]].sort());
    // Every stock movement is in the ledger: stock = Σ movements (R16), seen through the item's history.
    const regular = await item(REGULAR);
    const ledger = await e.demo.app.database.db
      .selectFrom('ledger')
      .innerJoin('items', 'items.id', 'ledger.item_id')
      .where('items.sku', '=', REGULAR)
      .select((eb) => eb.fn.sum<number>('ledger.delta').as('total'))
      .executeTakeFirstOrThrow();
    expect(Number(ledger.total)).toBe(regular.stock);
  });
});
