import { afterAll, beforeAll, expect, it } from 'vitest';
import { assignProducts } from '../../../src/app/assignment/assign-products.js';
import { ASSIGNMENT_CODES, ASSIGNMENT_WARNINGS } from '../../../src/app/assignment/assignment-codes.js';
import { deliverOutbox } from '../../../src/app/outbox/deliver-outbox.js';
import { describeEachDatabase } from '../../adapters/db/support/databases.js';
import {
  aConnectedStore,
  DEFAULT_TEMPLATE,
  type Harness,
  startHarness,
  withSizes,
} from './support/assignment-harness.js';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness.close();
});

describeEachDatabase('assignProducts against the sandbox', (db) => {
  it('assigns a product with variants: stock per variant, template values, original settings, tracking off, purchasability written', async () => {
    const ctx = await aConnectedStore(db(), harness);
    const strict = await db().repos.templates.createTemplate(
      ctx.store.id,
      {
        ...DEFAULT_TEMPLATE,
        name: 'No backorders',
        threshold: 0,
        incomingStock: 4,
        backInStockDate: '2099-05-01',
      },
      ctx.clock.now(),
    );
    if (!strict.ok) throw new Error(strict.message);
    const bcId = ctx.createProduct({ name: 'Trail Shoe', ...withSizes({ S: 3, M: 0, L: 7 }, 'SHOE') });
    const before = await ctx.product(bcId);
    expect(before.inventory_tracking).toBe('variant');

    const result = await assignProducts(ctx.deps, {
      storeId: ctx.store.id,
      productIds: [bcId],
      templateId: strict.template.id,
      actor: 'admin:merchant@example.com',
    });

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.results).toEqual([
      { bcProductId: bcId, ok: true, productId: expect.any(Number), itemCount: 3, warnings: [] },
    ]);

    // The app's side: one item per variant, stock copied per variant, stock defaults from the template.
    const record = await db().repos.products.findProductByBcId(ctx.store.id, bcId);
    expect(record).toMatchObject({ assigned: true, templateId: strict.template.id, name: 'Trail Shoe' });
    const items = await db().repos.items.listItems(ctx.store.id, { productId: record!.id });
    const bySku = Object.fromEntries(items.map((i) => [i.sku, i]));
    const variantIds = Object.fromEntries(before.variants!.map((v) => [v.sku, v.id]));
    expect(bySku['SHOE-S']).toMatchObject({
      bcVariantId: variantIds['SHOE-S'],
      stock: 3,
      status: 'in_stock',
    });
    expect(bySku['SHOE-L']).toMatchObject({ stock: 7, status: 'in_stock' });
    // Each item remembers its variant's option value, with BigCommerce's ids (what a storefront form sends)
    // and names (what the control panel shows).
    for (const variant of before.variants!) {
      expect(bySku[variant.sku]!.optionValues).toEqual(
        variant.option_values.map((o) => ({
          optionId: o.option_id,
          valueId: o.id,
          name: o.option_display_name,
          label: o.label,
        })),
      );
    }
    // Out of stock with a threshold of 0: no backorders allowed, so unavailable.
    expect(bySku['SHOE-M']).toMatchObject({ stock: 0, status: 'unavailable', block: 'threshold' });
    for (const item of items) {
      expect(item).toMatchObject({
        threshold: 0,
        incoming: 4,
        backInStockDate: '2099-05-01',
        backordered: 0,
      });
    }

    // Original settings recorded as BigCommerce had them.
    expect(record!.originalSettings).toMatchObject({
      inventory_tracking: 'variant',
      availability: 'available',
      variants: expect.arrayContaining([
        expect.objectContaining({ sku: 'SHOE-M', inventory_level: 0, purchasing_disabled: false }),
        expect.objectContaining({ sku: 'SHOE-L', inventory_level: 7 }),
      ]),
    });

    // BigCommerce: tracking off and purchasability at once, in one pass (nothing left for the outbox).
    expect((await ctx.product(bcId)).inventory_tracking).toBe('none');
    const delivery = await deliverOutbox(ctx.deps, { storeId: ctx.store.id });
    expect(delivery).toMatchObject({ claimed: 0, delivered: 0, failed: 0 });
    const after = await ctx.product(bcId);
    const disabled = Object.fromEntries(after.variants!.map((v) => [v.sku, v.purchasing_disabled]));
    expect(disabled).toEqual({ 'SHOE-S': false, 'SHOE-M': true, 'SHOE-L': false });
    expect(after.variants!.find((v) => v.sku === 'SHOE-M')!.purchasing_disabled_message).not.toBe('');
    expect(after.availability).toBe('available');

    // The merchant is told; the run's job is queued to resume it should this process have died.
    const notes = await db().repos.notifications.listNotifications(ctx.store.id);
    expect(notes.filter((n) => n.event === 'assigned')).toEqual([
      expect.objectContaining({
        payload: {
          products: [{ bcProductId: bcId, name: 'Trail Shoe', sku: expect.any(String), itemCount: 3 }],
        },
      }),
    ]);
    expect(ctx.jobs.named('assignment.bulk')).toEqual([
      expect.objectContaining({ payload: { storeId: ctx.store.id, runId: result.runId } }),
    ]);
    const run = await db().repos.assignmentRuns.getRun(ctx.store.id, result.runId);
    expect(run).toMatchObject({ status: 'done', actor: 'admin:merchant@example.com' });
  });

  it('assigns products without variants: the product is the item; untracked stock starts at 0', async () => {
    const ctx = await aConnectedStore(db(), harness);
    const tracked = ctx.createProduct({ name: 'Mug', inventory_tracking: 'product', inventory_level: 4 });
    const untracked = ctx.createProduct({
      name: 'Poster',
      inventory_tracking: 'none',
      availability: 'disabled',
    });

    const result = await assignProducts(ctx.deps, {
      storeId: ctx.store.id,
      productIds: [tracked, untracked],
    });

    expect(result.ok && result.results).toEqual([
      { bcProductId: tracked, ok: true, productId: expect.any(Number), itemCount: 1, warnings: [] },
      {
        bcProductId: untracked,
        ok: true,
        productId: expect.any(Number),
        itemCount: 1,
        warnings: [ASSIGNMENT_WARNINGS.stockNotTracked],
      },
    ]);
    const mug = await db().repos.items.findItemByBcIds(ctx.store.id, tracked, null);
    const poster = await db().repos.items.findItemByBcIds(ctx.store.id, untracked, null);
    // The default template: threshold 5, incoming 12, date 2099-01-31.
    expect(mug).toMatchObject({
      stock: 4,
      status: 'in_stock',
      threshold: 5,
      incoming: 12,
      backInStockDate: '2099-01-31',
    });
    expect(poster).toMatchObject({ stock: 0, status: 'backorder' });

    expect((await ctx.product(tracked)).inventory_tracking).toBe('none');
    // One write per product, tracking and purchasability together: tracking off for the tracked one,
    // the poster made available; nothing left for the outbox.
    expect(ctx.writes.requests()).toBe(1);
    expect(
      ctx.writes.products
        .flat()
        .map((p) => p.id)
        .sort((a, b) => a - b),
    ).toEqual([tracked, untracked].sort((a, b) => a - b));
    expect(await deliverOutbox(ctx.deps, { storeId: ctx.store.id })).toMatchObject({ claimed: 0 });
    // The poster can now be backordered: the app made it purchasable.
    expect((await ctx.product(untracked)).availability).toBe('available');
    expect((await ctx.product(tracked)).availability).toBe('available');
  });

  it('refuses, per product, a product already assigned and one BigCommerce does not have; the others are assigned', async () => {
    const ctx = await aConnectedStore(db(), harness);
    const first = ctx.createProduct({ inventory_tracking: 'product', inventory_level: 2 });
    const second = ctx.createProduct({ inventory_tracking: 'product', inventory_level: 6 });
    const assigned = await assignProducts(ctx.deps, { storeId: ctx.store.id, productIds: [first] });
    expect(assigned.ok).toBe(true);
    const item = await db().repos.items.findItemByBcIds(ctx.store.id, first, null);
    const ledgerBefore = await db().repos.history.listLedger(ctx.store.id, { itemId: item!.id });

    const again = await assignProducts(ctx.deps, {
      storeId: ctx.store.id,
      productIds: [first, 987_654, second],
    });

    expect(again.ok && again.results).toEqual([
      { bcProductId: first, ok: false, code: ASSIGNMENT_CODES.alreadyAssigned, message: expect.any(String) },
      {
        bcProductId: 987_654,
        ok: false,
        code: ASSIGNMENT_CODES.productNotFound,
        message: expect.any(String),
      },
      { bcProductId: second, ok: true, productId: expect.any(Number), itemCount: 1, warnings: [] },
    ]);
    // The refused product is untouched.
    expect(await db().repos.items.getItem(ctx.store.id, item!.id)).toMatchObject({ stock: 2, active: true });
    expect(await db().repos.history.listLedger(ctx.store.id, { itemId: item!.id })).toEqual(ledgerBefore);
  });

  it('refuses bad input with a code and changes nothing', async () => {
    const ctx = await aConnectedStore(db(), harness);
    const id = ctx.createProduct({});
    const cases = [
      [{ productIds: [] }, ASSIGNMENT_CODES.noProducts],
      [{ productIds: [0] }, ASSIGNMENT_CODES.invalidProductId],
      [{ productIds: [1.5] }, ASSIGNMENT_CODES.invalidProductId],
      [{ productIds: Array.from({ length: 251 }, (_, i) => i + 1) }, ASSIGNMENT_CODES.tooManyProducts],
      [{ productIds: [id], templateId: 99_999_999 }, ASSIGNMENT_CODES.templateNotFound],
    ] as const;
    for (const [input, code] of cases) {
      const result = await assignProducts(ctx.deps, { storeId: ctx.store.id, ...input });
      expect(result).toMatchObject({ ok: false, code });
    }
    expect(await db().repos.assignmentRuns.listRuns(ctx.store.id)).toEqual([]);
    expect(await db().repos.products.findProductByBcId(ctx.store.id, id)).toBeNull();
    expect(ctx.writes.requests()).toBe(0);
  });
});
