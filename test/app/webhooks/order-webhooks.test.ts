import { describe, expect, it } from 'vitest';
import { NOTE_END, NOTE_START } from '../../../src/app/orders/packing-slip-note.js';
import { handleOrderCreated } from '../../../src/app/webhooks/order-created.js';
import { processWebhook } from '../../../src/app/webhooks/process-webhook.js';
import { aCatalogProduct, anOrder, aSizedProduct } from '../../builders/catalog.builder.js';
import { orderCreated, orderStatusUpdated } from '../../builders/webhook.builder.js';
import {
  aStoreOnFakes,
  assigned,
  deliver,
  receive,
  type StoreOnFakes,
  TEST_NOW,
} from '../support/store-on-fakes.js';

/**
 * The order webhooks on fakes: sales recorded from the order's lines, give-backs on cancel or refund,
 * the packing-slip staff note. Against the sandbox and the databases: order-webhooks.integration.test.ts.
 */
const TEMPLATE = { packingSlipMessage: 'Backordered units ship separately. {backordered} units owed.' };

/** A product without options, assigned with the given stock. */
async function anAssignedProduct(world: StoreOnFakes, stock: number) {
  const product = world.shop.addProduct(aCatalogProduct());
  const [item] = await assigned(world, product, stock);
  return { product, item: item! };
}

const itemOf = async (world: StoreOnFakes, itemId: number) =>
  world.repos.items.getItem(world.storeId, itemId);

describe('store/order/created', () => {
  it('records the sale of each line of an assigned product: stock, B, ledger, order line, staff note, effects queued', async () => {
    const world = await aStoreOnFakes({ template: TEMPLATE });
    const { product, item } = await anAssignedProduct(world, 2);
    const order = world.shop.addOrder(anOrder([{ bcProductId: product.id, quantity: 3 }]));
    const line = order.lines[0]!;
    const inboxId = (await receive(world, orderCreated(order.id)))!;

    expect(await processWebhook(world.deps, { storeId: world.storeId, inboxId })).toBe('processed');

    expect(await itemOf(world, item.id)).toMatchObject({ stock: -1, backordered: 1, status: 'backorder' });
    const [sale] = await world.repos.history.listLedger(world.storeId, { itemId: item.id });
    expect(sale).toMatchObject({
      kind: 'sale',
      delta: -3,
      backorderedDelta: 1,
      idempotencyKey: `order:${order.id}:line:${line.id}:sale`,
      causeType: 'order_line',
      causeRef: `order:${order.id}:line:${line.id}`,
      actor: 'bigcommerce',
    });
    expect(await world.repos.orderLines.listOrderLines(world.storeId, order.id)).toMatchObject([
      { bcOrderProductId: line.id, itemId: item.id, quantity: 3, backordered: 1, returnedQuantity: 0 },
    ]);
    expect(world.shop.order(order.id)?.staffNotes).toBe(
      [
        NOTE_START,
        'Backordered units ship separately. 1 units owed.',
        'Backordered lines:',
        `- ${product.name} (SKU ${product.sku}): 3 ordered, 1 backordered`,
        NOTE_END,
      ].join('\n'),
    );
    // in_stock → backorder has effects (purchasability, "backorder enabled"): their delivery is asked for.
    expect(world.jobs.sent.map((job) => [job.name, job.payload])).toEqual([
      ['outbox.urgent', { storeId: world.storeId }],
      ['outbox.deliver', { storeId: world.storeId }],
      ['notifications.flush', { storeId: world.storeId }],
    ]);
    expect(await world.repos.inbox.get(world.storeId, inboxId)).toMatchObject({
      processedAt: TEST_NOW,
      lastError: null,
      attempts: 1,
    });
  });

  it('the sale that takes B to T asks for the urgent delivery of its disabling write before writing the staff note (issue 9.1)', async () => {
    const world = await aStoreOnFakes({ template: TEMPLATE });
    const product = world.shop.addProduct(aCatalogProduct());
    const [item] = await assigned(world, product, 0, { threshold: 2 });
    world.jobs.clear();
    // What the store's order looked like when each job was queued.
    const notesWhenQueued: (string | undefined)[] = [];
    const order = world.shop.addOrder(anOrder([{ bcProductId: product.id, quantity: 2 }]));
    const send = world.jobs.send.bind(world.jobs);
    world.jobs.send = async (name, payload, options) => {
      if (name === 'outbox.urgent') notesWhenQueued.push(world.shop.order(order.id)?.staffNotes);
      return send(name, payload, options);
    };

    await deliver(world, orderCreated(order.id));

    expect(await itemOf(world, item!.id)).toMatchObject({ backordered: 2, status: 'unavailable' });
    expect(notesWhenQueued).toEqual(['']);
    expect(world.shop.order(order.id)?.staffNotes).toContain(NOTE_START);
    // Asked once: processWebhook does not ask again for the same effects.
    expect(world.jobs.named('outbox.urgent')).toHaveLength(1);
    const urgent = (await world.repos.outbox.listPending(world.storeId, 100)).filter((m) => m.urgent);
    expect(urgent.map((m) => [m.kind, m.payload.effect])).toEqual([
      ['setPurchasable', { kind: 'setPurchasable', purchasable: false }],
    ]);
  });

  it('takes the line’s variant, ignores products not assigned, and keeps the merchant’s own notes', async () => {
    const world = await aStoreOnFakes({
      template: { packingSlipMessage: 'Part of this order ships later.' },
    });
    const sized = world.shop.addProduct(aSizedProduct({ S: 0, M: 0, L: 0 }, { sku: 'TEE' }));
    const other = world.shop.addProduct(aCatalogProduct());
    const items = await assigned(world, sized, { 'TEE-S': 5, 'TEE-M': 0, 'TEE-L': 1 });
    const [s, m, l] = sized.variants;
    const order = world.shop.addOrder(
      anOrder(
        [
          { bcProductId: sized.id, bcVariantId: m!.id, quantity: 2 },
          { bcProductId: sized.id, bcVariantId: l!.id, quantity: 1 },
          { bcProductId: other.id, quantity: 4 },
        ],
        { staffNotes: 'Leave at the door.' },
      ),
    );

    await deliver(world, orderCreated(order.id));

    const itemFor = (variantId: number) => items.find((i) => i.bcVariantId === variantId)!;
    expect(await itemOf(world, itemFor(m!.id).id)).toMatchObject({ stock: -2, backordered: 2 });
    expect(await itemOf(world, itemFor(l!.id).id)).toMatchObject({ stock: 0, backordered: 0 });
    expect(await itemOf(world, itemFor(s!.id).id)).toMatchObject({ stock: 5, backordered: 0 });
    const lines = await world.repos.orderLines.listOrderLines(world.storeId, order.id);
    expect(lines.map((x) => [x.itemId, x.quantity, x.backordered])).toEqual([
      [itemFor(m!.id).id, 2, 2],
      [itemFor(l!.id).id, 1, 0],
    ]);
    expect(await world.repos.items.findItemByBcIds(world.storeId, other.id, null)).toBeNull();
    expect(world.shop.order(order.id)?.staffNotes).toBe(
      [
        'Leave at the door.',
        '',
        NOTE_START,
        'Part of this order ships later.',
        'Backordered lines:',
        `- ${sized.name} (Size: M) (SKU TEE-M): 2 ordered, 2 backordered`,
        NOTE_END,
      ].join('\n'),
    );
  });

  it('leaves custom lines, gift certificates and products not assigned alone: no sale, no note', async () => {
    const world = await aStoreOnFakes();
    const other = world.shop.addProduct(aCatalogProduct());
    const order = world.shop.addOrder(
      anOrder([
        { bcProductId: other.id, quantity: 1 },
        { custom: 'Engraving', quantity: 1 },
        { giftCertificate: 'Gift card' },
      ]),
    );

    expect(await deliver(world, orderCreated(order.id))).toBe('processed');

    expect(await world.repos.orderLines.listOrderLines(world.storeId, order.id)).toEqual([]);
    expect(world.shop.writes).toEqual([]);
    expect(world.jobs.sent).toEqual([]);
  });

  it('is no sale while the order is Incomplete; moving on to a placed status makes it one', async () => {
    const world = await aStoreOnFakes();
    const { product, item } = await anAssignedProduct(world, 5);
    const order = world.shop.addOrder(
      anOrder([{ bcProductId: product.id, quantity: 2 }], { status: 'incomplete' }),
    );

    await deliver(world, orderCreated(order.id));
    expect(await itemOf(world, item.id)).toMatchObject({ stock: 5 });
    expect(await world.repos.orderLines.listOrderLines(world.storeId, order.id)).toEqual([]);

    world.shop.setOrderStatus(order.id, 'awaitingFulfillment');
    await deliver(world, orderStatusUpdated(order.id, 'incomplete', 'awaitingFulfillment'));
    expect(await itemOf(world, item.id)).toMatchObject({ stock: 3 });
    expect(await world.repos.orderLines.listOrderLines(world.storeId, order.id)).toHaveLength(1);
  });

  it('remembers who placed the order with its lines, whichever webhook first records the sale', async () => {
    const world = await aStoreOnFakes();
    const { product } = await anAssignedProduct(world, 0);
    const placed = world.shop.addOrder(
      anOrder([{ bcProductId: product.id, quantity: 1 }], {
        customer: { firstName: 'Zoë', lastName: 'Łukasik' },
      }),
    );
    const checkout = world.shop.addOrder(
      anOrder([{ bcProductId: product.id, quantity: 2 }], {
        status: 'incomplete',
        customer: { firstName: 'Ana', lastName: 'Ruiz' },
      }),
    );
    const nobody = world.shop.addOrder(anOrder([{ bcProductId: product.id, quantity: 1 }]));

    await deliver(world, orderCreated(placed.id));
    await deliver(world, orderCreated(checkout.id));
    world.shop.setOrderStatus(checkout.id, 'awaitingFulfillment');
    await deliver(world, orderStatusUpdated(checkout.id, 'incomplete', 'awaitingFulfillment'));
    await deliver(world, orderCreated(nobody.id));

    const orders = await world.repos.orderReport.listBackorderedOrders(world.storeId);
    expect(orders.map((o) => [o.bcOrderId, o.customerName])).toEqual([
      [nobody.id, null],
      [checkout.id, 'Ana Ruiz'],
      [placed.id, 'Zoë Łukasik'],
    ]);
  });

  it('settles an order deleted before its webhook is processed: there is nothing to count', async () => {
    const world = await aStoreOnFakes();
    const { product, item } = await anAssignedProduct(world, 5);
    const order = world.shop.addOrder(anOrder([{ bcProductId: product.id, quantity: 2 }]));
    world.shop.deleteOrder(order.id);

    expect(await deliver(world, orderCreated(order.id))).toBe('processed');
    expect(await itemOf(world, item.id)).toMatchObject({ stock: 5 });
  });

  it('an order deleted after its one read: its sales count from that read, the staff note finds it gone', async () => {
    const world = await aStoreOnFakes({ template: TEMPLATE });
    const { product, item } = await anAssignedProduct(world, 0);
    const order = world.shop.addOrder(anOrder([{ bcProductId: product.id, quantity: 2 }]));
    const inboxId = (await receive(world, orderCreated(order.id)))!;
    const orders = world.deps.storeOrders;
    const deleting: typeof orders = {
      getOrder: (storeId, orderId) => orders.getOrder(storeId, orderId),
      getOrderLines: (storeId, orderId) => orders.getOrderLines(storeId, orderId),
      listOrdersWithLines: (storeId, range) => orders.listOrdersWithLines(storeId, range),
      getShippingAddresses: (storeId, orderId) => orders.getShippingAddresses(storeId, orderId),
      getOrderWithLines: async (storeId, orderId) => {
        const read = await orders.getOrderWithLines(storeId, orderId);
        world.shop.deleteOrder(orderId);
        return read;
      },
      writeStaffNotes: (storeId, orderId, notes) => orders.writeStaffNotes(storeId, orderId, notes),
    };
    world.shop.calls.length = 0;

    expect(
      await processWebhook({ ...world.deps, storeOrders: deleting }, { storeId: world.storeId, inboxId }),
    ).toBe('processed');
    expect(await itemOf(world, item.id)).toMatchObject({ stock: -2, backordered: 2 });
    // One read of the order with its lines; the note's write answers that the order is gone.
    expect(world.shop.calls).toEqual(['getOrderWithLines', 'writeStaffNotes']);
  });

  it('processing the same order again — a second job, a redelivery, a crash before marking — changes nothing', async () => {
    const world = await aStoreOnFakes({ template: TEMPLATE });
    const { product, item } = await anAssignedProduct(world, 0);
    const order = world.shop.addOrder(anOrder([{ bcProductId: product.id, quantity: 2 }]));
    const delivery = orderCreated(order.id);
    const inboxId = (await receive(world, delivery))!;
    await processWebhook(world.deps, { storeId: world.storeId, inboxId });
    const snapshot = async () => ({
      item: await itemOf(world, item.id),
      ledger: await world.repos.history.ledgerTotals(world.storeId, item.id),
      lines: await world.repos.orderLines.listOrderLines(world.storeId, order.id),
      notes: world.shop.order(order.id)?.staffNotes,
      outbox: (await world.repos.outbox.listPending(world.storeId)).length,
    });
    const before = await snapshot();
    expect(before.item).toMatchObject({ stock: -2, backordered: 2 });
    world.jobs.clear();

    // A second job for the same entry; BigCommerce delivering the same event again.
    expect(await processWebhook(world.deps, { storeId: world.storeId, inboxId })).toBe('already_processed');
    expect(await receive(world, delivery)).toBeNull();
    // A job that applied everything but died before marking the entry processed runs the handler again.
    await handleOrderCreated(world.deps, {
      storeId: world.storeId,
      inboxId,
      scope: 'store/order/created',
      event: { kind: 'orderCreated', orderId: order.id },
      now: TEST_NOW,
    });

    expect(await snapshot()).toEqual(before);
    expect(world.jobs.sent).toEqual([]);
    // The note is not written again: the text is already there.
    expect(world.shop.staffNoteWrites()).toHaveLength(1);
  });

  it('records an outage on the entry and rethrows; the retry completes without applying twice', async () => {
    const world = await aStoreOnFakes({ template: TEMPLATE });
    const { product, item } = await anAssignedProduct(world, 0);
    const order = world.shop.addOrder(anOrder([{ bcProductId: product.id, quantity: 1 }]));
    const inboxId = (await receive(world, orderCreated(order.id)))!;
    const process = () => processWebhook(world.deps, { storeId: world.storeId, inboxId });

    world.shop.goDown();
    await expect(process()).rejects.toMatchObject({ code: 'BIGCOMMERCE.SERVER_ERROR' });
    world.shop.recover();
    expect(await world.repos.inbox.get(world.storeId, inboxId)).toMatchObject({
      processedAt: null,
      attempts: 1,
      lastError: expect.stringMatching(/^BIGCOMMERCE\.SERVER_ERROR: /),
    });
    expect(await itemOf(world, item.id)).toMatchObject({ stock: 0 });

    // Next attempt: the sale lands, then writing the note fails.
    world.shop.fail({ method: 'writeStaffNotes' });
    await expect(process()).rejects.toMatchObject({ code: 'BIGCOMMERCE.SERVER_ERROR' });
    expect(await itemOf(world, item.id)).toMatchObject({ stock: -1, backordered: 1 });
    expect(world.shop.order(order.id)?.staffNotes).toBe('');

    expect(await process()).toBe('processed');
    expect(await itemOf(world, item.id)).toMatchObject({ stock: -1, backordered: 1 });
    expect(await world.repos.history.ledgerTotals(world.storeId, item.id)).toEqual({ delta: -1, rows: 1 });
    expect(world.shop.order(order.id)?.staffNotes).toContain('1 ordered, 1 backordered');
    expect(await world.repos.inbox.get(world.storeId, inboxId)).toMatchObject({
      attempts: 3,
      lastError: null,
    });
  });
});

describe('store/order/statusUpdated', () => {
  it('a cancel gives back once: stock, B and the line; Refunded after it, or re-opening, gives nothing more', async () => {
    const world = await aStoreOnFakes({ template: TEMPLATE });
    const { product, item } = await anAssignedProduct(world, 1);
    const order = world.shop.addOrder(
      anOrder([{ bcProductId: product.id, quantity: 3 }], { staffNotes: 'VIP customer.' }),
    );
    const lineId = order.lines[0]!.id;
    await deliver(world, orderCreated(order.id));
    expect(await itemOf(world, item.id)).toMatchObject({ stock: -2, backordered: 2 });

    world.shop.setOrderStatus(order.id, 'cancelled');
    expect(await deliver(world, orderStatusUpdated(order.id, 'pending', 'cancelled'))).toBe('processed');

    expect(await itemOf(world, item.id)).toMatchObject({ stock: 1, backordered: 0, status: 'in_stock' });
    const [giveBack] = await world.repos.history.listLedger(world.storeId, { itemId: item.id });
    expect(giveBack).toMatchObject({
      kind: 'return',
      delta: 3,
      backorderedDelta: -2,
      idempotencyKey: `order:${order.id}:line:${lineId}:return`,
    });
    expect(await world.repos.orderLines.listOrderLines(world.storeId, order.id)).toMatchObject([
      { quantity: 3, backordered: 2, returnedQuantity: 3, returnedAt: TEST_NOW },
    ]);
    const notesAfterCancel = world.shop.order(order.id)?.staffNotes;
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
    const totals = await world.repos.history.ledgerTotals(world.storeId, item.id);

    const moves = [
      ['cancelled', 'refunded'],
      ['refunded', 'awaitingFulfillment'],
      ['awaitingFulfillment', 'cancelled'],
    ] as const;
    for (const [from, to] of moves) {
      world.shop.setOrderStatus(order.id, to);
      world.clock.advance(1_000);
      await deliver(world, orderStatusUpdated(order.id, from, to, { at: world.clock.now() }));
      expect(await itemOf(world, item.id)).toMatchObject({ stock: 1, backordered: 0 });
      expect(await world.repos.history.ledgerTotals(world.storeId, item.id)).toEqual(totals);
      expect(world.shop.order(order.id)?.staffNotes).toBe(notesAfterCancel);
    }
  });

  it('with restock on cancel off, a cancel gives nothing back', async () => {
    const world = await aStoreOnFakes({ settings: { restockOnCancel: false } });
    const { product, item } = await anAssignedProduct(world, 1);
    const order = world.shop.addOrder(anOrder([{ bcProductId: product.id, quantity: 3 }]));
    await deliver(world, orderCreated(order.id));
    const notes = world.shop.order(order.id)?.staffNotes;
    expect(notes).toContain('3 ordered, 2 backordered');

    world.shop.setOrderStatus(order.id, 'cancelled');
    await deliver(world, orderStatusUpdated(order.id, 'pending', 'cancelled'));

    expect(await itemOf(world, item.id)).toMatchObject({ stock: -2, backordered: 2 });
    expect(await world.repos.orderLines.listOrderLines(world.storeId, order.id)).toMatchObject([
      { returnedQuantity: 0 },
    ]);
    expect(world.shop.order(order.id)?.staffNotes).toBe(notes);
  });

  it('a cancel processed before its order’s created webhook still nets out: sale and give-back, once', async () => {
    const world = await aStoreOnFakes();
    const { product, item } = await anAssignedProduct(world, 0);
    const order = world.shop.addOrder(anOrder([{ bcProductId: product.id, quantity: 2 }]));
    world.shop.setOrderStatus(order.id, 'cancelled');
    const status = (await receive(world, orderStatusUpdated(order.id, 'pending', 'cancelled')))!;
    const created = (await receive(world, orderCreated(order.id)))!;

    expect(await processWebhook(world.deps, { storeId: world.storeId, inboxId: status })).toBe('processed');
    expect(await itemOf(world, item.id)).toMatchObject({ stock: 0, backordered: 0 });
    const ledger = await world.repos.history.listLedger(world.storeId, { itemId: item.id });
    expect(ledger.map((row) => [row.kind, row.delta, row.backorderedDelta])).toEqual([
      ['return', 2, -2],
      ['sale', -2, 2],
    ]);
    expect(world.shop.order(order.id)?.staffNotes).toContain('2 ordered, 2 backordered — given back');

    // The created webhook finds the order cancelled: nothing more.
    expect(await processWebhook(world.deps, { storeId: world.storeId, inboxId: created })).toBe('processed');
    expect(await world.repos.history.ledgerTotals(world.storeId, item.id)).toEqual({ delta: 0, rows: 2 });
  });

  it('gives back what was recorded of an order deleted in BigCommerce since', async () => {
    const world = await aStoreOnFakes();
    const { product, item } = await anAssignedProduct(world, 0);
    const order = world.shop.addOrder(anOrder([{ bcProductId: product.id, quantity: 2 }]));
    await deliver(world, orderCreated(order.id));
    world.shop.deleteOrder(order.id);

    expect(await deliver(world, orderStatusUpdated(order.id, 'pending', 'refunded'))).toBe('processed');

    expect(await itemOf(world, item.id)).toMatchObject({ stock: 0, backordered: 0 });
    expect(world.shop.staffNoteWrites()).toHaveLength(1);
  });

  it('does nothing for status changes that neither place nor give back an order', async () => {
    const world = await aStoreOnFakes();
    const { product, item } = await anAssignedProduct(world, 5);
    const order = world.shop.addOrder(anOrder([{ bcProductId: product.id, quantity: 2 }]));
    await deliver(world, orderCreated(order.id));
    world.shop.calls.length = 0;

    world.shop.setOrderStatus(order.id, 'shipped');
    await deliver(world, orderStatusUpdated(order.id, 'pending', 'shipped'));
    world.shop.setOrderStatus(order.id, 'partiallyRefunded');
    await deliver(world, orderStatusUpdated(order.id, 'shipped', 'partiallyRefunded'));

    expect(await itemOf(world, item.id)).toMatchObject({ stock: 3 });
    expect(world.shop.calls).toEqual([]);
  });
});
