import { afterAll, beforeAll, expect, it } from 'vitest';
import { createStoreOrders } from '../../../src/adapters/bigcommerce/index.js';
import type { Repositories } from '../../../src/adapters/db/repositories.js';
import { applyItemEvent } from '../../../src/app/items/apply-item-event.js';
import { NOTE_END, NOTE_START } from '../../../src/app/orders/packing-slip-note.js';
import type { TemplateInput } from '../../../src/app/ports/template-repository.js';
import { handleOrderCreated } from '../../../src/app/webhooks/order-created.js';
import { processWebhookJob } from '../../../src/app/webhooks/process-webhook.job.js';
import { processWebhook } from '../../../src/app/webhooks/process-webhook.js';
import { MAX_UNITS } from '../../../src/core/item.js';
import { describeEachDatabase } from '../../adapters/db/support/databases.js';
import {
  aConnectedStore,
  aSimpleProduct,
  aSizedProduct,
  assign,
  createProduct,
  deliveryOf,
  placeOrder,
  receive,
  setOrderStatus,
  startWorld,
  TEST_NOW,
  type TestStore,
  type WebhookWorld,
} from './support/webhook-harness.js';

let world: WebhookWorld;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(async () => {
  await world?.close();
});

const CANCELLED = 5;
const REFUNDED = 4;
const AWAITING_FULFILLMENT = 11;

const TEMPLATE: TemplateInput = {
  name: 'Default',
  buttonText: 'Pre-order',
  backorderMessage: 'On backorder',
  cartMessage: 'Backordered',
  unavailableMessage: '',
  threshold: null,
  incomingStock: 0,
  backInStockDate: null,
  packingSlipMessage: 'Backordered units ship separately. {backordered} units owed.',
};

async function withTemplate(repos: Repositories, store: TestStore, input: Partial<TemplateInput> = {}) {
  const created = await repos.templates.createTemplate(store.storeId, { ...TEMPLATE, ...input }, TEST_NOW);
  if (!created.ok) throw new Error(created.message);
  return created.template;
}

/** Feeds the store's pending events of `scope` to the inbox and processes them in order. */
async function deliver(repos: Repositories, store: TestStore, scope: string) {
  const ids = await receive(repos, store, scope);
  expect(ids.length).toBeGreaterThan(0);
  const outcomes = [];
  for (const inboxId of ids)
    outcomes.push(await processWebhook(store.deps, { storeId: store.storeId, inboxId }));
  return { ids, outcomes };
}

async function staffNotes(store: TestStore, orderId: number): Promise<string> {
  return (await store.merchant.getOrder(orderId)).staff_notes;
}

async function lineIds(store: TestStore, orderId: number): Promise<number[]> {
  return (await store.merchant.getOrderProducts(orderId)).map((line) => line.id);
}

describeEachDatabase('order webhooks', (db) => {
  it('an order of an assigned product is a sale: stock, B, ledger, order line, staff note, effects queued', async () => {
    const { repos } = db();
    const store = await aConnectedStore(world, repos);
    await withTemplate(repos, store);
    const product = await createProduct(store, aSimpleProduct());
    const [item] = await assign(repos, store, product, 2);
    const orderId = await placeOrder(store, [{ product_id: product.id, quantity: 3 }]);

    const { ids, outcomes } = await deliver(repos, store, 'store/order/created');
    expect(outcomes).toEqual(['processed']);

    const after = await repos.items.getItem(store.storeId, item!.id);
    expect(after).toMatchObject({ stock: -1, backordered: 1, status: 'backorder' });
    const [lineId] = await lineIds(store, orderId);
    const ledger = await repos.history.listLedger(store.storeId, { itemId: item!.id });
    expect(ledger[0]).toMatchObject({
      kind: 'sale',
      delta: -3,
      backorderedDelta: 1,
      idempotencyKey: `order:${orderId}:line:${lineId}:sale`,
      causeType: 'order_line',
      causeRef: `order:${orderId}:line:${lineId}`,
    });
    expect(await repos.orderLines.listOrderLines(store.storeId, orderId)).toMatchObject([
      { bcOrderProductId: lineId, itemId: item!.id, quantity: 3, backordered: 1, returnedQuantity: 0 },
    ]);
    expect(await staffNotes(store, orderId)).toBe(
      [
        NOTE_START,
        'Backordered units ship separately. 1 units owed.',
        'Backordered lines:',
        `- ${product.name} (SKU ${product.sku}): 3 ordered, 1 backordered`,
        NOTE_END,
      ].join('\n'),
    );
    // in_stock → backorder notifies "backorder enabled": delivery of the outbox is queued.
    expect(store.jobs.sent).toEqual([
      { name: 'outbox.urgent', payload: { storeId: store.storeId }, options: expect.any(Object) },
      { name: 'outbox.deliver', payload: { storeId: store.storeId }, options: expect.any(Object) },
      { name: 'notifications.flush', payload: { storeId: store.storeId }, options: expect.any(Object) },
    ]);
    const entry = await repos.inbox.get(store.storeId, ids[0]!);
    expect(entry).toMatchObject({ processedAt: TEST_NOW, lastError: null, attempts: 1 });
  });

  it('processing the same webhook again — a second job, a redelivery, a crash before marking — changes nothing', async () => {
    const { repos } = db();
    const store = await aConnectedStore(world, repos);
    await withTemplate(repos, store);
    const product = await createProduct(store, aSimpleProduct());
    const [item] = await assign(repos, store, product, 0);
    const orderId = await placeOrder(store, [{ product_id: product.id, quantity: 2 }]);
    const pending = [...store.events];
    const { ids } = await deliver(repos, store, 'store/order/created');
    const snapshot = async () => ({
      item: await repos.items.getItem(store.storeId, item!.id),
      ledger: await repos.history.ledgerTotals(store.storeId, item!.id),
      lines: await repos.orderLines.listOrderLines(store.storeId, orderId),
      notes: await staffNotes(store, orderId),
      outbox: (await repos.outbox.listPending(store.storeId)).length,
    });
    const before = await snapshot();
    expect(before.item).toMatchObject({ stock: -2, backordered: 2 });
    store.jobs.clear();
    store.events.length = 0;

    // A second job for the same entry.
    expect(await processWebhook(store.deps, { storeId: store.storeId, inboxId: ids[0]! })).toBe(
      'already_processed',
    );
    await processWebhookJob(store.deps).handler(
      { storeId: store.storeId, inboxId: ids[0]! },
      { id: 'j2', name: 'webhook.process', attempt: 1 },
    );
    // BigCommerce delivering the same event again: the inbox knows its hash.
    const again = deliveryOf(store, pending.find((e) => e.scope === 'store/order/created')!);
    const recorded = await repos.inbox.record(store.storeId, {
      eventHash: again.hash,
      scope: again.scope,
      payload: again,
      receivedAt: TEST_NOW,
    });
    expect(recorded).toEqual({ duplicate: true, id: ids[0] });
    // A job that applied everything but died before marking the entry processed runs the handler again.
    const entry = (await repos.inbox.get(store.storeId, ids[0]!))!;
    const read = store.deps.webhookEvents.eventOf(entry.scope, entry.payload);
    if (read?.ok !== true || read.event.kind !== 'orderCreated') throw new Error('not an order event');
    await handleOrderCreated(store.deps, {
      storeId: store.storeId,
      inboxId: entry.id,
      scope: entry.scope,
      event: read.event,
      now: TEST_NOW,
    });

    expect(await snapshot()).toEqual(before);
    expect(store.jobs.sent).toEqual([]);
    // The staff note was not written again (a PUT would have fired store/order/updated).
    expect(store.events.filter((e) => e.scope === 'store/order/updated')).toEqual([]);
  });

  it('an order that would take stock out of range is a notified problem, once, never a failing job', async () => {
    const { repos } = db();
    const store = await aConnectedStore(world, repos);
    await withTemplate(repos, store);
    const product = await createProduct(store, aSimpleProduct());
    const other = await createProduct(store, aSimpleProduct());
    const [item] = await assign(repos, store, product, 0);
    const [otherItem] = await assign(repos, store, other, 5);
    const edited = await applyItemEvent(repos, {
      storeId: store.storeId,
      itemId: item!.id,
      idempotencyKey: 'test:near-the-floor',
      cause: { type: 'admin_action', ref: null },
      actor: 'test',
      now: TEST_NOW,
      event: { kind: 'edited', source: 'api', stock: -MAX_UNITS + 1 },
    });
    expect(edited.applied).toBe(true);
    const orderId = await placeOrder(store, [
      { product_id: product.id, quantity: 2 },
      { product_id: other.id, quantity: 1 },
    ]);
    const pending = [...store.events];

    const { ids, outcomes } = await deliver(repos, store, 'store/order/created');
    expect(outcomes).toEqual(['processed']);
    expect(await repos.inbox.get(store.storeId, ids[0]!)).toMatchObject({ lastError: null, attempts: 1 });
    // The sale that would leave the range is not applied; the order's other line is.
    expect(await repos.items.getItem(store.storeId, item!.id)).toMatchObject({ stock: -MAX_UNITS + 1 });
    expect(await repos.items.getItem(store.storeId, otherItem!.id)).toMatchObject({ stock: 4 });
    const [lineId] = await lineIds(store, orderId);
    const problems = async () =>
      (await repos.notifications.listNotifications(store.storeId)).filter((n) => n.event === 'item_problem');
    expect(await problems()).toMatchObject([
      {
        event: 'item_problem',
        payload: {
          code: 'ITEM.STOCK_OUT_OF_RANGE',
          change: 'sale',
          itemId: item!.id,
          bcProductId: product.id,
          sku: product.sku,
          name: product.name,
          orderId,
          orderProductId: lineId,
          quantity: 2,
        },
      },
    ]);

    // The same order again (the status webhook, a redelivery, a retried job): still one problem.
    const again = deliveryOf(store, pending.find((e) => e.scope === 'store/order/created')!);
    const entry = (await repos.inbox.get(store.storeId, ids[0]!))!;
    const read = store.deps.webhookEvents.eventOf(entry.scope, again);
    if (read?.ok !== true || read.event.kind !== 'orderCreated') throw new Error('not an order event');
    await handleOrderCreated(store.deps, {
      storeId: store.storeId,
      inboxId: entry.id,
      scope: entry.scope,
      event: read.event,
      now: TEST_NOW,
    });
    expect(await problems()).toHaveLength(1);
    expect(await repos.items.getItem(store.storeId, item!.id)).toMatchObject({ stock: -MAX_UNITS + 1 });
  });

  it('handles variants by the line’s variant, ignores unassigned products and keeps the merchant’s notes', async () => {
    const { repos } = db();
    const store = await aConnectedStore(world, repos);
    await withTemplate(repos, store, { packingSlipMessage: 'Part of this order ships later.' });
    const sized = await createProduct(store, aSizedProduct(['S', 'M', 'L']));
    const other = await createProduct(store, aSimpleProduct());
    const variant = (size: string) => sized.variants!.find((v) => v.sku.endsWith(`-${size}`))!;
    const items = await assign(repos, store, sized, {
      [variant('S').sku]: 5,
      [variant('M').sku]: 0,
      [variant('L').sku]: 1,
    });
    const itemOf = (size: string) => items.find((i) => i.bcVariantId === variant(size).id)!;

    const orderId = await placeOrder(
      store,
      [
        { product_id: sized.id, variant_id: variant('M').id, quantity: 2 },
        { product_id: sized.id, variant_id: variant('L').id, quantity: 1 },
        { product_id: other.id, quantity: 4 },
      ],
      { staff_notes: 'Leave at the door.' },
    );
    await deliver(repos, store, 'store/order/created');

    expect(await repos.items.getItem(store.storeId, itemOf('M').id)).toMatchObject({
      stock: -2,
      backordered: 2,
    });
    expect(await repos.items.getItem(store.storeId, itemOf('L').id)).toMatchObject({
      stock: 0,
      backordered: 0,
    });
    expect(await repos.items.getItem(store.storeId, itemOf('S').id)).toMatchObject({
      stock: 5,
      backordered: 0,
    });
    const lines = await repos.orderLines.listOrderLines(store.storeId, orderId);
    expect(lines.map((l) => [l.itemId, l.quantity, l.backordered])).toEqual([
      [itemOf('M').id, 2, 2],
      [itemOf('L').id, 1, 0],
    ]);
    expect(await repos.items.findItemByBcIds(store.storeId, other.id, null)).toBeNull();

    const notes = await staffNotes(store, orderId);
    expect(notes).toBe(
      [
        'Leave at the door.',
        '',
        NOTE_START,
        'Part of this order ships later.',
        'Backordered lines:',
        `- ${sized.name} (Size: M) (SKU ${variant('M').sku}): 2 ordered, 2 backordered`,
        NOTE_END,
      ].join('\n'),
    );
  });

  it('an order of unassigned products only changes nothing and writes no note', async () => {
    const { repos } = db();
    const store = await aConnectedStore(world, repos);
    const other = await createProduct(store, aSimpleProduct());
    const orderId = await placeOrder(store, [{ product_id: other.id, quantity: 1 }]);
    const { outcomes } = await deliver(repos, store, 'store/order/created');
    expect(outcomes).toEqual(['processed']);
    expect(await repos.orderLines.listOrderLines(store.storeId, orderId)).toEqual([]);
    expect(await staffNotes(store, orderId)).toBe('');
    expect(store.jobs.sent).toEqual([]);
  });

  it('a cancel gives back once: stock, B and the line; refunded after cancelled and re-opening give nothing more', async () => {
    const { repos } = db();
    const store = await aConnectedStore(world, repos);
    await withTemplate(repos, store);
    const product = await createProduct(store, aSimpleProduct());
    const [item] = await assign(repos, store, product, 1);
    const orderId = await placeOrder(store, [{ product_id: product.id, quantity: 3 }], {
      staff_notes: 'VIP customer.',
    });
    await deliver(repos, store, 'store/order/created');
    expect(await repos.items.getItem(store.storeId, item!.id)).toMatchObject({ stock: -2, backordered: 2 });
    const [lineId] = await lineIds(store, orderId);

    await setOrderStatus(store, orderId, CANCELLED);
    expect(await deliver(repos, store, 'store/order/statusUpdated')).toMatchObject({
      outcomes: ['processed'],
    });
    expect(await repos.items.getItem(store.storeId, item!.id)).toMatchObject({
      stock: 1,
      backordered: 0,
      status: 'in_stock',
    });
    const ledger = await repos.history.listLedger(store.storeId, { itemId: item!.id });
    expect(ledger[0]).toMatchObject({
      kind: 'return',
      delta: 3,
      backorderedDelta: -2,
      idempotencyKey: `order:${orderId}:line:${lineId}:return`,
    });
    expect(await repos.orderLines.listOrderLines(store.storeId, orderId)).toMatchObject([
      { quantity: 3, backordered: 2, returnedQuantity: 3, returnedAt: TEST_NOW },
    ]);
    const notesAfterCancel = await staffNotes(store, orderId);
    expect(notesAfterCancel).toBe(
      [
        'VIP customer.',
        '',
        NOTE_START,
        'All backordered units of this order were given back (order cancelled or refunded).',
        'Backordered lines:',
        `- ${product.name} (SKU ${product.sku}): 3 ordered, 2 backordered — given back`,
        NOTE_END,
      ].join('\n'),
    );
    const totals = await repos.history.ledgerTotals(store.storeId, item!.id);

    for (const status of [REFUNDED, AWAITING_FULFILLMENT, CANCELLED]) {
      await setOrderStatus(store, orderId, status);
      await deliver(repos, store, 'store/order/statusUpdated');
      expect(await repos.items.getItem(store.storeId, item!.id)).toMatchObject({ stock: 1, backordered: 0 });
      expect(await repos.history.ledgerTotals(store.storeId, item!.id)).toEqual(totals);
      expect(await staffNotes(store, orderId)).toBe(notesAfterCancel);
    }
  });

  it('with restock on cancel off, a cancel gives nothing back', async () => {
    const { repos } = db();
    const store = await aConnectedStore(world, repos);
    await repos.settings.updateSettings(store.storeId, { restockOnCancel: false }, TEST_NOW);
    const product = await createProduct(store, aSimpleProduct());
    const [item] = await assign(repos, store, product, 1);
    const orderId = await placeOrder(store, [{ product_id: product.id, quantity: 3 }]);
    await deliver(repos, store, 'store/order/created');
    const notes = await staffNotes(store, orderId);
    expect(notes).toContain('3 ordered, 2 backordered');

    await setOrderStatus(store, orderId, CANCELLED);
    await deliver(repos, store, 'store/order/statusUpdated');
    expect(await repos.items.getItem(store.storeId, item!.id)).toMatchObject({ stock: -2, backordered: 2 });
    expect(await repos.orderLines.listOrderLines(store.storeId, orderId)).toMatchObject([
      { returnedQuantity: 0 },
    ]);
    expect(await staffNotes(store, orderId)).toBe(notes);
  });

  it('a cancel processed before its order’s created webhook still nets out: sale and give-back, once', async () => {
    const { repos } = db();
    const store = await aConnectedStore(world, repos);
    const product = await createProduct(store, aSimpleProduct());
    const [item] = await assign(repos, store, product, 0);
    const orderId = await placeOrder(store, [{ product_id: product.id, quantity: 2 }]);
    await setOrderStatus(store, orderId, CANCELLED);
    // Both webhooks are in the inbox; the status one is processed first.
    const status = await receive(repos, store, 'store/order/statusUpdated');
    const late = await receive(repos, store, 'store/order/created');

    expect(await processWebhook(store.deps, { storeId: store.storeId, inboxId: status[0]! })).toBe(
      'processed',
    );
    expect(await repos.items.getItem(store.storeId, item!.id)).toMatchObject({ stock: 0, backordered: 0 });
    const ledger = await repos.history.listLedger(store.storeId, { itemId: item!.id });
    expect(ledger.map((row) => [row.kind, row.delta, row.backorderedDelta])).toEqual([
      ['return', 2, -2],
      ['sale', -2, 2],
    ]);
    expect(await staffNotes(store, orderId)).toContain('2 ordered, 2 backordered — given back');

    expect(await processWebhook(store.deps, { storeId: store.storeId, inboxId: late[0]! })).toBe('processed');
    expect(await repos.history.ledgerTotals(store.storeId, item!.id)).toEqual({ delta: 0, rows: 2 });
    expect(await repos.orderLines.listOrderLines(store.storeId, orderId)).toMatchObject([
      { quantity: 2, returnedQuantity: 2 },
    ]);
  });

  it('an Incomplete order is no sale until it moves on to a placed status', async () => {
    const { repos } = db();
    const store = await aConnectedStore(world, repos);
    const product = await createProduct(store, aSimpleProduct());
    const [item] = await assign(repos, store, product, 5);
    const orderId = await placeOrder(store, [{ product_id: product.id, quantity: 2 }], { status_id: 0 });
    await deliver(repos, store, 'store/order/created');
    expect(await repos.items.getItem(store.storeId, item!.id)).toMatchObject({ stock: 5 });
    expect(await repos.orderLines.listOrderLines(store.storeId, orderId)).toEqual([]);

    await setOrderStatus(store, orderId, AWAITING_FULFILLMENT);
    await deliver(repos, store, 'store/order/statusUpdated');
    expect(await repos.items.getItem(store.storeId, item!.id)).toMatchObject({ stock: 3 });
    expect(await repos.orderLines.listOrderLines(store.storeId, orderId)).toHaveLength(1);
  });

  it('an outage is recorded on the entry and rethrown; the retry completes without applying twice', async () => {
    const { repos } = db();
    const store = await aConnectedStore(world, repos);
    await withTemplate(repos, store);
    const product = await createProduct(store, aSimpleProduct());
    const [item] = await assign(repos, store, product, 0);
    const orderId = await placeOrder(store, [{ product_id: product.id, quantity: 1 }]);
    const [inboxId] = await receive(repos, store, 'store/order/created');

    world.sandbox.faults.configure({ errorRate: 1 });
    try {
      await expect(
        processWebhook(store.deps, { storeId: store.storeId, inboxId: inboxId! }),
      ).rejects.toMatchObject({
        code: 'BIGCOMMERCE.SERVER_ERROR',
      });
    } finally {
      world.sandbox.faults.configure({ errorRate: 0 });
    }
    expect(await repos.inbox.get(store.storeId, inboxId!)).toMatchObject({
      processedAt: null,
      attempts: 1,
      lastError: expect.stringMatching(/^BIGCOMMERCE\.SERVER_ERROR: /),
    });
    expect(await repos.items.getItem(store.storeId, item!.id)).toMatchObject({ stock: 0 });

    // Next attempt: the sale lands, then writing the note fails (BigCommerce refuses the PUT once).
    const realUpdate = store.client.updateOrder;
    let failures = 0;
    const flaky = Object.create(store.client, {
      updateOrder: {
        value: async (...args: Parameters<typeof realUpdate>) => {
          if (failures++ === 0)
            throw Object.assign(new Error('PUT failed: 503'), { code: 'BIGCOMMERCE.SERVER_ERROR' });
          return realUpdate.apply(store.client, args);
        },
      },
    });
    const deps = { ...store.deps, storeOrders: createStoreOrders(async () => flaky) };
    await expect(processWebhook(deps, { storeId: store.storeId, inboxId: inboxId! })).rejects.toThrow(
      'PUT failed',
    );
    expect(await repos.items.getItem(store.storeId, item!.id)).toMatchObject({ stock: -1, backordered: 1 });
    expect(await staffNotes(store, orderId)).toBe('');

    expect(await processWebhook(deps, { storeId: store.storeId, inboxId: inboxId! })).toBe('processed');
    expect(await repos.items.getItem(store.storeId, item!.id)).toMatchObject({ stock: -1, backordered: 1 });
    expect(await repos.history.ledgerTotals(store.storeId, item!.id)).toEqual({ delta: -1, rows: 1 });
    expect(await staffNotes(store, orderId)).toContain('1 ordered, 1 backordered');
    expect(await repos.inbox.get(store.storeId, inboxId!)).toMatchObject({ attempts: 3, lastError: null });
  });

  it('entries of other stores, unknown scopes, app uninstalls and uninstalled stores are settled without work', async () => {
    const { repos } = db();
    const store = await aConnectedStore(world, repos);
    const stranger = await aConnectedStore(world, repos);
    const product = await createProduct(store, aSimpleProduct());
    const [item] = await assign(repos, store, product, 5);
    const orderId = await placeOrder(store, [{ product_id: product.id, quantity: 1 }]);
    const [created] = await receive(repos, store, 'store/order/created');

    // Another store cannot have this store's entry processed, by guessing its id.
    expect(await processWebhook(stranger.deps, { storeId: stranger.storeId, inboxId: created! })).toBe(
      'not_found',
    );
    expect(await repos.inbox.get(stranger.storeId, created!)).toBeNull();

    const record = async (scope: string, data: Record<string, unknown>) =>
      (
        await repos.inbox.record(store.storeId, {
          eventHash: `${scope}:${JSON.stringify(data)}`,
          scope,
          payload: { scope, data },
          receivedAt: TEST_NOW,
        })
      ).id;
    const updated = await record('store/order/updated', { type: 'order', id: orderId });
    expect(await processWebhook(store.deps, { storeId: store.storeId, inboxId: updated })).toBe('ignored');
    const uninstalled = await record('store/app/uninstalled', { type: 'store', id: '1' });
    expect(await processWebhook(store.deps, { storeId: store.storeId, inboxId: uninstalled })).toBe(
      'processed',
    );

    await repos.stores.markUninstalled(store.storeId, TEST_NOW);
    expect(await processWebhook(store.deps, { storeId: store.storeId, inboxId: created! })).toBe(
      'store_not_connected',
    );
    expect((await repos.inbox.get(store.storeId, created!))?.processedAt).toEqual(TEST_NOW);
    expect(await repos.items.getItem(store.storeId, item!.id)).toMatchObject({ stock: 5 });
  });

  it('a payload without what its scope needs is refused with a code and changes nothing', async () => {
    const { repos } = db();
    const store = await aConnectedStore(world, repos);
    const { id } = await repos.inbox.record(store.storeId, {
      eventHash: 'bad-status',
      scope: 'store/order/statusUpdated',
      payload: { scope: 'store/order/statusUpdated', data: { type: 'order', id: 12 } },
      receivedAt: TEST_NOW,
    });
    await expect(processWebhook(store.deps, { storeId: store.storeId, inboxId: id })).rejects.toMatchObject({
      code: 'WEBHOOK.INVALID_PAYLOAD',
    });
    expect(await repos.inbox.get(store.storeId, id)).toMatchObject({
      processedAt: null,
      lastError: expect.stringContaining('WEBHOOK.INVALID_PAYLOAD'),
    });
    await expect(
      processWebhookJob(store.deps).handler(
        { storeId: 'x' },
        { id: 'j', name: 'webhook.process', attempt: 1 },
      ),
    ).rejects.toMatchObject({
      code: 'JOB.INVALID_PAYLOAD',
      message: expect.stringContaining('webhook.process'),
    });
  });
});
